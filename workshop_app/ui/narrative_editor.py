"""The narrative editor: write up one priority (a cluster or a card) as it will print, tag its
wellbeing outcomes, and keep the lived-experience stories told about it, consent applied."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import outcomes
from workshop_app.core.narratives import (
    NarrativeFields,
    NarrativeInfo,
    preview_sections,
    word_count,
    words_hint,
)
from workshop_app.core.operations import Operation, tables_of
from workshop_app.core.operations import narratives as ops
from workshop_app.core.operations import people as people_ops
from workshop_app.core.participants import ParticipantInfo
from workshop_app.core.records import Change
from workshop_app.errors import AppError
from workshop_app.ui.narrative_form import NarrativeForm
from workshop_app.ui.narrative_html import sections_html
from workshop_app.ui.narrative_panels import NarrativePreview, StoriesPanel
from workshop_app.ui.screen_fit import fit_to_screen
from workshop_app.ui.workshop_session import WorkshopSession


class NarrativeEditor(QDialog):
    """One priority's narrative: the form on the left, the preview and the stories on the
    right; every save is one undoable operation through the session."""

    def __init__(
        self,
        session: WorkshopSession,
        target_kind: str,
        target_id: str,
        title: str,
        projector: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("narrativeEditor")
        self.session = session
        self.target_kind = target_kind
        self.target_id = target_id
        self.priority_title = title
        self._projector = projector
        self.setWindowTitle(self.tr("Narrative: %s") % title[:60])
        fit_to_screen(self, 1180, 780)
        wid = session.workshop_id
        self.info: NarrativeInfo | None = session.read(ops.narrative_for(target_kind, target_id))
        self.participants: list[ParticipantInfo] = session.read(people_ops.list_participants(wid))

        heading = QLabel(title)
        heading.setObjectName("narrativeHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")

        self.form = NarrativeForm(self._changed)
        self.edits = self.form.edits
        self.community = self.form.community
        self.outcome_box, self.outcome_layout = self.form.outcome_box, self.form.outcome_layout
        self.outcome_checks: dict[str, QCheckBox] = {}
        self.outcome_set_combo: QComboBox | None = None
        self._built_for: tuple[str, str, tuple[str, ...]] | None = None  # the set boxes show
        preview_box = NarrativePreview()
        self.words, self.preview = preview_box.words, preview_box.preview
        stories_box = self._stories_panel()

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(preview_box)
        right.addWidget(stories_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.form)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([600, 560])

        buttons = self._buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._loading = True
        self._fill(self.info)
        # The priority's own tags (what Ctrl+Shift+O ticked), even before a narrative exists.
        self._build_outcomes(self._priority_outcomes())
        self._loading = False
        self._saved_state = self._state()
        self.stories.refresh()
        self.stories.draft_changed()
        self._changed()
        QTimer.singleShot(0, self.edits["issue"].setFocus)
        session.changed.connect(self._outside_change)

    def _buttons(self) -> QHBoxLayout:
        """The message line, the saved status, and the projector, save and close buttons."""
        self.message = QLabel()
        self.message.setObjectName("captureMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.status = QLabel()
        self.status.setObjectName("narrativeStatus")
        self.project_button = QPushButton(self.tr("Show on p&rojector"))
        self.project_button.setObjectName("showOnProjector")
        self.project_button.setToolTip(self.tr("Show this narrative on the projector window"))
        self.project_button.clicked.connect(self.show_on_projector)
        self.save_button = QPushButton(self.tr("&Save (Ctrl+S)"))
        self.save_button.setObjectName("saveNarrative")
        self.save_button.setToolTip(self.tr("Save the narrative and its outcomes (Ctrl+S)"))
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.setToolTip(self.tr("Close the editor; unsaved changes are asked about first"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.project_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        save_action = QAction(self)
        save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        save_action.triggered.connect(self.save)
        self.addAction(save_action)
        return buttons

    def _stories_panel(self) -> StoriesPanel:
        target = (self.session.workshop_id, self.target_kind, self.target_id)
        panel = StoriesPanel(self.session, target, self.participants, self._perform)
        self.stories = panel
        for name in (
            "story_list",
            "story_text",
            "teller",
            "publish",
            "consent_note",
            "story_warnings",
            "add_story_button",
            "story_publish_button",
            "story_remove_button",
        ):
            setattr(self, name, getattr(panel, name))
        return panel

    # --- state ------------------------------------------------------------------------------
    def _fill(self, info: NarrativeInfo | None) -> None:
        values = info.fields if info else NarrativeFields()
        for key, edit in self.edits.items():
            edit.setPlainText(getattr(values, key))
        self.community.setCurrentIndex(max(0, self.community.findData(values.community_led)))

    def fields(self) -> NarrativeFields:
        return NarrativeFields(
            **{key: edit.toPlainText() for key, edit in self.edits.items()},
            community_led=self.community.currentData() or "",
        )

    def chosen_outcomes(self) -> list[str]:
        return [key for key, box in self.outcome_checks.items() if box.isChecked()]

    def _state(self) -> tuple:
        return (self.fields(), tuple(self.chosen_outcomes()))

    @property
    def dirty(self) -> bool:
        return self._state() != self._saved_state

    def _outcome_set(self) -> outcomes.OutcomeSet | None:
        return self.session.read(ops.outcome_set(self.session.workshop_id))

    def _priority_outcomes(self) -> list[str]:
        wid, kind, tid = self.session.workshop_id, self.target_kind, self.target_id
        return self.session.read(ops.outcomes_of(wid, kind, tid))[1]

    def _outside_change(self, change: Change) -> None:
        """Tags changed elsewhere (Ctrl+Shift+O, undo, another set): show them, unless the
        outcome boxes here have unsaved ticks."""
        if not {"outcome_tags", "workshops"} & tables_of(change):
            return
        now = self._outcome_set()
        switched = (now.id, now.version, now.keys) != self._built_for if now else False
        if not switched and tuple(self.chosen_outcomes()) != self._saved_state[1]:
            return  # unsaved ticks here win (a switched set's boxes are rebuilt regardless)
        ticked = self._priority_outcomes()
        self._loading = True
        self._build_outcomes(ticked)
        self._loading = False
        self._saved_state = (self._saved_state[0], tuple(self.chosen_outcomes()))
        self._changed()

    def _build_outcomes(self, ticked: list[str]) -> None:
        while self.outcome_layout.count():
            item = self.outcome_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.outcome_checks = {}
        self.outcome_set_combo = None
        outcome_set = self._outcome_set()
        self._built_for = (
            (outcome_set.id, outcome_set.version, outcome_set.keys) if outcome_set else None
        )
        if outcome_set is None:
            hint = QLabel(self.tr("Choose the set of wellbeing outcomes this workshop tags with:"))
            hint.setWordWrap(True)
            combo = QComboBox()
            combo.setObjectName("outcomeSetChoice")
            combo.setAccessibleName(self.tr("Outcome set"))
            combo.addItem(self.tr("Choose an outcome set…"), None)
            for set_id, preset in outcomes.preset_sets().items():
                combo.addItem(preset.name, set_id)
            combo.activated.connect(lambda _i: self.choose_outcome_set(combo.currentData()))
            self.outcome_layout.addWidget(hint, 0, 0, 1, 2)
            self.outcome_layout.addWidget(combo, 1, 0, 1, 2)
            self.outcome_set_combo = combo
            self.outcome_box.setTitle(self.tr("Wellbeing outcomes"))
            return
        self.outcome_box.setTitle(
            self.tr("Wellbeing outcomes (%1)").replace("%1", outcome_set.name)
        )
        self.outcome_box.setToolTip(
            self.tr("The priority's outcomes, as Board > Outcomes (Ctrl+Shift+O) shows them.")
        )
        for i, (key, label) in enumerate(outcome_set.outcomes):
            box = QCheckBox(label)
            box.setObjectName(f"outcome_{key}")
            box.setAccessibleDescription(
                self.tr("Tick if this priority would improve %1").replace("%1", label)
            )
            box.setChecked(key in ticked)
            box.toggled.connect(self._changed)
            self.outcome_layout.addWidget(box, i, 0)
            self.outcome_checks[key] = box

    def choose_outcome_set(self, set_id: str | None) -> bool:
        if not set_id:
            return False
        if not self._perform(ops.choose_outcome_set(self.session.workshop_id, set_id)):
            return False
        ticked = self.chosen_outcomes()
        self._build_outcomes(ticked)
        if self.outcome_checks:
            next(iter(self.outcome_checks.values())).setFocus()
        self._changed()
        return True

    # --- live feedback ----------------------------------------------------------------------
    def _draft_info(self) -> NarrativeInfo:
        outcome_set = self._outcome_set()
        keys = tuple(self.chosen_outcomes())
        labels = tuple(outcome_set.label(k) if outcome_set else k for k in keys)
        return NarrativeInfo(
            self.info.id if self.info else "",
            self.session.workshop_id,
            self.target_kind,
            self.target_id,
            self.priority_title,
            self.fields(),
            keys,
            labels,
            self.info.updated_at if self.info else "",
        )

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        values = self.fields()
        count = word_count(values)
        self.words.setText(words_hint(count))
        sections = preview_sections(self._draft_info())
        if sections:
            self.preview.setHtml(sections_html(sections))
        else:
            self.preview.setPlainText(self.tr("Nothing written yet: the preview appears here."))
        if self.dirty:
            self.status.setText(self.tr("Not saved yet"))

    # --- saving -----------------------------------------------------------------------------
    def _perform(self, operation: Operation[object]) -> bool:
        """Run through the session (one transaction, undoable); errors show in one line here."""
        try:
            self.session.run(operation)
        except AppError as exc:
            self.show_message(exc.message)
            return False
        self.message.hide()
        return True

    def show_message(self, text: str) -> None:
        self.message.setText(" ".join(text.split()))
        self.message.show()

    def save(self) -> bool:
        if not self.dirty and self.info is not None:
            return True
        values, keys = self.fields(), self.chosen_outcomes()
        wid, kind, tid = self.session.workshop_id, self.target_kind, self.target_id
        # Tags are the priority's: written only when ticked differently here, so tags set
        # meanwhile with Ctrl+Shift+O are never overwritten by an unchanged box.
        changed = tuple(keys) != self._saved_state[1]
        with_tags = keys if self.outcome_checks and changed else None
        operation = ops.save_narrative(wid, kind, tid, values, with_tags, self.info is None)
        try:
            self.info = self.session.run(operation)
        except AppError as exc:
            self.show_message(exc.message)
            return False
        self.message.hide()
        self._saved_state = (values, tuple(keys))
        self.status.setText(self.tr("Saved at %s") % datetime.now().strftime("%H:%M:%S"))
        return True

    def show_on_projector(self) -> None:
        if self.dirty and not self.save():
            return
        projector = self._projector() if self._projector else None
        if projector is None:
            self.show_message(self.tr("The projector window could not be opened."))
            return
        projector.show_narrative(self.info or self._draft_info())
        self.activateWindow()

    def reject(self) -> None:
        if self.story_text.toPlainText().strip():
            answer = QMessageBox.question(
                self,
                self.tr("Story not added"),
                self.tr("The story you typed has not been added yet. Add it before closing?"),
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes and not self.add_story():
                return
        if self.dirty:
            answer = QMessageBox.question(
                self,
                self.tr("Unsaved narrative"),
                self.tr("Save the changes to this narrative before closing?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                return
        super().reject()

    # --- stories ----------------------------------------------------------------------------

    # --- stories (the panel acts; these are the editor's named actions) ----------------------
    def add_story(self) -> bool:
        return self.stories.add_story()

    def toggle_story_publication(self) -> bool:
        return self.stories.toggle_publication()

    def remove_story(self) -> bool:
        return self.stories.remove_story()

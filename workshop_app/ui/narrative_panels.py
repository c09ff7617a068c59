"""The narrative editor's right-hand side: the preview as it will print, and the stories."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from workshop_app.core import stories
from workshop_app.core.consent import attribution
from workshop_app.core.operations import Operation
from workshop_app.core.operations import narratives as ops
from workshop_app.core.participants import ParticipantInfo
from workshop_app.ui.narrative_form import ShortText
from workshop_app.ui.workshop_session import WorkshopSession


class NarrativePreview(QGroupBox):
    """The word count and the narrative as it will print."""

    def __init__(self) -> None:
        super().__init__(self.tr("Preview, as it will print"))
        self.words = QLabel()
        self.words.setObjectName("wordCount")
        self.words.setAccessibleName(self.tr("Word count"))
        self.words.setStyleSheet("font-weight: bold;")
        self.preview = QTextBrowser()
        self.preview.setObjectName("narrativePreview")
        self.preview.setAccessibleName(self.tr("Preview as it will print"))
        self.preview.setAccessibleDescription(
            self.tr("The narrative as the report will print it, updated as you type")
        )
        self.preview.setOpenLinks(False)
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.words)
        layout.addWidget(self.preview, 1)


class StoriesPanel(QGroupBox):
    """The stories told about a priority: the list, publish or remove the selected one, and a
    new story with who told it (consent decides what may be published). Each change is one
    operation run through the editor's `perform`, which shows any error in the editor."""

    def __init__(
        self,
        session: WorkshopSession,
        target: tuple[str, str, str],
        participants: list[ParticipantInfo],
        perform: Callable[[Operation[object]], bool],
    ) -> None:
        super().__init__(self.tr("Stories"))
        self._session = session
        self._target = target  # workshop id, target kind, target id
        self._perform = perform
        self.participants = participants
        on_draft = self.draft_changed
        self.story_list = QListWidget()
        self.story_list.setObjectName("storyList")
        self.story_list.setAccessibleName(self.tr("Stories told about this priority"))
        self.story_list.setAccessibleDescription(
            self.tr("Each story, who told it and whether it may be published")
        )
        self.story_list.setWordWrap(True)
        self.story_text = ShortText(self.tr("Story text"), 3)
        self.story_text.setObjectName("storyText")
        self.story_text.setPlaceholderText(self.tr("A story someone told, in their words"))
        self.story_text.setAccessibleDescription(self.story_text.placeholderText())
        self.story_text.textChanged.connect(on_draft)
        self.teller = QComboBox()
        self.teller.setObjectName("storyTeller")
        self.teller.setAccessibleName(self.tr("Who told it (participant code)"))
        self.teller.setAccessibleDescription(
            self.tr("Pick the teller's code; how they may be credited follows their consent")
        )
        self.teller.addItem(self.tr("Nobody named"), None)
        for p in participants:
            self.teller.addItem(self._teller_label(p), p.id)
        self.teller.currentIndexChanged.connect(on_draft)
        self.publish = QCheckBox(self.tr("Mark for p&ublication"))
        self.publish.setObjectName("storyPublish")
        self.consent_note = QLabel()
        self.consent_note.setObjectName("consentNote")
        self.consent_note.setWordWrap(True)
        self.story_warnings = QLabel()
        self.story_warnings.setObjectName("storyWarnings")
        self.story_warnings.setWordWrap(True)
        self.story_warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.story_warnings.setStyleSheet(
            "color: #6B4500; background: #FFF4D6; border-radius: 4px; padding: 4px;"
        )
        self.add_story_button = QPushButton(self.tr("&Add story"))
        self.add_story_button.setToolTip(self.tr("Save the story typed above with its teller"))
        self.add_story_button.setObjectName("addStory")
        self._lay_out()
        self.add_story_button.clicked.connect(self.add_story)
        self.story_publish_button.clicked.connect(self.toggle_publication)
        self.story_remove_button.clicked.connect(self.remove_story)
        self.story_list.currentRowChanged.connect(self._selection_changed)

    def _lay_out(self) -> None:
        teller_row = QHBoxLayout()
        teller_label = QLabel(self.tr("T&old by:"))
        teller_label.setBuddy(self.teller)
        teller_row.addWidget(teller_label)
        teller_row.addWidget(self.teller, 1)
        teller_row.addWidget(self.publish)
        teller_row.addWidget(self.add_story_button)
        self.story_publish_button = QPushButton(self.tr("Publish / keep &internal"))
        self.story_publish_button.setToolTip(
            self.tr("Mark the selected story for publication, or keep it for internal use only")
        )
        self.story_remove_button = QPushButton(self.tr("Re&move story"))
        self.story_remove_button.setToolTip(self.tr("Remove the selected story (Ctrl+Z undoes)"))
        story_buttons = QHBoxLayout()
        for button in (self.story_publish_button, self.story_remove_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
            story_buttons.addWidget(button)
        story_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.story_list, 1)
        layout.addLayout(story_buttons)
        layout.addWidget(self.story_text)
        layout.addWidget(self.story_warnings)
        layout.addLayout(teller_row)
        layout.addWidget(self.consent_note)

    def _teller_label(self, person: ParticipantInfo) -> str:
        """The code, and how consent lets this person be credited: the facilitator picks the
        right person without the list naming anyone who asked not to be named."""
        credit = attribution(person.choices, person.name, person.area)
        if credit is None:
            return self.tr("%s — not to be quoted") % person.code
        if credit == "Anonymous":
            return self.tr("%s — anonymous") % person.code
        return f"{person.code} — {credit}"

    def teller_chosen(self) -> ParticipantInfo | None:
        pid = self.teller.currentData()
        return next((p for p in self.participants if p.id == pid), None)

    def draft_changed(self, *_args: Any) -> None:
        teller = self.teller_chosen()
        choices = teller.choices if teller else None
        may_publish = bool(choices and choices.may_publish)
        self.publish.setEnabled(may_publish)
        if not may_publish:
            self.publish.setChecked(False)
        credit = attribution(choices, teller.name, teller.area) if teller and choices else None
        if teller is None:
            note = self.tr(
                "Kept for internal use only: choose who told it, if they agreed to be quoted, "
                "to mark it for publication."
            )
        elif not may_publish:
            note = (
                self.tr(
                    "%s has not agreed to be quoted in a report or publicity: this story is kept "
                    "for internal use only."
                )
                % teller.code
            )
        else:
            note = self.tr("If published, it is credited: %s") % credit
        self.consent_note.setText(note)
        self.publish.setToolTip(note)
        warnings: list[str] = []
        if credit == "Anonymous":
            names = [p.name for p in self.participants if p.name]
            warnings = stories.identifying_warnings(self.story_text.toPlainText(), names)
        self.story_warnings.setText(
            "\n".join(self.tr("Check before publishing: %s") % w for w in warnings)
        )
        self.story_warnings.setVisible(bool(warnings))

    def refresh(self) -> None:
        wid, kind, tid = self._target
        found = self._session.read(ops.list_stories(wid, kind, tid))
        self.story_list.clear()
        for story in found:
            who = story.participant_code or self.tr("nobody named")
            if story.publish:
                status = self.tr("for publication, credited %s") % story.credit
            else:
                status = self.tr("internal only")
            item = QListWidgetItem(f"“{story.text}”  ({who}; {status})")
            item.setData(Qt.ItemDataRole.UserRole, (story.id, story.publish))
            self.story_list.addItem(item)
        if not found:
            self.story_list.addItem(self.tr("No stories yet."))
        self._selection_changed()

    def _selected(self) -> tuple[str, bool] | None:
        item = self.story_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _selection_changed(self, *_args: Any) -> None:
        chosen = self._selected()
        self.story_remove_button.setEnabled(chosen is not None)
        self.story_publish_button.setEnabled(chosen is not None)
        if chosen is not None:
            self.story_publish_button.setText(
                self.tr("Keep &internal only") if chosen[1] else self.tr("Mark for publ&ication")
            )

    def toggle_publication(self) -> bool:
        chosen = self._selected()
        if chosen is None:
            return False
        story_id, published = chosen
        done = self._perform(ops.set_story_published(story_id, not published))
        self.refresh()
        return done

    def remove_story(self) -> bool:
        chosen = self._selected()
        if chosen is None:
            return False
        story_id = chosen[0]
        done = self._perform(ops.remove_story(story_id))
        self.refresh()
        return done

    def add_story(self) -> bool:
        text = self.story_text.toPlainText()
        teller = self.teller_chosen()
        pid = teller.id if teller else None
        publish = self.publish.isChecked() and self.publish.isEnabled()
        wid, kind, tid = self._target
        if not self._perform(ops.add_story(wid, kind, tid, text, pid, publish)):
            return False
        self.story_text.clear()
        self.publish.setChecked(False)
        self.refresh()
        return True

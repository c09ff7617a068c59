"""Tagging a cluster or a note with the wellbeing outcomes it would improve, and switching the
workshop's outcome set (tags from the old set are kept, hidden, and the dialog says how many)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import outcomes
from workshop_app.core.operations import narratives as ops
from workshop_app.core.outcomes import SwitchEffect
from workshop_app.errors import AppError
from workshop_app.ui.screen_fit import fit_to_screen
from workshop_app.ui.workshop_session import WorkshopSession


class OutcomeTagsDialog(QDialog):
    """Tag one priority (a cluster or a card) with the wellbeing outcomes it would improve."""

    def __init__(
        self,
        session: WorkshopSession,
        target_kind: str,
        target_id: str,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.target_kind = target_kind
        self.target_id = target_id
        self.setWindowTitle(self.tr("Wellbeing outcomes"))
        fit_to_screen(self, 560, 460)
        heading = QLabel(title)
        heading.setObjectName("homeTitle")
        heading.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.set_label = QLabel(self.tr("Outcome &set:"))
        self.set_combo = QComboBox()
        self.set_label.setBuddy(self.set_combo)
        self.set_combo.setAccessibleName(self.tr("Outcome set"))
        self.set_combo.setAccessibleDescription(
            self.tr("The list of wellbeing outcomes this workshop tags its priorities with")
        )
        self.set_combo.addItem(self.tr("Choose an outcome set…"), None)
        for set_id, preset in outcomes.preset_sets().items():
            self.set_combo.addItem(preset.name, set_id)
        self.set_combo.addItem(self.tr("The programme's own outcomes…"), outcomes.CUSTOM_SET)
        self.set_combo.activated.connect(self._choose_set)
        self.checks_box = QVBoxLayout()
        self.checks: dict[str, QCheckBox] = {}
        self.message = QLabel()
        self.message.setObjectName("captureMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save the ticked outcomes for this priority"))
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setToolTip(self.tr("Close without changing the outcomes"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explain)
        set_row = QHBoxLayout()
        set_row.addWidget(self.set_label)
        set_row.addWidget(self.set_combo, 1)
        layout.addLayout(set_row)
        layout.addLayout(self.checks_box)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._build()

    def _build(self) -> None:
        for box in self.checks.values():
            box.hide()
            box.deleteLater()
        self.checks = {}
        wid, kind, tid = self.session.workshop_id, self.target_kind, self.target_id
        outcome_set, ticked = self.session.read(ops.outcomes_of(wid, kind, tid))
        self.current_set = outcome_set
        # The set can be switched here at any time; until one is chosen, it comes first.
        current = outcome_set.id if outcome_set else None
        self.set_combo.setCurrentIndex(max(0, self.set_combo.findData(current)))
        self.save_button.setEnabled(outcome_set is not None)
        if outcome_set is None:
            self.explain.setText(
                self.tr("First choose the set of wellbeing outcomes this workshop tags with.")
            )
            self.set_combo.setFocus()
            return
        self.explain.setText(
            self.tr("Which outcomes would this improve? (%1, version %2)")
            .replace("%1", outcome_set.name)
            .replace("%2", outcome_set.version)
        )
        for key, label in outcome_set.outcomes:
            box = QCheckBox(label)
            box.setAccessibleDescription(
                self.tr("Tick if this priority would improve %1").replace("%1", label)
            )
            box.setChecked(key in ticked)
            self.checks_box.addWidget(box)
            self.checks[key] = box
        if self.checks:
            next(iter(self.checks.values())).setFocus()

    def _choose_set(self) -> None:
        set_id = self.set_combo.currentData()
        current = self.current_set
        if not set_id or (current is not None and set_id == current.id != outcomes.CUSTOM_SET):
            self._build()
            return
        labels: list[str] = []
        if set_id == outcomes.CUSTOM_SET:
            mine = current is not None and current.id == outcomes.CUSTOM_SET
            text, ok = QInputDialog.getMultiLineText(
                self,
                self.tr("The programme's own outcomes"),
                self.tr("One outcome per line:"),
                "\n".join(label for _, label in current.outcomes) if mine and current else "",
            )
            if not ok:
                self._build()
                return
            labels = text.splitlines()
        self.choose_set(set_id, labels)

    def choose_set(self, set_id: str, labels: list[str] | None = None) -> bool:
        """Switch the workshop's outcome set; tags from the old set are kept but hidden, and
        when there are any the facilitator is told how many before and after."""
        wid = self.session.workshop_id
        try:
            effect = self.session.read(ops.switch_effect(wid, set_id, labels))
            if effect.hidden and not self._confirm(effect):
                self._build()
                return False
            self.session.run(ops.choose_outcome_set(wid, set_id, labels))
        except AppError as exc:
            self._show(exc.message)
            return False
        self._build()
        if effect.old_name:
            self._show(self.switched_text(effect))
        return True

    def _hidden_text(self, effect: SwitchEffect) -> str:
        if effect.old_name == effect.new_name:  # the programme's own list, edited
            return self.tr(
                "%n tag(s) with an outcome taken off the list will be kept but hidden; putting "
                "the outcome back on the list shows them again.",
                "",
                effect.hidden,
            )
        return (
            self.tr(
                "%n tag(s) from ‘%1’ will be kept but hidden while this workshop tags with "
                "‘%2’; switching back to ‘%1’ shows them again.",
                "",
                effect.hidden,
            )
            .replace("%1", effect.old_name)
            .replace("%2", effect.new_name)
        )

    def _confirm(self, effect: SwitchEffect) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Switch outcome set?"),
            self._hidden_text(effect),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def switched_text(self, effect: SwitchEffect) -> str:
        """What the switch did, in one message: the new set, the tags kept hidden, the tags
        from an earlier set shown again, and how to undo."""
        parts = [self.tr("This workshop now tags with ‘%1’.").replace("%1", effect.new_name)]
        if effect.hidden and effect.old_name == effect.new_name:
            parts.append(self._hidden_text(effect))
        elif effect.hidden:
            parts.append(
                self.tr(
                    "Kept %n tag(s) from ‘%1’, hidden until you switch back.",
                    "",
                    effect.hidden,
                ).replace("%1", effect.old_name)
            )
        if effect.shown_again:
            parts.append(
                self.tr("Shown again: %n tag(s) kept from before.", "", effect.shown_again)
            )
        parts.append(self.tr("Ctrl+Z on the board undoes the switch."))
        return " ".join(parts)

    def ticked(self) -> list[str]:
        return [key for key, box in self.checks.items() if box.isChecked()]

    def save(self) -> bool:
        wid, kind, tid = self.session.workshop_id, self.target_kind, self.target_id
        try:
            self.session.run(ops.tag_outcomes(wid, kind, tid, self.ticked()))
        except AppError as exc:
            self._show(exc.message)
            return False
        self.accept()
        return True

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

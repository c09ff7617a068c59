"""Tagging a cluster or a note with the wellbeing outcomes it would improve."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import outcomes
from workshop_app.core.operations import narratives as ops
from workshop_app.errors import AppError
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
        self.resize(560, 460)
        heading = QLabel(title)
        heading.setObjectName("homeTitle")
        heading.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.set_combo = QComboBox()
        self.set_combo.setAccessibleName(self.tr("Outcome set"))
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
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.set_combo)
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
        self.set_combo.setVisible(outcome_set is None)
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
            box.setChecked(key in ticked)
            self.checks_box.addWidget(box)
            self.checks[key] = box
        if self.checks:
            next(iter(self.checks.values())).setFocus()

    def _choose_set(self) -> None:
        set_id = self.set_combo.currentData()
        if not set_id:
            return
        labels: list[str] = []
        if set_id == outcomes.CUSTOM_SET:
            text, ok = QInputDialog.getMultiLineText(
                self,
                self.tr("The programme's own outcomes"),
                self.tr("One outcome per line:"),
            )
            if not ok:
                return
            labels = text.splitlines()
        self.choose_set(set_id, labels)

    def choose_set(self, set_id: str, labels: list[str] | None = None) -> bool:
        try:
            self.session.run(ops.choose_outcome_set(self.session.workshop_id, set_id, labels))
        except AppError as exc:
            self._show(exc.message)
            return False
        self._build()
        return True

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

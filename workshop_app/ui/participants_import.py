"""Importing a sign-up list: a preview of exactly what will be stored, and what consent does
not allow to be kept, before anything is saved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from workshop_app.core.operations import people as ops
from workshop_app.core.participants_io import (
    ParticipantRow,
    PreviewRow,
    dropped_counts,
    preview,
)
from workshop_app.errors import AppError
from workshop_app.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from workshop_app.ui.participants_screen import ParticipantsDialog


class ImportPreviewDialog(QDialog):
    """What a sign-up list would store, row by row, before anything is saved; one undoable
    import."""

    imported = Signal(int)

    def __init__(
        self,
        register: ParticipantsDialog,
        path: Path,
        rows: list[ParticipantRow],
        recorded_by: str,
    ) -> None:
        super().__init__(register)
        self.register = register
        self.session = register.session
        self.rows = rows
        self.recorded_by = recorded_by or f"imported from {path.name}"
        self.setWindowTitle(self.tr("Import %1").replace("%1", path.name))
        fit_to_screen(self, 980, 560)
        plans = preview(rows)

        heading = QLabel(
            self.tr(
                "%n participant(s) will be added. Nothing is saved until you import.",
                "",
                len(plans),
            )
        )
        heading.setObjectName("homeTitle")
        heading.setWordWrap(True)
        self.dropped = self._dropped_summary(plans)
        self.table = self._table(plans)

        self.message = QLabel()
        self.message.setObjectName("captureMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.import_button = QPushButton(self.tr("&Import %n participant(s)", "", len(plans)))
        self.import_button.setObjectName("primaryButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.do_import)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.dropped)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.import_button.setFocus()

    def _dropped_summary(self, plans: list[PreviewRow]) -> QLabel:
        """What in the file will not be kept, and why, counted by field and reason."""
        dropped = dropped_counts(plans)
        lines = [
            self.tr("%1 %2 not kept: %3.")
            .replace("%1", str(n))
            .replace("%2", field if n == 1 else field + "s")
            .replace("%3", reason)
            for (field, reason), n in dropped.items()
        ]
        label = QLabel("\n".join(lines) or self.tr("Every detail in the file will be kept."))
        label.setWordWrap(True)
        return label

    def _table(self, plans: list[PreviewRow]) -> QTreeWidget:
        """Row by row: the name and contact kept, the consent, what is not kept."""
        table = QTreeWidget()
        table.setRootIsDecorated(False)
        table.setAccessibleName(self.tr("What will be stored"))
        table.setHeaderLabels(
            [
                self.tr("Line"),
                self.tr("Name kept"),
                self.tr("Contact kept"),
                self.tr("Consent"),
                self.tr("Not kept"),
            ]
        )
        for plan in plans:
            contact = ", ".join(v for v in (plan.fields.email, plan.fields.phone) if v)
            by_reason: dict[str, list[str]] = {}
            for field, why in plan.dropped:
                by_reason.setdefault(why, []).append(field)
            not_kept = "; ".join(f"{', '.join(f)}: {why}" for why, f in by_reason.items())
            item = QTreeWidgetItem(
                [
                    str(plan.line),
                    plan.fields.name or self.tr("(no name kept)"),
                    contact or "—",
                    self.register.consent_summary(plan.choices),
                    not_kept or "—",
                ]
            )
            item.setToolTip(4, not_kept)
            table.addTopLevelItem(item)
        header = table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def do_import(self) -> None:
        operation = ops.import_participants(self.session.workshop_id, self.rows, self.recorded_by)
        try:
            done = self.session.run(operation)
        except AppError as exc:
            self.message.setText(exc.message)
            self.message.show()
            return
        self.accept()
        self.imported.emit(len(done))

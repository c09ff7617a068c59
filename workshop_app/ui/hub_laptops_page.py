"""The hub window's Laptops page: every laptop that sent a bundle, with its fingerprint (as
`install-key` showed it on the laptop), whether the hub trusts it, and its last bundle.
Approving a laptop merges the bundles held for it; revoking refuses its bundles from now on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.errors import AppError
from workshop_app.sync import keys
from workshop_app.sync.hub import APPROVED, PENDING, REVOKED, Hub
from workshop_app.sync.hub_views import last_bundles
from workshop_app.ui.hub_widgets import (
    EmptyStack,
    fill_table,
    make_table,
    selected_key,
    short_date,
)
from workshop_app.ui.hub_worker import ImportItem
from workshop_app.ui.messages import show_message


class LaptopsPage(QWidget):
    """`merge_held(items)` hands the approved laptop's held bundles to the Import page."""

    changed = Signal()

    def __init__(self, hub: Hub, merge_held: Callable[[list[ImportItem]], None]) -> None:
        super().__init__()
        self.hub = hub
        self._merge_held = merge_held
        intro = QLabel(
            self.tr(
                "A laptop's first bundle waits here until you approve its fingerprint. Compare "
                "it with the one the laptop showed when its hub key was installed."
            )
        )
        intro.setWordWrap(True)
        self.table = make_table(
            [
                self.tr("Fingerprint"),
                self.tr("Status"),
                self.tr("Bundles"),
                self.tr("Last bundle"),
                self.tr("Workshop"),
                self.tr("First seen"),
            ],
            "hubLaptops",
        )
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.table.font().pointSizeF())
        self.table.setItemDelegateForColumn(0, _MonoDelegate(mono, self.table))
        self.table.itemSelectionChanged.connect(self._enable)
        self.stack = EmptyStack(
            self.table,
            self.tr("No laptop has sent a bundle yet."),
            self.tr("Import bundles on the Import page: each laptop appears here."),
        )
        self.approve_button = QPushButton(self.tr("A&pprove and merge its bundles"))
        self.approve_button.setObjectName("hubApprove")
        self.approve_button.clicked.connect(self.approve_selected)
        self.revoke_button = QPushButton(self.tr("&Revoke…"))
        self.revoke_button.setObjectName("hubRevoke")
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._status: dict[str, str] = {}
        self.refresh()

    def _status_text(self, status: str) -> str:
        return {
            PENDING: self.tr("waiting for approval"),
            APPROVED: self.tr("approved"),
            REVOKED: self.tr("revoked"),
        }.get(status, status)

    def refresh(self) -> None:
        chosen = selected_key(self.table)
        laptops = self.hub.laptops()
        last = last_bundles(self.hub)
        rows = []
        for lap in laptops:
            bundles = self.tr("%n merged", "", lap.merged)
            if lap.held:
                bundles += self.tr(", %n held", "", lap.held)
            latest = last.get(lap.fingerprint)
            rows.append(
                [
                    _two_lines(keys.show_fingerprint(lap.fingerprint)),
                    self._status_text(lap.status),
                    bundles,
                    short_date(latest.received_at if latest else None),
                    (latest.workshop or latest.file_name) if latest else "",
                    short_date(lap.first_seen_at),
                ]
            )
        self._status = {lap.fingerprint: lap.status for lap in laptops}
        fill_table(self.table, rows, [lap.fingerprint for lap in laptops])
        self.table.resizeColumnToContents(0)
        self.table.resizeRowsToContents()
        for r in range(self.table.rowCount()):
            self.table.setRowHeight(r, self.table.rowHeight(r) + 8)
        self.stack.show_content(bool(laptops))
        for r, lap in enumerate(laptops):
            if lap.fingerprint == chosen or (chosen is None and lap.status == PENDING):
                self.table.selectRow(r)
                break
        self._enable()

    def _enable(self) -> None:
        fp = selected_key(self.table)
        status = self._status.get(str(fp)) if fp else None
        self.approve_button.setEnabled(status in (PENDING, REVOKED))
        self.revoke_button.setEnabled(status in (PENDING, APPROVED))

    def approve_selected(self) -> None:
        fp = selected_key(self.table)
        if fp is None:
            return
        fp = str(fp)
        try:
            self.hub.set_laptop(fp, APPROVED)
            held = self.hub.held_bundles(fp)
        except AppError as exc:
            show_message(self.message, exc.message, True)
            return
        shown = keys.show_fingerprint(fp)[:19]
        text = self.tr(
            "Approved laptop %1; merging %n held bundle(s) on the Import page.", "", len(held)
        )
        show_message(self.message, text.replace("%1", shown), False)
        self.refresh()
        self.changed.emit()
        if held:
            self._merge_held([ImportItem(name, data=data, kept=True) for name, data in held])

    def revoke_selected(self) -> None:
        fp = selected_key(self.table)
        if fp is None:
            return
        fp = str(fp)
        shown = keys.show_fingerprint(fp)[:19]
        answer = QMessageBox.question(
            self,
            self.tr("Revoke laptop"),
            self.tr(
                "Refuse every bundle from laptop %1 from now on? What it sent before stays "
                "in the hub."
            ).replace("%1", shown),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.hub.set_laptop(fp, REVOKED)
        except AppError as exc:
            show_message(self.message, exc.message, True)
            return
        text = self.tr("Revoked laptop %1: its bundles will be refused.").replace("%1", shown)
        show_message(self.message, text, False)
        self.refresh()
        self.changed.emit()


def _two_lines(shown: str) -> str:
    """A fingerprint's 16 groups as two lines of 8, easy to read out and compare."""
    groups = shown.split()
    return " ".join(groups[:8]) + "\n" + " ".join(groups[8:])


class _MonoDelegate(QStyledItemDelegate):
    """The fingerprint column in a fixed-width font, so the groups line up."""

    def __init__(self, font: QFont, parent: QWidget) -> None:
        super().__init__(parent)
        self._font = font

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:
        super().initStyleOption(option, index)
        option.font = self._font

"""The hub window's Conflicts page: records two laptops changed from the same base. The hub
kept the later version; the other is shown beside it, field by field, for a person to settle."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.field_names import field_name
from workshop_app.errors import AppError
from workshop_app.sync.hub import Hub
from workshop_app.sync.hub_settle import ConflictView, conflicts_to_settle, settle
from workshop_app.ui.hub_widgets import (
    EmptyStack,
    fill_table,
    make_table,
    selected_key,
    short_date,
)
from workshop_app.ui.messages import show_message


class ConflictsPage(QWidget):
    changed = Signal()

    def __init__(self, hub: Hub) -> None:
        super().__init__()
        self.hub = hub
        self._views: dict[tuple[str, str, str], ConflictView] = {}
        intro = QLabel(
            self.tr(
                "The same record was changed on two laptops. The hub kept the later change; "
                "choose which version the programme should keep."
            )
        )
        intro.setWordWrap(True)
        self.table = make_table(
            [self.tr("Kind"), self.tr("Record"), self.tr("Fields that differ"), self.tr("Found")],
            "hubConflicts",
            stretch=1,
        )
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.details = make_table(
            [self.tr("Field"), self.tr("Kept in the hub"), self.tr("Set aside")], "hubConflictDiff"
        )
        self.details.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setChildrenCollapsible(False)
        self.stack = EmptyStack(
            splitter,
            self.tr("No conflicts to settle."),
            self.tr("When two laptops change the same record, both versions appear here."),
        )
        self.keep_button = QPushButton(self.tr("&Keep the hub's version"))
        self.keep_button.setObjectName("hubKeepVersion")
        self.keep_button.clicked.connect(lambda: self.settle_selected(take=False))
        self.take_button = QPushButton(self.tr("&Use the set-aside version"))
        self.take_button.setObjectName("hubTakeVersion")
        self.take_button.clicked.connect(lambda: self.settle_selected(take=True))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.refresh()

    def _kind(self, table: str) -> str:
        kinds = {
            "notes": self.tr("Note"),
            "workshops": self.tr("Workshop"),
            "participants": self.tr("Participant"),
            "themes": self.tr("Theme"),
            "clusters": self.tr("Cluster"),
            "stories": self.tr("Story"),
            "narratives": self.tr("Narrative"),
        }
        return kinds.get(table, table)

    def refresh(self) -> None:
        chosen = selected_key(self.table)
        views = conflicts_to_settle(self.hub)
        self._views = {v.key: v for v in views}
        fill_table(
            self.table,
            [
                [
                    self._kind(v.table),
                    v.what or v.record_id,
                    ", ".join(_field(d.field) for d in v.differences)
                    or self.tr("(only who and when)"),
                    short_date(v.found_at),
                ]
                for v in views
            ],
            [v.key for v in views],
        )
        self.stack.show_content(bool(views))
        keys = [v.key for v in views]
        row = keys.index(chosen) if chosen in keys else 0
        if views:
            self.table.selectRow(row)
        self._show_selected()

    def _show_selected(self) -> None:
        view = self._views.get(selected_key(self.table))  # type: ignore[arg-type]
        rows = [
            [_field(d.field), _text(d.kept), _text(d.set_aside)]
            for d in (view.differences if view else ())
        ]
        fill_table(self.details, rows)
        _wrap(self.details)
        self.keep_button.setEnabled(view is not None)
        self.take_button.setEnabled(view is not None)

    def settle_selected(self, *, take: bool) -> None:
        key = selected_key(self.table)
        if key is None:
            return
        try:
            settle(self.hub, key, take_set_aside=take)  # type: ignore[arg-type]
        except AppError as exc:
            show_message(self.message, exc.message, True)
            return
        text = (
            self.tr("Settled: the hub now holds the version that was set aside.")
            if take
            else self.tr("Settled: the hub keeps its version.")
        )
        show_message(self.message, text, False)
        self.refresh()
        self.changed.emit()


def _field(name: str) -> str:
    shown = field_name(name)
    return shown[:1].upper() + shown[1:]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _wrap(table: QTableWidget) -> None:
    width = max(table.viewport().width(), 600)
    table.setColumnWidth(0, 160)
    for c in (1, 2):
        table.setColumnWidth(c, (width - 160) // 2)
    table.resizeRowsToContents()

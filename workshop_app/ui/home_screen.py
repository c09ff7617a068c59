"""The first screen: the workshops on this laptop, or, with none yet, an offer of the demo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.core.export_status import ExportStatus
    from workshop_app.core.workshops import WorkshopInfo

# Each listed workshop's last export for the hub, by id (ui/hub_export.py provides it).
StatusSource = Callable[[list[str]], "dict[str, ExportStatus]"]


class HomeScreen(QWidget):
    """The workshop list: open, new, demo, edit details, archive (the window acts on them)."""

    open_requested = Signal(str)
    new_requested = Signal()
    demo_requested = Signal()
    edit_requested = Signal(str)
    archive_requested = Signal(str, bool)
    show_archived_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeScreen")
        self._items: list[WorkshopInfo] = []
        self._status_source: StatusSource | None = None
        title = QLabel(self.tr("Workshops on this laptop"))
        title.setObjectName("homeTitle")

        listing = self._listing()
        empty = self._empty_state()

        self.pages = QStackedWidget()
        self.pages.addWidget(listing)
        self.pages.addWidget(empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(title)
        layout.addWidget(self.pages, 1)

        # Outside a dialog a push button ignores Enter unless it is auto-default; people expect
        # Enter to press the button that has the focus.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)

    def _listing(self) -> QWidget:
        """The workshops on this laptop, and what can be done with the one chosen."""
        self.list = QListWidget()
        self.list.setObjectName("workshopList")
        self.list.setAccessibleName(self.tr("Workshops"))
        self.list.itemActivated.connect(lambda item: self.open_requested.emit(self._id(item)))
        self.list.currentRowChanged.connect(self._update_buttons)
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setObjectName("primaryButton")
        self.open_button.clicked.connect(self._open)
        self.new_button = QPushButton(self.tr("&New workshop…"))
        self.new_button.clicked.connect(self.new_requested.emit)
        self.edit_button = QPushButton(self.tr("&Edit details…"))
        self.edit_button.clicked.connect(self._edit)
        self.archive_button = QPushButton(self.tr("&Archive"))
        self.archive_button.clicked.connect(self._archive)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.toggled.connect(self.show_archived_changed.emit)
        self.list.setAccessibleDescription(
            self.tr("The workshops on this laptop, newest first: Enter opens the one chosen")
        )
        self.open_button.setToolTip(self.tr("Open the chosen workshop's board (Enter)"))
        self.new_button.setToolTip(self.tr("Start a new workshop from a template (Ctrl+N)"))
        self.edit_button.setToolTip(
            self.tr("Change the chosen workshop's title, date, place and questions")
        )
        self.archive_button.setToolTip(
            self.tr("Move the chosen workshop out of the list; nothing is deleted")
        )
        self.show_archived.setToolTip(self.tr("List archived workshops too"))
        buttons = QHBoxLayout()
        for b in (self.open_button, self.new_button, self.edit_button, self.archive_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.show_archived)
        listing = QWidget()
        lv = QVBoxLayout(listing)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list, 1)
        lv.addLayout(buttons)
        return listing

    def _empty_state(self) -> QWidget:
        """What a first start shows: the demo workshop, or a new one."""
        empty = QWidget()
        empty.setObjectName("emptyState")
        ev = QVBoxLayout(empty)
        ev.addStretch(1)
        welcome = QLabel(self.tr("Welcome to Workshop App"))
        welcome.setObjectName("welcomeTitle")
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        explain = QLabel(
            self.tr(
                "There are no workshops on this laptop yet. Open the demo to see a board with "
                "about forty notes from a real-looking workshop, or start your own. Everything "
                "is saved as you type, and nothing needs the internet."
            )
        )
        explain.setWordWrap(True)
        explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        explain.setMaximumWidth(640)
        self.demo_button = QPushButton(self.tr("Open the &demo workshop"))
        self.demo_button.setObjectName("primaryButton")
        self.demo_button.setAccessibleName(self.tr("Open the demo workshop"))
        self.demo_button.clicked.connect(self.demo_requested.emit)
        self.empty_new_button = QPushButton(self.tr("Start a &new workshop…"))
        self.empty_new_button.clicked.connect(self.new_requested.emit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.demo_button)
        row.addWidget(self.empty_new_button)
        row.addStretch(1)
        ev.addWidget(welcome)
        # Centred by stretches, not an alignment flag, so the wrapped text gets its full height.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(explain, 4)
        centred.addStretch(1)
        ev.addLayout(centred)
        ev.addSpacing(16)
        ev.addLayout(row)
        ev.addStretch(2)
        return empty

    def set_status_source(self, source: StatusSource | None) -> None:
        """Where the list learns when each workshop last went to the hub."""
        self._status_source = source

    def _statuses(self, items: list[WorkshopInfo]) -> dict[str, ExportStatus]:
        if self._status_source is None or not items:
            return {}
        try:
            return self._status_source([w.id for w in items])
        except AppError:
            return {}  # the list still shows; only the export line is missing

    def set_workshops(self, items: list[WorkshopInfo]) -> None:
        self._items = items
        self.list.clear()
        statuses = self._statuses(items)
        for w in items:
            when = (w.starts_at or self.tr("no date")).replace("T", " ")
            place = " · ".join(p for p in (w.place, w.venue) if p)
            counts = self.tr("%n note(s)", "", w.notes)
            archived = self.tr("  [archived]") if w.archived else ""
            status = statuses.get(w.id)
            exported = self.describe_export(status) if status is not None else ""
            text = f"{w.title}{archived}\n{when}   {place}   {counts}"
            spoken = f"{w.title}, {when}, {counts}"
            if exported:
                text += f"   {exported}"
                spoken += f", {exported}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, w.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            self.list.addItem(item)
        empty = not items and not self.show_archived.isChecked()
        self.pages.setCurrentIndex(1 if empty else 0)
        if items:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def describe_export(self, status: ExportStatus) -> str:
        """ "Exported 3 Dec 14:05 · changed since", in local time; "" when never exported."""
        if status.last_exported_at is None:
            return ""
        at = QDateTime.fromString(status.last_exported_at, Qt.DateFormat.ISODateWithMs)
        if not at.isValid():
            at = QDateTime.fromString(status.last_exported_at, Qt.DateFormat.ISODate)
        at.setTimeZone(QTimeZone.utc())
        local = at.toLocalTime()
        same_year = local.date().year() == QDateTime.currentDateTime().date().year()
        shown = QLocale().toString(local, "d MMM HH:mm" if same_year else "d MMM yyyy HH:mm")
        text = self.tr("Exported %1").replace("%1", shown)
        if status.changed_since:
            text += " · " + self.tr("changed since")
        return text

    def focus_default(self) -> None:
        if self.pages.currentIndex() == 1:
            self.demo_button.setFocus()
        else:
            self.list.setFocus()

    def _id(self, item: QListWidgetItem | None) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def current(self) -> WorkshopInfo | None:
        row = self.list.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def _update_buttons(self) -> None:
        current = self.current()
        for b in (self.open_button, self.edit_button, self.archive_button):
            b.setEnabled(current is not None)
        if current is not None:
            self.archive_button.setText(
                self.tr("Un&archive") if current.archived else self.tr("&Archive")
            )

    def _open(self) -> None:
        if (w := self.current()) is not None:
            self.open_requested.emit(w.id)

    def _edit(self) -> None:
        if (w := self.current()) is not None:
            self.edit_requested.emit(w.id)

    def _archive(self) -> None:
        if (w := self.current()) is not None:
            self.archive_requested.emit(w.id, not w.archived)

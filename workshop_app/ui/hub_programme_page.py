"""The hub window's Programme page: the workshops across places, and the priorities across
workshops by theme and wellbeing outcome, each vote counted as its share of its own round's
dots (a room of 80 and a room of 10 weigh the same). Filters by place, theme and date, and
the CSV the programme team takes away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workshop_app.errors import AppError
from workshop_app.sync.hub import Hub
from workshop_app.sync.programme import PRIORITIES_CSV, WORKSHOPS_CSV, Filters
from workshop_app.ui.hub_widgets import (
    SHARE_ROLE,
    EmptyStack,
    ShareDelegate,
    fill_table,
    fit_rows,
    make_table,
    short_date,
)
from workshop_app.ui.messages import show_message

NO_DATE = QDate(2000, 1, 1)  # the date boxes' "any" value


class ProgrammePage(QWidget):
    def __init__(self, hub: Hub) -> None:
        super().__init__()
        self.hub = hub
        self.place = QComboBox()
        self.place.setObjectName("hubPlaceFilter")
        self.theme = QComboBox()
        self.theme.setObjectName("hubThemeFilter")
        self.date_from = self._date_box("hubFromFilter")
        self.date_to = self._date_box("hubToFilter")
        for combo in (self.place, self.theme):
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self.refresh_view)
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.setObjectName("hubExportCsv")
        self.export_button.clicked.connect(self.export_csv)
        filters = QHBoxLayout()
        for text, box in (
            (self.tr("Pla&ce:"), self.place),
            (self.tr("T&heme:"), self.theme),
            (self.tr("&From:"), self.date_from),
            (self.tr("&To:"), self.date_to),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            filters.addWidget(label)
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.export_button)

        self.workshops = make_table(
            [
                self.tr("Place"),
                self.tr("Date"),
                self.tr("Workshop"),
                self.tr("Participants"),
                self.tr("Notes"),
                self.tr("Laptops"),
                self.tr("Last import"),
            ],
            "hubWorkshops",
            stretch=2,
        )
        self.workshops_stack = EmptyStack(
            self.workshops,
            self.tr("No workshops in this hub yet."),
            self.tr("Drop bundles on the Import page, or press Add bundles…."),
        )
        self.priorities = make_table(
            [
                self.tr("Share"),
                self.tr("Priority"),
                self.tr("Theme"),
                self.tr("Wellbeing outcomes"),
                self.tr("Workshop"),
                self.tr("Place"),
                self.tr("Date"),
                self.tr("Round"),
                self.tr("Dots"),
            ],
            "hubPriorities",
            stretch=3,
        )
        self.priorities.horizontalHeaderItem(0).setToolTip(
            self.tr(
                "Its share of its own round's dots: a room of 80 and a room of 10 weigh the same."
            )
        )
        self.priorities.setItemDelegateForColumn(0, ShareDelegate(self.priorities))
        self.priorities.setWordWrap(True)
        self._fit = QTimer(self)  # one fit after a burst of column resizes
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(lambda: fit_rows(self.priorities))
        self.priorities.horizontalHeader().sectionResized.connect(lambda *_: self._fit.start())
        self.priorities_stack = EmptyStack(
            self.priorities,
            self.tr("No priorities to compare yet."),
            self.tr("Priorities come from closed voting rounds in the imported workshops."),
        )
        self.workshops_title = QLabel()
        self.priorities_title = QLabel()
        for title in (self.workshops_title, self.priorities_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
        top, bottom = QWidget(), QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.workshops_title)
        top_layout.addWidget(self.workshops_stack)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.priorities_title)
        bottom_layout.addWidget(self.priorities_stack)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self.refresh()

    def _date_box(self, name: str) -> QDateEdit:
        box = QDateEdit()
        box.setObjectName(name)
        box.setCalendarPopup(True)
        box.setDisplayFormat("yyyy-MM-dd")
        box.setMinimumDate(NO_DATE)
        box.setSpecialValueText(self.tr("any date"))
        box.setDate(NO_DATE)
        box.dateChanged.connect(self.refresh_view)
        return box

    # --- filters ----------------------------------------------------------------------------

    def filters(self) -> Filters:
        def day(box: QDateEdit) -> str | None:
            return None if box.date() == NO_DATE else box.date().toString("yyyy-MM-dd")

        return Filters(
            place=self.place.currentData() or None,
            theme=self.theme.currentData() or None,
            date_from=day(self.date_from),
            date_to=day(self.date_to),
        )

    def _fill_choices(self, combo: QComboBox, everything: str, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value in sorted(set(values), key=str.casefold):
            if value:
                combo.addItem(value, value)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # --- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the hub again (after an import): the filter choices, then the tables."""
        self._all_workshops = self.hub.workshops()
        self._fill_choices(
            self.place, self.tr("All places"), [w.place for w in self._all_workshops]
        )
        self._fill_choices(
            self.theme, self.tr("All themes"), [p.theme for p in self.hub.priorities()]
        )
        self.refresh_view()

    def refresh_view(self) -> None:
        chosen = self.filters()
        shown = [w for w in self._all_workshops if chosen.keeps(w.place, w.starts_at)]
        fill_table(
            self.workshops,
            [
                [
                    w.place or self.tr("(no place)"),
                    short_date(w.starts_at),
                    w.title,
                    w.participants,
                    w.notes,
                    w.laptops,
                    short_date(w.last_import),
                ]
                for w in shown
            ],
            [w.id for w in shown],
            right_aligned=(3, 4, 5),
        )
        self.workshops_title.setText(
            self.tr("Workshops: %1 of %2")
            .replace("%1", str(len(shown)))
            .replace("%2", str(len(self._all_workshops)))
        )
        self.workshops_stack.show_content(bool(shown))
        if self._all_workshops and not shown:
            self.workshops_stack.set_hint(
                self.tr("No workshop matches these filters."),
                self.tr("Choose All places and any date to see every workshop."),
            )
        found = self.hub.priorities(chosen)
        fill_table(
            self.priorities,
            [
                [
                    f"{p.share:.0%}",
                    p.label,
                    p.theme or self.tr("(no theme)"),
                    ", ".join(p.outcomes),
                    p.workshop,
                    p.place,
                    short_date(p.starts_at)[:10],
                    p.round,
                    p.dots,
                ]
                for p in found
            ],
            right_aligned=(0, 8),
        )
        for row, p in enumerate(found):
            self.priorities.item(row, 0).setData(SHARE_ROLE, float(p.share))
        # The priority itself is what people read: it gets room first; the outcomes take
        # what is left, wrapped onto more lines when they must.
        table = self.priorities
        table.setColumnWidth(0, max(table.columnWidth(0), 110))
        table.setColumnWidth(1, min(max(table.columnWidth(1), 220), 320))
        table.setColumnWidth(2, min(table.columnWidth(2), 200))
        self.priorities_title.setText(
            self.tr(
                "Priorities across workshops, by share of each round's dots (%n shown)",
                "",
                len(found),
            )
        )
        fit_rows(self.priorities)
        self.priorities_stack.show_content(bool(found))

    # --- CSV --------------------------------------------------------------------------------

    def export_csv(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export the programme as CSV into a folder"), str(Path.home())
        )
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        try:
            self.hub.export_csv(folder, self.filters())
        except (AppError, OSError) as exc:
            text = exc.message if isinstance(exc, AppError) else str(exc)
            show_message(self.message, text, True)
            return
        text = self.tr("Wrote %1 and %2 in %3 (with the filters shown).")
        text = text.replace("%1", WORKSHOPS_CSV).replace("%2", PRIORITIES_CSV)
        show_message(self.message, text.replace("%3", str(folder)), False)

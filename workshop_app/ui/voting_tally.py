"""The paper tally grid: dots counted on the wall, typed as one count per option (type a count,
Enter, next), each saved as it is left."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import voting
from workshop_app.core.operations import voting as ops
from workshop_app.errors import AppError
from workshop_app.ui.messages import show_message
from workshop_app.ui.workshop_session import WorkshopSession


class CountEdit(QLineEdit):
    """One cell of the tally grid: Up and Down move between options; leaving a changed count
    saves it, so nothing typed is lost."""

    move = Signal(int)
    left = Signal()

    def __init__(self, option_id: str, objection: bool) -> None:
        super().__init__()
        self.option_id = option_id
        self.objection = objection
        self.saved = ""
        self.setObjectName("tallyEdit")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaximumWidth(110)
        self.setPlaceholderText("0")

    def changed(self) -> bool:
        return self.text().strip() != self.saved

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.move.emit(1)
        elif event.key() == Qt.Key.Key_Up:
            self.move.emit(-1)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.changed():
            self.left.emit()


class TallyGrid(QWidget):
    """Paper dots counted on the wall, one count per option (replacing an earlier count)."""

    def __init__(self, session: WorkshopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.info: voting.RoundInfo | None = None
        self.edits: list[CountEdit] = []
        intro = QLabel(
            self.tr(
                "Count the paper dots on the wall for each option: type the number and press "
                "Enter to go to the next one. A new count replaces the earlier one."
            )
        )
        intro.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Tally message"))
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)

    def set_round(self, info: voting.RoundInfo | None) -> None:
        same = (
            self.info is not None
            and info is not None
            and info.id == self.info.id
            and info.options == self.info.options
            and info.objections == self.info.objections
        )
        self.info = info
        if not same:
            self._build()
        self._load()

    def _build(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.edits = []
        info = self.info
        if info is None:
            return
        head = QLabel(self.tr("Option"))
        head.setObjectName("votingHeading")
        self.grid.addWidget(head, 0, 0)
        dots_head = QLabel(self.tr("Dots"))
        dots_head.setObjectName("votingHeading")
        self.grid.addWidget(dots_head, 0, 1)
        if info.objections:
            red = QLabel(self.tr("Objections"))
            red.setObjectName("votingHeading")
            self.grid.addWidget(red, 0, 2)
        for row, option in enumerate(info.options, start=1):
            label = QLabel(option.label)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.grid.addWidget(label, row, 0)
            kinds = [False, True] if info.objections else [False]
            for col, objection in enumerate(kinds, start=1):
                edit = CountEdit(option.id, objection)
                name = (
                    self.tr("Objection dots on %1") if objection else self.tr("Paper dots on %1")
                ).replace("%1", option.label[:60])
                edit.setAccessibleName(name)
                edit.returnPressed.connect(lambda e=edit: self.commit(e, move=True))
                edit.left.connect(lambda e=edit: self.commit(e, move=False))
                edit.move.connect(lambda step, e=edit: self._focus_step(e, step))
                if not objection:
                    label.setBuddy(edit)
                self.grid.addWidget(edit, row, col)
                self.edits.append(edit)
        self.grid.setRowStretch(len(info.options) + 1, 1)

    def _load(self) -> None:
        """The paper counts typed so far (only the paper counts: never the running totals)."""
        info = self.info
        if info is None or not self.edits:
            return
        editable = info.status == voting.OPEN
        try:
            paper = self.session.read(ops.paper_counts(info.id))
        except AppError as exc:
            show_message(self.message, exc.message, True)
            return
        for edit in self.edits:
            edit.setReadOnly(not editable)
            count = paper.get((edit.option_id, bool(edit.objection)), 0)
            edit.saved = str(count) if count else ""
            if not edit.hasFocus() or not edit.changed():
                edit.setText(edit.saved)
        if not editable:
            text = (
                self.tr("Open the round to record paper dots.")
                if info.status == voting.SETUP
                else self.tr("Voting is closed for this round.")
            )
            show_message(self.message, text, False)

    def focus_first(self) -> None:
        if self.edits:
            self.edits[0].setFocus()

    def _focus_step(self, edit: CountEdit, step: int) -> None:
        if edit.changed() and not self.commit(edit, move=False):
            return
        columns = 2 if self.info and self.info.objections else 1
        i = self.edits.index(edit) + step * columns
        if 0 <= i < len(self.edits):
            self.edits[i].setFocus()

    def commit(self, edit: CountEdit, move: bool) -> bool:
        info = self.info
        if info is None:
            return False
        if not edit.changed():
            if move:
                self._next(edit)
            return True
        text, option_id, objection = edit.text(), edit.option_id, edit.objection
        label = next((o.label for o in info.options if o.id == option_id), "")

        try:
            count = self.session.run(ops.record_paper_dots(info.id, option_id, text, objection))
        except AppError as exc:
            show_message(self.message, exc.message, True)
            edit.setFocus()
            edit.selectAll()
            return False
        edit.saved = str(count) if count else ""
        edit.setText(edit.saved)
        what = self.tr("objection dot(s)") if objection else self.tr("dot(s)")
        show_message(
            self.message,
            self.tr("Saved: %1 %2 on “%3”.")
            .replace("%1", str(count))
            .replace("%2", what)
            .replace("%3", label[:60]),
            False,
        )
        if move:
            self._next(edit)
        return True

    def _next(self, edit: CountEdit) -> None:
        i = self.edits.index(edit) + 1
        if i < len(self.edits):
            self.edits[i].setFocus()
        else:
            edit.selectAll()
            show_message(
                self.message,
                self.message.text() + " " + self.tr("That was the last option."),
                False,
            )

"""The paper tally grid: dots counted on the wall, typed as one count per option the way people
read them off the wall, down a column (type a count, Enter, the option below), each saved as it
is left."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
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
    """One cell of the tally grid: Enter, Up and Down move between options in the same column;
    leaving a changed count saves it, so nothing typed is lost."""

    move = Signal(int)
    left = Signal()

    def __init__(self, option_id: str, objection: bool) -> None:
        super().__init__()
        self.option_id = option_id
        self.objection = objection
        self.saved = ""
        # Typed by the person since the count was last shown: only this is kept when the
        # recorded count changes underneath (an undo, another window), never a stale text.
        self.edited = False
        self.textEdited.connect(self._typed)
        self.setObjectName("tallyEdit")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMaximumWidth(110)
        self.setPlaceholderText("0")

    def _typed(self, _text: str) -> None:
        self.edited = True

    def show_saved(self, count: int) -> None:
        self.saved = str(count) if count else ""
        self.setText(self.saved)
        self.edited = False

    def changed(self) -> bool:
        return self.text().strip() != self.saved

    def event(self, event: QEvent) -> bool:
        # Ctrl+Z with nothing typed to take back is the window's undo (the last count saved),
        # not the box's own empty undo, which did nothing at all.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                (event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable())
                or (event.matches(QKeySequence.StandardKey.Redo) and not self.isRedoAvailable())
            )
        ):
            event.ignore()
            return False
        return super().event(event)

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
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        # Why the grid cannot be typed in (the round is not open): true for this round only.
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Tally state"))
        self.state.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Tally message"))
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.state)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        self._set_intro(False)

    def _set_intro(self, objections: bool) -> None:
        text = self.tr(
            "Count the paper dots on the wall for each option: type the number and press "
            "Enter to go down to the option below. A new count replaces the earlier one."
        )
        if objections:
            text += " " + self.tr(
                "Count the Dots column first, then the Objections column: Enter stays in the "
                "column you are typing in (Tab moves across)."
            )
        self.intro.setText(text)

    def set_round(self, info: voting.RoundInfo | None) -> None:
        same = (
            self.info is not None
            and info is not None
            and info.id == self.info.id
            and info.options == self.info.options
            and info.objections == self.info.objections
        )
        if self.info is None or info is None or info.id != self.info.id:
            show_message(self.message, "", False)  # "Saved…" was about the other round
        self.info = info
        if not same:
            self._build()
        self._set_intro(bool(info and info.objections))
        self._load()

    def _build(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone at once, not when the deletion comes round
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
            self.state.hide()
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
            if edit.hasFocus() and edit.edited:
                edit.saved = str(count) if count else ""
            else:
                edit.show_saved(count)
        if editable:
            self.state.clear()
            self.state.hide()
        else:
            self.state.setText(
                self.tr("Open the round to record paper dots.")
                if info.status == voting.SETUP
                else self.tr("Voting is closed for this round.")
            )
            self.state.show()

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
        edit.show_saved(count)
        show_message(self.message, saved_text(self, count, objection, label), False)
        if move:
            self._next(edit)
        return True

    def _next(self, edit: CountEdit) -> None:
        """Down the column being typed: the option below, in Dots or in Objections."""
        columns = 2 if self.info and self.info.objections else 1
        i = self.edits.index(edit) + columns
        if i < len(self.edits):
            self.edits[i].setFocus()
        else:
            edit.selectAll()
            show_message(
                self.message,
                self.message.text() + " " + self.tr("That was the last option in this column."),
                False,
            )


def saved_text(widget: QWidget, count: int, objection: bool, label: str) -> str:
    """What the tally says after saving a count, in the count's own number."""
    text = (
        widget.tr("Saved: %n objection dot(s) on “%1”.", "", count)
        if objection
        else widget.tr("Saved: %n dot(s) on “%1”.", "", count)
    )
    return text.replace("%1", label[:60])

"""One person's ballot from the keyboard: their code (or an anonymous voter), then + and − on
each option, with the budget and the cap shown as they vote."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import voting
from workshop_app.core.cards import parse_card_text
from workshop_app.core.operations import voting as ops
from workshop_app.errors import AppError
from workshop_app.ui.messages import show_message
from workshop_app.ui.workshop_session import WorkshopSession


class BallotList(QListWidget):
    """The options while one person votes: + and − (or → and ←) move dots; O is the red dot."""

    step = Signal(int)
    objection = Signal()
    done = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.step.emit(1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Left, Qt.Key.Key_Backspace):
            self.step.emit(-1)
        elif key == Qt.Key.Key_O:
            self.objection.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.done.emit()
        else:
            super().keyPressEvent(event)


class BallotPanel(QWidget):
    """One person's turn: a participant code (or an anonymous voter), then their dots."""

    recorded = Signal()

    def __init__(self, session: WorkshopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.info: voting.RoundInfo | None = None
        self.voter: tuple[str, str | None, str] | None = None  # key, participant id, shown name
        self.allocation: dict[str, int] = {}
        self.objections: dict[str, int] = {}

        self.pages = QStackedWidget()
        self.pages.addWidget(self._who_page())
        self.pages.addWidget(self._vote_page())

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Ballot message"))
        self.message.hide()
        layout = QVBoxLayout(self)
        # Above the pages, next to the code box: on the voter's full screen a message at the
        # foot of the page is far from where they are looking.
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

    def _who_page(self) -> QWidget:
        """Who is voting: a participant code (Enter), or an anonymous voter."""
        who = QWidget()
        self.code = QLineEdit()
        self.code.setObjectName("captureEdit")
        self.code.setAccessibleName(self.tr("Participant code"))
        self.code.setPlaceholderText(self.tr("Participant code, e.g. K7Q2"))
        self.code.returnPressed.connect(self.start_with_code)
        code_label = QLabel(self.tr("Participant &code:"))
        code_label.setBuddy(self.code)
        self.anonymous = QPushButton(self.tr("&Anonymous voter"))
        self.anonymous.setToolTip(self.tr("Vote without a code (Ctrl+Shift+A)"))
        self.anonymous.clicked.connect(self.start_anonymous)
        QShortcut(QKeySequence("Ctrl+Shift+A"), who, self.start_anonymous)
        self.own_screen = QPushButton(self.tr("Voter's o&wn screen…"))
        self.own_screen.setToolTip(
            self.tr(
                "The ballot alone, full screen, for people voting at the laptop; "
                "Ctrl+Shift+Q (the facilitator's key) closes it"
            )
        )
        self.own_screen.clicked.connect(self.open_own_screen)
        self.voter_screen: QWidget | None = None
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.anonymous)
        row.addWidget(self.own_screen)
        hint = QLabel(
            self.tr(
                "Type the code on the person's card and press Enter, or choose an anonymous "
                "voter. Voting again with the same code replaces the earlier dots. The voter's "
                "own screen covers everything; only Ctrl+Shift+Q, the facilitator's key, "
                "closes it."
            )
        )
        hint.setWordWrap(True)
        self.who_hint = hint
        who_layout = QVBoxLayout(who)
        who_layout.addWidget(code_label)
        who_layout.addLayout(row)
        who_layout.addWidget(hint)
        who_layout.addStretch(1)
        return who

    def _vote_page(self) -> QWidget:
        """Their dots: the options, + and − (or the keys), the red dot, the budget left."""
        vote = QWidget()
        self.voter_label = QLabel()
        self.voter_label.setObjectName("boardTitle")
        self.budget = QLabel()
        self.budget.setObjectName("votingBudget")
        self.budget.setAccessibleName(self.tr("Dots left"))
        self.cap_label = QLabel()
        self.cap_label.setWordWrap(True)
        self.options = BallotList()
        self.options.setObjectName("ballotList")
        self.options.setAccessibleName(self.tr("Options: + adds a dot, − takes one back"))
        self.options.step.connect(self.step)
        self.options.objection.connect(self.toggle_objection)
        self.options.done.connect(self.finish)
        self.plus = QPushButton(self.tr("+ dot"))
        self.plus.setAccessibleName(self.tr("Add a dot to the chosen option"))
        self.plus.clicked.connect(lambda: self.step(1))
        self.minus = QPushButton(self.tr("− dot"))
        self.minus.setAccessibleName(self.tr("Take a dot back from the chosen option"))
        self.minus.clicked.connect(lambda: self.step(-1))
        self.red = QPushButton(self.tr("Red objection dot"))
        self.red.clicked.connect(self.toggle_objection)
        self.finish_button = QPushButton(self.tr("&Done"))
        self.finish_button.setObjectName("primaryButton")
        self.finish_button.setToolTip(self.tr("Record this person's dots (Enter)"))
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button = QPushButton(self.tr("Cancel this turn"))
        self.cancel_button.clicked.connect(self.cancel)
        for b in (self.plus, self.minus, self.red):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.plus)
        buttons.addWidget(self.minus)
        buttons.addWidget(self.red)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.finish_button)
        top = QHBoxLayout()
        top.addWidget(self.voter_label, 1)
        top.addWidget(self.budget)
        vote_layout = QVBoxLayout(vote)
        vote_layout.addLayout(top)
        vote_layout.addWidget(self.cap_label)
        vote_layout.addWidget(self.options, 1)
        vote_layout.addLayout(buttons)
        return vote

    def set_round(self, info: voting.RoundInfo | None) -> None:
        if self.info is None or info is None or info.id != self.info.id:
            self.cancel()
            show_message(self.message, "", False)  # it was about the other round
        self.info = info
        editable = info is not None and info.status == voting.OPEN
        self.code.setEnabled(editable)
        self.anonymous.setEnabled(editable)
        self.own_screen.setEnabled(editable)
        states = (
            self.tr("Open the round to let people vote."),
            self.tr("Voting is closed for this round."),
        )
        if info is not None and not editable:
            self.cancel()
            show_message(
                self.message, states[0] if info.status == voting.SETUP else states[1], False
            )
        elif self.message.text() in states:
            show_message(self.message, "", False)  # no longer true: the round is open

    def open_own_screen(self) -> None:
        """The voter's own screen for this open round; the facilitator's key brings them back."""
        from workshop_app.ui.voter_screen import FACILITATOR_KEY, VoterScreen

        if self.info is None or self.info.status != voting.OPEN:
            return
        screen = VoterScreen(self.session, self.info)
        screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen.recorded.connect(self.recorded.emit)
        screen.closed.connect(self._own_screen_closed)
        self.voter_screen = screen
        show_message(
            self.message,
            self.tr("The voter's screen is open: %1 closes it.").replace("%1", FACILITATOR_KEY),
            False,
        )
        screen.start()

    def _own_screen_closed(self) -> None:
        self.voter_screen = None
        show_message(self.message, "", False)  # "The voter's screen is open" no longer is

    def focus_first(self) -> None:
        if self.pages.currentIndex() == 0:
            self.code.setFocus()
        else:
            self.options.setFocus()

    # --- who is voting ----------------------------------------------------------------------
    def start_with_code(self) -> None:
        info = self.info
        if info is None:
            return
        code = self.code.text()
        workshop_id = self.session.workshop_id
        # A USB scanner types the card's QR text and Enter: take the code from it.
        scanned = parse_card_text(code)
        if scanned is not None:
            card_workshop, code = scanned
            if card_workshop != workshop_id:
                show_message(
                    self.message,
                    self.tr(
                        "That card belongs to another workshop: use a card printed for this one."
                    ),
                    True,
                )
                self.code.selectAll()
                self.code.setFocus()
                return
        try:
            key, person = self.session.read(ops.voter_key_for(workshop_id, code))
        except AppError as exc:
            show_message(self.message, exc.message, True)
            self.code.selectAll()
            self.code.setFocus()
            return
        self._start(key, person, code.strip().upper())

    def start_anonymous(self) -> None:
        if self.info is None or self.info.status != voting.OPEN:
            return
        self._start(voting.anonymous_voter(), None, self.tr("anonymous voter"))

    def _start(self, key: str, person: str | None, shown: str) -> None:
        assert self.info is not None
        self.voter = (key, person, shown)
        self.allocation = {}
        self.objections = {}
        self.voter_label.setText(self.tr("Voting: %1").replace("%1", shown))
        rules = [self.tr("%n dot(s) each", "", self.info.dots_per_person)]
        if self.info.cap_per_option:
            rules.append(self.tr("at most %n on one option", "", self.info.cap_per_option))
        if self.info.objections:
            rules.append(self.tr("O puts your one red objection dot"))
        self.cap_label.setText(
            "; ".join(rules) + ". " + self.tr("+ adds a dot, − takes one back, Enter when done.")
        )
        self.red.setVisible(self.info.objections)
        self.options.clear()
        for option in self.info.options:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, option.id)
            self.options.addItem(item)
        self.options.setCurrentRow(0)
        self._render()
        show_message(self.message, "", False)
        self.pages.setCurrentIndex(1)
        self.options.setFocus()

    def cancel(self) -> None:
        self.voter = None
        self.allocation = {}
        self.objections = {}
        self.code.clear()
        self.pages.setCurrentIndex(0)

    # --- placing dots -----------------------------------------------------------------------
    def dots_left(self) -> int:
        assert self.info is not None
        return self.info.dots_per_person - sum(self.allocation.values())

    def _render(self) -> None:
        info = self.info
        if info is None:
            return
        for i in range(self.options.count()):
            item = self.options.item(i)
            option = info.options[i]
            n = self.allocation.get(option.id, 0)
            dots = "●" * n if n else "·"
            red = "  " + self.tr("[objection]") if self.objections.get(option.id) else ""
            item.setText(f"{dots}   {option.label}{red}")
            item.setToolTip(option.label)
        self.budget.setText(budget_text(self, self.dots_left(), info.dots_per_person))

    def _current_option(self) -> str | None:
        item = self.options.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def step(self, delta: int) -> None:
        info, option_id = self.info, self._current_option()
        if info is None or option_id is None or self.voter is None:
            return
        n = self.allocation.get(option_id, 0) + delta
        if n < 0:
            show_message(self.message, self.tr("There is no dot there to take back."), True)
            return
        if delta > 0 and self.dots_left() <= 0:
            show_message(self.message, self.tr("No dots left: take one back (−) to move it."), True)
            return
        if info.cap_per_option and n > info.cap_per_option:
            show_message(
                self.message,
                self.tr("At most %n dot(s) on one option in this round.", "", info.cap_per_option),
                True,
            )
            return
        self.allocation[option_id] = n
        show_message(self.message, "", False)
        self._render()

    def toggle_objection(self) -> None:
        info, option_id = self.info, self._current_option()
        if info is None or option_id is None or not info.objections:
            return
        if self.objections.get(option_id):
            self.objections = {}
        else:
            self.objections = {option_id: voting.OBJECTION_DOTS}
        self._render()

    def finish(self) -> None:
        info, voter = self.info, self.voter
        if info is None or voter is None:
            return
        key, person, shown = voter
        allocation, objections = dict(self.allocation), dict(self.objections)

        try:
            self.session.run(ops.cast_ballot(info.id, key, allocation, objections, person, shown))
        except AppError as exc:
            show_message(self.message, exc.message, True)
            return
        unused = info.dots_per_person - sum(allocation.values())
        self.cancel()
        used = sum(allocation.values())
        text = self.tr("Recorded %n dot(s) for %1.", "", used).replace("%1", shown)
        if unused:
            text += " " + self.tr("%n dot(s) left unused (recorded).", "", unused)
        show_message(self.message, text, False)
        self.code.setFocus()
        self.recorded.emit()


def budget_text(widget: QWidget, left: int, budget: int) -> str:
    """ "2 of 3 dots left", "0 of 1 dot left": the noun agrees with the budget."""
    return widget.tr("%1 of %n dot(s) left", "", budget).replace("%1", str(left))

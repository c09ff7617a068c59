"""A voter's own screen: the ballot alone, full screen, in large type, for a person voting at
the laptop. They see their code box, their options and their dots left, nothing of the
facilitator's (no rounds, no Peek, no results), and cannot leave it: only the facilitator's
key closes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workshop_app.core import voting
from workshop_app.ui.messages import show_message
from workshop_app.ui.workshop_session import WorkshopSession

# The facilitator's key: what closes the voter's screen (told to the facilitator as it opens,
# never shown on the screen itself).
FACILITATOR_KEY = "Ctrl+Shift+Q"

STYLE = """
#voterScreen { background: #FFFFFF; }
#voterScreen QLabel { font-size: 18pt; }
#voterScreen QLabel#voterTitle { font-size: 30pt; font-weight: bold; }
#voterScreen QListWidget#ballotList { font-size: 24pt; }
#voterScreen QLabel#votingBudget { font-size: 26pt; font-weight: bold; }
#voterScreen QLabel#boardTitle { font-size: 24pt; font-weight: bold; }
#voterScreen QLineEdit#captureEdit { font-size: 26pt; padding: 8px; }
#voterScreen QPushButton { font-size: 20pt; padding: 10px 22px; }
"""


class VoterScreen(QWidget):
    recorded = Signal()
    closed = Signal()

    def __init__(self, session: WorkshopSession, info: voting.RoundInfo) -> None:
        from workshop_app.ui.voting_ballot import BallotPanel

        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("voterScreen")
        self.setWindowTitle(self.tr("Vote: %1").replace("%1", info.name))
        # Nothing else of the app answers while it is up: the facilitator's windows wait.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setStyleSheet(STYLE)
        self._leaving = False
        title = QLabel(info.name)
        title.setObjectName("voterTitle")
        title.setWordWrap(True)
        how = QLabel(
            self.tr(
                "Type the code on your card (or scan it) and press Enter. Then choose an option "
                "with the arrow keys and press + to give it a dot, − to take one back. Press "
                "Enter when you are done."
            )
        )
        how.setWordWrap(True)
        self.panel = BallotPanel(session)
        self.panel.set_round(info)
        # The facilitator's words and their way to this screen have no place on it.
        self.panel.own_screen.hide()
        self.panel.who_hint.hide()
        self.panel.recorded.connect(self.recorded.emit)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(18)
        layout.addWidget(title)
        layout.addWidget(how)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.notice)
        QShortcut(QKeySequence(FACILITATOR_KEY), self, self.leave)

    def start(self) -> None:
        self.showFullScreen()
        self.activateWindow()
        self.panel.focus_first()

    def leave(self) -> None:
        """The facilitator's key: close the voter's screen."""
        self._leaving = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving:
            # Alt+F4 or the window's close button: a voter cannot reach the facilitator's
            # screens from here.
            event.ignore()
            show_message(
                self.notice,
                self.tr("This screen is for voting: ask the facilitator when you are done."),
                False,
            )
            return
        event.accept()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc never leaves this screen: it only starts the voter's own turn again.
        if event.key() == Qt.Key.Key_Escape:
            self.panel.cancel()
            self.panel.focus_first()
            return
        super().keyPressEvent(event)

"""The projector window: the board in large type, following the facilitator's screen live."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.narratives import NarrativeInfo, preview_sections
from workshop_app.core.operations import NARRATIVE_TABLES, VOTING_TABLES, touches
from workshop_app.core.operations import narratives as narrative_ops
from workshop_app.core.operations import voting as voting_ops
from workshop_app.core.records import Change
from workshop_app.ui.board_model import BoardModel
from workshop_app.ui.projector_actions import HIGH_CONTRAST_KEY
from workshop_app.ui.projector_board import ProjectorBoard
from workshop_app.ui.projector_keys import install_keys, keys_help
from workshop_app.ui.projector_timer import TimerBadge
from workshop_app.ui.projector_voting import VotingPage, voting_point_size
from workshop_app.ui.screen_fit import fit_to_screen
from workshop_app.ui.workshop_session import WorkshopSession

BASE_POINT_SIZE = 18.0
VOTE_MAX_POINT = 40  # a round's options or chart at most this large (53 px)
MIN_ZOOM, MAX_ZOOM = 0.5, 3.0


class ProjectorWindow(QWidget):
    """The board, a narrative or a voting round in large type for the room, following the
    facilitator's screen: it redraws only when what it shows changed. The audience sees no
    buttons: everything is a key (F1 lists them)."""

    def __init__(self, session: WorkshopSession, board_model: BoardModel) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setWindowTitle(self.tr("Workshop App: projector"))
        self.session = session
        self.board_model = board_model
        self.typed_elsewhere: Callable[[str], None] | None = None  # to the capture bar
        self.letter_keys: list[QAction] = []  # A and H: keys only with a screen of its own
        self.zoom = 1.0
        self.board_view = ProjectorBoard(board_model)
        self.title = QLabel()
        self.title.setObjectName("projectorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("projectorTotal")
        self.timer_label = TimerBadge()
        header = QHBoxLayout()
        header.setSpacing(24)
        header.addWidget(self.title, 1)
        header.addWidget(self.timer_label)
        header.addWidget(self.total)
        self.narrative: tuple[str, str] | None = None  # (target kind, id) on show
        self.narrative_page = self._make_narrative_page()
        self.voting_round: str | None = None  # the round on show
        self.voting_page = VotingPage(BASE_POINT_SIZE)
        page = self.voting_page
        self.vote_title, self.vote_rules = page.title, page.rules
        self.vote_progress, self.vote_options, self.vote_chart = (
            page.progress,
            page.options,
            page.chart,
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.board_view)
        self.pages.addWidget(self.narrative_page)
        self.pages.addWidget(self.voting_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        self.high_contrast = bool(
            QSettings().value(HIGH_CONTRAST_KEY, False, type=bool)  # type: ignore[call-overload]
        )
        self.board_view.high_contrast = self.high_contrast
        install_keys(self)
        self.setWhatsThis(self.keys_help())
        board_model.themes_changed.connect(self._update)
        board_model.updated.connect(self._update_board)
        self.board_view.laid_out.connect(self._update_board)
        session.changed.connect(self._on_changed)
        self._update()

    # --- keys (the audience sees no controls: projector_keys.py) ---------------------------
    def keys_help(self) -> str:
        return keys_help(self)

    def show_keys_help(self) -> None:
        QMessageBox.information(self, self.tr("Projector keys"), self.keys_help())

    def show_theme(self, index: int | None) -> None:
        """One theme alone on the board (by its place, from 0), or every theme (None)."""
        if self.showing_narrative() or self.showing_voting():
            self.show_board()
        self.board_view.show_theme(index)

    def step_theme(self, step: int) -> None:
        if self.showing_narrative() or self.showing_voting():
            return
        self.board_view.step_theme(step)

    # --- the activity timer -----------------------------------------------------------------
    def show_timer(self, text: str, state: str) -> None:
        """The activity timer in large type at the top; hidden when no timer is set."""
        self.timer_label.show_time(text, state)

    def _header_px(self) -> float:
        """The title's size follows the window: readable at the back, never crowding the board."""
        return max(20.0, min(44.0, self.height() / 30))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._style_header()
        if self.showing_voting():
            self._refresh_voting()  # its type is sized to the screen

    def _make_narrative_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("projectorNarrative")
        self.narrative_title = QLabel()
        self.narrative_title.setObjectName("narrativeTitle")
        self.narrative_title.setTextFormat(Qt.TextFormat.PlainText)
        self.narrative_title.setWordWrap(True)
        self.narrative_body = QLabel()
        self.narrative_body.setObjectName("narrativeBody")
        self.narrative_body.setTextFormat(Qt.TextFormat.RichText)
        self.narrative_body.setWordWrap(True)
        self.narrative_body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.narrative_body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        body_host = QWidget()
        body_host.setObjectName("narrativeHost")
        body_host.setStyleSheet("#narrativeHost { background: #FFFFFF; }")
        body_layout = QVBoxLayout(body_host)
        body_layout.setContentsMargins(0, 0, 12, 0)
        body_layout.addWidget(self.narrative_body)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setStyleSheet("background: #FFFFFF;")
        self.narrative_scroll = scroll
        top = QHBoxLayout()
        top.addWidget(self.narrative_title, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        return page

    # --- the voting page --------------------------------------------------------------------
    def show_voting(self, round_id: str) -> None:
        """A voting round: while it is open, its options and how many have voted (never
        running totals); once revealed, the ranked result as a bar chart, ties marked."""
        self.narrative = None
        self.voting_round = round_id
        self._refresh_voting()
        self.pages.setCurrentWidget(self.voting_page)
        if not self.isVisible():
            fit_to_screen(self, 1280, 720, when_shown=False)
            self.show()
        self.raise_()

    def showing_voting(self) -> bool:
        return self.voting_round is not None

    def _refresh_voting(self) -> None:
        from workshop_app.core import voting
        from workshop_app.errors import AppError

        round_id = self.voting_round
        if round_id is None:
            return
        try:
            info, progress, result = self.session.read(voting_ops.projector_view(round_id))
        except AppError:
            self.show_board()
            return
        rows = len(result.lines) if result is not None else len(info.options)
        labels = [o.label for o in info.options]
        room = (self.pages.width(), self.pages.height())
        shown = None if result is not None else labels
        fitted = voting_point_size(
            self.font(), room, rows, shown, (BASE_POINT_SIZE, VOTE_MAX_POINT)
        )
        size = fitted * self.zoom
        self.vote_title.setStyleSheet(
            f"font-size: {size * 1.5:.1f}pt; font-weight: bold; color: #1A1A1A;"
        )
        self.vote_rules.setStyleSheet(f"font-size: {size * 0.9:.1f}pt; color: #333333;")
        self.vote_progress.setStyleSheet(
            f"font-size: {size * 2.2:.1f}pt; font-weight: bold; color: #0B57D0; padding: 12px;"
        )
        self.vote_options.setStyleSheet(f"font-size: {size:.1f}pt; color: #1A1A1A;")
        self.vote_chart.set_point_size(size)
        self.vote_title.setText(info.name)
        rules = []
        if info.criterion:
            rules.append(self.tr("Vote for the %1").replace("%1", info.criterion))
        rules.append(self.tr("%n dot(s) each", "", info.dots_per_person))
        if info.cap_per_option:
            rules.append(self.tr("at most %n on one option", "", info.cap_per_option))
        if info.objections:
            rules.append(self.tr("one red objection dot, counted separately"))
        self.vote_rules.setText(" · ".join(rules))
        if result is not None:
            from workshop_app.ui.voting_results import bars_of

            self.vote_progress.hide()
            self.vote_options.hide()
            self.vote_chart.set_bars(bars_of(result))
            self.vote_chart.show()
            self.total.setText(self.tr("Results"))
            return
        self.vote_chart.hide()
        self.vote_chart.set_bars([])
        self.vote_progress.show()
        self.vote_options.show()
        if info.status == voting.SETUP:
            headline = self.tr("Voting opens soon")
        elif info.status == voting.OPEN:
            headline = progress.text()
        else:
            headline = self.tr("Voting has closed: %1").replace("%1", progress.text())
        self.vote_progress.setText(headline)
        self.vote_options.setText("\n".join(f"•  {o.label}" for o in info.options))
        self.total.setText(self.tr("%n option(s)", "", len(info.options)))

    # --- the narrative page -----------------------------------------------------------------
    def show_narrative(self, info: NarrativeInfo) -> None:
        """Show one priority's narrative in large type; it follows saves (and undo) live."""
        self.narrative = (info.target_kind, info.target_id)
        self.voting_round = None
        self._render_narrative(info)
        self.pages.setCurrentWidget(self.narrative_page)
        self.narrative_scroll.verticalScrollBar().setValue(0)
        if not self.isVisible():
            fit_to_screen(self, 1280, 720, when_shown=False)
            self.show()
        self.raise_()

    def show_board(self) -> None:
        self.narrative = None
        self.voting_round = None
        self.pages.setCurrentIndex(0)
        self._update()

    def showing_narrative(self) -> bool:
        return self.narrative is not None

    def escape(self) -> None:
        if self.showing_narrative() or self.showing_voting():
            self.show_board()
        elif self.board_view.only_theme is not None:
            self.board_view.show_theme(None)
        else:
            self.showNormal()

    def _render_narrative(self, info: NarrativeInfo | None) -> None:
        from workshop_app.ui.narrative_html import sections_html

        size = BASE_POINT_SIZE * self.zoom
        self.narrative_title.setStyleSheet(
            f"font-size: {size * 1.5:.1f}pt; font-weight: bold; color: #1A1A1A;"
        )
        self.narrative_body.setStyleSheet("color: #1A1A1A;")
        if info is None:
            self.narrative_body.setText(
                f'<p style="font-size:{size:.1f}pt">'
                + self.tr("No narrative has been written for this priority yet.")
                + "</p>"
            )
            return
        self.narrative_title.setText(info.title)
        sections = preview_sections(info)
        if sections:
            self.narrative_body.setText(sections_html(sections, size))
        else:
            self.narrative_body.setText(
                f'<p style="font-size:{size:.1f}pt">' + self.tr("Nothing written yet.") + "</p>"
            )

    def _refresh_narrative(self) -> None:
        if self.narrative is None:
            return
        kind, target_id = self.narrative
        info = self.session.read(narrative_ops.narrative_for(kind, target_id))
        self._render_narrative(info)

    def _on_changed(self, change: Change) -> None:
        """Redraw what is on show only when the action touched it."""
        if self.narrative is not None and touches(change, NARRATIVE_TABLES):
            self._refresh_narrative()
        if self.voting_round is not None and touches(change, VOTING_TABLES):
            self._refresh_voting()

    def _update_board(self) -> None:
        board = self.board_model.board
        prompt = board.workshop.prompts[0] if board.workshop.prompts else board.workshop.title
        self.title.setText(prompt)
        if self.showing_voting():
            return  # the voting page says how many options instead
        total = self.tr("%n note(s)", "", self.board_model.total_notes)
        layout = self.board_view.layout_
        if layout is not None and layout.hidden and self.zoom > 1.0:
            total += "  ·  " + self.tr(
                "%n more off the screen: Ctrl+0 fits the board again", "", layout.hidden
            )
        elif layout is not None and layout.hidden:
            # Too many to show whole: said, so the facilitator can show one theme at a time.
            total += "  ·  " + self.tr("%n more below: 1–9 shows one theme", "", layout.hidden)
        self.total.setText(total)

    def _update(self) -> None:
        self._update_board()
        self._style_header()
        self._refresh_narrative()
        self._refresh_voting()

    def set_high_contrast(self, on: bool) -> None:
        """White on black for the room (H on the projector, or View > High-contrast projector);
        remembered for the next time."""
        self.high_contrast = on
        self.board_view.high_contrast = on
        QSettings().setValue(HIGH_CONTRAST_KEY, on)
        self._style_header()
        self.board_view.update()

    def _style_header(self) -> None:
        px = self._header_px()
        ink, soft = ("#FFFFFF", "#FFFFFF") if self.high_contrast else ("#1A1A1A", "#333333")
        self.setStyleSheet("#projector { background: #000000; }" if self.high_contrast else "")
        self.title.setStyleSheet(f"font-size: {px:.0f}px; font-weight: bold; color: {ink};")
        self.total.setStyleSheet(f"font-size: {px * 0.8:.0f}px; color: {soft};")
        self.timer_label.set_pixel_size(px * 1.3)

    def set_zoom(self, zoom: float) -> None:
        """Larger or smaller text than fits the screen (1.0: the board fits exactly)."""
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.board_view.set_zoom(self.zoom)
        self._update()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def show_on_best_screen(self, main_window: QWidget) -> bool:
        """Full screen on a second display when there is one; a large window otherwise.
        True when it has a screen of its own."""
        screens = QGuiApplication.screens()
        own = main_window.screen()
        others = [s for s in screens if s is not own]
        if others:
            # A screen of its own: the keyboard stays on the facilitator's, or the next note
            # typed would become the projector's keys (1-9, A, H).
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
            self.use_letter_keys(True)
            target = others[0]
            self.setScreen(target)
            self.move(target.geometry().topLeft())
            self.showFullScreen()
            self.raise_()
            main_window.activateWindow()
            return True
        # One screen (often mirrored to the projector): in front, as a slide is, with its
        # keys; words typed at it go on to the board (keyPressEvent).
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        # A note typed at it often starts with A or H ("Affordable homes", "Heat pumps"):
        # here they are letters for the capture bar, not the projector's keys.
        self.use_letter_keys(False)
        if not self.isVisible():
            fit_to_screen(self, 1280, 720, when_shown=False)
        self.show()
        self.raise_()
        self.activateWindow()
        return False

    def use_letter_keys(self, on: bool) -> None:
        for action in self.letter_keys:
            action.setEnabled(on)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A key that is not one of the projector's is the facilitator typing a note: it goes
        to the board's capture bar, which comes to the front, so nothing typed is lost."""
        text = event.text()
        command = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if (
            self.typed_elsewhere is not None
            and text
            and text.isprintable()
            and not event.modifiers() & command
        ):
            self.typed_elsewhere(text)
            return
        super().keyPressEvent(event)

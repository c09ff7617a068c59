"""The projector window: the board in large type, following the facilitator's screen live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
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
from workshop_app.ui.card_delegate import CardDelegate
from workshop_app.ui.card_list import ThemeColumn
from workshop_app.ui.voting_chart import ResultsChart
from workshop_app.ui.workshop_session import WorkshopSession

BASE_POINT_SIZE = 18.0
MIN_ZOOM, MAX_ZOOM = 0.5, 3.0


class ProjectorWindow(QWidget):
    """The board, a narrative or a voting round in large type for the room, following the
    facilitator's screen: it redraws only when what it shows changed."""

    def __init__(self, session: WorkshopSession, board_model: BoardModel) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setWindowTitle(self.tr("Workshop App: projector"))
        self.session = session
        self.board_model = board_model
        self.zoom = 1.0
        self.delegate = CardDelegate(BASE_POINT_SIZE, lines=4, parent=self)
        self.columns: list[ThemeColumn] = []
        self.title = QLabel()
        self.title.setObjectName("projectorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("projectorTotal")
        self.zoom_out = QPushButton("−")
        self.zoom_out.setAccessibleName(self.tr("Smaller text"))
        self.zoom_out.setToolTip(self.tr("Smaller text (Ctrl+-)"))
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self.zoom / 1.15))
        self.zoom_in = QPushButton("+")
        self.zoom_in.setAccessibleName(self.tr("Larger text"))
        self.zoom_in.setToolTip(self.tr("Larger text (Ctrl++)"))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self.zoom * 1.15))
        for b in (self.zoom_out, self.zoom_in):
            b.setObjectName("zoomButton")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.total)
        header.addWidget(self.zoom_out)
        header.addWidget(self.zoom_in)
        board_page = QWidget()
        self.columns_layout = QHBoxLayout(board_page)
        self.columns_layout.setContentsMargins(0, 0, 0, 0)
        self.columns_layout.setSpacing(14)
        self.narrative: tuple[str, str] | None = None  # (target kind, id) on show
        self.narrative_page = self._make_narrative_page()
        self.voting_round: str | None = None  # the round on show
        self.voting_page = self._make_voting_page()
        self.pages = QStackedWidget()
        self.pages.addWidget(board_page)
        self.pages.addWidget(self.narrative_page)
        self.pages.addWidget(self.voting_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        for keys, slot in (
            ([QKeySequence.StandardKey.ZoomIn, "Ctrl+="], lambda: self.set_zoom(self.zoom * 1.15)),
            ([QKeySequence.StandardKey.ZoomOut], lambda: self.set_zoom(self.zoom / 1.15)),
            (["Ctrl+0"], lambda: self.set_zoom(1.0)),
            (["F11"], self.toggle_full_screen),
            (["Esc"], self._escape),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(slot)
            self.addAction(action)
        board_model.themes_changed.connect(self._rebuild)
        board_model.updated.connect(self._update_board)
        session.changed.connect(self._on_changed)
        self._rebuild()

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
        self.back_button = QPushButton(self.tr("Back to the board (Esc)"))
        self.back_button.setObjectName("backToBoard")
        self.back_button.setAccessibleName(self.tr("Back to the board"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.show_board)
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
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        return page

    def _make_voting_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("projectorVoting")
        self.vote_title = QLabel()
        self.vote_title.setObjectName("voteTitle")
        self.vote_title.setTextFormat(Qt.TextFormat.PlainText)
        self.vote_title.setWordWrap(True)
        self.vote_rules = QLabel()
        self.vote_rules.setTextFormat(Qt.TextFormat.PlainText)
        self.vote_rules.setWordWrap(True)
        self.vote_progress = QLabel()
        self.vote_progress.setObjectName("voteProgress")
        self.vote_progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.vote_progress.setWordWrap(True)
        self.vote_options = QLabel()
        self.vote_options.setObjectName("voteOptions")
        self.vote_options.setTextFormat(Qt.TextFormat.PlainText)
        self.vote_options.setWordWrap(True)
        self.vote_options.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.vote_chart = ResultsChart(BASE_POINT_SIZE)
        self.vote_chart.hide()
        self.vote_back = QPushButton(self.tr("Back to the board (Esc)"))
        self.vote_back.setAccessibleName(self.tr("Back to the board"))
        self.vote_back.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.vote_back.clicked.connect(self.show_board)
        body = QWidget()
        body.setObjectName("voteHost")
        body.setStyleSheet("#voteHost { background: #FFFFFF; }")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 12, 0)
        body_layout.addWidget(self.vote_progress)
        body_layout.addWidget(self.vote_options)
        body_layout.addWidget(self.vote_chart)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setStyleSheet("background: #FFFFFF;")
        top = QHBoxLayout()
        top.addWidget(self.vote_title, 1)
        top.addWidget(self.vote_back, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.vote_rules)
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
            self.resize(1280, 720)
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
        size = BASE_POINT_SIZE * self.zoom
        self.vote_title.setStyleSheet(
            f"font-size: {size * 1.5:.1f}pt; font-weight: bold; color: #1A1A1A;"
        )
        self.vote_rules.setStyleSheet(f"font-size: {size * 0.9:.1f}pt; color: #333333;")
        self.vote_progress.setStyleSheet(
            f"font-size: {size * 2.2:.1f}pt; font-weight: bold; color: #0B57D0; padding: 12px;"
        )
        self.vote_options.setStyleSheet(f"font-size: {size:.1f}pt; color: #1A1A1A;")
        self.vote_back.setStyleSheet(f"font-size: {size * 0.7:.1f}pt; padding: 6px 12px;")
        self.vote_chart.set_point_size(size)

        try:
            info, progress, result = self.session.read(voting_ops.projector_view(round_id))
        except AppError:
            self.show_board()
            return
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
            self.resize(1280, 720)
            self.show()
        self.raise_()

    def show_board(self) -> None:
        self.narrative = None
        self.voting_round = None
        self.pages.setCurrentIndex(0)
        self._update()

    def showing_narrative(self) -> bool:
        return self.narrative is not None

    def _escape(self) -> None:
        if self.showing_narrative() or self.showing_voting():
            self.show_board()
        else:
            self.showNormal()

    def _render_narrative(self, info: NarrativeInfo | None) -> None:
        from workshop_app.ui.narrative_html import sections_html

        size = BASE_POINT_SIZE * self.zoom
        self.narrative_title.setStyleSheet(
            f"font-size: {size * 1.5:.1f}pt; font-weight: bold; color: #1A1A1A;"
        )
        self.back_button.setStyleSheet(f"font-size: {size * 0.7:.1f}pt; padding: 6px 12px;")
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

    def _rebuild(self) -> None:
        for column in self.columns:
            self.columns_layout.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for theme_id in self.board_model.theme_ids():
            column = ThemeColumn(
                self.board_model.models[theme_id], self.delegate, interactive=False
            )
            column.set_point_size(self.delegate.font.pointSizeF())
            self.columns_layout.addWidget(column, 1)
            self.columns.append(column)
        self._update()

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
        self.total.setText(self.tr("%n note(s)", "", self.board_model.total_notes))

    def _update(self) -> None:
        self._update_board()
        size = BASE_POINT_SIZE * self.zoom
        self.title.setStyleSheet(f"font-size: {size * 1.3:.1f}pt; font-weight: bold;")
        self.total.setStyleSheet(f"font-size: {size:.1f}pt;")
        for column in self.columns:
            column.set_point_size(size)
        self._refresh_narrative()
        self._refresh_voting()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.delegate.set_point_size(BASE_POINT_SIZE * self.zoom)
        for column in self.columns:
            column.view.scheduleDelayedItemsLayout()
            column.view.viewport().update()
        self._update()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def show_on_best_screen(self, main_window: QWidget) -> None:
        """Full screen on a second display when there is one; a large window otherwise."""
        screens = QGuiApplication.screens()
        own = main_window.screen()
        others = [s for s in screens if s is not own]
        if others:
            target = others[0]
            self.setScreen(target)
            self.move(target.geometry().topLeft())
            self.showFullScreen()
        else:
            self.resize(1280, 720)
            self.show()
        self.raise_()

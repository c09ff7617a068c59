"""The projector made for the room: the whole demo board fits a 1920×1080 screen in text that
reads from the back (at least 28 px), every note whole, headers even, no controls on show, the
newest note highlighted as it arrives, one theme at a time from the keyboard."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QApplication
from ui_helpers import activate, capture

from workshop_app.core.demo import create_demo_workshop
from workshop_app.core.operations import voting as voting_ops
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.projector import ProjectorWindow
from workshop_app.ui.projector_actions import install_projector_actions

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def demo_window(qtbot, window, db) -> MainWindow:
    info = db.run(create_demo_workshop)
    w = window()
    w.open_workshop(info.id)
    assert w.board is not None
    return w


def _projector_at(qtbot, w: MainWindow, width: int, height: int) -> ProjectorWindow:
    w.show_projector()
    projector = w.projector
    assert projector is not None
    projector.showNormal()
    projector.resize(width, height)
    qtbot.waitExposed(projector)
    QApplication.processEvents()
    projector.board_view.relayout()
    return projector


def _live_cards(w: MainWindow) -> set[str]:
    model = w.board_model
    return {r.id for t in model.theme_ids() for r in model.models[t].rows() if r.kind == "card"}


def _assert_whole_board_readable(w: MainWindow, projector: ProjectorWindow) -> None:
    board = projector.board_view
    layout = board.layout_
    fonts = layout.fonts
    # Every note on the board is on the projector, inside the screen, and all of its words fit
    # its card (no "…", nothing cut off at the bottom).
    cards = [p for p in layout.items if p.row.kind == "card"]
    assert {p.row.id for p in cards} == _live_cards(w)
    for placed in layout.items:
        assert board.rect().contains(placed.rect), placed.row
        inner = fonts.text_rect(placed.row, placed.rect)
        bold = placed.row.kind == "cluster"
        text = " ".join(
            (placed.row.card.text if placed.row.card else placed.row.cluster.name).split()
        )
        metrics = fonts.bold_metrics if bold else fonts.metrics
        flags = fonts.wrap_flags(bold, text, inner.width())
        needed = metrics.boundingRect(inner.adjusted(0, 0, 0, 10_000), flags, text)
        assert needed.height() <= inner.height(), text
        assert needed.width() <= inner.width(), text
    # Headers: all the same height, each one's words inside it.
    heights = {rect.height() for _g, rect in layout.headers}
    assert len(heights) == 1
    for group, rect in layout.headers:
        assert fonts.header_height(group, rect.width(), layout.stacked) <= rect.height()
    assert layout.fits


def test_demo_board_reads_from_the_back_of_the_room_at_1920x1080(qtbot, demo_window):
    w = demo_window
    projector = _projector_at(qtbot, w, 1920, 1080)
    board = projector.board_view
    assert 40 <= w.board_model.total_notes <= 60
    # At least 28 px text on a 1920×1080 projector, measured on the font the notes use.
    assert QFontInfo(board.layout_.fonts.note).pixelSize() >= 28
    _assert_whole_board_readable(w, projector)
    # Columns are sized to their notes: the two-note parking lot is the narrowest.
    widths = {g.name: rect.width() for g, rect in board.layout_.headers}
    assert min(widths, key=widths.get) == "Parking lot"
    projector.grab().save("/tmp/projector/test_1920.png")


def test_demo_board_fits_a_1280x720_screen_whole(qtbot, demo_window):
    w = demo_window
    projector = _projector_at(qtbot, w, 1280, 720)
    assert projector.board_view.note_pixel_size() >= 16
    _assert_whole_board_readable(w, projector)


def test_long_notes_emoji_and_long_words_are_shown_whole(qtbot, board_window):
    w = board_window
    long_note = " ".join(["Keep the library open on Saturdays and after school"] * 5)
    notes = [
        long_note,
        "More trees 🌳 and benches 🪑 in the square, 日本語のテキスト too",
        "https://valleys-let.example.org/follow-up/our-place-our-priorities-2026",
        "Short",
    ]
    for text in notes:
        capture(qtbot, w.board, text)
    projector = _projector_at(qtbot, w, 1280, 720)
    _assert_whole_board_readable(w, projector)
    assert projector.board_view.note_pixel_size() >= 20


def _visible_buttons(projector: ProjectorWindow) -> list[str]:
    return [b.text() for b in projector.findChildren(QAbstractButton) if b.isVisible()]


def test_no_controls_are_shown_to_the_room_and_the_keys_still_work(qtbot, demo_window):
    w = demo_window
    projector = _projector_at(qtbot, w, 1280, 720)
    activate(qtbot, projector)
    assert _visible_buttons(projector) == []
    rounds = w.session.read(voting_ops.list_rounds(w.board_model.workshop_id))
    projector.show_voting(rounds[0].id)
    assert _visible_buttons(projector) == []
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not projector.showing_voting()

    # The keys are written down where the facilitator looks: F1 and the View menu.
    assert "Ctrl+0" in projector.keys_help() and "1–9" in projector.keys_help()
    install_projector_actions(w)
    assert "1–9" in w.act_projector.toolTip()

    board = projector.board_view
    fitted = board.note_pixel_size()
    qtbot.keyClick(projector, Qt.Key.Key_2)
    assert [g.name for g, _ in board.layout_.headers] == ["Zero carbon and green jobs"]
    assert board.note_pixel_size() > fitted  # one theme alone reads larger still
    _assert_one_theme_whole(board)
    qtbot.keyClick(projector, Qt.Key.Key_Right)
    assert [g.name for g, _ in board.layout_.headers] == ["Good work and decent pay"]
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert len(board.layout_.headers) == 5
    assert board.note_pixel_size() == fitted
    qtbot.keyClick(projector, Qt.Key.Key_Equal, CTRL)
    assert board.note_pixel_size() > fitted


def _assert_one_theme_whole(board) -> None:
    theme_id = board.board_model.theme_ids()[board.only_theme]
    rows = board.board_model.models[theme_id].rows()
    assert {p.row.id for p in board.layout_.items} == {r.id for r in rows}
    assert all(board.rect().contains(p.rect) for p in board.layout_.items)


def test_the_newest_note_arrives_highlighted(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Buses every 30 minutes")
    w.show_projector()
    projector = w.projector
    board = projector.board_view
    board.highlight_ms = 300
    qtbot.waitExposed(projector)
    assert board.arrived == set()  # what was there before is not "new"
    activate(qtbot, w)
    w.board.focus_capture()
    capture(qtbot, w.board, "Skate park by the river")
    qtbot.waitUntil(lambda: len(board.visible_ids()) == 2)
    new = [p.row.id for p in board.layout_.items if p.row.card.text == "Skate park by the river"]
    assert board.arrived == set(new)
    # The highlight fades by itself; the note stays.
    qtbot.waitUntil(lambda: board.arrived == set(), timeout=3000)
    assert len(board.visible_ids()) == 2


def test_the_projector_closes_from_the_view_menu(qtbot, board_window):
    w = board_window
    close = install_projector_actions(w)
    assert close in w.view_menu.actions()
    w.view_menu.aboutToShow.emit()
    assert not close.isEnabled()
    w.act_projector.trigger()
    qtbot.waitUntil(lambda: w.projector is not None and w.projector.isVisible())
    w.view_menu.aboutToShow.emit()
    assert close.isEnabled()
    close.trigger()
    assert not w.projector.isVisible()
    w.view_menu.aboutToShow.emit()
    assert not close.isEnabled()
    # It opens again from the same menu.
    w.act_projector.trigger()
    qtbot.waitUntil(lambda: w.projector.isVisible())


def test_a_board_too_big_to_fit_shows_whole_cards_and_says_how_many_more(
    qtbot, window, db, workshop_id
):
    from workshop_app.core.notes import add_note
    from workshop_app.core.themes import list_themes

    def many(session) -> None:
        themes = list_themes(session, workshop_id)
        for i in range(900):
            add_note(session, workshop_id, f"Idea number {i} for the town", themes[i % 4].id, "")

    db.run(many)
    w = window()
    w.open_workshop(workshop_id)
    started = time.perf_counter()
    projector = _projector_at(qtbot, w, 1280, 720)
    assert time.perf_counter() - started < 3.0  # never stalls the facilitator's screen
    board = projector.board_view
    layout = board.layout_
    assert layout.hidden > 0 and not layout.fits
    assert all(board.rect().contains(p.rect) for p in layout.items)
    assert len(layout.items) + layout.hidden == 900
    assert f"{layout.hidden} more below" in projector.total.text()
    # One theme at a time shows more of them (the facilitator clicks the projector first).
    activate(qtbot, projector)
    qtbot.keyClick(projector, Qt.Key.Key_1)
    assert board.layout_.hidden < 225


# Sticky-note length: three to five words, 26 characters on average.
STICKY_NOTES = [
    "Buses every 30 minutes",
    "Warm hub in the library",
    "Fix the potholes",
    "Youth club on Fridays",
    "Keep the post office open",
    "Community shop",
    "Insulate the old terraces",
    "Skate park by the river",
    "Local food in schools",
    "Repair café once a month",
    "Benches in the square",
    "Safe cycle route",
    "Real Living Wage for carers",
    "Apprenticeships for school leavers",
    "Murals on the underpass",
]


def test_sixty_sticky_notes_read_from_the_back_at_1920x1080(qtbot, window, db, workshop_id):
    """Issue "The live room", point 8: at least 28 px text for a board of 60 notes. An empty
    parking lot is left off (it would take a column's width from the notes) and comes back
    with its first note."""
    from workshop_app.core.notes import add_note
    from workshop_app.core.themes import list_themes

    def sixty(session) -> None:
        themes = list_themes(session, workshop_id)
        for i in range(60):
            text = STICKY_NOTES[i % len(STICKY_NOTES)]
            add_note(session, workshop_id, text, themes[i % 4].id, "")

    db.run(sixty)
    w = window()
    w.open_workshop(workshop_id)
    projector = _projector_at(qtbot, w, 1920, 1080)
    board = projector.board_view
    assert w.board_model.total_notes == 60
    assert "Parking lot" not in [g.name for g, _ in board.layout_.headers]
    assert QFontInfo(board.layout_.fonts.note).pixelSize() >= 28
    _assert_whole_board_readable(w, projector)

    activate(qtbot, w)
    w.board.focus_capture()
    w.board.capture.select_theme(4)  # the parking lot, after the four themes
    capture(qtbot, w.board, "Ask the council to come")
    qtbot.waitUntil(lambda: "Parking lot" in [g.name for g, _ in board.layout_.headers])
    _assert_whole_board_readable(w, projector)


def test_high_contrast_for_the_room_from_the_view_menu_and_the_h_key(qtbot, demo_window):
    """Issue "Ship it", point 6: a high-contrast option for the projector: white notes on
    black, kept for next time."""
    from PySide6.QtGui import QColor

    from workshop_app.core.colours import contrast_ratio

    w = demo_window
    projector = _projector_at(qtbot, w, 1920, 1080)
    board = projector.board_view
    assert not projector.high_contrast
    w.act_high_contrast.trigger()
    assert projector.high_contrast and board.high_contrast
    QApplication.processEvents()
    image = board.grab().toImage()
    corner = image.pixelColor(image.width() - 3, image.height() - 3)
    assert corner == QColor("#000000"), "the room sees a black background"
    assert contrast_ratio("#FFFFFF", "#000000") >= 7
    # The H key on the projector switches it back when the projector has a screen of its own
    # (with one screen it is a letter of a note); the choice is remembered.
    projector.use_letter_keys(True)
    projector.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is projector)
    qtbot.keyClick(projector, Qt.Key.Key_H)
    assert not projector.high_contrast
    w.view_menu.aboutToShow.emit()
    assert not w.act_high_contrast.isChecked()


def test_a_search_on_the_laptop_never_narrows_the_room_s_board(qtbot, demo_window):
    """The facilitator searches the board to find a note; the room keeps seeing every note."""
    w = demo_window
    projector = _projector_at(qtbot, w, 1920, 1080)
    board = projector.board_view
    every = set(board.visible_ids())
    w.board.search.setText("bus")
    w.board.flush_search()
    QApplication.processEvents()
    board.relayout()
    assert w.board_model.filtering and w.board_model.match_count < len(w.board_model.board.cards)
    assert set(board.visible_ids()) == every


def test_a_workshop_with_only_its_parking_lot_still_shows_it_on_the_projector(qtbot, window, db):
    """The empty parking lot is left off only beside other themes: a blank workshop's
    projector must not be a white page."""
    from workshop_app.core.workshops import WorkshopFields, create_workshop

    info = db.run(lambda s: create_workshop(s, WorkshopFields(title="Blank"), "blank"))
    w = window()
    w.open_workshop(info.id)
    projector = _projector_at(qtbot, w, 1280, 720)
    assert [g.name for g, _ in projector.board_view.layout_.headers] == ["Parking lot"]


def test_zooming_in_never_pushes_columns_off_the_screen_and_says_what_is_off(qtbot, demo_window):
    """Ctrl++ past what fits: every card drawn is whole and on the screen, and the room's
    header says how many notes are off it and how to bring them back."""
    w = demo_window
    projector = _projector_at(qtbot, w, 1280, 720)
    activate(qtbot, projector)
    for _ in range(4):
        qtbot.keyClick(projector, Qt.Key.Key_Plus, CTRL)
    board = projector.board_view
    layout = board.layout_
    assert layout.items, "zoomed in, some notes still show"
    for placed in layout.items:
        assert board.rect().contains(placed.rect), placed.row
    for _group, rect in layout.headers:
        assert board.rect().contains(rect)
    shown = {p.row.id for p in layout.items if p.row.kind == "card"}
    off = len(_live_cards(w) - shown)
    assert off > 0
    assert f"{layout.hidden} more off the screen" in projector.total.text()
    assert "Ctrl+0" in projector.total.text()
    qtbot.keyClick(projector, Qt.Key.Key_0, CTRL)
    assert board.layout_.fits and "more" not in projector.total.text()


def test_the_room_sees_a_new_note_arrive_while_the_laptop_searches(qtbot, board_window):
    """The arrival highlight follows the whole board, not the laptop's search: a note typed
    under a search that it does not match still arrives on the projector, and clearing the
    search does not make old notes 'arrive'."""
    w = board_window
    capture(qtbot, w.board, "Buses every 30 minutes")
    capture(qtbot, w.board, "Warm hub in the library")
    w.show_projector()
    projector = w.projector
    board = projector.board_view
    board.highlight_ms = 60_000
    qtbot.waitExposed(projector)
    activate(qtbot, w)
    w.board.search.setText("bus")
    w.board.flush_search()
    board.relayout()
    assert board.arrived == set()
    w.board.focus_capture()
    capture(qtbot, w.board, "Skate park by the river")
    qtbot.waitUntil(lambda: len(board.visible_ids()) == 3)
    new = {p.row.id for p in board.layout_.items if p.row.card.text == "Skate park by the river"}
    assert board.arrived == new
    board._end_highlight()
    w.board.search.setText("")
    w.board.flush_search()
    board.relayout()
    assert board.arrived == set()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_a_voting_round_fills_the_room_s_screen(qtbot, demo_window, size):
    """The options (open round) and the ranked chart (revealed) in type as large as fits the
    screen: at least 28 px on 1920×1080, and everything still on the screen."""
    w = demo_window
    projector = _projector_at(qtbot, w, *size)
    rounds = w.session.read(voting_ops.list_rounds(w.board_model.workshop_id))
    for info in rounds:
        projector.show_voting(info.id)
        QApplication.processEvents()
        shown = projector.vote_chart if projector.vote_chart.isVisible() else projector.vote_options
        px = QFontInfo(
            shown.font() if shown is projector.vote_options else shown._font()
        ).pixelSize()
        if size == (1920, 1080):
            assert px >= 28, (info.name, px)
        body = shown.parentWidget()
        assert body.height() <= projector.pages.height() + 2, info.name  # no scrolling needed

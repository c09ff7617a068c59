"""Right-to-left text and emoji are kept byte-exact and drawn; screenshots are not blank."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from ui_helpers import capture, index_of_text, live_count, load, note_by_text, press, sql

from workshop_app.core.demo import DEMO_TITLE

CTRL = Qt.KeyboardModifier.ControlModifier
ARABIC = "نحتاج إلى حافلات أكثر"
EMOJI = "🚌🚌🚌"
ENGLISH = "We need more buses"


def _ink_centre(image: QImage, rect: QRect) -> float | None:
    """Mean x (relative to the rect, 0..1) of the dark text pixels inside rect."""
    xs = []
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right()):
            c = image.pixelColor(x, y)
            if c.red() < 90 and c.green() < 90 and c.blue() < 90:
                xs.append(x)
    if not xs:
        return None
    return (sum(xs) / len(xs) - rect.left()) / rect.width()


def _distinct_colours(image: QImage, step: int = 3) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_arabic_and_emoji_notes_saved_byte_exact_and_painted(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    for text in (ARABIC, EMOJI, ENGLISH):
        capture(qtbot, w.board, text)
    for text in (ARABIC, EMOJI):
        row = sql(db, "SELECT CAST(text AS BLOB) AS raw FROM notes WHERE text = :t", t=text)
        assert len(row) == 1
        assert bytes(row[0]["raw"]) == text.encode("utf-8")
        assert note_by_text(db, text)["deleted_at"] is None
    assert sorted(c.text for c in load(db, workshop_id).cards.values()) == sorted(
        [ARABIC, EMOJI, ENGLISH]
    )

    view = w.board.columns[0].view
    view.clearSelection()
    w.board.focus_capture()
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    assert not image.isNull() and _distinct_colours(image, 1) > 10
    # Arabic is drawn from the right edge of the card, English from the left.
    arabic = _ink_centre(image, view.visualRect(index_of_text(view, ARABIC)))
    english = _ink_centre(image, view.visualRect(index_of_text(view, ENGLISH)))
    assert arabic is not None and english is not None
    assert arabic > 0.5 > english, (arabic, english)
    # The emoji card painted something too (a glyph, or at worst a box: never nothing).
    emoji_rect = view.visualRect(index_of_text(view, EMOJI))
    assert emoji_rect.isValid()
    assert _distinct_colours(image.copy(emoji_rect), 1) > 3
    # The projector draws them as well.
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: w.projector is not None and w.projector.isVisible())
    assert not w.projector.board_view.grab().isNull()


def test_screenshots_of_demo_board_and_projector_are_not_blank(qtbot, window, tmp_path):
    w = window()
    qtbot.keyClick(w.home.demo_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.board is not None and w.board.isVisible())
    assert live_count(w.db) == 40
    assert w.board.title.text() == DEMO_TITLE
    QApplication.processEvents()
    board_shot = w.grab()
    assert board_shot.save(str(tmp_path / "board.png"))
    board_image = board_shot.toImage()
    assert board_image.width() >= 1000 and board_image.height() >= 600
    assert _distinct_colours(board_image) > 50

    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: w.projector is not None and w.projector.isVisible())
    qtbot.waitExposed(w.projector)
    QApplication.processEvents()
    projector_shot = w.projector.grab()
    assert projector_shot.save(str(tmp_path / "projector.png"))
    assert _distinct_colours(projector_shot.toImage()) > 50
    assert (tmp_path / "board.png").stat().st_size > 10_000
    assert (tmp_path / "projector.png").stat().st_size > 10_000
    # The projector shows the first prompt question as its title.
    assert w.projector.title.text() == "What would make this a better place to live and work?"


MIXED = "نحتاج إلى حافلات أكثر إلى Cardiff كل 15 دقيقة"


def test_the_projector_draws_right_to_left_notes_from_the_right(qtbot, board_window):
    """Issue "Ship it", point 5: an Arabic note, even one holding an English place name and a
    number, reads from the right on the projector; an English one from the left."""
    w = board_window
    for text in (MIXED, ENGLISH):
        capture(qtbot, w.board, text)
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: w.projector is not None and w.projector.isVisible())
    projector = w.projector
    projector.showNormal()
    projector.resize(1920, 1080)
    QApplication.processEvents()
    board = projector.board_view
    board.relayout()
    image = board.grab().toImage()
    placed = {p.row.card.text: p.rect for p in board.layout_.items if p.row.card is not None}
    mixed = _ink_centre(image, placed[MIXED])
    english = _ink_centre(image, placed[ENGLISH])
    assert mixed is not None and english is not None
    assert mixed > 0.5 > english, (mixed, english)

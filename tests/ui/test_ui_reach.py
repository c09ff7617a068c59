"""Equality and reach cards from the keyboard: stored anonymously, summarised with small counts
suppressed."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPushButton
from ui_helpers import sql

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _open(qtbot, w):
    qtbot.keyClick(w, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: w.reach is not None and w.reach.isVisible())
    return w.reach


def _summary_counts(dialog) -> dict[tuple[str, str], str]:
    out = {}
    for i in range(dialog.summary.topLevelItemCount()):
        parent = dialog.summary.topLevelItem(i)
        for j in range(parent.childCount()):
            child = parent.child(j)
            out[(parent.text(0), child.text(0))] = child.text(1)
    return out


def test_cards_typed_from_the_keyboard_are_stored_unlinked_and_summarised(qtbot, board_window):
    w = board_window
    dialog = _open(qtbot, w)
    age = dialog.inputs["age_band"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is age)
    for _ in range(6):
        age.setCurrentIndex(age.findData("25-44"))
        area = dialog.inputs["area"]
        area.setFocus()
        qtbot.keyClicks(area, "sy18")
        qtbot.keyClick(area, Qt.Key.Key_Return)
    rows = sql(w.db, "SELECT * FROM equality_responses")
    assert len(rows) == 6
    assert json.loads(rows[0]["answers"]) == {"age_band": "25-44", "area": "SY18"}
    assert not any("participant" in column for column in rows[0])
    counts = _summary_counts(dialog)
    assert counts[("Age band", "25 to 44")] == "6"
    assert counts[("Age band", "65 or over")] == "<5"
    assert dialog.total.text() == "Cards: 6"
    dialog.grab().save("/tmp/shots/reach.png") if __import__("os").path.isdir(
        "/tmp/shots"
    ) else None


def test_a_full_postcode_is_refused_and_the_card_kept_for_correction(qtbot, board_window):
    w = board_window
    dialog = _open(qtbot, w)
    area = dialog.inputs["area"]
    area.setFocus()
    qtbot.keyClicks(area, "SY18 6AB")
    qtbot.keyClick(area, Qt.Key.Key_Return)
    assert "first half of a postcode" in dialog.message.text()
    # Said in the window that asked, never under the board's capture bar (seen, issue 8.5).
    assert "postcode" not in w.board.capture.message.text()
    assert area.text() == "SY18 6AB"
    assert sql(w.db, "SELECT count(*) AS n FROM equality_responses")[0]["n"] == 0
    assert dialog.total.text() == "No cards entered yet."


def test_the_programme_chooses_which_questions_are_asked(qtbot, board_window):
    w = board_window
    dialog = _open(qtbot, w)
    chooser = dialog.edit_questions()
    boxes = chooser.findChildren(QCheckBox)
    assert all(box.isChecked() for box in boxes)
    for box in boxes:
        box.setChecked(box.text() == "Age band")
    save = next(b for b in chooser.findChildren(QPushButton) if "Save" in b.text())
    qtbot.keyClick(save, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: w.reach is not None and w.reach is not dialog and w.reach.isVisible())
    assert list(w.reach.inputs) == ["age_band"]
    assert sql(w.db, "SELECT equality_questions FROM workshops")[0]["equality_questions"] == (
        '["age_band"]'
    )


def test_before_the_first_card_the_summary_says_none_yet(qtbot, board_window):
    """Not "Cards: <5" over a list of "<5" for answers nobody has given."""
    dialog = _open(qtbot, board_window)
    assert dialog.total.text() == "No cards entered yet."
    assert _summary_counts(dialog) == {}

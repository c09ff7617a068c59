"""Tagging a cluster with wellbeing outcomes from the keyboard: choose the set once, tick, save;
the tags are in the database and undo takes them away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_narratives import CTRL, SHIFT, _select_cluster, nboard, seeded  # noqa: F401
from ui_helpers import activate, press, sql

from workshop_app.ui.outcome_tags import OutcomeTagsDialog


def test_tag_a_cluster_with_outcomes_then_undo(qtbot, nboard, seeded):  # noqa: F811
    w = nboard
    cluster_id = seeded[0]
    _select_cluster(qtbot, w, cluster_id)
    press(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.board.outcomes_dialog is not None)
    dialog = w.board.outcomes_dialog
    assert isinstance(dialog, OutcomeTagsDialog)
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    # No set chosen yet: the set comes first, and choosing it is recorded with its version.
    assert dialog.set_combo.isVisible()
    dialog.set_combo.setCurrentIndex(dialog.set_combo.findData("ons-national-wellbeing"))
    dialog.set_combo.activated.emit(dialog.set_combo.currentIndex())
    workshop = sql(w.db, "SELECT outcome_set, outcome_set_version FROM workshops")[0]
    assert workshop == {"outcome_set": "ons-national-wellbeing", "outcome_set_version": "2023"}
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.checks["personal-wellbeing"])
    qtbot.keyClick(dialog.checks["personal-wellbeing"], Qt.Key.Key_Space)
    dialog.checks["where-we-live"].setChecked(True)
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    live = "SELECT outcome_key FROM outcome_tags WHERE deleted_at IS NULL ORDER BY outcome_key"
    assert [r["outcome_key"] for r in sql(w.db, live)] == ["personal-wellbeing", "where-we-live"]
    activate(qtbot, w)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert sql(w.db, live) == []


def test_outcomes_with_nothing_selected_gives_a_hint(qtbot, nboard):  # noqa: F811
    w = nboard
    press(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    assert w.board.outcomes_dialog is None
    assert "Ctrl+Shift+O" in w.board.capture.message.text()


def test_a_programme_can_tag_with_its_own_outcomes(qtbot, nboard, seeded):  # noqa: F811
    w = nboard
    _select_cluster(qtbot, w, seeded[0])
    press(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.board.outcomes_dialog is not None)
    dialog = w.board.outcomes_dialog
    assert dialog.choose_set("custom", ["Warm homes", "", "Young people stay"])
    assert [box.text() for box in dialog.checks.values()] == ["Warm homes", "Young people stay"]
    assert sql(w.db, "SELECT outcome_set FROM workshops")[0]["outcome_set"] == "custom"
    assert not dialog.choose_set("custom", ["  "])
    assert "at least one outcome" in dialog.message.text()

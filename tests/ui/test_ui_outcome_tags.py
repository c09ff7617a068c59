"""Tagging a cluster with wellbeing outcomes from the keyboard: choose the set once, tick, save;
the tags are in the database and undo takes them away. They are the priority's one record:
the narrative editor shows them ticked and the board shows them on the cluster. Switching the
set says what happens to the old set's tags, and never shows their raw keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_ui_narratives import (  # noqa: F401
    CTRL,
    SHIFT,
    _open_editor,
    _select_cluster,
    nboard,
    seeded,
)
from ui_helpers import activate, press, sql

from workshop_app.core.outcomes import choose_outcome_set, set_tags
from workshop_app.ui import card_tags
from workshop_app.ui.column_model import ROW_ROLE
from workshop_app.ui.outcome_tags import OutcomeTagsDialog

WALES = "wellbeing-future-generations-wales"
WALES_NAME = "Well-being of Future Generations (Wales) Act goals"


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


def _tag_dialog(qtbot, w, cluster_id: str) -> OutcomeTagsDialog:
    _select_cluster(qtbot, w, cluster_id)
    press(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.board.outcomes_dialog is not None)
    dialog = w.board.outcomes_dialog
    assert isinstance(dialog, OutcomeTagsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _cluster_header(w, cluster_id: str):
    view = w.board.columns[1].view
    index = view.model().find(cluster_id)
    return view, index


def test_outcomes_from_ctrl_shift_o_show_in_the_narrative_and_on_the_cluster(
    qtbot,
    nboard,  # noqa: F811
    seeded,  # noqa: F811
):
    w = nboard
    cluster_id = seeded[0]
    view, index = _cluster_header(w, cluster_id)
    plain_height = view.visualRect(index).height()
    dialog = _tag_dialog(qtbot, w, cluster_id)
    assert dialog.choose_set(WALES)
    dialog.checks["healthier"].setChecked(True)
    dialog.checks["more-equal"].setChecked(True)
    assert dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # The board shows the cluster's outcomes under its header, which grows by a line.
    view, index = _cluster_header(w, cluster_id)
    assert card_tags.tag_line(index, index.data(ROW_ROLE)) == (
        "A healthier Wales · A more equal Wales"
    )
    qtbot.waitUntil(lambda: view.visualRect(index).height() > plain_height)

    # The narrative editor opens with the same outcomes ticked and in its preview.
    activate(qtbot, w)
    editor = _open_editor(qtbot, w, cluster_id)
    ticked = [k for k, box in editor.outcome_checks.items() if box.isChecked()]
    assert ticked == ["healthier", "more-equal"]
    assert "A more equal Wales" in editor.preview.toPlainText()
    assert not editor.dirty

    # Unticking there and saving is what the board shows next.
    editor.outcome_checks["more-equal"].setChecked(False)
    assert editor.save()
    view, index = _cluster_header(w, cluster_id)
    assert card_tags.tag_line(index, index.data(ROW_ROLE)) == "A healthier Wales"
    live = "SELECT target_id, outcome_key FROM outcome_tags WHERE deleted_at IS NULL"
    assert sql(w.db, live) == [{"target_id": cluster_id, "outcome_key": "healthier"}]


def test_switching_the_outcome_set_says_what_happens_to_the_old_tags(
    qtbot,
    nboard,  # noqa: F811
    seeded,  # noqa: F811
    monkeypatch,
):
    w = nboard
    cluster_id = seeded[0]
    wid = w.session.workshop_id

    def tag(s):
        choose_outcome_set(s, wid, WALES)
        set_tags(s, wid, "cluster", cluster_id, ["healthier", "more-equal"])

    w.db.run(tag)
    w.board_model.reload()
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = _tag_dialog(qtbot, w, cluster_id)
    assert dialog.set_combo.isVisible()  # the set can be switched here at any time

    # Asked first, plainly; cancelling keeps the set and the ticks.
    assert not dialog.choose_set("thriving-places-index")
    assert "2 tag" in asked[0] and WALES_NAME in asked[0]
    assert "kept but hidden" in asked[0] and "Thriving Places Index" in asked[0]
    assert sql(w.db, "SELECT outcome_set FROM workshops")[0]["outcome_set"] == WALES
    assert dialog.ticked() == ["healthier", "more-equal"]

    answer[0] = QMessageBox.StandardButton.Yes
    assert dialog.choose_set("thriving-places-index")
    said = dialog.message.text()
    assert "now tags with ‘Thriving Places Index’" in said and "hidden until you switch" in said
    assert dialog.ticked() == []
    on_screen = " ".join([said, *(box.text() for box in dialog.checks.values())])
    assert "healthier" not in on_screen and "more-equal" not in on_screen  # no raw keys
    _view, index = _cluster_header(w, cluster_id)
    assert card_tags.tag_line(index, index.data(ROW_ROLE)) == ""
    # The tags are kept: switching back (nothing to hide, so no question) shows them again.
    asked.clear()
    assert dialog.choose_set(WALES)
    assert asked == []
    assert "2 tag" in dialog.message.text() and "Shown again" in dialog.message.text()
    assert dialog.ticked() == ["healthier", "more-equal"]
    _view, index = _cluster_header(w, cluster_id)
    assert card_tags.tag_line(index, index.data(ROW_ROLE)) == (
        "A healthier Wales · A more equal Wales"
    )


def test_an_open_narrative_follows_tags_and_a_set_switched_elsewhere(
    qtbot,
    nboard,  # noqa: F811
    seeded,  # noqa: F811
):
    from workshop_app.core.operations import narratives as ops

    w = nboard
    cluster_id = seeded[0]
    wid = w.session.workshop_id
    w.db.run(lambda s: choose_outcome_set(s, wid, WALES))
    editor = _open_editor(qtbot, w, cluster_id)
    assert "Future Generations" in editor.outcome_box.title()
    # Tagged with Ctrl+Shift+O's operation while the narrative is open: ticked here at once.
    w.session.run(ops.tag_outcomes(wid, "cluster", cluster_id, ["resilient"]))
    assert editor.outcome_checks["resilient"].isChecked() and not editor.dirty
    # An unsaved tick here is kept when tags change elsewhere...
    editor.outcome_checks["healthier"].setChecked(True)
    w.session.run(ops.tag_outcomes(wid, "cluster", cluster_id, ["resilient", "prosperous"]))
    assert editor.outcome_checks["healthier"].isChecked()
    # ...but boxes of a set that is no longer the workshop's could not be saved: rebuilt.
    w.session.run(ops.choose_outcome_set(wid, "thriving-places-index"))
    assert "Thriving Places Index" in editor.outcome_box.title()
    assert "safety" in editor.outcome_checks and "healthier" not in editor.outcome_checks
    assert editor.chosen_outcomes() == []
    assert editor.save()


def test_editing_the_programmes_own_list_keeps_tags_of_a_removed_outcome(
    qtbot,
    nboard,  # noqa: F811
    seeded,  # noqa: F811
    monkeypatch,
):
    w = nboard
    cluster_id = seeded[0]
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    dialog = _tag_dialog(qtbot, w, cluster_id)
    assert dialog.choose_set("custom", ["Warm homes", "Young people stay"])
    for box in dialog.checks.values():
        box.setChecked(True)
    assert dialog.save()
    dialog = _tag_dialog(qtbot, w, cluster_id)
    assert dialog.choose_set("custom", ["Warm homes"])
    assert "1 tag" in asked[0] and "taken off the list" in asked[0]
    assert "taken off the list" in dialog.message.text()
    assert "young-people-stay" not in dialog.message.text()
    assert dialog.ticked() == ["warm-homes"]
    _view, index = _cluster_header(w, cluster_id)
    assert card_tags.tag_line(index, index.data(ROW_ROLE)) == "Warm homes"
    assert dialog.choose_set("custom", ["Warm homes", "Young people stay"])
    assert dialog.ticked() == ["warm-homes", "young-people-stay"]

"""The narrative editor: written from the keyboard, saved to the database in one undoable
action, stories kept with consent applied, and shown on the projector in large type."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import activate, press, sql, type_text

from workshop_app.core.clusters import create_cluster
from workshop_app.core.consent import ConsentChoices
from workshop_app.core.notes import add_note
from workshop_app.core.participants import ParticipantFields, add_participant
from workshop_app.core.themes import list_themes
from workshop_app.ui.column_model import ROW_ROLE
from workshop_app.ui.narrative_editor import NarrativeEditor

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CLUSTER = "Getting about"
ISSUE = "The last bus leaves at six, so evening shifts are out of reach."
CHANGE = "Buses every 30 minutes & on Sundays <for everyone>."


@pytest.fixture
def seeded(db, workshop_id):
    """A cluster on the second theme, and two participants: one agreed to be quoted
    anonymously in the report, one did not agree to be quoted at all."""

    def seed(s):
        theme = list_themes(s, workshop_id)[1]
        ids = [
            add_note(s, workshop_id, text, theme.id).id
            for text in ("Buses every 30 minutes", "Sunday buses!")
        ]
        cluster = create_cluster(s, ids, CLUSTER)
        quoted = add_participant(
            s,
            workshop_id,
            ParticipantFields(name="Megan Pryce", area="Llanidloes"),
            ConsentChoices(take_part=True, quote="anonymous", use_report=True),
            "Sam",
            code="ANQT",
        )
        silent = add_participant(
            s,
            workshop_id,
            ParticipantFields(name="Dai Evans"),
            ConsentChoices(take_part=True, quote="no", use_report=True),
            "Sam",
            code="NQ23",
        )
        return cluster.id, quoted.id, silent.id

    return db.run(seed)


@pytest.fixture
def nboard(seeded, request):
    return request.getfixturevalue("board_window")


def _select_cluster(qtbot, w, cluster_id: str):
    """From the capture bar down into the board, then to the cluster's column by keyboard."""
    board = w.board
    press(qtbot, Qt.Key.Key_Down)
    view = board.columns[1].view
    for _ in range(len(board.columns)):
        if view.hasFocus():
            break
        press(qtbot, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: view.hasFocus())
    view.setCurrentIndex(view.model().index(0, 0))
    assert view.currentIndex().data(ROW_ROLE).id == cluster_id
    return view


def _open_editor(qtbot, w, cluster_id: str) -> NarrativeEditor:
    _select_cluster(qtbot, w, cluster_id)
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.board.narrative_editor is not None)
    editor = w.board.narrative_editor
    assert isinstance(editor, NarrativeEditor)
    qtbot.waitExposed(editor)
    activate(qtbot, editor)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.edits["issue"])
    return editor


def test_narrative_from_keyboard_saved_and_undone(qtbot, nboard, seeded, workshop_id):
    w = nboard
    cluster_id = seeded[0]
    editor = _open_editor(qtbot, w, cluster_id)
    assert editor.windowTitle().endswith(CLUSTER)
    type_text(qtbot, editor.edits["issue"], ISSUE)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.edits["change"]
    type_text(qtbot, editor.edits["change"], CHANGE)
    words = len(ISSUE.split()) + len(CHANGE.replace("&", "").split())
    assert editor.words.text() == f"{words} words: aim for 120-200"
    # The preview shows the text as typed, escaped.
    assert "<for everyone>" in editor.preview.toPlainText()
    assert "The change we want" in editor.preview.toPlainText()

    # No outcome set yet: choose one first, then tick an outcome.
    combo = editor.outcome_set_combo
    assert combo is not None and not editor.outcome_checks
    assert editor.choose_outcome_set("wellbeing-future-generations-wales")
    assert sql(w.db, "SELECT outcome_set FROM workshops")[0]["outcome_set"] == (
        "wellbeing-future-generations-wales"
    )
    editor.outcome_checks["healthier"].setChecked(True)
    assert "A healthier Wales" in editor.preview.toPlainText()

    press(qtbot, Qt.Key.Key_S, CTRL)
    rows = sql(w.db, "SELECT * FROM narratives WHERE deleted_at IS NULL")
    assert len(rows) == 1
    row = rows[0]
    assert (row["target_kind"], row["target_id"]) == ("cluster", cluster_id)
    assert row["issue"] == ISSUE and row["change"] == CHANGE
    tags = sql(
        w.db,
        "SELECT outcome_key FROM outcome_tags WHERE target_id = :i AND deleted_at IS NULL",
        i=cluster_id,  # the priority's own tags: the one record of its outcomes
    )
    assert [t["outcome_key"] for t in tags] == ["healthier"]
    assert editor.status.text().startswith("Saved at")
    assert not editor.message.isVisible()

    # Closing: nothing unsaved, so no question; back on the board, Ctrl+Z undoes the save.
    editor.close()
    qtbot.waitUntil(lambda: w.board.narrative_editor is None)
    activate(qtbot, w)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert sql(w.db, "SELECT * FROM narratives WHERE deleted_at IS NULL") == []


def test_core_error_shown_in_one_line_and_text_kept(qtbot, nboard, seeded):
    w = nboard
    editor = _open_editor(qtbot, w, seeded[0])
    long_text = "word " * 1100
    editor.edits["issue"].setPlainText(long_text)
    assert not editor.save()
    assert editor.message.isVisible()
    assert "at most 5,000 characters" in editor.message.text()
    assert "\n" not in editor.message.text()
    assert editor.edits["issue"].toPlainText() == long_text
    assert sql(w.db, "SELECT * FROM narratives") == []
    editor.edits["issue"].setPlainText(ISSUE)
    assert editor.save()
    assert not editor.message.isVisible()
    editor.close()


def test_story_consent_and_identifying_warnings(qtbot, nboard, seeded):
    w = nboard
    cluster_id, quoted_id, silent_id = seeded
    editor = _open_editor(qtbot, w, cluster_id)
    # Nobody named: internal only.
    assert not editor.publish.isEnabled()
    # The participant who did not agree to be quoted: cannot be marked, and told why.
    labels = [editor.teller.itemText(i) for i in range(editor.teller.count())]
    # The list says how each person may be credited, naming nobody who asked not to be.
    assert "NQ23 — not to be quoted" in labels and "ANQT — anonymous" in labels
    assert not any("Megan" in t or "Dai" in t for t in labels)
    editor.teller.setCurrentIndex(editor.teller.findText("NQ23 — not to be quoted"))
    assert not editor.publish.isEnabled()
    assert "NQ23 has not agreed to be quoted" in editor.consent_note.text()
    editor.publish.setChecked(True)  # even forced, the disabled box does not publish
    type_text(qtbot, editor.story_text, "I lost my job because the bus never came.")
    assert editor.add_story()
    rows = sql(w.db, "SELECT * FROM stories WHERE deleted_at IS NULL")
    assert len(rows) == 1 and rows[0]["publish"] == 0
    assert rows[0]["participant_id"] == silent_id
    assert "internal only" in editor.story_list.item(0).text()

    # Anonymous credit: warnings appear live when the words could still name someone.
    editor.teller.setCurrentIndex(editor.teller.findText("ANQT — anonymous"))
    assert editor.publish.isEnabled()
    assert "Anonymous" in editor.consent_note.text()
    type_text(qtbot, editor.story_text, "Megan from Mr Jones's shop on Station Road")
    assert editor.story_warnings.isVisibleTo(editor)
    warnings = editor.story_warnings.text()
    assert "Megan" in warnings and "Mr Jones" in warnings and "Station Road" in warnings
    editor.story_text.setPlainText("The bus is the only way to the clinic.")
    assert not editor.story_warnings.isVisibleTo(editor)
    editor.publish.setChecked(True)
    assert editor.add_story()
    rows = sql(w.db, "SELECT * FROM stories WHERE participant_id = :p", p=quoted_id)
    assert len(rows) == 1 and rows[0]["publish"] == 1
    assert "credited Anonymous" in editor.story_list.item(1).text()
    editor.close()


def test_show_on_projector_follows_saves(qtbot, nboard, seeded):
    w = nboard
    editor = _open_editor(qtbot, w, seeded[0])
    type_text(qtbot, editor.edits["issue"], ISSUE)
    qtbot.mouseClick(editor.project_button, Qt.MouseButton.LeftButton)
    projector = w.projector
    assert projector is not None and projector.isVisible()
    assert projector.showing_narrative()
    assert projector.narrative_title.text() == CLUSTER
    assert ISSUE in projector.narrative_body.text()
    # Saved (and so shown) before projecting.
    assert len(sql(w.db, "SELECT * FROM narratives")) == 1

    # A later save shows on the projector at once; user text arrives escaped.
    editor.edits["change"].setPlainText(CHANGE)
    assert editor.save()
    assert "&lt;for everyone&gt;" in projector.narrative_body.text()
    editor.close()

    # Escape on the projector goes back to the board.
    activate(qtbot, projector)
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert not projector.showing_narrative()
    assert projector.pages.currentIndex() == 0


def test_narrative_without_selection_gives_a_hint(qtbot, board_window):
    w = board_window
    w.board.action("narrative").trigger()
    assert w.board.narrative_editor is None
    assert "Select a cluster or a note" in w.board.capture.message.text()


def test_narrative_for_a_single_card(qtbot, nboard, seeded):
    w = nboard
    view = _select_cluster(qtbot, w, seeded[0])
    press(qtbot, Qt.Key.Key_Down)
    row = view.currentIndex().data(ROW_ROLE)
    assert row.kind == "card"
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: w.board.narrative_editor is not None)
    editor = w.board.narrative_editor
    assert editor.target_kind == "note" and editor.target_id == row.id
    editor.edits["progress"].setPlainText("Passenger numbers up by a third.")
    assert editor.save()
    saved = sql(w.db, "SELECT target_kind, target_id, progress FROM narratives")
    assert saved == [
        {"target_kind": "note", "target_id": row.id, "progress": "Passenger numbers up by a third."}
    ]
    editor.close()


def test_a_story_can_be_published_then_kept_internal_then_removed(qtbot, nboard, seeded):
    w = nboard
    cluster_id, quoted_id, _silent = seeded
    editor = _open_editor(qtbot, w, cluster_id)
    editor.teller.setCurrentIndex(editor.teller.findData(quoted_id))
    editor.story_text.setPlainText("The bus never came on Sundays.")
    assert editor.add_story()
    editor.story_list.setCurrentRow(0)
    assert editor.toggle_story_publication()
    story = "SELECT publish, deleted_at FROM stories"
    assert sql(w.db, story) == [{"publish": 1, "deleted_at": None}]
    editor.story_list.setCurrentRow(0)
    assert editor.toggle_story_publication()
    assert sql(w.db, story)[0]["publish"] == 0
    editor.story_list.setCurrentRow(0)
    assert editor.remove_story()
    assert sql(w.db, story)[0]["deleted_at"] is not None
    assert editor.story_list.item(0).text() == "No stories yet."


def test_told_by_names_whoever_agreed_to_be_named(qtbot, nboard, seeded, db, workshop_id):
    db.run(
        lambda s: add_participant(
            s,
            workshop_id,
            ParticipantFields(name="Rhys Morgan", area="Llanidloes"),
            ConsentChoices(take_part=True, quote="first_name_area", use_report=True),
            "Sam",
            code="NAMD",
        )
    )
    editor = _open_editor(qtbot, nboard, seeded[0])
    labels = [editor.teller.itemText(i) for i in range(editor.teller.count())]
    assert "NAMD — Rhys, Llanidloes" in labels
    editor.close()

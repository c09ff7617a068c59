"""The hub window's other duties: the passphrase asked once (and again after a wrong one), a
revoked laptop's next bundle refused, a conflict settled from the Conflicts page, and a new hub's
key made and its public key saved for the laptops."""

from __future__ import annotations

from pathlib import Path

import pytest
from hub_ui_support import (
    PASSPHRASE,
    PASSPHRASE_ENV,
    Hub,
    HubWindow,
    approve_laptop,
    bundle,
    hub_setup,
    hub_window,
    keys,
    laptops,
    programme,
    voted_workshop,
    wait_imported,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from workshop_app.core.merge import merge_tables
from workshop_app.core.notes import add_note, edit_note
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import Database
from workshop_app.store.models import Note
from workshop_app.sync.bundle_write import workshop_rows
from workshop_app.sync.hub_settle import conflicts_to_settle
from workshop_app.ui import hub_key_actions
from workshop_app.ui.hub_widgets import table_texts

__all__ = ["hub_setup", "hub_window", "laptops", "programme"]  # fixtures used by name


class Asked:
    """The passphrase dialog, answered from `answers`; each time it is shown is counted."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.times = 0

    def get_text(self, *args: object, **kw: object) -> tuple[str, bool]:
        self.times += 1
        return (self.answers.pop(0), True) if self.answers else ("", False)


@pytest.fixture
def asked(monkeypatch) -> Asked:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    dialog = Asked()
    monkeypatch.setattr("workshop_app.ui.hub_window.QInputDialog.getText", dialog.get_text)
    return dialog


def test_the_passphrase_is_asked_once_and_again_after_a_wrong_one(
    qtbot, hub_window, programme, asked
):
    asked.answers += ["not the passphrase", PASSPHRASE]
    w = hub_window()
    w.import_page.add_paths(programme[:1])
    wait_imported(qtbot, w)
    status, text = w.import_page.lines()[0]
    assert status == "not-imported" and "passphrase is wrong" in text
    assert w.hub.refusals() == []  # a typo is not the bundle's fault: nothing set aside
    w.import_page.add_paths(programme)
    wait_imported(qtbot, w)
    w.import_page.add_paths(programme[2:])
    wait_imported(qtbot, w)
    assert [s for s, _ in w.import_page.lines()] == [
        "not-imported",
        "merged",
        "merged",
        "merged",
        "already",
    ]
    assert asked.times == 2  # once for the wrong one, once more; not per file or import


def test_a_revoked_laptops_next_bundle_is_refused(
    qtbot, hub_window, laptops, tmp_path, monkeypatch
):
    db = laptops("revoked")
    first = bundle(
        db,
        voted_workshop(db, "Capel", "Bala", "2026-12-01", {"Choir": 4, "Cafe": 2}),
        tmp_path / "a.wsbundle",
    )
    w = hub_window()
    w.import_page.add_paths([first])
    wait_imported(qtbot, w)
    monkeypatch.setattr(
        "workshop_app.ui.hub_laptops_page.QMessageBox.question",
        lambda *a, **k: QMessageBox.StandardButton.Yes,
    )
    page = w.laptops_page
    w.tabs.setCurrentWidget(page)
    assert page.revoke_button.isEnabled()
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert table_texts(page.table)[0][1] == "revoked"
    assert "its bundles will be refused" in page.message.text()
    later = bundle(
        db,
        voted_workshop(db, "Neuadd", "Bala", "2026-12-08", {"Hall": 4, "Kitchen": 1}),
        tmp_path / "b.wsbundle",
    )
    w.import_page.add_paths([later])
    wait_imported(qtbot, w)
    status, text = w.import_page.lines()[-1]
    assert status == "refused" and "revoked" in text


@pytest.fixture
def conflicted(laptops, hub_setup, tmp_path) -> list[Path]:
    """Two approved laptops of one workshop edited one note from the same base."""
    url = hub_setup[0]
    a, b = laptops("a"), laptops("b")
    for db in (a, b):
        approve_laptop(url, db, tmp_path)
    w = a.run(
        lambda s: create_workshop(
            s, WorkshopFields(title="Tywyn", place="Tywyn"), "building-blocks"
        )
    )
    shared = a.run(lambda s: add_note(s, w.id, "Bus to Machynlleth")).id
    b.run(lambda s: merge_tables(s, a.read(lambda r: workshop_rows(r, w.id))))
    a.run(lambda s: edit_note(s, shared, text="Bus to Machynlleth, hourly"))
    b.run(lambda s: edit_note(s, shared, text="Bus to Machynlleth on Sundays"))
    return [bundle(db, w.id, tmp_path / f"{n}.wsbundle") for db, n in ((a, "a"), (b, "b"))]


def test_a_conflict_is_settled_from_the_conflicts_page(qtbot, hub_window, conflicted):
    w = hub_window()
    page = w.conflicts_page
    assert page.stack.is_empty() and "No conflicts" in page.stack.hint.text()
    w.import_page.add_paths(conflicted)
    wait_imported(qtbot, w)
    assert "1 conflict to settle" in w.import_page.lines()[-1][1]
    assert w.tabs.tabText(w.tabs.indexOf(page)) == "&Conflicts (1)"
    w.tabs.setCurrentWidget(page)
    [row] = table_texts(page.table)
    assert row[0] == "Note" and row[2] == "Words"
    [diff] = table_texts(page.details)
    assert diff[0] == "Words"
    set_aside = diff[2]
    assert {diff[1], set_aside} == {"Bus to Machynlleth, hourly", "Bus to Machynlleth on Sundays"}
    qtbot.mouseClick(page.take_button, Qt.MouseButton.LeftButton)
    assert "set aside" in page.message.text()
    assert page.stack.is_empty()
    assert w.tabs.tabText(w.tabs.indexOf(page)) == "&Conflicts"
    notes = {r[2]: r[4] for r in table_texts(w.programme_page.workshops)}
    assert notes["Tywyn"] == "1"
    assert conflicts_to_settle(w.hub) == []
    assert w.hub.store.read(lambda s: [n.text for n in s.query(Note)]) == [set_aside]


def test_a_new_hub_makes_its_key_and_saves_it_for_the_laptops(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    w = HubWindow(f"sqlite:///{tmp_path / 'new' / 'hub.sqlite'}")
    qtbot.addWidget(w)
    w.show()
    assert "no key yet" in w.import_page.stack.hint.text()
    assert w.make_key_action.isEnabled() and not w.save_key_action.isEnabled()
    dialog = hub_key_actions.NewPassphraseDialog(w)
    dialog.first.setText("short")
    dialog.second.setText("short")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "at least" in dialog.message.text()
    dialog.first.setText("a long hub passphrase")
    dialog.second.setText("a long hub passphrase!")
    dialog.accept()
    assert "differ" in dialog.message.text()
    monkeypatch.setattr(
        hub_key_actions.NewPassphraseDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    monkeypatch.setattr(
        hub_key_actions.NewPassphraseDialog, "passphrase", lambda self: "a long hub passphrase"
    )
    out = tmp_path / "hub-key.pub"
    monkeypatch.setattr(
        "workshop_app.ui.hub_key_actions.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(out), ""),
    )
    w.make_key_action.trigger()
    assert out.exists() and "install it on every laptop" in w.message.text()
    assert not w.make_key_action.isEnabled() and w.save_key_action.isEnabled()
    assert "Drop bundles here" in w.import_page.stack.hint.text()
    # A laptop installs the saved file; its bundle opens at this hub with that passphrase.
    laptop = Database.open(tmp_path / "laptop")
    try:
        keys.install_hub_key(laptop.data_dir, out)
        wid = voted_workshop(laptop, "Festri", "Bala", "2026-12-01", {"Choir": 4, "Cafe": 2})
        path = bundle(laptop, wid, tmp_path / "festri.wsbundle")
    finally:
        laptop.close()
    monkeypatch.setattr(
        "workshop_app.ui.hub_window.QInputDialog.getText",
        lambda *a, **k: ("a long hub passphrase", True),
    )
    w.import_page.add_paths([path])
    wait_imported(qtbot, w)
    assert w.import_page.lines()[0][0] == "held"
    w.close()
    hub = Hub.open(w.url)
    try:
        assert len(hub.laptops()) == 1
    finally:
        hub.close()

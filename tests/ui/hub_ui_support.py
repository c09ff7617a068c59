"""Helpers for the hub window tests: a hub with its key, laptops that install it, workshops
with a closed voting round, their bundles, and a window shown and closed again."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parents[1] / "sync"))
from sync_support import PASSPHRASE, install

from workshop_app.core import voting
from workshop_app.core.notes import add_note
from workshop_app.core.outcomes import choose_outcome_set, set_tags
from workshop_app.core.participants import ParticipantFields, add_participant
from workshop_app.core.themes import list_themes
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import Database
from workshop_app.sync import keys
from workshop_app.sync.bundle_write import export_bundle
from workshop_app.sync.hub import Hub
from workshop_app.ui.hub_window import PASSPHRASE_ENV, HubWindow

__all__ = ["PASSPHRASE", "PASSPHRASE_ENV", "HubWindow"]


class HubKey:
    def __init__(self, pub_file: Path) -> None:
        self.pub_file = pub_file


def make_hub(folder: Path) -> tuple[str, HubKey]:
    """A new hub with its key made; its URL and public key file."""
    url = f"sqlite:///{folder / 'hub.sqlite'}"
    hub = Hub.open(url)
    try:
        public, _ = hub.init_key(PASSPHRASE)
    finally:
        hub.close()
    pub = folder / "hub-key.pub"
    pub.write_text(keys.hub_key_text(public), encoding="utf-8")
    return url, HubKey(pub)


def voted_workshop(
    db: Database,
    title: str,
    place: str,
    day: str,
    tallies: dict[str, int],
    theme_index: int = 0,
    people: int = 0,
    outcomes: dict[str, list[str]] | None = None,
) -> str:
    """A workshop whose closed round gave each note (in one theme) its paper dots."""
    w = db.run(
        lambda s: create_workshop(
            s, WorkshopFields(title=title, place=place, starts_at=f"{day}T18:30"), "building-blocks"
        )
    )
    theme = db.read(lambda s: list_themes(s, w.id))[theme_index]
    notes = [db.run(lambda s, t=text: add_note(s, w.id, t, theme.id)).id for text in tallies]
    if outcomes:
        db.run(lambda s: choose_outcome_set(s, w.id, "thriving-places-index"))
        for text, tags in outcomes.items():
            note = notes[list(tallies).index(text)]
            db.run(lambda s, n=note, k=tags: set_tags(s, w.id, "note", n, k))

    def vote(s):
        r = voting.create_round(s, w.id, "Priorities", [("note", n) for n in notes], 5)
        voting.open_round(s, r.id)
        for option, dots in zip(r.options, tallies.values(), strict=True):
            voting.record_paper_tally(s, r.id, option.id, dots)
        voting.close_round(s, r.id)

    db.run(vote)
    for _ in range(people):  # registered after the vote (a room of 2 cannot place 70 dots)
        db.run(lambda s: add_participant(s, w.id, ParticipantFields()))
    return w.id


def bundle(db: Database, workshop_id: str, out: Path) -> Path:
    export_bundle(db, workshop_id, out)
    return out


def approve_laptop(url: str, db: Database, tmp: Path) -> None:
    """Trust this laptop at the hub by importing a first bundle of its with approval."""
    wid = db.run(lambda s: create_workshop(s, WorkshopFields(title="First"), "building-blocks")).id
    data = bundle(db, wid, tmp / f"first-{db.data_dir.name}.wsbundle").read_bytes()
    hub = Hub.open(url)
    try:
        outcome = hub.import_bundle(
            data, "first", hub.key_source(lambda: PASSPHRASE), approve_new=True
        )
        assert outcome.status == "merged"
    finally:
        hub.close()


@pytest.fixture
def hub_setup(tmp_path, monkeypatch) -> tuple[str, HubKey]:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    return make_hub(tmp_path / "hub")


@pytest.fixture
def laptops(tmp_path, hub_setup) -> Iterator[Callable[[str], Database]]:
    opened: list[Database] = []

    def make(name: str) -> Database:
        db = Database.open(tmp_path / name)
        install(db, hub_setup[1])  # type: ignore[arg-type]
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def hub_window(qtbot, hub_setup) -> Iterator[Callable[[], HubWindow]]:
    made: list[HubWindow] = []

    def make() -> HubWindow:
        w = HubWindow(hub_setup[0])
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()
    QApplication.processEvents()


def drop(window: HubWindow, paths: list[Path]) -> None:
    """Drop files on the window as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(window.rect().center())
    event = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def wait_imported(qtbot, window: HubWindow, timeout: int = 30000) -> None:
    qtbot.waitUntil(lambda: not window.import_page.is_running(), timeout=timeout)


@pytest.fixture
def programme(laptops, hub_setup, tmp_path) -> list[Path]:
    """Three workshops from an approved laptop: two places, two themes, two months."""
    db = laptops("lap1")
    approve_laptop(hub_setup[0], db, tmp_path)
    specs = [
        ("Neuadd fawr", "Aberystwyth", "2026-10-01", {"Bus every hour": 30, "Library": 70}, 0),
        ("Ystafell fach", "Tregaron", "2026-11-05", {"Post office": 5, "Bench": 5}, 1),
        ("Festri", "Tregaron", "2026-11-20", {"Warm hub": 9, "Youth club": 3}, 0),
    ]
    tags = {"Warm hub": ["people-and-community", "sustainability"]}
    made = [
        (t, voted_workshop(db, t, p, d, tallies, theme, 2, tags if t == "Festri" else None))
        for t, p, d, tallies, theme in specs
    ]
    return [bundle(db, wid, tmp_path / f"{t}.wsbundle") for t, wid in made]

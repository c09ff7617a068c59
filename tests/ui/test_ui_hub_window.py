"""The programme hub's window: bundles dropped in import off the main thread with one line per
file, a bad file is refused by name while the others import, a held laptop is approved and its
bundle merged, and the programme view lists, filters and exports the workshops' priorities."""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
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
from workshop_app.sync.programme import PRIORITIES_CSV, WORKSHOPS_CSV
from workshop_app.ui.hub_widgets import table_texts
from workshop_app.ui.hub_window import PASSPHRASE_ENV, HubWindow


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


def test_dropped_bundles_get_a_line_each_and_appear_in_the_programme(qtbot, hub_window, programme):
    w = hub_window()
    assert w.import_page.stack.is_empty()
    assert "Drop bundles here" in w.import_page.stack.hint.text()
    drop(w, programme)
    wait_imported(qtbot, w)
    lines = w.import_page.lines()
    assert [status for status, _ in lines] == ["merged"] * 3
    assert [text.split(" — ")[0] for _, text in lines] == [p.name for p in programme]
    # What merged, into which workshop (its records, with the round and the outcome tags).
    assert "merged into Festri (Tregaron): 17 new, 0 updated" in lines[2][1]
    assert w.import_page.progress.value() == 3
    assert "3 merged" in w.import_page.status.text()
    page = w.programme_page
    rows = table_texts(page.workshops)
    assert sorted(r[2] for r in rows) == ["Festri", "First", "Neuadd fawr", "Ystafell fach"]
    festri = next(r for r in rows if r[2] == "Festri")
    assert festri[:2] == ["Tregaron", "2026-11-20 18:30"]
    assert festri[3:6] == ["2", "2", "1"]  # participants, notes, laptops
    shares = [r[0] for r in table_texts(page.priorities)]
    assert shares == ["75%", "70%", "50%", "50%", "30%", "25%"]
    warm = table_texts(page.priorities)[0]
    assert warm[1:2] + warm[3:5] == ["Warm hub", "People and community, Sustainability", "Festri"]
    # Imported again: nothing changes, and the line says so.
    drop(w, programme[:1])
    wait_imported(qtbot, w)
    assert w.import_page.lines()[-1][0] == "already"
    assert "nothing changed" in w.import_page.lines()[-1][1]


def test_a_bad_file_says_why_and_the_others_still_import(qtbot, hub_window, programme, tmp_path):
    bad = tmp_path / "holiday-photos.wsbundle"
    bad.write_bytes(b"this is not a zip file at all")
    w = hub_window()
    w.import_page.add_paths([programme[0], bad, programme[1]])
    wait_imported(qtbot, w)
    lines = w.import_page.lines()
    assert [status for status, _ in lines] == ["merged", "refused", "merged"]
    assert lines[1][1].startswith("holiday-photos.wsbundle — refused: ")
    assert "ZIP" in lines[1][1] or "zip" in lines[1][1]
    assert len(table_texts(w.programme_page.workshops)) == 3  # First and the two good ones


def test_approving_a_held_laptop_merges_its_bundle(qtbot, hub_window, laptops, tmp_path):
    db = laptops("newcomer")
    wid = voted_workshop(db, "Capel", "Bala", "2026-12-01", {"Choir": 4, "Cafe": 6})
    path = bundle(db, wid, tmp_path / "capel.wsbundle")
    w = hub_window()
    w.import_page.add_paths([path])
    wait_imported(qtbot, w)
    [(status, text)] = w.import_page.lines()
    assert status == "held" and "not approved yet" in text
    assert table_texts(w.programme_page.workshops) == []
    assert "1 waiting" in w.tabs.tabText(w.tabs.indexOf(w.laptops_page))
    page = w.laptops_page
    [row] = table_texts(page.table)
    assert row[1] == "waiting for approval"
    assert "".join(row[0].split()) == keys.laptop_fingerprint(db.data_dir)
    assert page.table.currentRow() == 0  # the laptop waiting is chosen already
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    wait_imported(qtbot, w)
    assert w.import_page.lines()[-1][0] == "merged"
    assert table_texts(page.table)[0][1] == "approved"
    assert [r[2] for r in table_texts(w.programme_page.workshops)] == ["Capel"]
    assert "waiting" not in w.tabs.tabText(w.tabs.indexOf(w.laptops_page))


def test_the_window_answers_while_bundles_import(qtbot, hub_window, programme, monkeypatch):
    real = Hub.import_bundle

    def slow(self, *args, **kw):
        time.sleep(0.3)
        return real(self, *args, **kw)

    monkeypatch.setattr(Hub, "import_bundle", slow)
    w = hub_window()
    ticks_while_running: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(
        lambda: (
            w.import_page.is_running()
            and ticks_while_running.append(w.import_page.progress.value())
        )
    )
    timer.start()
    w.import_page.add_paths(programme)
    assert w.import_page.is_running()
    # The window switches tab and repaints while the import runs.
    w.tabs.setCurrentWidget(w.laptops_page)
    qtbot.waitUntil(lambda: len(ticks_while_running) >= 10, timeout=5000)
    assert w.import_page.is_running()
    wait_imported(qtbot, w)
    timer.stop()
    assert w.import_page.progress.value() == 3
    assert len(set(ticks_while_running)) >= 2  # the bar moved while the window answered


def test_filters_narrow_the_priorities_and_csv_export_writes_them(
    qtbot, hub_window, programme, tmp_path, monkeypatch
):
    w = hub_window()
    w.import_page.add_paths(programme)
    wait_imported(qtbot, w)
    page = w.programme_page
    w.tabs.setCurrentWidget(page)
    assert len(table_texts(page.priorities)) == 6
    page.place.setCurrentIndex(page.place.findData("Tregaron"))
    assert {r[4] for r in table_texts(page.priorities)} == {"Ystafell fach", "Festri"}
    assert {r[2] for r in table_texts(page.workshops)} == {"Ystafell fach", "Festri"}
    theme = table_texts(page.priorities)[0][2]
    page.theme.setCurrentIndex(page.theme.findData(theme))
    assert {r[2] for r in table_texts(page.priorities)} == {theme}
    assert len(table_texts(page.priorities)) == 2
    page.place.setCurrentIndex(0)
    page.theme.setCurrentIndex(0)
    from PySide6.QtCore import QDate

    page.date_from.setDate(QDate(2026, 11, 10))
    assert {r[4] for r in table_texts(page.priorities)} == {"Festri"}
    out = tmp_path / "for the programme"
    out.mkdir()
    monkeypatch.setattr(
        "workshop_app.ui.hub_programme_page.QFileDialog.getExistingDirectory",
        lambda *a, **k: str(out),
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert "Wrote" in page.message.text()
    with (out / PRIORITIES_CSV).open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert [r[0] for r in rows[1:]] == ["Festri", "Festri"]  # the filter shown applies
    with (out / WORKSHOPS_CSV).open(encoding="utf-8-sig") as f:
        assert [r[1] for r in list(csv.reader(f))[1:]] == ["Festri"]


def test_file_menu_opens_the_hub_window(qtbot, window, monkeypatch, hub_setup):
    from PySide6.QtWidgets import QMenu

    from workshop_app.ui import hub_menu

    main = window()
    menu = QMenu(main)
    hub_menu.install_hub_menu(main, menu)
    [action] = [a for a in menu.actions() if a.objectName() == "openHub"]
    assert action.text() == "Open &hub…"
    monkeypatch.setattr(hub_menu, "choose_hub_url", lambda win: hub_setup[0])
    action.trigger()
    opened = main._hub_window
    qtbot.addWidget(opened)
    assert opened.isVisible() and opened.url == hub_setup[0]
    assert opened.isWindow() and opened is not main
    opened.close()

"""The programme hub's window: bundles dropped in import off the main thread with one line per
file, a bad file is refused by name while the others import, a held laptop is approved and its
bundle merged, and the programme view lists, filters and exports the workshops' priorities."""

from __future__ import annotations

import csv
import time

from hub_ui_support import (
    Hub,
    bundle,
    drop,
    hub_setup,
    hub_window,
    keys,
    laptops,
    programme,
    voted_workshop,
    wait_imported,
)
from PySide6.QtCore import Qt, QTimer

from workshop_app.sync.programme import PRIORITIES_CSV, WORKSHOPS_CSV
from workshop_app.ui.hub_widgets import table_texts

__all__ = ["hub_setup", "hub_window", "laptops", "programme"]  # fixtures used by name


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
    # The file's one line now says what became of it: one file, one line, one count.
    [(status, text)] = w.import_page.lines()
    assert status == "merged" and text.startswith("capel.wsbundle — merged")
    assert w.import_page.status.text() == "Done: 1 merged."
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


def test_a_file_too_large_to_be_a_bundle_is_refused_unread(
    qtbot, hub_window, programme, tmp_path, monkeypatch
):
    """A 2 GB file dropped by mistake (a video) is refused by its size, never read into memory,
    and the good bundle after it still imports."""
    from pathlib import Path

    huge = tmp_path / "holiday-video.wsbundle"
    with open(huge, "wb") as fh:
        fh.truncate(2_000_000_000)  # sparse: no disk used
    real_read = Path.read_bytes

    def guarded(self: Path) -> bytes:
        assert self != huge, "the whole file was read"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    w = hub_window()
    w.import_page.add_paths([huge, programme[0]])
    wait_imported(qtbot, w)
    lines = w.import_page.lines()
    assert [status for status, _ in lines] == ["refused", "merged"]
    assert "larger than a bundle may be" in lines[0][1]

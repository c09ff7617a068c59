"""Measures 3, 4 and 10: opening a 5,000-note board, adding a note to boards of 1,000 to 50,000,
and a keystroke in the board's search box on boards of 5,000 and 50,000.

The floor of 3 has the board's shape: the same notes read with sqlite3 (theme and text, in
capture order) into one list view per theme, laid out in batches of 60 as ours are, shown and
painted. Measure 4 adds notes with the board open and painted, as during capture, at several
board sizes so that growth shows; its floor is measure 2's bare INSERT and COMMIT. Measure 10
types a word into the search box a letter at a time and rubs it out again, each keystroke timed
to the filtered columns painted (the search box's pause for the next key is left out: it is a
wait by design, not work); its floor filters the same notes, per theme, through Qt's own
QSortFilterProxyModel (case-insensitive, fixed string) into batched list views, and paints."""

from __future__ import annotations

import cProfile
import gc
import pstats
import sqlite3
import sys
import time
from pathlib import Path

from common import (
    BOARD_NOTES,
    Config,
    Result,
    dispose,
    format_profile,
    log,
    median_ms,
    note_text,
    show_and_paint,
    split,
    spread,
    time_each,
)

ADD_SIZES = (1_000, 5_000, 20_000, 50_000)
ADD_TARGET_MS = 20.0
SEARCH_SIZES = (5_000, 50_000)
# Each repetition types another word a letter at a time, then rubs it out: every keystroke a
# person makes in search. The words start with different letters, so no keystroke of one finds
# the matches another left behind (the board remembers recent searches until it changes).
SEARCH_WORDS = ("school", "market", "river", "council", "bins", "lights", "young", "after")


def keystrokes(word: str) -> list[str]:
    typed = [word[:n] for n in range(1, len(word) + 1)]
    return typed + [word[:n] for n in range(len(word) - 1, -1, -1)]


def make_board_db(tmp: Path, notes: int, name: str):  # type: ignore[no-untyped-def]
    """A workshop with `notes` notes spread over its five themes, written in bulk (untimed)."""
    from workshop_app.core import notes_io, themes, workshops
    from workshop_app.store.database import Database

    db = Database.open(tmp / name)

    def fill(session):  # type: ignore[no-untyped-def]
        info = workshops.create_workshop(session, workshops.WorkshopFields(title="Big board"))
        names = [t.name for t in themes.list_themes(session, info.id)]
        rows = [
            notes_io.ImportRow(i + 1, note_text(i), names[i % len(names)]) for i in range(notes)
        ]
        notes_io.import_notes(session, info.id, rows)
        return info.id, [t.id for t in themes.list_themes(session, info.id)]

    wid, theme_ids = db.run(fill)
    return db, wid, theme_ids


def open_board(app, db, wid, parts: dict[str, list[float]] | None = None):  # type: ignore[no-untyped-def]
    from workshop_app.ui.board_model import BoardModel
    from workshop_app.ui.board_screen import BoardScreen
    from workshop_app.ui.workshop_session import WorkshopSession

    t0 = time.perf_counter()
    session = WorkshopSession(db)
    session.open_workshop(wid)
    board_model = BoardModel(session, session)
    t1 = time.perf_counter()
    screen = BoardScreen(session, board_model)
    t2 = time.perf_counter()
    show_and_paint(app, screen)
    if parts is not None:
        t3 = time.perf_counter()
        parts.setdefault("WorkshopSession + BoardModel", []).append(t1 - t0)
        parts.setdefault("BoardScreen()", []).append(t2 - t1)
        parts.setdefault("show + paint", []).append(t3 - t2)
    return session, screen


def floor_columns(db_path: Path, wid: str) -> dict[str, list[str]]:
    """Each theme's note texts in capture order, read the plainest way."""
    conn = sqlite3.connect(db_path)
    themes = [
        tid
        for (tid,) in conn.execute(
            "SELECT id FROM themes WHERE workshop_id = ? AND deleted_at IS NULL ORDER BY position",
            (wid,),
        )
    ]
    columns: dict[str, list[str]] = {tid: [] for tid in themes}
    query = (
        "SELECT theme_id, text FROM notes WHERE workshop_id = ? AND deleted_at IS NULL "
        "ORDER BY seq, id"
    )
    for theme_id, text in conn.execute(query, (wid,)):
        columns.setdefault(theme_id, []).append(text)
    conn.close()
    return columns


def open_floor_board(app, db_path: Path, wid: str):  # type: ignore[no-untyped-def]
    """The same notes, read the plainest way, in one batched list view per theme."""
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QHBoxLayout, QListView, QWidget

    columns = floor_columns(db_path, wid)
    host = QWidget()
    layout = QHBoxLayout(host)
    for texts in columns.values():
        view = QListView()
        view.setLayoutMode(QListView.LayoutMode.Batched)
        view.setBatchSize(60)
        view.setWordWrap(True)
        model = QStringListModel(texts, view)
        view.setModel(model)
        layout.addWidget(view)
    show_and_paint(app, host)
    return host


def bench_open(app, cfg: Config, tmp: Path) -> tuple[Result, dict[str, str]]:  # type: ignore[no-untyped-def]
    log(f"  building the {BOARD_NOTES:,}-note board (untimed)…")
    db, wid, _ = make_board_db(tmp, BOARD_NOTES, "board-data")
    profiles: dict[str, str] = {}
    try:
        # Warm-up, untimed: first use of fonts, style sheet and statements.
        dispose(app, *reversed(open_board(app, db, wid)))
        dispose(app, open_floor_board(app, db.path, wid))
        ours: list[float] = []
        floor: list[float] = []
        parts: dict[str, list[float]] = {}
        for i in range(cfg.board_reps):
            for which in ("floor", "ours") if i % 2 == 0 else ("ours", "floor"):
                gc.collect()
                t0 = time.perf_counter()
                if which == "ours":
                    opened = open_board(app, db, wid, parts)
                    ours.append(time.perf_counter() - t0)
                    dispose(app, *reversed(opened))
                else:
                    host = open_floor_board(app, db.path, wid)
                    floor.append(time.perf_counter() - t0)
                    dispose(app, host)
        log(f"  board ours:  {spread(ours)}")
        log(f"  board floor: {spread(floor)}")
        log("  board ours, split: " + split(parts))
        if cfg.profile:
            prof = cProfile.Profile()
            prof.enable()
            opened = open_board(app, db, wid)
            prof.disable()
            dispose(app, *reversed(opened))
            profiles["3. open board"] = format_profile(pstats.Stats(prof))
    finally:
        db.close()
    board = Result(
        f"3. Open a {BOARD_NOTES:,}-note board", median_ms(ours), median_ms(floor), "<= 1.5x", None
    )
    board.met = board.ratio is not None and board.ratio <= 1.5
    return board, profiles


def bench_add(app, cfg: Config, tmp: Path, size: int, insert_floor_ms: float | None):  # type: ignore[no-untyped-def]
    """Adding notes with a board of `size` notes open and painted, as during capture."""
    from workshop_app.core.operations import board as board_ops

    log(f"  building a {size:,}-note board (untimed)…")
    db, wid, theme_ids = make_board_db(tmp, size, f"add-{size}")
    profile = ""
    try:
        session, screen = open_board(app, db, wid)
        try:
            session.run(board_ops.add_note(wid, "warm-up", theme_ids[0]))
            app.processEvents()
            parts: dict[str, list[float]] = {}

            def add(i: int) -> object:
                t0 = time.perf_counter()
                theme_id = theme_ids[i % len(theme_ids)]
                session.run(board_ops.add_note(wid, note_text(size + i), theme_id))
                t1 = time.perf_counter()
                app.processEvents()  # the views update and repaint: what the facilitator sees
                parts.setdefault("session.run(add_note)", []).append(t1 - t0)
                parts.setdefault("repaint", []).append(time.perf_counter() - t1)
                return None

            gc.collect()
            adds = time_each(add, 0, cfg.board_adds)
            log(f"  add on a {size:,}-note board: {spread(adds)}")
            log("    split: " + split(parts))
            if cfg.profile and size == ADD_SIZES[-1]:
                prof = cProfile.Profile()
                prof.enable()
                time_each(add, cfg.board_adds, 10)
                prof.disable()
                profile = format_profile(pstats.Stats(prof))
        finally:
            dispose(app, screen, session)
    finally:
        db.close()
    add_ms = median_ms(adds)
    result = Result(
        f"4. Add a note, {size:,} on the board",
        add_ms,
        insert_floor_ms,
        f"< {ADD_TARGET_MS:.0f} ms",
        add_ms < ADD_TARGET_MS,
    )
    return result, profile


def open_floor_search(app, db_path: Path, wid: str):  # type: ignore[no-untyped-def]
    """The same notes, one filter proxy per theme over a string list, in batched list views."""
    from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
    from PySide6.QtWidgets import QHBoxLayout, QListView, QWidget

    columns = floor_columns(db_path, wid)
    host = QWidget()
    layout = QHBoxLayout(host)
    proxies = []
    for texts in columns.values():
        view = QListView()
        view.setLayoutMode(QListView.LayoutMode.Batched)
        view.setBatchSize(60)
        view.setWordWrap(True)
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(QStringListModel(texts, proxy))
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        view.setModel(proxy)
        proxies.append(proxy)
        layout.addWidget(view)
    show_and_paint(app, host)
    return host, proxies


def bench_search(app, cfg: Config, tmp: Path, size: int) -> Result:  # type: ignore[no-untyped-def]
    log(f"  building a {size:,}-note board (untimed)…")
    db, wid, _ = make_board_db(tmp, size, f"search-{size}")
    ours: list[float] = []
    floor: list[float] = []
    try:
        session, screen = open_board(app, db, wid)
        host, proxies = open_floor_search(app, db.path, wid)
        try:

            def ours_key(typed: str) -> None:
                screen.search.setText(typed)
                screen.flush_search()  # at once: the pause for the next key is not timed
                app.processEvents()
                screen.grab()

            def floor_key(typed: str) -> None:
                for proxy in proxies:
                    proxy.setFilterFixedString(typed)
                app.processEvents()
                host.grab()

            for typed in keystrokes("warm"):  # warm-up, untimed
                ours_key(typed)
                floor_key(typed)
            for rep in range(cfg.board_reps):
                word = SEARCH_WORDS[rep % len(SEARCH_WORDS)]
                pair = [(ours_key, ours), (floor_key, floor)]
                for key, out in pair if rep % 2 == 0 else reversed(pair):
                    gc.collect()
                    for typed in keystrokes(word):
                        t0 = time.perf_counter()
                        key(typed)
                        out.append(time.perf_counter() - t0)
            log(f"  search ours, {size:,} notes:  {spread(ours)}")
            log(f"  search floor, {size:,} notes: {spread(floor)}")
        finally:
            dispose(app, host)
            dispose(app, screen, session)
    finally:
        db.close()
    result = Result(
        f"10. Search, a keystroke, {size:,} notes", median_ms(ours), median_ms(floor), "<= 2x", None
    )
    result.met = result.ratio is not None and result.ratio <= 2.0
    return result


def bench_board(
    cfg: Config, tmp: Path, insert_floor_ms: float | None
) -> tuple[list[Result], dict[str, str]]:
    from common import quiet_qt_warnings

    from workshop_app.ui.app import make_app

    quiet_qt_warnings()
    app = make_app([sys.argv[0]])
    board, profiles = bench_open(app, cfg, tmp)
    results = [board]
    for size in ADD_SIZES:
        result, profile = bench_add(app, cfg, tmp, size, insert_floor_ms)
        results.append(result)
        if profile:
            profiles[f"4. add on a {size:,}-note board"] = profile
    for size in SEARCH_SIZES:
        results.append(bench_search(app, cfg, tmp, size))
    return results, profiles

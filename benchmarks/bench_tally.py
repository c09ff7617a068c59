"""Measures 5 and 6: tallying a 100,000-dot round, and closing it to the results shown."""

from __future__ import annotations

import cProfile
import gc
import pstats
import sqlite3
import time
from pathlib import Path

from common import (
    Config,
    Result,
    dispose,
    format_profile,
    log,
    median_ms,
    note_text,
    quiet_qt_warnings,
    show_and_paint,
    spread,
)

TALLY_OPTIONS = 30
TALLY_DOTS = 100_000
TALLY_PAPER_DOTS = 20_000
TALLY_PER_PERSON = 10
TALLY_CAP = 3
TALLY_SECOND_TURNS = 0.1  # this share of people vote twice: their first turn stays as tombstones

# The same aggregation results() asks for, written by hand against the same file.
FLOOR_TALLY_SQL = """
SELECT option_id, objection, SUM(dots),
       SUM(CASE WHEN source = 'paper' THEN dots ELSE 0 END),
       COUNT(DISTINCT CASE WHEN source <> 'paper' AND dots > 0 THEN voter_key END)
FROM votes
WHERE round_id = ? AND deleted_at IS NULL
GROUP BY option_id, objection
"""


def _tally_allocations(rng, option_ids: list[str], people: int) -> list[dict[str, int]]:  # type: ignore[no-untyped-def]
    """Each person spends the whole budget, at most the cap on one option, favourites weighted."""
    weights = [1.0 / (1 + i % 7) for i in range(len(option_ids))]
    out = []
    for _ in range(people):
        left, alloc = TALLY_PER_PERSON, {}
        while left:
            option = rng.choices(option_ids, weights)[0]
            if alloc.get(option, 0) < TALLY_CAP:
                alloc[option] = alloc.get(option, 0) + 1
                left -= 1
        out.append(alloc)
    return out


def make_tally_db(tmp: Path):  # type: ignore[no-untyped-def]
    """A closed round of 30 options holding 100,000 live dots: 20,000 paper dots and 8,000
    people's ballots of 10 dots each; a tenth of them voted twice (the first turn is deleted)."""
    import random

    from sqlalchemy import insert

    from workshop_app.core import notes, themes, voting, workshops
    from workshop_app.core.records import new_id, now_iso
    from workshop_app.store.database import Database
    from workshop_app.store.models import Ballot, Vote

    rng = random.Random(4)
    db = Database.open(tmp / "tally-data")

    def fill(session):  # type: ignore[no-untyped-def]
        info = workshops.create_workshop(session, workshops.WorkshopFields(title="Big vote"))
        theme_ids = [t.id for t in themes.list_themes(session, info.id)]
        targets = [
            ("note", notes.add_note(session, info.id, note_text(i), theme_ids[i % 4]).id)
            for i in range(TALLY_OPTIONS)
        ]
        rnd = voting.create_round(
            session,
            info.id,
            "Big round",
            targets,
            dots_per_person=TALLY_PER_PERSON,
            cap_per_option=TALLY_CAP,
        )
        voting.open_round(session, rnd.id)
        option_ids = [o.id for o in rnd.options]
        device, now = session.info["device_id"], now_iso()
        stamp = [0]

        def bookkeeping(deleted: bool = False) -> dict[str, object]:
            stamp[0] += 1
            return {
                "id": new_id(),
                "created_at": now,
                "updated_at": now,
                "device_id": device,
                "rev": f"{now}-{stamp[0]:08d}",
                "base_rev": None,
                "deleted_at": now if deleted else None,
            }

        people = (TALLY_DOTS - TALLY_PAPER_DOTS) // TALLY_PER_PERSON
        votes: list[dict[str, object]] = []
        ballots: list[dict[str, object]] = []
        # Paper: the wall's dots, one count per option, spread like the laptop votes.
        paper = [0] * len(option_ids)
        for _ in range(TALLY_PAPER_DOTS):
            paper[rng.randrange(len(option_ids))] += 1
        for option_id, count in zip(option_ids, paper, strict=True):
            votes.append(
                {
                    **bookkeeping(),
                    "round_id": rnd.id,
                    "option_id": option_id,
                    "source": "paper",
                    "voter_key": "",
                    "dots": count,
                    "objection": False,
                }
            )
        for p, alloc in enumerate(_tally_allocations(rng, option_ids, people)):
            key = f"anon-{p:012x}"
            turns = [alloc]
            if rng.random() < TALLY_SECOND_TURNS:
                turns.insert(0, _tally_allocations(rng, option_ids, 1)[0])
            for t, turn in enumerate(turns):
                superseded = t < len(turns) - 1
                for option_id, dots in turn.items():
                    votes.append(
                        {
                            **bookkeeping(superseded),
                            "round_id": rnd.id,
                            "option_id": option_id,
                            "source": "person",
                            "voter_key": key,
                            "dots": dots,
                            "objection": False,
                        }
                    )
            ballots.append(
                {
                    **bookkeeping(),
                    "round_id": rnd.id,
                    "voter_key": key,
                    "participant_id": None,
                    "dots_used": TALLY_PER_PERSON,
                    "dots_unused": 0,
                    "objections_used": 0,
                }
            )
        session.execute(insert(Vote), votes)
        session.execute(insert(Ballot), ballots)
        voting.close_round(session, rnd.id)
        return rnd.id, len(votes)

    round_id, rows = db.run(fill)
    return db, round_id, rows


def bench_tally(cfg: Config, tmp: Path) -> tuple[Result, dict[str, str]]:
    from workshop_app.core import voting

    log("  building a round of 100,000 dots (untimed)…")
    t0 = time.perf_counter()
    db, round_id, rows = make_tally_db(tmp)
    log(f"  built in {time.perf_counter() - t0:.1f} s ({rows:,} vote rows)")
    conn = sqlite3.connect(db.path)
    profiles: dict[str, str] = {}
    try:

        def ours_tally() -> object:
            return db.read(lambda s: voting.results(s, round_id))

        def floor_tally() -> object:
            return conn.execute(FLOOR_TALLY_SQL, (round_id,)).fetchall()

        check = ours_tally()
        floor_rows = floor_tally()
        assert check.dots_cast == TALLY_DOTS, check.dots_cast  # type: ignore[attr-defined]
        assert sum(r[2] for r in floor_rows if not r[1]) == TALLY_DOTS
        ours: list[float] = []
        floor: list[float] = []
        for i in range(cfg.tally_reps):
            pair = [(floor_tally, floor), (ours_tally, ours)]
            for action, out in pair if i % 2 == 0 else reversed(pair):
                gc.collect()
                t0 = time.perf_counter()
                action()
                out.append(time.perf_counter() - t0)
        log(f"  tally ours:  {spread(ours)}")
        log(f"  tally floor: {spread(floor)}")
        if cfg.profile:
            prof = cProfile.Profile()
            prof.enable()
            ours_tally()
            prof.disable()
            profiles["5. tally 100,000 dots"] = format_profile(pstats.Stats(prof))
    finally:
        conn.close()
        db.close()
    result = Result(
        "5. Tally a round of 100,000 dots", median_ms(ours), median_ms(floor), "<= 2x", None
    )
    result.met = result.ratio is not None and result.ratio <= 2.0
    return result, profiles


def bench_close_to_results(cfg: Config, tmp: Path, tally_floor_ms: float | None) -> Result:
    """Measure 6: the facilitator presses Close voting on the 100,000-dot round; timed until
    the voting window shows the ranked results, painted."""
    from PySide6.QtWidgets import QApplication

    from workshop_app.ui.app import make_app
    from workshop_app.ui.board_model import BoardModel
    from workshop_app.ui.voting_screen import VotingDialog
    from workshop_app.ui.workshop_session import WorkshopSession

    app = make_app()
    quiet_qt_warnings()
    db, round_id, _rows = make_tally_db(tmp / "close")

    def reopen() -> None:
        # Untimed: put the same round back to open, as if the room were still voting.
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE voting_rounds SET status = 'open', closed_at = NULL, revealed = 0 "
                "WHERE id = ?",
                (round_id,),
            )

    from workshop_app.core import voting

    workshop_id = db.read(lambda s: voting.get_round(s, round_id).workshop_id)
    controller = WorkshopSession(db)
    controller.open_workshop(workshop_id)
    board_model = BoardModel(controller, controller)
    samples: list[float] = []
    try:
        for _ in range(cfg.tally_reps):
            reopen()
            dialog = VotingDialog(controller, board_model, [], None)
            show_and_paint(app, dialog)
            dialog.select_round(round_id)
            QApplication.processEvents()
            gc.collect()
            t0 = time.perf_counter()
            dialog.close_round()
            QApplication.processEvents()
            dialog.grab()
            samples.append(time.perf_counter() - t0)
            assert dialog.results.result is not None and dialog.results.result.final
            dispose(app, dialog)
    finally:
        dispose(app, controller)
        db.close()
    log(f"  close to results shown: {spread(samples)}")
    return Result(
        "6. Close a 100,000-dot round to results shown",
        median_ms(samples),
        tally_floor_ms,
        "(info)",
        None,
    )

"""A voting round's results out as CSV: one row per option, ranked, ties marked as ties, then
the rules the round was run under, so results from different workshops can be compared."""

from __future__ import annotations

from pathlib import Path

from workshop_app.core.csv_out import write_csv_rows
from workshop_app.core.voting import Results
from workshop_app.i18n import _

RESULT_COLUMNS = (
    "rank",
    "tied",
    "near_tie",
    "option",
    "dots",
    "paper_dots",
    "share",
    "supporters",
    "objections",
)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def results_rows(results: Results) -> list[dict[str, object]]:
    """One dict per option, best first; tied options share a rank and say so."""
    return [
        {
            "rank": ln.rank,
            "tied": _yes(ln.tied),
            "near_tie": _yes(ln.near_tie),
            "option": ln.label,
            "dots": ln.dots,
            "paper_dots": ln.paper_dots,
            "share": round(ln.share, 4),
            "supporters": ln.supporters,
            "objections": ln.objections,
        }
        for ln in results.lines
    ]


def rules_rows(results: Results) -> list[tuple[str, object]]:
    """(name, value) pairs: the rules the round ran under and what the room did with them."""
    rules = results.rules
    cap = rules.get("cap_per_option")
    per_voter = results.dots_per_voter
    # Read by people in a spreadsheet: in the language in use.
    return [
        (_("round"), results.round.name),
        (_("status"), _("final") if results.final else _("peek at an open round (not final)")),
        (_("dots per person"), rules.get("dots_per_person", results.round.dots_per_person)),
        (_("cap per option"), cap if cap else _("none")),
        (_("criterion"), rules.get("criterion") or _("none")),
        (_("objection dots per person"), rules.get("objection_dots", 0)),
        (_("options"), rules.get("options", len(results.lines))),
        (_("going forward"), rules.get("going_forward", "")),
        (_("near-tie margin at the cut-off line (dots)"), rules.get("near_tie_margin", "")),
        (_("voters"), results.voters),
        (_("dots cast"), results.dots_cast),
        (_("paper dots"), results.paper_dots),
        (_("dots unused"), results.dots_unused),
        (_("objections cast"), results.objections_cast),
        (_("dots per voter"), "" if per_voter is None else per_voter),
    ]


def write_results_csv(path: Path, results: Results) -> None:
    """The ranked rows under a header, then a blank row and the rules as name, value rows.
    Spreadsheet-safe (labels starting with '=' and the like are neutralised) and atomic."""
    rows: list[list[object]] = [list(RESULT_COLUMNS)]
    rows.extend([row[c] for c in RESULT_COLUMNS] for row in results_rows(results))
    rows.append([])
    rows.extend([name, value] for name, value in rules_rows(results))
    write_csv_rows(path, rows)

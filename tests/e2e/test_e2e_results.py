"""`workshop-app results`: the ranked result of a round, ties marked as ties."""

from __future__ import annotations

import json

from e2e_support import Cli


def _demo(cli: Cli) -> str:
    return cli.ok("demo").strip()


def test_latest_closed_round_by_default_with_the_tie_marked(cli: Cli) -> None:
    wid = _demo(cli)
    out = cli.ok("results", wid[:8])
    assert out.startswith("Shortlist")
    assert "Tied at rank 3: Fair pay; High street" in out
    data = json.loads(cli.ok("results", wid, "--json"))
    assert data["version"] == 1 and data["round"]["name"] == "Shortlist"
    ranks = [(r["rank"], r["tied"], r["label"]) for r in data["results"]]
    assert (3, True, "Fair pay") in ranks and (3, True, "High street") in ranks
    assert data["totals"]["dots_cast"] == sum(r["dots"] for r in data["results"])
    assert data["rules"]["dots_per_person"] == 2


def test_an_open_round_and_an_unknown_round_are_refused_in_one_line(cli: Cli) -> None:
    wid = _demo(cli)
    message = cli.fails("results", wid, "--round", "Final: what first?")
    assert "still open" in message
    message = cli.fails("results", wid, "--round", "Nope")
    assert "No round called 'Nope'" in message and "Shortlist" in message


def test_results_also_written_as_csv(cli: Cli, tmp_path) -> None:
    wid = _demo(cli)
    out = tmp_path / "shortlist.csv"
    cli.ok("results", wid, "--csv", out)
    rows = out.read_bytes().decode("utf-8-sig").splitlines()
    assert rows[0].startswith("rank,tied,near_tie,option,dots")
    assert any(r.startswith("3,yes") and "Fair pay" in r for r in rows)


def test_near_ties_only_at_the_line_for_what_goes_forward(cli: Cli) -> None:
    """Seen: "near tie" on most of the options. The demo's shortlist sends three forward; the
    line falls inside the tie for third (a run-off settles it), so nothing is a near tie, and
    3 / 2 / 1 dots at the bottom decide nothing."""
    wid = _demo(cli)
    data = json.loads(cli.ok("results", wid, "--json"))
    assert data["rules"]["going_forward"] == 3
    assert data["rules"]["near_tie_margin"] == 1
    assert [r["label"] for r in data["results"] if r["near_tie"]] == []

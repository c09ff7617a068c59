"""The programme view at the hub: priorities across workshops by theme and wellbeing outcome,
with votes compared fairly (each priority's share of its own round's dots, never raw dots, as
rooms of 12 and of 80 people cast very different totals), filters, and CSV for the programme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core import voting
from workshop_app.core.csv_out import write_csv_rows
from workshop_app.core.outcomes import priority_outcome_labels
from workshop_app.i18n import _
from workshop_app.store.models import Cluster, Note, Theme, Workshop

if TYPE_CHECKING:
    from workshop_app.sync.hub import HubWorkshop

WORKSHOPS_CSV = "workshops.csv"
PRIORITIES_CSV = "priorities.csv"


@dataclass(frozen=True)
class Priority:
    workshop_id: str
    workshop: str
    place: str
    starts_at: str | None
    round: str
    label: str
    theme: str
    outcomes: tuple[str, ...]  # their names, as the workshop's outcome set gives them
    dots: int
    share: float  # of the round's dots
    rank: int
    tied: bool


@dataclass(frozen=True)
class Filters:
    place: str | None = None
    theme: str | None = None
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None

    def keeps(self, place: str, starts_at: str | None) -> bool:
        day = (starts_at or "")[:10]
        if self.place and self.place.casefold() not in place.casefold():
            return False
        if self.date_from and (not day or day < self.date_from):
            return False
        return not (self.date_to and (not day or day > self.date_to))


NO_FILTERS = Filters()


def _theme_of(session: Session, kind: str, target_id: str) -> str:
    record = session.get(Cluster if kind == "cluster" else Note, target_id)
    theme = session.get(Theme, record.theme_id) if record is not None else None
    return theme.name if theme is not None else ""


def priorities(session: Session, filters: Filters = NO_FILTERS) -> list[Priority]:
    """Every option of every closed round, highest share first."""
    out: list[Priority] = []
    workshops = session.scalars(select(Workshop).where(Workshop.deleted_at.is_(None)))
    for w in workshops:
        if not filters.keeps(w.place, w.starts_at):
            continue
        for info in voting.list_rounds(session, w.id):
            if info.status != voting.CLOSED:
                continue
            result = voting.results(session, info.id)
            for line in result.lines:
                theme = _theme_of(session, line.target_kind, line.target_id)
                if filters.theme and filters.theme.casefold() != theme.casefold():
                    continue
                out.append(
                    Priority(
                        w.id,
                        w.title,
                        w.place,
                        w.starts_at,
                        info.name,
                        line.label,
                        theme,
                        priority_outcome_labels(session, w.id, line.target_kind, line.target_id),
                        line.dots,
                        line.share,
                        line.rank,
                        line.tied,
                    )
                )
    out.sort(key=lambda p: (-p.share, p.workshop, p.round, p.rank, p.label))
    return out


def write_programme_csv(
    folder: Path, workshops: list[HubWorkshop], found: list[Priority], filters: Filters
) -> None:
    """workshops.csv and priorities.csv in `folder`, spreadsheet-safe, each written whole."""
    # Headers people read in a spreadsheet: in the language in use.
    header: list[object] = [
        _("workshop id"),
        _("title"),
        _("place"),
        _("date"),
        _("participants"),
        _("notes"),
    ]
    rows: list[list[object]] = [[*header, _("laptops"), _("last import")]]
    for w in workshops:
        if filters.keeps(w.place, w.starts_at):
            rows.append(
                [
                    w.id,
                    w.title,
                    w.place,
                    w.starts_at or "",
                    w.participants,
                    w.notes,
                    w.laptops,
                    w.last_import or "",
                ]
            )
    write_csv_rows(folder / WORKSHOPS_CSV, rows)
    header = [
        _("workshop"),
        _("place"),
        _("date"),
        _("round"),
        _("priority"),
        _("theme"),
        _("outcomes"),
        _("dots"),
    ]
    prio: list[list[object]] = [[*header, _("share of the round's dots"), _("rank"), _("tied")]]
    for p in found:
        prio.append(
            [
                p.workshop,
                p.place,
                p.starts_at or "",
                p.round,
                p.label,
                p.theme,
                "; ".join(p.outcomes),
                p.dots,
                f"{p.share:.4f}",
                p.rank,
                _("yes") if p.tied else "",
            ]
        )
    write_csv_rows(folder / PRIORITIES_CSV, prio)

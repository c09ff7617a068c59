"""What the app's print actions read and save, as named queries and one operation.

The screens load a document's data through the workshop session (on the main thread), render
it on a worker thread and save the PDF there; only then are walk-in cards' codes committed, by
`keep_walk_ins`, so cards that never reached the disk leave nothing in the register.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workshop_app.core import voting
from workshop_app.core.operations import Operation, Query, op, plural, query
from workshop_app.core.participants import ParticipantInfo, add_participant
from workshop_app.core.workshops import WorkshopInfo, get_workshop
from workshop_app.printing.cards import CardsData, load_cards
from workshop_app.printing.report import ReportData, load_report
from workshop_app.printing.results_sheet import ResultsSheetData, results_sheet_data


def cards(workshop_id: str, blank: int) -> Query[CardsData]:
    """Cards for the register plus `blank` walk-in cards with fresh codes. A query reads in a
    transaction that is rolled back, so the walk-in codes are only proposed here."""
    return query(load_cards, workshop_id, blank)


def workshop(workshop_id: str) -> Query[WorkshopInfo]:
    return query(get_workshop, workshop_id)


def closed_rounds(workshop_id: str) -> Query[list[voting.RoundInfo]]:
    return query(_closed_rounds, workshop_id)


def _closed_rounds(session: Session, workshop_id: str) -> list[voting.RoundInfo]:
    return [r for r in voting.list_rounds(session, workshop_id) if r.status == voting.CLOSED]


def results_sheet(
    workshop_id: str, round_id: str, forward: int | None = None
) -> Query[ResultsSheetData]:
    return query(_results_sheet, workshop_id, round_id, forward)


def _results_sheet(
    session: Session, workshop_id: str, round_id: str, forward: int | None
) -> ResultsSheetData:
    return results_sheet_data(session, get_workshop(session, workshop_id), round_id, forward)


def report(workshop_id: str) -> Query[ReportData]:
    return query(load_report, workshop_id)


def walk_in_codes(data: CardsData) -> list[str]:
    return [card.code for card in data.cards if card.walk_in]


def keep_walk_ins(workshop_id: str, codes: list[str]) -> Operation[list[ParticipantInfo]]:
    """The walk-in cards are on disk: put their codes in the register (no name, nothing
    consented), exactly the codes printed. One undo step takes them out again."""
    label = plural(len(codes), "Add {n} walk-in card", "Add {n} walk-in cards")
    return op(label, _keep_walk_ins, workshop_id, codes)


def _keep_walk_ins(session: Session, workshop_id: str, codes: list[str]) -> list[ParticipantInfo]:
    return [add_participant(session, workshop_id, code=code) for code in codes]

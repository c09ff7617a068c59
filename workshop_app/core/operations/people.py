"""Operations and queries on participants, their consent, and the equality cards (reach)."""

from __future__ import annotations

from workshop_app.core import equality, participants, participants_io
from workshop_app.core.consent import ConsentChoices
from workshop_app.core.equality import Question, ReachSummary
from workshop_app.core.operations import Operation, Query, op, plural, query
from workshop_app.core.participants import ParticipantFields, ParticipantInfo


def list_participants(workshop_id: str) -> Query[list[ParticipantInfo]]:
    return query(participants.list_participants, workshop_id)


def add_participant(
    workshop_id: str, fields: ParticipantFields, choices: ConsentChoices, recorded_by: str
) -> Operation[ParticipantInfo]:
    return op(
        "Add participant", participants.add_participant, workshop_id, fields, choices, recorded_by
    )


def update_participant(
    person: ParticipantInfo, fields: ParticipantFields, choices: ConsentChoices, recorded_by: str
) -> Operation[ParticipantInfo]:
    return op(
        f"Edit participant {person.code}",
        participants.update_participant,
        person.id,
        fields,
        choices,
        recorded_by,
    )


def withdraw(person: ParticipantInfo, recorded_by: str) -> Operation[ParticipantInfo]:
    return op(
        f"Withdraw consent for {person.code}",
        participants.withdraw_participant,
        person.id,
        recorded_by,
    )


def erase(person: ParticipantInfo, keep_words: bool) -> Operation[None]:
    """Erasure is final: never undoable, and the session forgets older undo steps too."""
    return Operation(
        f"Erase {person.code}",
        participants.erase_participant,
        (person.id, keep_words),
        undoable=False,
    )


def import_participants(
    workshop_id: str, rows: list[participants_io.ParticipantRow], recorded_by: str
) -> Operation[list[ParticipantInfo]]:
    label = plural(len(rows), "Import {n} participant", "Import {n} participants")
    return op(label, participants_io.import_participants, workshop_id, rows, recorded_by)


def chosen_questions(workshop_id: str) -> Query[list[Question]]:
    return query(equality.chosen_questions, workshop_id)


def choose_questions(workshop_id: str, keys: list[str]) -> Operation[None]:
    return op("Choose equality questions", equality.choose_questions, workshop_id, keys)


def add_equality_card(workshop_id: str, answers: dict[str, str]) -> Operation[str]:
    return op("Add equality card", equality.add_response, workshop_id, answers)


def reach_summary(workshop_id: str) -> Query[ReachSummary]:
    return query(equality.reach_summary, workshop_id)

"""Undo and redo as operations: the journaled states written back as a new stamped change."""

from __future__ import annotations

from workshop_app.core.operations import Operation, op
from workshop_app.core.records import RecordKey, State, apply_states


def restore(
    states: dict[RecordKey, State], revs: dict[RecordKey, str | None], undoing: bool
) -> Operation[dict[RecordKey, str | None]]:
    """Put the records back to `states`; refused (UndoRefusedError) when one moved on since
    `revs`. Returns the revs the records are left at, for the next step on the stack."""
    return op("Undo" if undoing else "Redo", apply_states, states, revs, undoing=undoing)

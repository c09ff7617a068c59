"""The operations layer: every change a screen can make, and every read it needs, by name.

A widget never builds a transaction. It asks for a named operation (``board.add_note(...)``),
which is a plain value: a label for the undo menu and the core function with its arguments. The
workshop session object in ``ui/`` runs it in one transaction, journals it for undo and reports
what changed. Everything here is Qt-free, so the same operations serve the command line and
tests. Anki's ``CollectionOp`` is the model: small named operations, one runner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from workshop_app.core.records import Change
from workshop_app.i18n import ngettext

T = TypeVar("T")


@dataclass(frozen=True)
class Operation(Generic[T]):
    """One user action: `label` names it in the undo menu (plain English, translated by the
    screen), `action(session, *args, **kwargs)` performs it and returns its typed result."""

    label: str
    action: Callable[..., T]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    # An action that must not be undone (erasing a person's data) says so.
    undoable: bool = True

    def __call__(self, session: Session) -> T:
        return self.action(session, *self.args, **self.kwargs)


@dataclass(frozen=True)
class Query(Generic[T]):
    """One read: `action(session, *args, **kwargs)` returns what a screen shows."""

    action: Callable[..., T]
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)

    def __call__(self, session: Session) -> T:
        return self.action(session, *self.args, **self.kwargs)


def op(label: str, action: Callable[..., T], *args: Any, **kwargs: Any) -> Operation[T]:
    return Operation(label, action, args, kwargs)


def query(action: Callable[..., T], *args: Any, **kwargs: Any) -> Query[T]:
    return Query(action, args, kwargs)


def plural(count: int, one: str, many: str) -> str:
    """`one` or `many` with {n} filled in: both forms written out, never "note(s)", and chosen
    by the language's own plural rule (Welsh has six forms)."""
    return ngettext(one, many, count)


def everything_changed() -> Change:
    """A Change naming every kind of record, for an action with no journal (erasure): every
    screen redraws."""
    from workshop_app.core.records import MODELS

    return Change(after={(table, ""): None for table in MODELS})


def tables_of(change: Change) -> frozenset[str]:
    """Which kinds of record (table names) an action touched."""
    return frozenset(table for table, _ in (*change.before, *change.after))


def touches(change: Change, tables: Iterable[str]) -> bool:
    return not tables_of(change).isdisjoint(tables)


# What each kind of screen shows, by table: a screen redraws when an action touched one.
NARRATIVE_TABLES = frozenset({"narratives", "stories", "outcome_tags", "workshops"})
VOTING_TABLES = frozenset({"voting_rounds", "round_options", "ballots", "votes"})
PEOPLE_TABLES = frozenset({"participants", "consents", "equality_responses", "workshops"})

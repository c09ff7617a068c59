"""Operations and queries on workshops: list, create, edit details, archive, the demo."""

from __future__ import annotations

from workshop_app.core import demo
from workshop_app.core import workshops as core
from workshop_app.core.operations import Operation, Query, op, query
from workshop_app.core.workshops import WorkshopFields, WorkshopInfo


def list_workshops(include_archived: bool = False) -> Query[list[WorkshopInfo]]:
    return query(core.list_workshops, include_archived=include_archived)


def get_workshop(workshop_id: str) -> Query[WorkshopInfo]:
    return query(core.get_workshop, workshop_id)


def create_workshop(fields: WorkshopFields, template: str) -> Operation[WorkshopInfo]:
    return op("New workshop", core.create_workshop, fields, template)


def create_demo() -> Operation[WorkshopInfo]:
    return op("Demo workshop", demo.create_demo_workshop)


def update_workshop(workshop_id: str, fields: WorkshopFields) -> Operation[WorkshopInfo]:
    return op("Edit workshop details", core.update_workshop, workshop_id, fields)


def set_archived(workshop_id: str, archived: bool) -> Operation[WorkshopInfo]:
    label = "Archive workshop" if archived else "Bring workshop back"
    return op(label, core.set_archived, workshop_id, archived)

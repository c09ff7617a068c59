"""`workshop-app workshops`: the list, read the quick way when it can be (no SQLAlchemy to
import, no store to open), so a script that asks what is on the laptop gets its answer at once.
The full way (open the store, migrate if needed) answers whenever the quick way cannot."""

from __future__ import annotations

import argparse
import json

from workshop_app.core.workshop_info import WorkshopInfo, quick_workshop_list
from workshop_app.i18n import _, ngettext
from workshop_app.store.datafolder import default_data_dir
from workshop_app.terminal_text import terminal_safe as shown

JSON_FORMAT_VERSION = 1


def _list(args: argparse.Namespace) -> list[WorkshopInfo]:
    data_dir = args.data_dir or default_data_dir()
    quick = quick_workshop_list(data_dir, include_archived=args.all)
    if quick is not None:
        return quick
    from workshop_app.core.workshops import list_workshops
    from workshop_app.store.database import Database

    db = Database.open(data_dir)
    try:
        return db.read(lambda s: list_workshops(s, include_archived=args.all))
    finally:
        db.close()


def cmd_workshops(args: argparse.Namespace) -> int:
    items = _list(args)
    if args.json:
        payload = {"version": JSON_FORMAT_VERSION, "workshops": [w.as_json() for w in items]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(_("No workshops yet. Try: workshop-app demo"))
        return 0
    for w in items:
        when = (w.starts_at or _("no date")).replace("T", " ")
        flag = "  " + _("[archived]") if w.archived else ""
        counts = "  ".join(
            (
                ngettext("{n} note", "{n} notes", w.notes),
                ngettext("{n} theme", "{n} themes", w.themes),
                ngettext("{n} cluster", "{n} clusters", w.clusters),
            )
        )
        print(f"{w.id}  {when:<16}  {counts}  {shown(w.title)}{flag}")
    return 0

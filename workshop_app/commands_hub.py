"""`workshop-app hub …`: the programme hub's commands (keys, imports, laptops, workshops,
conflicts, refusals, priorities, CSV). Imported only when a hub command runs.

Exit codes: 0 done, 1 a refusal or error (one line on stderr), 3 a bundle held until staff
approve its laptop."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from workshop_app.commands_sync import (
    EXIT_HELD,
    JSON_FORMAT_VERSION,
    _open_hub,
    _passphrase,
    cmd_install_key,
)
from workshop_app.errors import AppError, os_reason
from workshop_app.i18n import _, ngettext

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from workshop_app.sync.hub import Hub, ImportOutcome


def _hub_init(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync import keys

    existing = hub.public_key()
    public, new = (existing, False) if existing else hub.init_key(_passphrase(args, confirm=True))
    text = keys.hub_key_text(public)
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AppError(
            _("Cannot write {path}: {reason}.").format(path=args.out, reason=os_reason(exc))
        ) from None
    fp = keys.show_fingerprint(keys.fingerprint(keys.raw_public(public)))
    if new:
        line = _(
            "Made the hub's key ({fp}); its public key is in {path}: install it on every laptop."
        )
    else:
        line = _(
            "This hub already has a key ({fp}); its public key is in {path}: install it on "
            "every laptop."
        )
    print(line.format(fp=fp, path=args.out))
    return 0


def _report(outcome: ImportOutcome) -> None:
    from workshop_app.sync import keys

    name = outcome.file_name
    if outcome.status == "refused":
        refused = _("{name}: refused: {reason}").format(name=name, reason=outcome.reason)
        print(f"workshop-app: {refused}", file=sys.stderr)
        return
    if outcome.status == "already":
        print(_("{name}: already imported; nothing changed.").format(name=name))
        return
    if outcome.status == "held":
        print(
            _(
                "{name}: held, not merged: laptop {fingerprint} is not approved yet "
                "(workshop-app hub approve FINGERPRINT)."
            ).format(name=name, fingerprint=keys.show_fingerprint(outcome.fingerprint))
        )
        return
    m = outcome.merge
    line = _(
        "{name}: merged into workshop {id}: {new} new, {updated} updated, {unchanged} "
        "unchanged, {older} older than the hub's"
    ).format(
        name=name,
        id=outcome.workshop_id,
        new=m.inserted,
        updated=m.updated,
        unchanged=m.unchanged,
        older=m.kept_local,
    )
    if m.conflicts:
        line += "; " + ngettext(
            "{n} conflict to settle", "{n} conflicts to settle", len(m.conflicts)
        )
    print(line + ".")
    for warning in outcome.warnings:
        print(f"{name}: {warning}")


def _exit_code(outcomes: list[ImportOutcome]) -> int:
    if any(o.status == "refused" for o in outcomes):
        return 1
    return EXIT_HELD if any(o.status == "held" for o in outcomes) else 0


def _hub_import(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync.hub import ImportOutcome

    unlock = hub.key_source(lambda: _passphrase(args))
    key_failed: list[AppError] = []

    def source() -> tuple[X25519PrivateKey, str]:
        try:
            return unlock()
        except AppError as exc:
            key_failed.append(exc)
            raise

    outcomes = []
    for path in args.files:
        try:
            outcome = hub.import_file(path, source, approve_new=args.approve_new_laptops)
        except OSError as exc:
            unreadable = _("{path}: cannot read it: {reason}.").format(
                path=path, reason=os_reason(exc)
            )
            print(f"workshop-app: {unreadable}", file=sys.stderr)
            outcomes.append(ImportOutcome(str(path), "refused", reason="unreadable"))
            continue
        except AppError as exc:
            if key_failed:  # no passphrase, or a wrong one: the same for every file
                raise
            # This file could not be imported (the hub's database said no): the others can.
            failed = _("{name}: not imported: {reason}").format(name=path.name, reason=exc)
            print(f"workshop-app: {failed}", file=sys.stderr)
            outcomes.append(ImportOutcome(path.name, "refused", reason=str(exc)))
            continue
        _report(outcome)
        outcomes.append(outcome)
    return _exit_code(outcomes)


def _decide(args: argparse.Namespace, hub: Hub, verb: str, text: str) -> int:
    from workshop_app.sync import keys

    fp = hub.resolve_laptop(text, whole=verb != "revoke")
    shown = keys.show_fingerprint(fp)
    if verb == "revoke":
        hub.set_laptop(fp, "revoked")
        print(
            _("Revoked laptop {fingerprint}: its bundles will be refused.").format(
                fingerprint=shown
            )
        )
        return 0
    hub.set_laptop(fp, "approved")
    held = hub.held_bundles(fp)
    print(
        ngettext(
            "Approved laptop {fingerprint}; merging {n} held bundle.",
            "Approved laptop {fingerprint}; merging {n} held bundles.",
            len(held),
        ).format(fingerprint=shown)
    )
    source = hub.key_source(lambda: _passphrase(args))
    outcomes = []
    for name, data in held:
        outcome = hub.merge_kept_copy(data, name, source)
        _report(outcome)
        outcomes.append(outcome)
    return _exit_code(outcomes)


def _hub_laptops(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync import keys
    from workshop_app.sync.hub import LAPTOP_STATES

    words = list(args.words)
    if words:
        # The fingerprint as printed (groups of four, spaces between), quoted or not.
        if len(words) < 2 or words[0] not in ("approve", "revoke"):
            raise AppError(_("use: workshop-app hub laptops [approve|revoke FINGERPRINT]"))
        return _decide(args, hub, words[0], " ".join(words[1:]))
    laptops = hub.laptops()
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "laptops": [lap.__dict__ for lap in laptops],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not laptops:
        print(_("No laptop has sent a bundle to this hub yet."))
    words = {state: _(word) for state, word in LAPTOP_STATES.items()}
    width = max(len(word) for word in words.values())
    for lap in laptops:
        merged = ngettext("{n} bundle merged", "{n} bundles merged", lap.merged)
        status = words.get(lap.status, lap.status)
        print(
            _("{fingerprint}  {status}  {merged}, {held} held  first seen {when}").format(
                fingerprint=keys.show_fingerprint(lap.fingerprint),
                status=f"{status:<{width}}",
                merged=merged,
                held=lap.held,
                when=lap.first_seen_at,
            )
        )
    return 0


def _hub_workshops(args: argparse.Namespace, hub: Hub) -> int:
    items = hub.workshops()
    if args.json:
        payload = {"version": JSON_FORMAT_VERSION, "workshops": [w.__dict__ for w in items]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(_("No workshops in this hub yet: import some bundles."))
    for w in items:
        when = (w.starts_at or _("no date")).replace("T", " ")
        counts = ", ".join(
            (
                ngettext("{n} participant", "{n} participants", w.participants),
                ngettext("{n} note", "{n} notes", w.notes),
                ngettext("{n} laptop", "{n} laptops", w.laptops),
            )
        )
        print(
            _("{id}  {when}  {counts}, last import {last}  {title} ({place})").format(
                id=w.id,
                when=f"{when:<16}",
                counts=counts,
                last=w.last_import or _("never"),
                title=w.title,
                place=w.place or _("no place"),
            )
        )
    return 0


def _hub_conflicts(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync import keys

    items = hub.conflicts()
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "conflicts": [
                {
                    "table": c.table_name,
                    "record_id": c.record_id,
                    "kept_rev": c.kept_rev,
                    "set_aside_rev": c.set_aside_rev,
                    "set_aside": json.loads(c.set_aside),
                    "found_at": c.found_at,
                }
                for c in items
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(_("No conflicts to settle."))
        return 0
    from workshop_app.core.field_names import field_name
    from workshop_app.core.records import record_noun
    from workshop_app.sync.hub_settle import conflicts_to_settle, device_origins

    laptops, own = device_origins(hub)

    def origin(device: str) -> str:
        if device and device == own:
            return _("the hub (a choice staff made)")
        if device in laptops:
            return _("laptop {fingerprint}").format(
                fingerprint=keys.show_fingerprint(laptops[device])[:14]
            )
        return _("device {id}").format(id=device[:8] or "?")

    for view in conflicts_to_settle(hub):
        changes = "; ".join(
            _("{field}: kept {kept}, set aside {aside}").format(
                field=field_name(d.field),
                kept=_shown_value(d.kept),
                aside=_shown_value(d.set_aside),
            )
            for d in view.differences
        )
        print(
            _("{table} {id}: {changes}; kept from {kept_from}, set aside from {aside_from}").format(
                table=record_noun(view.table),
                id=view.record_id,
                changes=changes or _("the two versions say the same"),
                kept_from=origin(view.kept_device),
                aside_from=origin(view.set_aside_device),
            )
        )
    return 0


def _shown_value(value: object) -> str:
    """A field's value on one line: text quoted (line breaks shown as \\n), long text cut."""
    if value is None or value == "":
        return _("(empty)")
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 82 else shown[:80] + '…"'


def _hub_refused(args: argparse.Namespace, hub: Hub) -> int:
    every = hub.refusals()
    items = every if args.all else [r for r in every if r.superseded_by is None]
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "refused": [
                {
                    "file_name": r.file_name,
                    "received_at": r.received_at,
                    "reason": r.reason,
                    "reason_id": r.reason_id,
                    "size": r.size,
                    "sha256": r.content_sha256,
                    "scrubbed_at": r.scrubbed_at,
                    "superseded_by": (
                        {"file_name": r.superseded_by, "merged_at": r.superseded_at}
                        if r.superseded_by
                        else None
                    ),
                }
                for r in items
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not every:
        print(_("The hub has refused no bundles."))
    for r in items:
        line = f"{r.received_at}  {r.file_name}: {r.reason}"
        if r.superseded_by:
            line += " " + _("(superseded: {file}, from the same laptop, was merged {when})").format(
                file=r.superseded_by, when=r.superseded_at
            )
        print(line)
    hidden = len(every) - len(items)
    if hidden:
        print(
            ngettext(
                "{n} refusal superseded by a later import is not shown (--all lists it).",
                "{n} refusals superseded by later imports are not shown (--all lists them).",
                hidden,
            )
        )
    return 0


def _filters(args: argparse.Namespace):
    from workshop_app.sync.errors import SyncError
    from workshop_app.sync.programme import Filters

    if args.date_from and args.date_to and args.date_to < args.date_from:
        raise SyncError(
            _("--to {to} is before --from {start}: no date could match.").format(
                to=args.date_to, start=args.date_from
            )
        )
    return Filters(args.place, args.theme, args.date_from, args.date_to)


def _hub_priorities(args: argparse.Namespace, hub: Hub) -> int:
    items = hub.priorities(_filters(args))
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "priorities": [{**p.__dict__, "outcomes": list(p.outcomes)} for p in items],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(_("No closed voting rounds in the hub match."))
    for p in items:
        theme = p.theme or _("no theme")
        print(f"{p.share:>6.1%}  {p.label}  [{theme}]  {p.workshop}, {p.round}")
    return 0


def _hub_export_csv(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync.programme import PRIORITIES_CSV, WORKSHOPS_CSV

    if args.out.exists() and not args.out.is_dir():
        raise AppError(
            _("{path} is a file, not a folder: choose a folder for the CSV files.").format(
                path=args.out
            )
        )
    filters = _filters(args)
    try:
        args.out.mkdir(parents=True, exist_ok=True)  # a new folder, as the person named it
    except OSError as exc:
        raise AppError(
            _("Cannot make the folder {path}: {reason}.").format(
                path=args.out, reason=os_reason(exc)
            )
        ) from None
    hub.export_csv(args.out, filters)
    print(
        _("Wrote {workshops} and {priorities}.").format(
            workshops=args.out / WORKSHOPS_CSV, priorities=args.out / PRIORITIES_CSV
        )
    )
    return 0


def run_hub_command(args: argparse.Namespace) -> int:
    if args.hub_command == "install-key":
        return cmd_install_key(args)
    hub = _open_hub(args)
    try:
        command = args.hub_command
        if command in ("init", "keygen"):
            return _hub_init(args, hub)
        if command in ("approve", "revoke"):
            return _decide(args, hub, command, " ".join(args.fingerprint))
        handlers = {
            "import": _hub_import,
            "laptops": _hub_laptops,
            "workshops": _hub_workshops,
            "conflicts": _hub_conflicts,
            "refused": _hub_refused,
            "priorities": _hub_priorities,
            "export-csv": _hub_export_csv,
        }
        return handlers[command](args, hub)
    finally:
        hub.close()

"""Participant codes are drawn on each laptop, which cannot ask the others: two laptops of one
workshop can give one code to two people. The hub keeps both people, each with a code of their
own: at a clash every person sharing the code gets it with the start of their id after it
(K7Q2 becomes K7Q2-3F9 and K7Q2-A01), whichever bundle came first, so the hub is the same in
any order. Staff are told in the import's result."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workshop_app.i18n import _
from workshop_app.store.models import Participant
from workshop_app.sync.bundle_read import VerifiedBundle

SEPARATOR = "-"


def _base(code: str) -> str:
    return code.split(SEPARATOR, 1)[0]


def _own(base: str, participant_id: str) -> str:
    return f"{base}{SEPARATOR}{participant_id.replace('-', '')[:3].upper()}"


def separate_clashing_codes(session: Session, bundle: VerifiedBundle) -> list[str]:
    """Give every person whose code clashes with another person's in the same workshop a code
    of their own, at the hub and in the incoming rows; one warning a clash."""
    incoming = bundle.rows.get("participants", [])
    if not incoming:
        return []
    workshop_id = bundle.workshop_id
    bases = {_base(str(row["code"])) for row in incoming}
    held = session.execute(
        select(Participant.id, Participant.code).where(Participant.workshop_id == workshop_id)
    ).all()
    held_by_base: dict[str, dict[str, str]] = {}
    for pid, code in held:
        if _base(code) in bases:
            held_by_base.setdefault(_base(code), {})[pid] = code
    warnings: list[str] = []
    for row in incoming:
        base = _base(str(row["code"]))
        others = {pid: code for pid, code in held_by_base.get(base, {}).items() if pid != row["id"]}
        if not others:
            continue
        row["code"] = _own(base, str(row["id"]))
        renamed = [row["code"]]
        for pid, code in others.items():
            if code == base:  # the one that came first still has the plain code
                own = _own(base, pid)
                session.execute(update(Participant).where(Participant.id == pid).values(code=own))
                held_by_base[base][pid] = own
                renamed.append(own)
        warnings.append(
            _(
                "Two people had the code {code} on different laptops: both are kept, as {codes}."
            ).format(code=base, codes=", ".join(sorted(renamed)))
        )
    return warnings

"""What a participant card's QR code carries, and reading it back when a scanner types it.

The text is `WSA1:<WORKSHOP-ID>:<CODE>`: the format tag (version 1), the workshop's UUID and
the participant code, upper case so the QR code can use its compact alphanumeric mode (a smaller
symbol with larger squares). A USB QR scanner types it like a keyboard, usually followed by
Enter; the parser ignores case and surrounding whitespace, so a card read by a scanner or typed
by hand gives the same answer. Qt-free: the ballot panel and the register both use it.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy.orm import Session

from workshop_app.core.errors import ValidationError
from workshop_app.core.participants import (
    CODE_ALPHABET,
    CODE_LENGTH,
    ParticipantInfo,
    add_participant,
    find_by_code,
    normalise_code,
)
from workshop_app.i18n import _

CARD_TAG = "WSA1"
_CARD = re.compile(rf"^{CARD_TAG}:([0-9A-F-]{{32,36}}):([0-9A-Z -]{{{CODE_LENGTH},8}})$")


def card_text(workshop_id: str, code: str) -> str:
    """The text printed in a card's QR code."""
    return f"{CARD_TAG}:{str(uuid.UUID(workshop_id)).upper()}:{normalise_code(code)}"


def parse_card_text(text: str) -> tuple[str, str] | None:
    """(workshop id, participant code) from a scanned card, or None when the text is not one.

    The workshop id comes back in the app's own form (lower-case UUID) and the code normalised,
    ready for `find_by_code`; the caller decides what a card for another workshop means.
    """
    match = _CARD.match(text.strip().upper())
    if match is None:
        return None
    try:
        workshop_id = str(uuid.UUID(match.group(1)))
    except ValueError:
        return None
    code = normalise_code(match.group(2))
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return workshop_id, code


MAX_WALK_INS = 400


def add_walk_ins(session: Session, workshop_id: str, count: int) -> list[ParticipantInfo]:
    """`count` fresh codes in the register for people who turn up unannounced: no name, and
    nothing consented until someone asks them (the register shows 'no consent recorded')."""
    if count < 0 or count > MAX_WALK_INS:
        raise ValidationError(
            _("Print between 0 and {most} walk-in cards at a time.").format(most=MAX_WALK_INS)
        )
    return [add_participant(session, workshop_id) for _ in range(count)]


def participant_from_scan(session: Session, workshop_id: str, text: str) -> ParticipantInfo | None:
    """The person whose card was scanned (or its text typed) into a code box; None when the text
    is not a card, so the box treats it as a typed code. A card from another workshop, or one
    whose code is not in this register, is a one-line error."""
    parsed = parse_card_text(text)
    if parsed is None:
        return None
    card_workshop, code = parsed
    if card_workshop != workshop_id:
        raise ValidationError(
            _(
                "The card {code} belongs to another workshop: use a card printed for this one."
            ).format(code=code)
        )
    return find_by_code(session, workshop_id, code)

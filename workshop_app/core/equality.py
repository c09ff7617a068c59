"""Equality and reach monitoring: optional anonymous cards, and a summary that never shows a
count small enough to point at a person.

A card is linked to no participant, note, vote or story, on purpose. Every count under
SUPPRESS_BELOW is shown as "<5" on screen and in everything printed or exported; when only one
answer of a question is suppressed, the next smallest is hidden too (shown as "*"), so that the
small one cannot be worked out from the total.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.errors import ValidationError
from workshop_app.core.records import created, touch
from workshop_app.core.workshops import get_workshop_record
from workshop_app.i18n import N_, _, ngettext, per_language
from workshop_app.resources import resources_dir
from workshop_app.store.models import EqualityResponse, Workshop

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
# A count of 5 or more hidden only so that a smaller one cannot be worked out from the total;
# "<5" there would be untrue.
SECONDARY = "*"
PREFER_NOT = "prefer-not-to-say"
PREFER_NOT_LABEL = N_("Prefer not to say")
MAX_AREA_CHARS = 80
# A full UK postcode (outward and inward code) identifies a handful of homes: refuse it.
# Written with a space, a dash or nothing between the halves.
_FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?[\s\-–—]*[0-9][A-Z]{2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    answers: tuple[tuple[str, str], ...]  # (key, label); empty for free text
    free_text: bool = False

    def answer_label(self, key: str) -> str:
        if key == PREFER_NOT:
            return _(PREFER_NOT_LABEL)
        return dict(self.answers).get(key, key)


@per_language
def questions() -> dict[str, Question]:
    """The shipped questions, in the language in use (their words are in the catalogue)."""
    data = json.loads((resources_dir() / "equality" / "questions.json").read_text("utf-8"))
    out = {}
    for q in data["questions"]:
        answers = tuple((a["key"], _(a["label"])) for a in q.get("answers", ()))
        out[q["key"]] = Question(q["key"], _(q["label"]), answers, bool(q.get("free_text")))
    return out


def chosen_questions(session: Session, workshop_id: str) -> list[Question]:
    keys = json.loads(get_workshop_record(session, workshop_id).equality_questions or "[]")
    every = questions()
    return [every[k] for k in keys if k in every] or list(every.values())


def choose_questions(session: Session, workshop_id: str, keys: list[str]) -> None:
    """The questions this programme asks, in order. None at all is refused: monitoring is
    optional simply by not handing cards out, and an empty list would read as "ask all"."""
    if not keys:
        raise ValidationError(
            _("Choose at least one question; to skip monitoring, simply do not hand out cards.")
        )
    unknown = [k for k in keys if k not in questions()]
    if unknown:
        raise ValidationError(_("There is no equality question '{key}'.").format(key=unknown[0]))
    workshop: Workshop = get_workshop_record(session, workshop_id)
    touch(session, workshop)
    workshop.equality_questions = json.dumps(keys)


def check_area(text: str) -> str:
    area = text.strip()
    if _FULL_POSTCODE.search(area):
        raise ValidationError(
            _(
                "Give only the first half of a postcode (for example SY18), or the ward: a full "
                "postcode can identify a household."
            )
        )
    if len(area) > MAX_AREA_CHARS:
        raise ValidationError(
            ngettext(
                "An area can be at most {n} character.",
                "An area can be at most {n} characters.",
                MAX_AREA_CHARS,
            )
        )
    return area.upper() if re.fullmatch(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]?", area) else area


def add_response(session: Session, workshop_id: str, answers: dict[str, str]) -> str:
    """Store one card. Unanswered questions are simply absent; every question offers
    "prefer not to say"."""
    asked = {q.key: q for q in chosen_questions(session, workshop_id)}
    clean: dict[str, str] = {}
    for key, value in answers.items():
        question = asked.get(key)
        if question is None:
            raise ValidationError(_("This programme does not ask '{key}'.").format(key=key))
        if value in ("", None):
            continue
        if value == PREFER_NOT:
            clean[key] = value
        elif question.free_text:
            area = check_area(value)
            if area:
                clean[key] = area
        elif value not in dict(question.answers):
            raise ValidationError(
                _("'{answer}' is not an answer to '{question}'.").format(
                    answer=value, question=question.label
                )
            )
        else:
            clean[key] = value
    row = created(
        session,
        EqualityResponse(
            workshop_id=workshop_id, answers=json.dumps(clean, ensure_ascii=False, sort_keys=True)
        ),
    )
    return row.id


@dataclass(frozen=True)
class ReachLine:
    answer: str
    shown: str  # the count as it may be displayed: a number, or "<5"


@dataclass(frozen=True)
class ReachQuestion:
    key: str
    label: str
    lines: tuple[ReachLine, ...]


@dataclass(frozen=True)
class ReachSummary:
    cards: str  # how many cards, itself suppressed under 5
    questions: tuple[ReachQuestion, ...]
    # None returned identifies nobody, and a breakdown of "<5" for answers no one gave would
    # only be noise: the screen and the report can say so plainly.
    none_returned: bool = False

    def as_json(self) -> dict:
        return {
            "cards": self.cards,
            "suppressed_below": SUPPRESS_BELOW,
            "secondary_mark": SECONDARY,
            "questions": [
                {
                    "key": q.key,
                    "label": q.label,
                    "answers": [{"answer": ln.answer, "count": ln.shown} for ln in q.lines],
                }
                for q in self.questions
            ],
        }


def suppress(count: int) -> str:
    return SUPPRESSED if count < SUPPRESS_BELOW else str(count)


def suppress_group(counts: dict[str, int]) -> dict[str, str]:
    """Suppress small counts, plus the next smallest when exactly one would be hidden, so no
    hidden count can be recovered by subtracting the others from the total."""
    shown = {k: suppress(v) for k, v in counts.items()}
    hidden = [k for k, v in shown.items() if v == SUPPRESSED and counts[k] > 0]
    if len(hidden) == 1:
        visible = sorted((v, k) for k, v in counts.items() if shown[k] != SUPPRESSED)
        if visible:
            shown[visible[0][1]] = SECONDARY
    return shown


def reach_summary(session: Session, workshop_id: str) -> ReachSummary:
    rows = session.scalars(
        select(EqualityResponse.answers).where(
            EqualityResponse.workshop_id == workshop_id, EqualityResponse.deleted_at.is_(None)
        )
    ).all()
    cards = [json.loads(r) for r in rows]
    out = []
    for question in chosen_questions(session, workshop_id):
        counts: dict[str, int] = {}
        for key, _label in question.answers:
            counts[key] = 0
        for card in cards:
            value = card.get(question.key)
            if value:
                counts[value] = counts.get(value, 0) + 1
        counts.setdefault(PREFER_NOT, 0)
        shown = suppress_group(counts)
        lines = tuple(
            ReachLine(question.answer_label(k), shown[k])
            for k in counts
            if counts[k] > 0 or not question.free_text
        )
        out.append(ReachQuestion(question.key, question.label, lines))
    return ReachSummary(suppress(len(cards)), tuple(out), none_returned=not cards)

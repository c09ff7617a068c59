"""Operations and queries on priorities' narratives, their stories and outcome tags."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workshop_app.core import narratives, outcomes, stories
from workshop_app.core.narratives import NarrativeFields, NarrativeInfo
from workshop_app.core.operations import Operation, Query, op, query
from workshop_app.core.outcomes import OutcomeSet
from workshop_app.core.stories import StoryInfo


def narrative_for(target_kind: str, target_id: str) -> Query[NarrativeInfo | None]:
    return query(narratives.narrative_for, target_kind, target_id)


def save_narrative(
    workshop_id: str,
    target_kind: str,
    target_id: str,
    values: NarrativeFields,
    outcome_keys: list[str] | None,
    first: bool,
) -> Operation[NarrativeInfo]:
    label = "Write narrative" if first else "Edit narrative"
    return op(
        label, narratives.save_narrative, workshop_id, target_kind, target_id, values, outcome_keys
    )


def list_stories(workshop_id: str, target_kind: str, target_id: str) -> Query[list[StoryInfo]]:
    return query(stories.list_stories, workshop_id, target_kind, target_id)


def add_story(
    workshop_id: str,
    target_kind: str,
    target_id: str,
    text: str,
    participant_id: str | None,
    publish: bool,
) -> Operation[StoryInfo]:
    return op(
        "Add story",
        stories.add_story,
        workshop_id,
        target_kind,
        target_id,
        text,
        participant_id,
        publish,
    )


def set_story_published(story_id: str, publish: bool) -> Operation[StoryInfo]:
    label = "Publish story" if publish else "Keep story internal"
    return op(label, stories.edit_story, story_id, publish=publish)


def remove_story(story_id: str) -> Operation[None]:
    return op("Remove story", stories.delete_story, story_id)


def outcome_set(workshop_id: str) -> Query[OutcomeSet | None]:
    return query(outcomes.workshop_outcome_set, workshop_id)


def _outcomes_of(
    session: Session, workshop_id: str, target_kind: str, target_id: str
) -> tuple[OutcomeSet | None, list[str]]:
    return (
        outcomes.workshop_outcome_set(session, workshop_id),
        list(outcomes.priority_outcomes(session, workshop_id, target_kind, target_id)),
    )


def outcomes_of(
    workshop_id: str, target_kind: str, target_id: str
) -> Query[tuple[OutcomeSet | None, list[str]]]:
    """The workshop's outcome set (None until chosen) and the keys ticked for one priority:
    its own tags, the one record that the tagging dialog, the narrative and the card share."""
    return query(_outcomes_of, workshop_id, target_kind, target_id)


def choose_outcome_set(
    workshop_id: str, set_id: str, custom_labels: list[str] | None = None
) -> Operation[OutcomeSet]:
    return op("Choose outcome set", outcomes.choose_outcome_set, workshop_id, set_id, custom_labels)


def tag_outcomes(
    workshop_id: str, target_kind: str, target_id: str, keys: list[str]
) -> Operation[list[str]]:
    return op("Tag outcomes", outcomes.set_priority_tags, workshop_id, target_kind, target_id, keys)


def switch_effect(
    workshop_id: str, set_id: str, custom_labels: list[str] | None = None
) -> Query[outcomes.SwitchEffect]:
    """What switching to `set_id` would do to the tags already made (asked before switching)."""
    return query(outcomes.switch_effect, workshop_id, set_id, custom_labels)

"""A realistic demo workshop, so a newcomer sees the board working at once."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workshop_app.core.clusters import create_cluster
from workshop_app.core.notes import add_note, stack_duplicates
from workshop_app.core.themes import list_themes
from workshop_app.core.workshops import WorkshopFields, WorkshopInfo, create_workshop

DEMO_TITLE = "Our place, our priorities (demo)"

# (theme index, cluster name or "", table, text); theme index 4 is the parking lot.
_NOTES: list[tuple[int, str, str, str]] = [
    (0, "Local buying", "Table 1", "Council and hospital should buy food from local growers"),
    (0, "Local buying", "Table 3", "Spend the regeneration money with firms based here"),
    (0, "Local buying", "Table 2", "A list of local suppliers that big employers can use"),
    (0, "Community ownership", "Table 1", "Community share offer to save the Red Lion pub"),
    (0, "Community ownership", "Table 4", "Turn the empty bank into a community-owned hub"),
    (0, "Community ownership", "Table 2", "Credit union branch in the high street"),
    (0, "", "Table 3", "Housing co-op for young families priced out of the village"),
    (0, "", "Table 4", "Profits from the wind turbine should stay in the valley"),
    (0, "", "Table 1", "Help for people setting up a social enterprise"),
    (1, "Warm homes", "Table 2", "Insulate the old terraces: bills are frightening this winter"),
    (1, "Warm homes", "Table 1", "Heat pump grants people can actually understand"),
    (1, "Warm homes", "Table 3", "Free energy advice sessions at the library"),
    (1, "Getting about", "Table 4", "Buses every 30 minutes, and on Sundays"),
    (1, "Getting about", "Table 2", "Safe cycle route to the college"),
    (1, "Getting about", "Table 1", "Electric minibus run by volunteers for the outlying farms"),
    (1, "", "Table 3", "Apprenticeships in retrofit for school leavers"),
    (1, "", "Table 4", "Community solar on the school and leisure centre roofs"),
    (1, "", "Table 2", "Repair café once a month"),
    (2, "Fair pay", "Table 1", "Real Living Wage for every care worker"),
    (2, "Fair pay", "Table 3", "Big employers here to sign up to the Living Wage"),
    (2, "Fair pay", "Table 2", "No more zero-hours contracts at the distribution centre"),
    (2, "", "Table 4", "Childcare that fits shift work"),
    (2, "", "Table 1", "Jobs fair with local firms, not just agencies"),
    (2, "", "Table 3", "Support for carers to stay in work"),
    (2, "", "Table 2", "Training in Welsh and English: pawb yn cael cyfle"),
    (2, "", "Table 4", "Mentoring for people coming back to work after illness"),
    (3, "High street", "Table 1", "Fill the empty shops with pop-ups and makers"),
    (3, "High street", "Table 2", "Market day back on Saturdays"),
    (3, "High street", "Table 3", "Free parking for the first hour"),
    (3, "Spaces for young people", "Table 4", "Somewhere for teenagers to go in the evening"),
    (3, "Spaces for young people", "Table 2", "Skate park by the river"),
    (3, "", "Table 1", "Clean up the riverside path and put in lighting"),
    (3, "", "Table 3", "Public toilets that are open"),
    (3, "", "Table 4", "Benches and shade for older people in the square"),
    (3, "", "Table 2", "Murals by local artists on the underpass"),
    (4, "", "Table 1", "Better broadband in the hill farms"),
    (4, "", "Table 3", "Ask the council to come to the next meeting"),
]

# Said again at other tables: stacked on the first as duplicates, every original kept.
_DUPLICATES: list[tuple[int, str, str]] = [
    (12, "Table 3", "More buses in the evening and at weekends"),
    (12, "Table 1", "Sunday buses!"),
    (29, "Table 1", "Youth club open later"),
]


def create_demo_workshop(session: Session) -> WorkshopInfo:
    workshop = create_workshop(
        session,
        WorkshopFields(
            title=DEMO_TITLE,
            programme="Valleys Local Economic Transformation",
            place="Abercwm ward",
            venue="St Mary's church hall",
            starts_at="2026-11-28T10:00",
            facilitators="Sam Rees, Priya Shah",
            prompts=(
                "What would make this a better place to live and work?",
                "What should we do first?",
            ),
        ),
        template="building-blocks",
    )
    themes = list_themes(session, workshop.id)
    ids: list[str] = []
    groups: dict[tuple[int, str], list[str]] = {}
    for theme_index, cluster, table, text in _NOTES:
        note = add_note(session, workshop.id, text, themes[theme_index].id, table)
        ids.append(note.id)
        if cluster:
            groups.setdefault((theme_index, cluster), []).append(note.id)
    for (_theme_index, name), note_ids in groups.items():
        create_cluster(session, note_ids, name)
    for target, table, text in _DUPLICATES:
        dup = add_note(session, workshop.id, text, themes[_NOTES[target][0]].id, table)
        stack_duplicates(session, ids[target], [dup.id])
    return workshop

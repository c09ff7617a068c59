"""A realistic demo workshop, so a newcomer sees the board working at once."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workshop_app.core import voting
from workshop_app.core.cards import add_walk_ins
from workshop_app.core.clusters import create_cluster
from workshop_app.core.consent import ConsentChoices
from workshop_app.core.equality import add_response
from workshop_app.core.narratives import NarrativeFields, save_narrative
from workshop_app.core.notes import add_note, stack_duplicates
from workshop_app.core.outcomes import choose_outcome_set, set_tags
from workshop_app.core.participants import ParticipantFields, add_participant
from workshop_app.core.stories import add_story
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
            follow_up_url="https://valleys-let.example.org/follow-up",
            contact_phone="01234 567890",
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
    clusters = {}
    for (_theme_index, name), note_ids in groups.items():
        clusters[name] = create_cluster(session, note_ids, name).id
    for target, table, text in _DUPLICATES:
        dup = add_note(session, workshop.id, text, themes[_NOTES[target][0]].id, table)
        stack_duplicates(session, ids[target], [dup.id])
    people = _add_people_and_narratives(session, workshop.id, clusters, ids)
    _add_voting(session, workshop.id, clusters, people)
    return workshop


# (name, area, email, consent) — mixed on purpose: some names are not kept at all.
_PARTICIPANTS: list[tuple[str, str, str, ConsentChoices]] = [
    (
        "Megan Hughes",
        "Abercwm",
        "megan.hughes@example.org",
        ConsentChoices(True, "first_name_area", False, True, True, False),
    ),
    ("Tomasz Nowak", "Cwm Isaf", "", ConsentChoices(True, "anonymous", False, False, True, True)),
    ("Aisha Rahman", "", "", ConsentChoices(True, "no", False, False, False, False)),
    ("", "", "", ConsentChoices(True, "no", False, False, False, False)),
    ("", "", "", ConsentChoices()),
    ("Gareth Price", "Abercwm", "", ConsentChoices(True, "full_name", True, False, True, True)),
]

DEMO_WALK_INS = 12

_EQUALITY_CARDS: list[dict[str, str]] = [
    {"age_band": "25-44", "area": "CF44", "first_time": "yes", "heard_how": "word-of-mouth"},
    {"age_band": "25-44", "area": "CF44", "first_time": "yes", "heard_how": "poster"},
    {"age_band": "65-plus", "area": "CF44", "first_time": "no", "disability": "yes"},
    {"age_band": "45-64", "area": "Abercwm", "first_time": "yes", "ethnicity": "white"},
    {"age_band": "16-24", "area": "prefer-not-to-say", "first_time": "yes"},
    {"age_band": "25-44", "first_time": "no", "heard_how": "community-group"},
    {"age_band": "prefer-not-to-say", "area": "CF44", "first_time": "yes"},
]


def _add_people_and_narratives(
    session: Session, workshop_id: str, clusters: dict[str, str], note_ids: list[str]
) -> list[str]:
    people = [
        add_participant(
            session,
            workshop_id,
            ParticipantFields(name=name, area=area, email=email),
            choices,
            recorded_by="Sam Rees",
        )
        for name, area, email, choices in _PARTICIPANTS
    ]
    # The rest of the room came in on the day: codes only, nothing consented. Their dots are
    # what makes the paper tally add up.
    add_walk_ins(session, workshop_id, DEMO_WALK_INS)
    for card in _EQUALITY_CARDS:
        add_response(session, workshop_id, card)
    choose_outcome_set(session, workshop_id, "thriving-places-index")
    set_tags(session, workshop_id, "cluster", clusters["Getting about"], ["local-conditions"])
    set_tags(session, workshop_id, "cluster", clusters["Fair pay"], ["work-and-local-economy"])
    buses = save_narrative(
        session,
        workshop_id,
        "cluster",
        clusters["Getting about"],
        NarrativeFields(
            issue=(
                "The last bus up the valley leaves at six and there is none on Sundays, so "
                "people without a car cannot take evening shifts, reach college or visit family."
            ),
            change=(
                "Buses every 30 minutes until eleven at night and an hourly Sunday service, "
                "with a community minibus for the hill farms."
            ),
            improves=(
                "Young people can take jobs and courses further away, older people are less "
                "isolated, and shift workers stop paying for taxis they cannot afford."
            ),
            institution="The county council's transport team, with the bus operator",
            community_led="partly",
            first_steps=(
                "Count who needs evening and Sunday journeys; ask the council to trial a "
                "later bus for six months."
            ),
            phasing="Survey this winter, trial from spring, decide the timetable in autumn.",
            progress="Passenger numbers on the later buses, and fewer people turning down shifts.",
        ),
        ["local-conditions", "work-and-local-economy"],
    )
    save_narrative(
        session,
        workshop_id,
        "cluster",
        clusters["Fair pay"],
        NarrativeFields(
            issue="Care workers here are paid less than the Real Living Wage.",
            change="The council and the health board pay at least the Real Living Wage in care.",
            institution="County council and health board commissioners",
            community_led="no",
        ),
        ["work-and-local-economy"],
    )
    add_story(
        session,
        workshop_id,
        "cluster",
        buses.target_id,
        (
            "I got offered a job at the care home in town, nights. There was no bus back after "
            "six, so I had to turn it down. I still think about that."
        ),
        participant_id=people[0].id,
        publish=True,
    )
    return [p.id for p in people]


# The shortlist ends with "Fair pay" and "High street" tied for third place.
_PAPER_DOTS = {
    "Getting about": 6,
    "Warm homes": 6,
    "Fair pay": 4,
    "High street": 4,
    "Local buying": 2,
    "Spaces for young people": 1,
    "Community ownership": 1,
}
_BALLOTS = [
    {"Getting about": 2},
    {"Warm homes": 1, "Fair pay": 1},
    {"High street": 1, "Getting about": 1},
]
_ANONYMOUS_BALLOT = {"Spaces for young people": 1, "Local buying": 1}


def _add_voting(
    session: Session, workshop_id: str, clusters: dict[str, str], people: list[str]
) -> None:
    names = list(_PAPER_DOTS)
    shortlist = voting.create_round(
        session,
        workshop_id,
        "Shortlist",
        [("cluster", clusters[n]) for n in names],
        dots_per_person=2,
        cap_per_option=2,
        criterion="most important",
    )
    voting.open_round(session, shortlist.id)
    option = {o.label: o.id for o in shortlist.options}
    for name, count in _PAPER_DOTS.items():
        voting.record_paper_tally(session, shortlist.id, option[name], count)
    for person, ballot in zip(people, _BALLOTS, strict=False):
        allocation = {option[n]: d for n, d in ballot.items()}
        voting.cast_ballot(session, shortlist.id, person, allocation, participant_id=person)
    voting.cast_ballot(
        session,
        shortlist.id,
        voting.anonymous_voter(),
        {option[n]: d for n, d in _ANONYMOUS_BALLOT.items()},
    )
    voting.close_round(session, shortlist.id)
    voting.reveal(session, shortlist.id)
    final = voting.create_round(
        session,
        workshop_id,
        "Final: what first?",
        [("cluster", clusters[n]) for n in ("Getting about", "Warm homes", "Fair pay")],
        dots_per_person=1,
        criterion="most urgent",
        objections=True,
    )
    voting.open_round(session, final.id)
    first = {o.label: o.id for o in final.options}
    voting.cast_ballot(
        session, final.id, people[0], {first["Warm homes"]: 1}, participant_id=people[0]
    )
    voting.cast_ballot(
        session,
        final.id,
        people[1],
        {first["Getting about"]: 1},
        {first["Fair pay"]: 1},
        participant_id=people[1],
    )

"""How a record's fields are named to people (a conflict to settle lists the fields two laptops
changed): in words of the chosen language, not the database's column names."""

from __future__ import annotations

from workshop_app.i18n import N_, _

_FIELDS = {
    "text": N_("words"),
    "title": N_("title"),
    "name": N_("name"),
    "label": N_("label"),
    "table_label": N_("table"),
    "theme_id": N_("theme"),
    "cluster_id": N_("group"),
    "duplicate_of": N_("stacked on"),
    "position": N_("place in its column"),
    "colour": N_("colour"),
    "place": N_("place"),
    "venue": N_("venue"),
    "programme": N_("programme"),
    "facilitators": N_("facilitators"),
    "starts_at": N_("date and time"),
    "prompts": N_("questions"),
    "follow_up_url": N_("follow-up address"),
    "contact_phone": N_("contact phone"),
    "code": N_("code"),
    "area": N_("area"),
    "email": N_("email"),
    "phone": N_("phone"),
    "issue": N_("the issue"),
    "change": N_("the change wanted"),
    "improves": N_("what it improves"),
    "institution": N_("who needs to act"),
    "community_led": N_("community-led"),
    "first_steps": N_("first steps"),
    "phasing": N_("phasing"),
    "progress": N_("progress"),
    "criterion": N_("criterion"),
    "dots_per_person": N_("dots each"),
    "cap_per_option": N_("most dots on one option"),
    "status": N_("status"),
    "publish": N_("published"),
    "quote": N_("quoted as"),
    "deleted_at": N_("deleted"),
    "archived_at": N_("archived"),
    "erased_at": N_("erased"),
}


def field_name(column: str) -> str:
    """A column as people read it; one without a name here in plain words from its key."""
    known = _FIELDS.get(column)
    return _(known) if known else column.removesuffix("_id").replace("_", " ")

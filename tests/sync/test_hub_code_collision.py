"""Two laptops of one workshop give the same participant code to two different people (codes
are drawn on each laptop, with no way to ask the other): the hub must still merge both
laptops' bundles, keep both people, and say so."""

from __future__ import annotations

from sync_support import export, hub_dump, install, share_key

from workshop_app.core.consent import ConsentChoices
from workshop_app.core.merge import merge_tables
from workshop_app.core.participants import ParticipantFields, add_participant
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.sync.bundle_write import workshop_rows


def _one_code_on_two_laptops(laptops, hub, tmp_path, code: str) -> tuple[bytes, bytes]:
    """Laptop a starts the workshop, b gets a copy; each registers a different person under
    the same code. Their two bundles."""
    a, b = laptops("a"), laptops("b")
    install(a, hub)
    install(b, hub)
    w = a.run(lambda s: create_workshop(s, WorkshopFields(title="Tywyn"), "building-blocks"))
    b.run(lambda s: merge_tables(s, a.read(lambda r: workshop_rows(r, w.id))))
    consent = ConsentChoices(take_part=True)
    for laptop, name in ((a, "Ann"), (b, "Bryn")):
        fields = ParticipantFields(name=name)
        laptop.run(lambda s, f=fields: add_participant(s, w.id, f, consent, code=code))
    return (
        export(a, w.id, tmp_path / "a.wsbundle"),
        export(b, w.id, tmp_path / "b.wsbundle"),
    )


def test_the_same_code_on_two_laptops_keeps_both_people(laptops, hub, tmp_path):
    bundle_a, bundle_b = _one_code_on_two_laptops(laptops, hub, tmp_path, "K7Q2")
    first = hub.bring_approved(bundle_a, "a.wsbundle")
    second = hub.bring_approved(bundle_b, "b.wsbundle")
    assert first.status == "merged"
    assert second.status == "merged", second.reason
    people = hub_dump(hub.hub)["participants"]
    assert len(people) == 2, "both people are kept"
    assert len({p["code"] for p in people}) == 2, "each keeps a code of their own at the hub"
    assert any("K7Q2" in w for w in second.warnings), second.warnings


def test_the_hub_is_the_same_whichever_laptop_comes_first(laptops, new_hub, tmp_path):
    first = new_hub()
    bundle_a, bundle_b = _one_code_on_two_laptops(laptops, first, tmp_path, "H4X9")
    second = new_hub()
    share_key(first, second)
    for data in (bundle_a, bundle_b, bundle_a):
        assert first.bring_approved(data).status in ("merged", "already")
    for data in (bundle_b, bundle_a):
        assert second.bring_approved(data).status == "merged"

    def codes(hub) -> dict[str, str]:
        return {p["id"]: p["code"] for p in hub_dump(hub.hub)["participants"]}

    assert codes(first) == codes(second)
    assert len(codes(first)) == 2
    assert all(code.startswith("H4X9-") for code in codes(first).values())

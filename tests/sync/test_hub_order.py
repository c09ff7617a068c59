"""Random edit histories on two or three laptops of one workshop, exported at random moments:
every order of importing the bundles gives the same hub (records and conflicts alike)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import hub_conflicts, hub_dump

from workshop_app.core.merge import merge_tables
from workshop_app.core.notes import add_note, delete_notes, edit_note, looks_blank
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import Database
from workshop_app.sync.bundle_write import export_bundle, workshop_rows
from workshop_app.sync.hub import Hub

step = st.tuples(
    st.integers(0, 2),  # which laptop
    st.sampled_from(["add", "edit", "delete", "export"]),
    st.integers(0, 5),  # which note (of those the laptop knows)
    st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=12).filter(
        lambda t: not looks_blank(t)  # a note the app would refuse as empty
    ),
)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    laptops=st.integers(2, 3),
    history=st.lists(step, min_size=1, max_size=10),
    order=st.randoms(use_true_random=False),
)
def test_every_import_order_gives_the_same_hub(laptops, history, order):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        dbs = [Database.open(base / f"laptop{i}") for i in range(laptops)]
        try:
            w = dbs[0].run(lambda s: create_workshop(s, WorkshopFields(title="Bala"), "blank"))
            start = dbs[0].read(lambda s: workshop_rows(s, w.id))
            for db in dbs[1:]:
                db.run(lambda s: merge_tables(s, start))
            bundles: list[bytes] = []
            for who, action, pick, text in history:
                db = dbs[who % laptops]
                live = [
                    r["id"]
                    for r in db.read(lambda s: workshop_rows(s, w.id))["notes"]
                    if r["deleted_at"] is None
                ]
                if action == "add" or (action in ("edit", "delete") and not live):
                    db.run(lambda s, t=text: add_note(s, w.id, t))
                elif action == "edit":
                    target = live[pick % len(live)]
                    db.run(lambda s, n=target, t=text: edit_note(s, n, text=t))
                elif action == "delete":
                    target = live[pick % len(live)]
                    db.run(lambda s, n=target: delete_notes(s, [n]))
                else:
                    out = base / f"b{len(bundles)}.wsbundle"
                    export_bundle(db, w.id, out, unencrypted=True)
                    bundles.append(out.read_bytes())
            for i, db in enumerate(dbs):  # everyone sends what they have at the end
                out = base / f"final{i}.wsbundle"
                export_bundle(db, w.id, out, unencrypted=True)
                bundles.append(out.read_bytes())

            results = []
            for n, arrangement in enumerate((list(bundles), order.sample(bundles, len(bundles)))):
                hub = Hub.open(f"sqlite:///{base / f'hub{n}' / 'hub.sqlite'}")
                try:
                    for i, data in enumerate(arrangement):
                        outcome = hub.import_bundle(data, f"{i}", None, approve_new=True)
                        assert outcome.status in ("merged", "already"), outcome.reason
                    results.append((hub_dump(hub), hub_conflicts(hub)))
                finally:
                    hub.close()
            assert results[0] == results[1]
            # Every laptop's last word is in the hub: nothing lost, nothing duplicated.
            ids = [r["id"] for r in results[0][0]["notes"]]
            assert len(ids) == len(set(ids))
            for db in dbs:
                for row in db.read(lambda s: workshop_rows(s, w.id))["notes"]:
                    assert row["id"] in ids
        finally:
            for db in dbs:
                db.close()

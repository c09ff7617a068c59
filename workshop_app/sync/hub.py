"""The programme hub's work: its key, the laptops it trusts, importing bundles (verify all,
then merge in one transaction), and what staff look at afterwards."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshop_app.core.import_files import MB, megabytes_figure
from workshop_app.core.records import now_iso
from workshop_app.i18n import N_, _
from workshop_app.store.hub_models import HubBundle, HubConflict, HubLaptop, HubRefusal, HubSetting
from workshop_app.store.models import Note, Participant, Workshop
from workshop_app.sync import keys
from workshop_app.sync.bundle_read import (
    DEFAULT_LIMITS,
    Limits,
    VerifiedBundle,
    peek_origin,
    read_bundle,
    refuse,
)
from workshop_app.sync.erasure import scrub_new_refusal
from workshop_app.sync.errors import BundleRefused, SyncError
from workshop_app.sync.hub_codes import separate_clashing_codes
from workshop_app.sync.hub_merge import (
    HELD,
    MERGED,
    KeySource,
    carries_erasure,
    clock_warnings,
    merge_bundle,
    title_warnings,
)
from workshop_app.sync.hub_refusals import list_refusals, refused_content
from workshop_app.sync.hub_store import HubStore
from workshop_app.sync.hub_types import HubWorkshop, ImportOutcome, LaptopInfo, Refusal
from workshop_app.sync.phrase import Phrase
from workshop_app.sync.programme import (
    NO_FILTERS,
    Filters,
    Priority,
    priorities,
    write_programme_csv,
)

PENDING, APPROVED, REVOKED = "pending", "approved", "revoked"
# A laptop's state in words (translate with _() where shown).
LAPTOP_STATES = {PENDING: N_("pending"), APPROVED: N_("approved"), REVOKED: N_("revoked")}


class Hub:
    def __init__(self, store: HubStore) -> None:
        self.store = store

    @classmethod
    def open(cls, url: str, must_exist: bool = False) -> Hub:
        return cls(HubStore.open(url, must_exist))

    def close(self) -> None:
        self.store.close()

    # --- the hub's key ----------------------------------------------------------------------

    def public_key(self) -> X25519PublicKey | None:
        raw = self.store.read(lambda s: s.get(HubSetting, "public_key"))
        if raw is None:
            return None
        return X25519PublicKey.from_public_bytes(keys.unb64(raw.value))

    def init_key(self, passphrase: str) -> tuple[X25519PublicKey, bool]:
        """Make the hub's key pair once; returns the public key and whether it is new."""
        existing = self.public_key()
        if existing is not None:
            return existing, False
        private = keys.new_hub_key()
        sealed = keys.seal_private(private, passphrase)
        public = private.public_key()

        def save(session: Session) -> None:
            session.add(HubSetting(key="public_key", value=keys.b64(keys.raw_public(public))))
            session.add(HubSetting(key="private_key", value=sealed))

        try:
            self.store.run(save)
        except IntegrityError:  # another hub init won the race: use its key
            return self.public_key() or public, False
        return public, True

    def key_source(self, passphrase: Callable[[], str]) -> KeySource:
        """The private key, unlocked on first need (a run of unencrypted bundles never asks)."""
        cache: list[tuple[X25519PrivateKey, str]] = []

        def source() -> tuple[X25519PrivateKey, str]:
            if not cache:
                sealed = self.store.read(lambda s: s.get(HubSetting, "private_key"))
                if sealed is None:
                    raise refuse(
                        N_("It is encrypted, and this hub has no key yet (run: hub init).")
                    )
                private = keys.open_private(sealed.value, passphrase())
                cache.append((private, keys.fingerprint(keys.raw_public(private.public_key()))))
            return cache[0]

        return source

    # --- import -----------------------------------------------------------------------------

    def import_file(
        self,
        path: Path,
        key_source: KeySource | None,
        *,
        approve_new: bool = False,
        limits: Limits = DEFAULT_LIMITS,
    ) -> ImportOutcome:
        """Import the bundle at `path`. Its size is looked at before a byte is read: a file
        larger than a bundle may be is refused unread, and only its name, size and the reason
        are kept. Raises OSError when the file cannot be opened or read."""
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
            if info.st_size > limits.bundle_bytes:
                return self._refuse_too_large(path.name, info.st_size, limits)
            chunks: list[bytes] = []
            seen = 0
            # Never more than the limit and one byte, whatever the size said (a growing file).
            while seen <= limits.bundle_bytes:
                chunk = os.read(fd, min(limits.bundle_bytes + 1 - seen, 8 * MB))
                if not chunk:
                    break
                chunks.append(chunk)
                seen += len(chunk)
        finally:
            os.close(fd)
        if seen > limits.bundle_bytes:
            return self._refuse_too_large(path.name, max(seen, info.st_size), limits)
        data = b"".join(chunks)
        del chunks
        return self.import_bundle(
            data, path.name, key_source, approve_new=approve_new, limits=limits
        )

    def import_bundle(
        self,
        data: bytes,
        file_name: str,
        key_source: KeySource | None,
        *,
        approve_new: bool = False,
        limits: Limits = DEFAULT_LIMITS,
    ) -> ImportOutcome:
        if len(data) > limits.bundle_bytes:
            return self._refuse_too_large(file_name, len(data), limits)
        sha = hashlib.sha256(data).hexdigest()
        held = self.store.read(
            lambda s: s.execute(
                select(HubBundle.bundle_id, HubBundle.status).where(HubBundle.content_sha256 == sha)
            ).first()
        )
        if held is not None and held.status == MERGED:
            return ImportOutcome(file_name, "already", bundle_id=held.bundle_id)
        try:
            bundle = read_bundle(data, key_source, limits)
            key = key_source or _no_key
            if held is not None:
                outcome = self._release(bundle, file_name, key)
            else:
                outcome = self._accept(bundle, data, file_name, approve_new, key)
        except BundleRefused as exc:
            origin = peek_origin(data, limits)
            self._set_aside(data, sha, file_name, exc.phrase, len(data), origin, key_source)
            return ImportOutcome(file_name, "refused", reason=exc.message)
        # A merge that touched erased data owes the SQLite log a scrub (noted in its own
        # transaction); a scrub a busy reader held up is done by the next merge.
        if outcome.status == MERGED and not self.store.scrub_if_owed() and carries_erasure(bundle):
            outcome.warnings.append(
                _(
                    "The erased person's data is gone from the hub, but another program is still "
                    "reading the hub's file: its old bytes are cleaned at the next import."
                )
            )
        return outcome

    def _accept(
        self,
        bundle: VerifiedBundle,
        data: bytes,
        file_name: str,
        approve_new: bool,
        key: KeySource,
    ) -> ImportOutcome:
        now = now_iso()
        outcome = ImportOutcome(
            file_name,
            HELD,
            bundle_id=bundle.bundle_id,
            workshop_id=bundle.workshop_id,
            fingerprint=bundle.fingerprint,
            warnings=clock_warnings(bundle),
        )
        with self.store.transaction() as session:
            # The bundle's row goes in first: its primary key and unique hash are what stop a
            # second import of the same bundle, even one running at this moment (it waits for
            # this transaction, then fails on the constraint and changes nothing).
            try:
                session.execute(
                    insert(HubBundle).values(
                        bundle_id=bundle.bundle_id,
                        content_sha256=bundle.content_sha256,
                        workshop_id=bundle.workshop_id,
                        device_id=str(bundle.manifest["device_id"]),
                        fingerprint=bundle.fingerprint,
                        created_at=str(bundle.manifest["created_at"]),
                        received_at=now,
                        status=HELD,
                        file_name=file_name,
                        summary="{}",
                        content=data,
                    )
                )
            except IntegrityError:
                session.rollback()
                return ImportOutcome(file_name, "already", bundle_id=bundle.bundle_id)
            status = _laptop_status(session, bundle, approve_new, now)
            if status == REVOKED:
                raise _revoked(bundle)
            if status == APPROVED:
                outcome.warnings += title_warnings(session, bundle)
                outcome.warnings += separate_clashing_codes(session, bundle)
                outcome.merge, erasure = merge_bundle(session, bundle, key)
                if erasure:
                    self.store.owe_scrub(session)
                outcome.status = MERGED
        return outcome

    def _release(self, bundle: VerifiedBundle, file_name: str, key: KeySource) -> ImportOutcome:
        """A held bundle seen again: merge it now if its laptop has since been approved."""
        outcome = ImportOutcome(
            file_name,
            HELD,
            bundle_id=bundle.bundle_id,
            workshop_id=bundle.workshop_id,
            fingerprint=bundle.fingerprint,
        )
        with self.store.transaction() as session:
            claimed = session.execute(
                update(HubBundle)
                .where(HubBundle.bundle_id == bundle.bundle_id, HubBundle.status == HELD)
                .values(status=HELD)
            ).rowcount
            if not claimed:
                outcome.status = "already"
                return outcome
            laptop = session.get(HubLaptop, bundle.fingerprint)
            status = laptop.status if laptop else PENDING
            if status == REVOKED:
                raise _revoked(bundle)
            if status == APPROVED:
                outcome.warnings += title_warnings(session, bundle)
                outcome.warnings += separate_clashing_codes(session, bundle)
                outcome.merge, erasure = merge_bundle(session, bundle, key)
                if erasure:
                    self.store.owe_scrub(session)
                outcome.status = MERGED
        return outcome

    def _refuse_too_large(self, file_name: str, size: int, limits: Limits) -> ImportOutcome:
        """A file larger than a bundle may be: refused, and only its name, size and the
        reason kept (its bytes would swell the hub, or not fit in one database value)."""
        reason = Phrase.of(
            N_("It is {size}, larger than a bundle may be ({limit}): its bytes were not kept."),
            size=_megabytes(size),
            limit=_megabytes(limits.bundle_bytes),
        )
        self._set_aside(None, None, file_name, reason, size, (None, None, None), None)
        return ImportOutcome(file_name, "refused", reason=reason.text())

    def _set_aside(
        self,
        data: bytes | None,
        sha: str | None,
        file_name: str,
        reason: Phrase,
        size: int,
        origin: tuple[str | None, str | None, str | None],
        key: KeySource | None,
    ) -> None:
        """Keep a refused file aside; its reason in English and language-neutral (each
        listing translates it for whoever reads it), and the workshop, laptop and time its
        manifest gives when it could be read."""
        workshop_id, device_id, created_at = origin
        with self.store.transaction() as session:
            if data is not None:
                data = scrub_new_refusal(session, data, key)
            session.add(
                HubRefusal(
                    id=str(uuid.uuid4()),
                    received_at=now_iso(),
                    file_name=file_name,
                    reason=reason.english(),
                    reason_phrase=reason.to_json(),
                    size=size,
                    content_sha256=sha,
                    content=data,
                    workshop_id=workshop_id,
                    device_id=device_id,
                    bundle_created_at=created_at,
                )
            )

    # --- laptops ----------------------------------------------------------------------------

    def laptops(self) -> list[LaptopInfo]:
        def query(session: Session) -> list[LaptopInfo]:
            counts: dict[tuple[str, str], int] = {
                (fp, status): n
                for fp, status, n in session.execute(
                    select(HubBundle.fingerprint, HubBundle.status, func.count()).group_by(
                        HubBundle.fingerprint, HubBundle.status
                    )
                )
            }
            return [
                LaptopInfo(
                    row.fingerprint,
                    row.device_id,
                    row.status,
                    row.first_seen_at,
                    row.decided_at,
                    counts.get((row.fingerprint, MERGED), 0),
                    counts.get((row.fingerprint, HELD), 0),
                )
                for row in session.scalars(select(HubLaptop).order_by(HubLaptop.first_seen_at))
            ]

        return self.store.read(query)

    def resolve_laptop(self, text: str, whole: bool = False) -> str:
        """The laptop whose fingerprint starts with `text`; with `whole` (to approve), only
        the whole fingerprint will do: a part is 32 bits or so, and a stranger's key could
        be made to start the same."""
        wanted = keys.normalise_fingerprint(text)
        if whole and not any(lap.fingerprint == wanted for lap in self.laptops()):
            raise SyncError(
                _(
                    "To approve a laptop, give its whole fingerprint, as install-key printed it "
                    "on that laptop (a part of it could match a stranger's key)."
                )
            )
        if len(wanted) < 8:
            raise SyncError(_("Give at least the first 8 characters of the laptop's fingerprint."))
        found = [lap.fingerprint for lap in self.laptops() if lap.fingerprint.startswith(wanted)]
        if len(found) != 1:
            problem = (
                _("More than one laptop's fingerprint starts {given}: give more.")
                if found
                else _("No laptop with the fingerprint {given} has sent a bundle.")
            )
            raise SyncError(problem.format(given=text.strip()))
        return found[0]

    def set_laptop(self, fingerprint: str, status: str) -> None:
        def change(session: Session) -> None:
            laptop = session.get(HubLaptop, fingerprint)
            if laptop is None:
                raise SyncError(_("That laptop has not sent a bundle to this hub."))
            laptop.status = status
            laptop.decided_at = now_iso()

        self.store.run(change)

    def merge_held(self, fingerprint: str, key_source: KeySource | None) -> list[ImportOutcome]:
        """Merge the bundles held for a laptop just approved, from the hub's own copies (an
        erasure that arrived meanwhile has already taken the person out of them)."""
        return [
            self.merge_kept_copy(data, name, key_source)
            for name, data in self.held_bundles(fingerprint)
        ]

    def merge_kept_copy(
        self, data: bytes, file_name: str, key_source: KeySource | None
    ) -> ImportOutcome:
        """One held bundle, from the copy the hub keeps: merged if its laptop is approved."""
        try:
            bundle = read_bundle(data, key_source, DEFAULT_LIMITS, kept_copy=True)
            outcome = self._release(bundle, file_name, key_source or _no_key)
        except BundleRefused as exc:  # already kept: nothing new to set aside
            return ImportOutcome(file_name, "refused", reason=exc.message)
        if outcome.status == MERGED:
            self.store.scrub_if_owed()
        return outcome

    def held_bundles(self, fingerprint: str) -> list[tuple[str, bytes]]:
        return [
            (row.file_name, row.content)
            for row in self.store.read(
                lambda s: s.execute(
                    select(HubBundle.file_name, HubBundle.content)
                    .where(HubBundle.fingerprint == fingerprint, HubBundle.status == HELD)
                    .order_by(HubBundle.received_at)
                ).all()
            )
        ]

    # --- what staff see ---------------------------------------------------------------------

    def workshops(self) -> list[HubWorkshop]:
        def query(session: Session) -> list[HubWorkshop]:
            def per_workshop(model: Any) -> dict[str, int]:
                return dict(
                    session.execute(
                        select(model.workshop_id, func.count())
                        .where(model.deleted_at.is_(None))
                        .group_by(model.workshop_id)
                    ).all()
                )

            people, notes = per_workshop(Participant), per_workshop(Note)
            imports = {
                wid: (laptops, last)
                for wid, laptops, last in session.execute(
                    select(
                        HubBundle.workshop_id,
                        func.count(HubBundle.fingerprint.distinct()),
                        func.max(HubBundle.merged_at),
                    )
                    .where(HubBundle.status == MERGED)
                    .group_by(HubBundle.workshop_id)
                )
            }
            rows = session.scalars(
                select(Workshop)
                .where(Workshop.deleted_at.is_(None))
                .order_by(Workshop.starts_at, Workshop.title, Workshop.id)
            )
            return [
                HubWorkshop(
                    w.id,
                    w.title,
                    w.place,
                    w.starts_at,
                    people.get(w.id, 0),
                    notes.get(w.id, 0),
                    imports.get(w.id, (0, None))[0],
                    imports.get(w.id, (0, None))[1],
                )
                for w in rows
            ]

        return self.store.read(query)

    def conflicts(self, *, include_settled: bool = False) -> list[HubConflict]:
        stmt = select(HubConflict).order_by(HubConflict.table_name, HubConflict.record_id)
        if not include_settled:
            stmt = stmt.where(HubConflict.settled_at.is_(None))
        return list(self.store.read(lambda s: s.scalars(stmt).all()))

    def priorities(self, filters: Filters = NO_FILTERS) -> list[Priority]:
        return self.store.read(lambda s: priorities(s, filters))

    def export_csv(self, folder: Path, filters: Filters = NO_FILTERS) -> None:
        write_programme_csv(folder, self.workshops(), self.priorities(filters), filters)

    def refusals(self, *, include_superseded: bool = True) -> list[Refusal]:
        """The files the hub refused, oldest first (see hub_refusals.list_refusals)."""
        return list_refusals(self.store, include_superseded)

    def refused_content(self, refusal_id: str) -> bytes | None:
        """A refused file's bytes as kept (None: too large to keep, or dropped by an erasure)."""
        return refused_content(self.store, refusal_id)


def _megabytes(size: int) -> Phrase:
    return Phrase.of(N_("{size} MB"), size=megabytes_figure(size))


def _revoked(bundle: VerifiedBundle) -> BundleRefused:
    shown = keys.show_fingerprint(bundle.fingerprint)
    return refuse(N_("It was signed by a laptop whose key was revoked ({fp})."), fp=shown)


def _laptop_status(session: Session, bundle: VerifiedBundle, approve_new: bool, now: str) -> str:
    laptop = session.get(HubLaptop, bundle.fingerprint)
    if laptop is not None:
        return laptop.status
    status = APPROVED if approve_new else PENDING
    try:
        with session.begin_nested():
            session.add(
                HubLaptop(
                    fingerprint=bundle.fingerprint,
                    public_key=bundle.signer_public_key,
                    device_id=str(bundle.manifest["device_id"]),
                    status=status,
                    first_seen_at=now,
                    decided_at=now if approve_new else None,
                )
            )
    except IntegrityError:  # a bundle from the same new laptop, imported at the same moment
        laptop = session.get(HubLaptop, bundle.fingerprint)
        return laptop.status if laptop else PENDING
    return status


def _no_key() -> tuple[X25519PrivateKey, str]:
    raise SyncError(_("The hub passphrase is needed for this import."))

"""What can go wrong carrying a workshop to the hub, each a one-line message."""

from __future__ import annotations

from workshop_app.errors import AppError
from workshop_app.sync.phrase import Phrase


class SyncError(AppError):
    """Keys, passphrases and hub set-up: something a person can put right."""


class BundleRefused(SyncError):
    """The hub will not take this bundle; the message names the problem. Nothing was merged.
    `phrase` is the same reason language-neutral, for the hub to keep."""

    def __init__(self, message: str, phrase: Phrase | None = None) -> None:
        super().__init__(message)
        self.phrase = phrase if phrase is not None else Phrase.words(message)

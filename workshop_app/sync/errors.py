"""What can go wrong carrying a workshop to the hub, each a one-line message."""

from __future__ import annotations

from workshop_app.errors import AppError


class SyncError(AppError):
    """Keys, passphrases and hub set-up: something a person can put right."""


class BundleRefused(SyncError):
    """The hub will not take this bundle; the message names the problem. Nothing was merged."""

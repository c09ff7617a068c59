"""The app's resources (themes, outcome sets, consent wording, style sheet, fonts, translations),
shipped inside the package so an installed wheel or a frozen build finds them as a checkout does."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resources_dir() -> Path:
    # A wheel installs as plain files and PyInstaller collects this folder as data, so the
    # package's files are a real folder on disk in every way the app is run.
    return Path(str(files(__name__)))

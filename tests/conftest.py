"""Every test's settings in a folder of its own: the language chosen in the app (which the
command line follows too) is never read from, or written to, the user's own."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))

"""Every screen under the pseudo-language: each phrase wrapped in ⟦…⟧ and a third longer. Any
visible text without the markers (that is not the workshop's own data) skipped translation;
any one-line label or button narrower than its text would be cut off in a longer language
(issue "Ship it to every facilitator", point 4). The walker is shown to catch both."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from all_windows import other_windows
from pseudo_walk import cut_off, untranslated
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from ui_helpers import sql

from workshop_app import i18n
from workshop_app.core.demo import create_demo_workshop
from workshop_app.ui.main_window import MainWindow

DATA_COLUMNS = {
    "workshops": ["title", "place", "venue", "programme", "facilitators", "prompts"],
    "themes": ["name"],
    "notes": ["text", "table_label"],
    "clusters": ["name"],
    "participants": ["code", "name", "area"],
    "voting_rounds": ["name", "criterion"],
    "round_options": ["label"],
}


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_language(i18n.PSEUDO)
    try:
        yield
    finally:
        i18n.set_language("en")


def _data(db) -> set[str]:
    """The workshop's own words: shown as typed, never translated."""
    words: set[str] = set()
    for table, columns in DATA_COLUMNS.items():
        for row in sql(db, f"SELECT {', '.join(columns)} FROM {table}"):
            for value in row.values():
                if not isinstance(value, str) or not value:
                    continue
                words.add(value)
                words.update(value.split())  # a name shown as its first name, an area alone
                if value.startswith("["):
                    words.update(str(v) for v in json.loads(value))
    return words


@pytest.fixture
def demo(qtbot, pseudo, db, window):
    info = db.run(create_demo_workshop)
    w: MainWindow = window()
    w.resize(1366, 768)
    w.open_workshop(info.id)
    return w, _data(db)


def test_the_walker_catches_an_untranslated_and_a_cut_off_text(qtbot, pseudo):
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    layout.addWidget(QLabel(host.tr("Translated")))
    layout.addWidget(QLabel("Not translated"))
    squeezed = QPushButton(host.tr("A long button label"))
    squeezed.setFixedWidth(40)
    layout.addWidget(squeezed)
    host.show()
    assert [t for t in untranslated(host, set()) if "Not translated" in t]
    assert not [t for t in untranslated(host, set()) if "⟦Translated" in t]
    assert untranslated(host, {"Not translated"}) == []
    assert [t for t in cut_off(host) if "A long button label" in t]


def _check(widget, data) -> None:
    problems = untranslated(widget, data) + cut_off(widget)
    assert problems == [], "\n".join(problems)


def test_home_and_board(qtbot, demo):
    w, data = demo
    _check(w, data)
    w.show_home()
    _check(w, data)


def test_people_reach_and_voting(qtbot, demo):
    w, data = demo
    for show, name in (
        (w.show_participants, "participants"),
        (w.show_reach, "reach"),
        (w.show_voting, "voting"),
    ):
        show()
        dialog = getattr(w, name)
        _check(dialog, data)
        dialog.reject()


def test_every_other_window(qtbot, demo):
    w, data = demo
    problems: list[str] = []
    for name, widget in other_windows(w):
        widget.show()
        problems += [f"{name}: {p}" for p in untranslated(widget, data) + cut_off(widget)]
        widget.close()
    assert problems == [], "\n".join(problems)

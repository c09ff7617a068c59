"""The one translation layer for every layer of the app (core, printing, sync, the command line
and the screens): `_()` for a phrase, `ngettext()` for a counted one, using each language's own
plural rules from its catalogue's Plural-Forms header.

Catalogues are gettext `.po` files in `resources/translations/` (the source a translator edits),
compiled in memory when a language is chosen, so no build step produces `.mo` files. English is
the source language and needs no catalogue. Qt-free, so core and printing can use it.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# "pseudo" wraps every translated phrase in markers and lengthens it by a third, so a test can
# see text that skipped translation and text that a longer language would cut off.
PSEUDO = "pseudo"
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo_text(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_text(msgid1 if n == 1 else msgid2)


def pseudo_text(message: str) -> str:
    """The pseudo-language form of a phrase: bracketed and a third longer."""
    return "⟦" + message + "·" * max(1, len(message) // 3) + "⟧"


def _(message: str) -> str:
    """`message` in the chosen language."""
    return _active.gettext(message)


def N_(message: str) -> str:
    """Marks a phrase kept in a table (a label, a column heading) for the catalogue; the code
    that shows it translates it then with `_()`."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase for `n` in the chosen language; `{n}` is filled in."""
    return _active.ngettext(singular, plural, n).replace("{n}", f"{n:,}")


def current_language() -> str:
    return _language


def per_language(load: Callable[[], T]) -> Callable[[], T]:
    """Cache what `load` reads (shipped resources whose words it translates) once per language,
    so choosing another language is seen the next time they are asked for."""
    cached: dict[str, T] = {}

    def wrapper() -> T:
        if _language not in cached:
            cached[_language] = load()
        return cached[_language]

    wrapper.cache_clear = cached.clear  # type: ignore[attr-defined]
    return wrapper


def catalogue_path(language: str) -> Path:
    from workshop_app.resources import resources_dir

    return resources_dir() / "translations" / f"{language}.po"


def language_choice_file(config_dir: Path | None = None) -> Path:
    """Where Settings > Language keeps its choice for the command line too (the app's own
    settings are Qt's, which the command line does not load)."""
    if config_dir is None:
        import platformdirs

        config_dir = Path(platformdirs.user_config_dir())
    return config_dir / "workshop-app" / "language"


def saved_language() -> str | None:
    """The language chosen in the app, or None to follow the system (or if unreadable)."""
    try:
        code = language_choice_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return code if code in LANGUAGES else None


def save_language(language: str | None) -> None:
    """Keep (or, with None, forget) the app's choice where the command line finds it. A
    folder that cannot be written costs only the command line's following it."""
    path = language_choice_file()
    try:
        if language:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(language + "\n", encoding="utf-8")
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def system_language() -> str:
    """The system's language if the app has a catalogue for it, else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
    return "en"


def set_language(language: str | None) -> str:
    """Switch every later `_()` to `language` (None follows the system). Returns the language in
    use: English when the catalogue is missing or cannot be read, so a bad file never stops the
    app."""
    global _active, _language
    code = language or system_language()
    if code == PSEUDO:
        _active, _language = _Pseudo(), PSEUDO
        return _language
    path = catalogue_path(code)
    if code == "en" or not path.is_file():
        _active, _language = gettext.NullTranslations(), "en"
        return _language
    try:
        _active = _load_po(path)
        _language = code
    except (OSError, ValueError):
        _active, _language = gettext.NullTranslations(), "en"
    return _language


def _load_po(path: Path) -> gettext.GNUTranslations:
    import polib  # only needed when a language other than English is chosen

    catalogue = polib.pofile(str(path))
    translations = gettext.GNUTranslations(io.BytesIO(catalogue.to_binary()))
    return translations

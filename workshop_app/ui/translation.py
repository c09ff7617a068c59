"""Qt's side of the one translation layer: every `tr()` in a widget is answered from the same
gettext catalogue that `workshop_app.i18n._()` uses in core, printing and the command line.

Widgets keep Qt's numerus convention ("%n note(s)"): the catalogue holds such a phrase as a
plural entry, so Welsh gets its six forms; in English "(s)" becomes "" or "s".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from workshop_app import i18n

LANGUAGE_KEY = "language"  # QSettings key: "en", "cy", or absent to follow the system


class CatalogueTranslator(QTranslator):
    """Answers Qt's translate() from the active gettext catalogue."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n >= 0:
            text = i18n.ngettext(source, source, n)
            if "(s)" in text:  # English, or a phrase the catalogue does not hold yet
                text = text.replace("(s)", "" if n == 1 else "s")
            return text
        translated = i18n._(source)
        # None (a null QString) lets Qt keep the source text; "" would blank it.
        return translated if translated != source else None

    def isEmpty(self) -> bool:
        return False


def chosen_language(settings: QSettings | None = None) -> str | None:
    """The language picked in Settings > Language, or None to follow the system."""
    value = (settings or QSettings()).value(LANGUAGE_KEY)
    return str(value) if value else None


def choose_language(language: str | None, settings: QSettings | None = None) -> None:
    """Remember the language for the next start (None: follow the system)."""
    settings = settings or QSettings()
    if language:
        settings.setValue(LANGUAGE_KEY, language)
    else:
        settings.remove(LANGUAGE_KEY)
    settings.sync()
    i18n.save_language(language)  # the command line follows the same choice


def install_translations(app: QCoreApplication, language: str | None = None) -> str:
    """Picks the language (the argument, else the saved choice, else the system's), sets it
    for every layer and installs the Qt side. Returns the language in use."""
    if app.property("workshop_translations_installed"):
        return i18n.current_language()
    app.setProperty("workshop_translations_installed", True)
    in_use = i18n.set_language(language or chosen_language())
    app.installTranslator(CatalogueTranslator(app))
    # Qt's own dialogs (file chooser, print dialog) in the same language where Qt has it.
    qt_own = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if in_use not in ("en", i18n.PSEUDO) and qt_own.load(QLocale(in_use), "qtbase", "_", folder):
        app.installTranslator(qt_own)
    return in_use

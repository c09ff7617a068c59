"""Translations. Sources use Qt's numerus convention ("%n note(s)"); English plurals come from
a small built-in translator, so no compiled English catalogue is needed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from workshop_app.resources import resources_dir


class EnglishPlurals(QTranslator):
    """Turns '(s)' into the English singular or plural for the count given to tr()."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null QString) means "not translated here"; "" would blank the text.
        if n < 0 or "(s)" not in source:
            return None
        return source.replace("(s)", "" if n == 1 else "s")

    def isEmpty(self) -> bool:
        return False


def install_translations(app: QCoreApplication) -> None:
    """English plurals first; Qt's and our catalogues for the system language win over them."""
    if app.property("workshop_translations_installed"):
        return
    app.setProperty("workshop_translations_installed", True)
    plurals = EnglishPlurals(app)
    app.installTranslator(plurals)
    locale = QLocale.system()
    for name, folder in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("workshop_app", str(resources_dir() / "translations")),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)

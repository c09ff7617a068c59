"""Help > About: the version, where this laptop keeps its data, the language and whether its
translation has been checked, and the licences of everything the app carries with it."""

from __future__ import annotations

from html import escape
from importlib import metadata
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from workshop_app import __version__, i18n
from workshop_app.resources import resources_dir
from workshop_app.ui.descriptions import describe_buttons
from workshop_app.ui.screen_fit import fit_to_screen

# What the installed app bundles, its licence, and where its source is (LGPL asks for that).
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("Qt", "LGPL-3.0", "https://download.qt.io/official_releases/qt/"),
    ("PySide6", "LGPL-3.0", "https://code.qt.io/cgit/pyside/pyside-setup.git/"),
    ("Python", "PSF-2.0", "https://www.python.org/downloads/source/"),
    ("SQLAlchemy", "MIT", "https://github.com/sqlalchemy/sqlalchemy"),
    ("Alembic", "MIT", "https://github.com/sqlalchemy/alembic"),
    ("reportlab", "BSD-3-Clause", "https://hg.reportlab.com/hg-public/reportlab"),
    ("qrcode", "BSD-3-Clause", "https://github.com/lincolnloop/python-qrcode"),
    ("cryptography", "Apache-2.0 or BSD-3-Clause", "https://github.com/pyca/cryptography"),
    ("platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    ("polib", "MIT", "https://github.com/izimobil/polib"),
    ("DejaVu fonts", "Bitstream Vera / DejaVu (free)", "https://dejavu-fonts.github.io/"),
)
# Distribution names, where they differ, for the version shown beside each component.
DISTRIBUTIONS = {"Qt": "PySide6-Essentials", "PySide6": "PySide6-Essentials", "Python": ""}
# A translation stays marked until a Welsh speaker signs it off (then set it to True).
REVIEWED = {"en": True, "cy": False}


def component_version(name: str) -> str:
    if name == "Python":
        import platform

        return platform.python_version()
    try:
        return metadata.version(DISTRIBUTIONS.get(name, name))
    except metadata.PackageNotFoundError:
        return ""


class AboutDialog(QDialog):
    """The About box; `text()` is what it shows, for tests."""

    def __init__(self, data_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Workshop App"))
        self.setAccessibleName(self.tr("About Workshop App"))
        self.browser = QTextBrowser()
        self.browser.setAccessibleDescription(
            self.tr("The app's version, where its data is kept, and the licences of its parts")
        )
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Version, data folder and licences"))
        self.browser.setHtml(self._html(data_dir))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        describe_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, 560)

    def text(self) -> str:
        return self.browser.toPlainText()

    def _html(self, data_dir: Path | None) -> str:
        language = i18n.current_language()
        name = i18n.LANGUAGES.get(language, language)
        review = (
            self.tr("This translation is awaiting review by a Welsh speaker.")
            if not REVIEWED.get(language, True)
            else ""
        )
        folder = str(data_dir) if data_dir else self.tr("not open yet")
        rows = "".join(
            f"<tr><td>{escape(c)}</td><td>{escape(component_version(c))}</td>"
            f"<td>{escape(lic)}</td><td>{escape(url)}</td></tr>"
            for c, lic, url in COMPONENTS
        )
        fonts = resources_dir() / "fonts" / "LICENSE-DejaVu.txt"
        return (
            f"<h2>Workshop App {escape(__version__)}</h2>"
            f"<p>{escape(self.tr('Offline community engagement workshops.'))}</p>"
            f"<p><b>{escape(self.tr('Data folder:'))}</b> {escape(folder)}<br>"
            f"{escape(self.tr('Everything typed is kept there, on this laptop only.'))}</p>"
            f"<p><b>{escape(self.tr('Language:'))}</b> {escape(name)} {escape(review)}</p>"
            f"<h3>{escape(self.tr('What the app carries with it'))}</h3>"
            f"<table cellpadding='3'>{rows}</table>"
            f"<p>{escape(self.lgpl_note())}</p>"
            f"<p>{escape(self.tr('The fonts licence is in')) + ' ' + escape(str(fonts))}</p>"
        )

    def lgpl_note(self) -> str:
        return self.tr(
            "Qt and PySide6 are used under the GNU Lesser General Public License version 3: "
            "you may replace them with your own build, and their source code is available "
            "from the addresses above (or ask the programme team for a copy on a USB stick)."
        )

"""The programme hub's window (File > Open hub…): import bundles, approve laptops, settle
conflicts and look across the programme. A top-level window of its own beside the workshop
window; the hub behind it is any SQLAlchemy URL the command line's `--hub` takes."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMainWindow, QTabWidget, QWidget

from workshop_app.sync.hub import Hub, ImportOutcome
from workshop_app.ui.hub_conflicts_page import ConflictsPage
from workshop_app.ui.hub_import_page import ImportPage
from workshop_app.ui.hub_key_actions import make_hub_key, save_public_key
from workshop_app.ui.hub_laptops_page import LaptopsPage
from workshop_app.ui.hub_programme_page import ProgrammePage
from workshop_app.ui.screen_fit import fit_to_screen

PASSPHRASE_ENV = "WORKSHOP_HUB_PASSPHRASE"


class HubWindow(QMainWindow):
    """Opens the hub at `url` (raises AppError with one line when it cannot)."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.url = url
        self.hub = Hub.open(url)
        self._passphrase: str | None = None
        self.setWindowTitle(self.tr("Programme hub — %1").replace("%1", _shown(url)))
        self.setObjectName("hubWindow")
        self.setAcceptDrops(True)

        self.import_page = ImportPage(url, self.passphrase)
        self.laptops_page = LaptopsPage(self.hub, self.import_page.add_items)
        self.conflicts_page = ConflictsPage(self.hub)
        self.programme_page = ProgrammePage(self.hub)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.import_page, self.tr("&Import"))
        self.tabs.addTab(self.laptops_page, self.tr("&Laptops"))
        self.tabs.addTab(self.conflicts_page, self.tr("&Conflicts"))
        self.tabs.addTab(self.programme_page, self.tr("&Programme"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.setCentralWidget(self.tabs)

        self.import_page.imported_batch.connect(self._imported)
        self.import_page.passphrase_wrong.connect(self._forget_passphrase)
        self.laptops_page.changed.connect(self._update_tab_titles)
        self.conflicts_page.changed.connect(self._refresh_all)

        menu = self.menuBar().addMenu(self.tr("&Hub"))
        add = menu.addAction(self.tr("&Add bundles…"))
        add.setShortcut(QKeySequence.StandardKey.Open)
        add.triggered.connect(self.import_page.choose_files)
        export = menu.addAction(self.tr("&Export CSV…"))
        export.setShortcut(QKeySequence("Ctrl+Shift+E"))
        export.triggered.connect(self.programme_page.export_csv)
        menu.addSeparator()
        self.make_key_action = menu.addAction(self.tr("&Make the hub's key…"))
        self.make_key_action.triggered.connect(self.make_key)
        self.save_key_action = menu.addAction(self.tr("&Save the hub's public key…"))
        self.save_key_action.triggered.connect(
            lambda: save_public_key(self, self.hub, self.message)
        )
        menu.addSeparator()
        close = menu.addAction(self.tr("&Close the hub"))
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.statusBar().addWidget(self.message, 1)
        fit_to_screen(self, 1100, 720)
        self._update_tab_titles()
        self._show_key_state()

    # --- the hub's key ----------------------------------------------------------------------

    def make_key(self) -> None:
        if make_hub_key(self, self.hub, self.message):
            self._show_key_state()

    def _show_key_state(self) -> None:
        has_key = self.hub.public_key() is not None
        self.make_key_action.setEnabled(not has_key)
        self.save_key_action.setEnabled(has_key)
        if not has_key:
            self.import_page.stack.set_hint(
                self.tr("This hub has no key yet."),
                self.tr(
                    "Choose Hub > Make the hub's key…, then install its public key on each "
                    "laptop: their bundles are then encrypted to this hub."
                ),
            )
        else:
            self.import_page.stack.set_hint(
                self.import_page.empty_hint, self.import_page.empty_detail
            )

    # --- the hub's passphrase ---------------------------------------------------------------

    def passphrase(self) -> str | None:
        """Asked once per window (or taken from WORKSHOP_HUB_PASSPHRASE); None when the hub
        has no key yet or the person cancelled (encrypted bundles then say they need it)."""
        if os.environ.get(PASSPHRASE_ENV):
            return os.environ[PASSPHRASE_ENV]
        if self._passphrase is not None:
            return self._passphrase
        if self.hub.public_key() is None:
            return None
        text, ok = QInputDialog.getText(
            self,
            self.tr("Hub passphrase"),
            self.tr("The hub's passphrase, to open encrypted bundles:"),
            QLineEdit.EchoMode.Password,
        )
        if ok and text:
            self._passphrase = text
        return self._passphrase

    def _forget_passphrase(self) -> None:
        self._passphrase = None

    # --- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if _local_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_files(event)
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.import_page)
            self.import_page.add_paths(paths)

    # --- keeping the pages current ----------------------------------------------------------

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        if outcomes:
            self._refresh_all()

    def _refresh_all(self) -> None:
        self.laptops_page.refresh()
        self.conflicts_page.refresh()
        self.programme_page.refresh()
        self._update_tab_titles()

    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if hasattr(page, "refresh") and not self.import_page.is_running():
            page.refresh()

    def _update_tab_titles(self) -> None:
        waiting = sum(1 for lap in self.hub.laptops() if lap.status == "pending")
        laptops = self.tr("&Laptops")
        if waiting:
            laptops = self.tr("&Laptops (%n waiting)", "", waiting)
        self.tabs.setTabText(self.tabs.indexOf(self.laptops_page), laptops)
        count = len(self.hub.conflicts())
        conflicts = self.tr("&Conflicts")
        if count:
            conflicts = self.tr("&Conflicts (%n)", "", count)
        self.tabs.setTabText(self.tabs.indexOf(self.conflicts_page), conflicts)

    def closeEvent(self, event: QCloseEvent) -> None:
        worker = self.import_page.worker
        if worker is not None:
            self.import_page.stop()
            worker.wait()
        self.hub.close()
        super().closeEvent(event)


def _local_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


def _shown(url: str) -> str:
    """A SQLite hub by its file name; any other by its URL without a password."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).name
    head, _, tail = url.rpartition("@")
    if not head:
        return url
    scheme, _, user = head.partition("://")
    return f"{scheme}://{user.split(':', 1)[0]}@{tail}"

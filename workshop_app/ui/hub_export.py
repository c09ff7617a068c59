"""File > Export for the hub…: the open workshop's bundle for the programme hub, written off the
main thread, and the hub key a laptop needs first (or an export without encryption, warned).

The home screen's list says when each workshop was last exported and whether it changed since.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from workshop_app.errors import AppError, os_reason
from workshop_app.ui.printing_actions import default_folder, safe_file_name

if TYPE_CHECKING:
    from workshop_app.core.export_status import ExportStatus
    from workshop_app.sync.bundle_write import ExportResult
    from workshop_app.ui.background import BackgroundJob
    from workshop_app.ui.workshop_session import WorkshopSession

SUFFIX = ".wsbundle"


def export_statuses(session: Any, workshop_ids: list[str]) -> dict[str, ExportStatus]:
    """A query (core.export_status for each workshop): when each went to the hub last."""
    from workshop_app.core.export_status import export_status

    return {wid: export_status(session, wid) for wid in workshop_ids}


class HubExport(QObject):
    """Export for the hub, for the workshop open in `window` (a MainWindow: `session`, `db`,
    `board`, `home`). Errors are one line in a message box; what was written goes to the
    status bar."""

    exported = Signal(object)  # the ExportResult
    failed = Signal(str)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("hubExport")
        self.main = window
        self.job: BackgroundJob | None = None
        self.box: QMessageBox | None = None

    # --- state ------------------------------------------------------------------------------
    @property
    def session(self) -> WorkshopSession:
        return self.main.session  # type: ignore[attr-defined,no-any-return]

    def workshop_open(self) -> bool:
        w: Any = self.main
        return w.session is not None and getattr(w, "board", None) is not None

    def _data_dir(self) -> Path:
        return self.main.db.data_dir  # type: ignore[attr-defined,no-any-return]

    # --- the action -------------------------------------------------------------------------
    def start(self) -> None:
        """Export the open workshop: straight to the save dialog with a hub key installed,
        else the explanation of how to get one."""
        from workshop_app.sync import keys

        if not self.workshop_open():
            return
        if self.job is not None:
            self._error(self.tr("The workshop is still being exported: wait for it to finish."))
            return
        try:
            hub_key = keys.installed_hub_key(self._data_dir())
        except AppError as exc:
            self._error(exc.message)
            return
        if hub_key is None:
            self.ask_for_key()
            return
        path = self.choose_path(unencrypted=False)
        if path is not None:
            self.export_to(path)

    def choose_path(self, unencrypted: bool) -> Path | None:
        from workshop_app.core.operations import workshops as ops

        try:
            info = self.session.read(ops.get_workshop(self.session.workshop_id))
        except AppError as exc:
            self._error(exc.message)
            return None
        caption = (
            self.tr("Export for the hub WITHOUT encryption")
            if unencrypted
            else self.tr("Export for the hub")
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self.main,
            caption,
            str(default_folder() / f"{safe_file_name(info.title)}{SUFFIX}"),
            self.tr("Workshop bundles (*.wsbundle)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)

    def export_to(self, path: Path, unencrypted: bool = False) -> BackgroundJob | None:
        """Write the bundle on a worker thread; whole or not at all."""
        from workshop_app.ui.background import BackgroundJob

        if self.job is not None:
            return None
        db: Any = self.main.db  # type: ignore[attr-defined]
        workshop_id = self.session.workshop_id

        def work(_progress: Any, _cancelled: Any) -> ExportResult:
            from workshop_app.sync.bundle_write import export_bundle

            try:
                return export_bundle(db, workshop_id, path, unencrypted=unencrypted)
            except OSError as exc:  # the laptop's own key could not be saved: a full disk
                raise AppError(
                    self.tr("The bundle was not written: %1").replace("%1", os_reason(exc))
                ) from None

        job = BackgroundJob(
            self.main,
            self.tr("Export for the hub"),
            self.tr("Writing %1…").replace("%1", path.name),
            work,
            cancellable=False,
        )
        self.job = job
        job.done.connect(self._done)
        job.failed.connect(self._failed)
        job.start()
        return job

    def wait(self) -> None:
        if self.job is not None:
            self.job.wait()

    def _done(self, result: ExportResult) -> None:
        self.job = None
        if result.encrypted:
            text = self.tr(
                "Exported “%1” for the hub to %2: %n record(s), signed and encrypted.",
                "",
                result.total,
            )
        else:
            text = self.tr(
                "Exported “%1” to %2: %n record(s), signed but NOT encrypted: keep the file safe.",
                "",
                result.total,
            )
        self.notify(text.replace("%1", result.title).replace("%2", str(result.path)))
        home = getattr(self.main, "home", None)
        if home is not None and self.main.session is not None:  # type: ignore[attr-defined]
            self.main.refresh_home()  # type: ignore[attr-defined]
        self.exported.emit(result)

    def _failed(self, message: str) -> None:
        self.job = None
        self._error(message)
        self.failed.emit(message)

    # --- no hub key yet ---------------------------------------------------------------------
    def ask_for_key(self) -> QMessageBox:
        """Say how to get the hub key, and offer to install it or export without encryption."""
        box = QMessageBox(self.main)
        box.setObjectName("noHubKey")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Export for the hub"))
        box.setText(
            self.tr("This laptop has no hub key yet, so the file cannot be locked for the hub.")
        )
        box.setInformativeText(
            self.tr(
                "The hub key is a small file ending in .pub. Ask the programme hub staff for "
                "it; they can send it by email or give it to you on a USB stick. Save it on "
                "this laptop, then choose “Install hub key…” and pick the file. You do this "
                "once per laptop.\n\n"
                "You can also export without encryption, but then the file carries "
                "participants' personal data unprotected: anyone who finds the USB stick or "
                "the email can read their names, contact details and notes."
            )
        )
        # Made by the box itself, so Qt owns them.
        install = box.addButton(self.tr("&Install hub key…"), QMessageBox.ButtonRole.AcceptRole)
        install.setObjectName("installHubKey")
        plain = box.addButton(
            self.tr("Export &without encryption…"), QMessageBox.ButtonRole.DestructiveRole
        )
        plain.setObjectName("exportUnencrypted")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(install)
        install.clicked.connect(self.install_key)
        plain.clicked.connect(self._export_unencrypted)
        self._show(box)
        return box

    def _export_unencrypted(self) -> None:
        path = self.choose_path(unencrypted=True)
        if path is not None:
            self.export_to(path, unencrypted=True)

    def install_key(self, path: Path | None = None) -> QMessageBox | None:
        """Install the hub's public key from a file, then show this laptop's fingerprint."""
        from workshop_app.sync import keys

        if not isinstance(path, Path):
            chosen, _ = QFileDialog.getOpenFileName(
                self.main,
                self.tr("Install hub key"),
                str(default_folder()),
                self.tr("Hub keys (*.pub);;All files (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            hub_key = keys.install_hub_key(self._data_dir(), path)
            laptop = keys.show_fingerprint(keys.laptop_fingerprint(self._data_dir()))
        except AppError as exc:
            self._error(exc.message)
            return None
        except OSError as exc:
            self._error(
                self.tr("The hub key could not be saved on this laptop: %1").replace(
                    "%1", os_reason(exc)
                )
            )
            return None
        hub = keys.show_fingerprint(keys.fingerprint(keys.raw_public(hub_key)))
        return self._installed(hub, laptop)

    def _installed(self, hub: str, laptop: str) -> QMessageBox:
        box = QMessageBox(self.main)
        box.setObjectName("hubKeyInstalled")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Hub key installed"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            self.tr(
                "The hub key is installed: bundles from this laptop are now encrypted for the "
                "hub.<br><br>Read this laptop's fingerprint out to the hub staff, so they can "
                "check and approve this laptop:<br><br><b><tt>%1</tt></b><br><br>"
                "<small>The hub key's own fingerprint:<br><tt>%2</tt></small>"
            )
            .replace("%1", _lines(laptop))
            .replace("%2", _lines(hub))
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        export = None
        if self.workshop_open():
            export = box.addButton(self.tr("&Export now…"), QMessageBox.ButtonRole.AcceptRole)
            export.clicked.connect(self.start)
        box.addButton(QMessageBox.StandardButton.Close)
        if export is not None:
            box.setDefaultButton(export)
        self._show(box)
        done = self.tr("Hub key installed. This laptop's fingerprint: %1")
        self.notify(done.replace("%1", laptop))
        return box

    # --- helpers ----------------------------------------------------------------------------
    def _show(self, box: QMessageBox) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = box
        box.open()  # window-modal; the rest of the app keeps running

    def notify(self, text: str) -> None:
        self.main.statusBar().showMessage(text, 20000)

    def _error(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Export for the hub"),
            message,
            QMessageBox.StandardButton.Ok,
            self.main,
        )
        box.setObjectName("hubExportError")
        self._show(box)


def _lines(fingerprint: str) -> str:
    """Four groups a line: easy to read out, and never wrapped in the middle of a group."""
    groups = fingerprint.split()
    return "<br>".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))


def install_export_action(window: QMainWindow, file_menu: QMenu) -> None:
    """Add File > Export for the hub… (enabled while a workshop is open), and the last export
    on the home screen's list. `window` is the MainWindow; its data folder may open later."""
    controller = HubExport(window)
    action = file_menu.addAction(controller.tr("Export for the &hub…"))
    action.setObjectName("exportForHub")
    action.triggered.connect(controller.start)
    file_menu.aboutToShow.connect(lambda: action.setEnabled(controller.workshop_open()))
    action.setEnabled(False)
    w: Any = window

    def show_on_home() -> None:
        from workshop_app.core.operations import Query

        if w.home is None or w.session is None:
            return
        session = w.session
        w.home.set_status_source(lambda ids: session.read(Query(export_statuses, (ids,))))
        w.refresh_home()

    if getattr(w, "home", None) is not None:
        show_on_home()
    w.ready.connect(show_on_home)

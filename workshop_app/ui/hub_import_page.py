"""The hub window's Import page: bundles dropped or chosen, imported off the main thread one
after another, with a progress bar and one line per file saying what became of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from workshop_app.sync import keys
from workshop_app.sync.hub import ImportOutcome
from workshop_app.ui.hub_widgets import EmptyStack
from workshop_app.ui.hub_worker import NOT_IMPORTED, ImportItem, ImportWorker, items_from_paths

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
WAITING = "waiting"
BUNDLE_SUFFIX = ".wsbundle"
# Text colours on the list's white background, each at least 4.5:1 (WCAG AA).
_COLOURS = {
    "merged": "#1B5E20",
    "already": "#37474F",
    "held": "#8A4B00",
    "refused": "#B71C1C",
    NOT_IMPORTED: "#B71C1C",
    WAITING: "#455A64",
}


class ImportPage(QWidget):
    """`passphrase()` is asked before each run (None: encrypted bundles wait for it);
    `imported_batch` says a run finished, so the other pages can refresh."""

    imported_batch = Signal(list)  # list[ImportOutcome]
    passphrase_wrong = Signal()

    def __init__(self, url: str, passphrase: Callable[[], str | None]) -> None:
        super().__init__()
        self.url = url
        self._passphrase = passphrase
        self._queue: list[tuple[QListWidgetItem, ImportItem]] = []
        self._running: list[QListWidgetItem] = []
        self.worker: ImportWorker | None = None
        self._done = 0
        self._total = 0

        intro = QLabel(
            self.tr(
                "Drop .wsbundle files anywhere on this window, or press “Add bundles…”. Each "
                "is checked in full before anything is merged: a bad file changes nothing."
            )
        )
        intro.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add bundles…"))
        self.add_button.setObjectName("hubAddBundles")
        self.add_button.setToolTip(self.tr("Choose bundle files to import (or drop them here)"))
        self.add_button.clicked.connect(self.choose_files)
        self.stop_button = QPushButton(self.tr("&Stop after this file"))
        self.stop_button.setEnabled(False)
        self.stop_button.setToolTip(self.tr("Finish the file being imported, then stop"))
        self.stop_button.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m files"))
        self.progress.setVisible(False)
        self.status = QLabel(self.tr("Nothing imported yet."))
        self.status.setObjectName("hubImportStatus")

        self.results = QListWidget()
        self.results.setObjectName("hubImportResults")
        self.results.setAccessibleName(self.tr("What became of each file"))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.empty_hint = self.tr("Drop bundles here or press “Add bundles…”")
        self.empty_detail = self.tr(
            "A bundle is the .wsbundle file a workshop laptop writes with "
            "File > Export for the hub…"
        )
        self.stack = EmptyStack(self.results, self.empty_hint, self.empty_detail)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)

    # --- adding files ------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add bundles"),
            str(Path.home()),
            self.tr("Workshop bundles (*.wsbundle);;All files (*)"),
        )
        self.add_paths([Path(n) for n in names])

    def add_paths(self, paths: list[Path]) -> None:
        self.add_items(items_from_paths([p for p in paths if p.is_file()]))

    def add_items(self, items: list[ImportItem]) -> None:
        """Queue files: each gets its line at once ("waiting"), then its result."""
        if not items:
            return
        if self.worker is None:
            self._done = self._total = 0
        for item in items:
            # A held bundle merging after its laptop's approval takes over the line that said
            # it was held: one file, one line, counted once.
            line = self._held_line(item.name) if item.kept else None
            if line is None:
                line = QListWidgetItem()
                self.results.addItem(line)
            line.setText(self._line(item.name, WAITING, self.tr("waiting…")))
            self._paint(line, WAITING)
            self._queue.append((line, item))
        self._total += len(items)
        self.stack.show_content(True)
        self.progress.setVisible(True)
        self._show_progress()
        if self.worker is None:
            self._start()

    # --- running ----------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.worker is not None

    def _start(self) -> None:
        batch, self._queue = self._queue, []
        self._running = [line for line, _ in batch]
        worker = ImportWorker(self.url, [item for _, item in batch], self._passphrase())
        worker.started_file.connect(self._started_file)
        worker.imported.connect(self._imported)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self.worker = worker
        self.stop_button.setEnabled(True)
        worker.start()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            for line, _ in self._queue:
                line.setText(self._line(_name_of(line), WAITING, self.tr("not imported (stopped)")))
            self._total -= len(self._queue)
            self._queue = []
            self.stop_button.setEnabled(False)

    def _started_file(self, index: int, name: str) -> None:
        self.status.setText(self.tr("Importing %1…").replace("%1", name))
        self.results.scrollToItem(self._running[index])

    def _imported(self, index: int, outcome: ImportOutcome, workshop: str) -> None:
        line = self._running[index]
        text = self.outcome_text(outcome, workshop)
        line.setText(self._line(outcome.file_name, outcome.status, text))
        line.setToolTip(line.text())
        self._paint(line, outcome.status)
        self._done += 1
        self._show_progress()
        if outcome.status == NOT_IMPORTED and "passphrase" in outcome.reason.casefold():
            self.passphrase_wrong.emit()

    def _failed(self, message: str) -> None:
        for line in self._running:
            if line.data(STATUS_ROLE) == WAITING:
                line.setText(self._line(_name_of(line), NOT_IMPORTED, message))
                self._paint(line, NOT_IMPORTED)

    def _finished(self) -> None:
        worker, self.worker = self.worker, None
        self.stop_button.setEnabled(False)
        outcomes = worker.outcomes if worker is not None else []
        if worker is not None:
            worker.deleteLater()
        if self._queue:
            self._start()
        else:
            self.status.setText(self._summary())
        self.imported_batch.emit(outcomes)

    # --- what each line says ----------------------------------------------------------------

    def outcome_text(self, o: ImportOutcome, workshop: str = "") -> str:
        if o.status == "merged":
            m = o.merge
            if workshop:
                text = self.tr("merged into %4: %1 new, %2 updated, %3 unchanged")
                text = text.replace("%4", workshop)
            else:
                text = self.tr("merged: %1 new, %2 updated, %3 unchanged")
            text = text.replace("%1", str(m.inserted)).replace("%2", str(m.updated))
            text = text.replace("%3", str(m.unchanged))
            if m.kept_local:
                text += self.tr(", %n older than the hub's", "", m.kept_local)
            if m.conflicts:
                text += self.tr("; %n conflict(s) to settle", "", len(m.conflicts))
        elif o.status == "already":
            text = self.tr("already imported: nothing changed")
        elif o.status == "held":
            text = self.tr("held for approval: laptop %1 is not approved yet (see Laptops)")
            text = text.replace("%1", keys.show_fingerprint(o.fingerprint)[:19])
        elif o.status == "refused":
            text = self.tr("refused: %1").replace("%1", o.reason)
        else:
            text = self.tr("not imported: %1").replace("%1", o.reason)
        for warning in o.warnings:
            text += " " + warning
        return text

    def _line(self, name: str, status: str, text: str) -> str:
        return f"{name} — {text}"

    def _paint(self, line: QListWidgetItem, status: str) -> None:
        line.setData(STATUS_ROLE, status)
        line.setForeground(QColor(_COLOURS.get(status, "#000000")))
        icons = {
            "merged": QStyle.StandardPixmap.SP_DialogApplyButton,
            "already": QStyle.StandardPixmap.SP_MessageBoxInformation,
            "held": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "refused": QStyle.StandardPixmap.SP_MessageBoxCritical,
            NOT_IMPORTED: QStyle.StandardPixmap.SP_MessageBoxCritical,
            WAITING: QStyle.StandardPixmap.SP_BrowserReload,
        }
        line.setIcon(self.style().standardIcon(icons.get(status, icons[WAITING])))

    def _show_progress(self) -> None:
        self.progress.setRange(0, max(self._total, 1))
        self.progress.setValue(self._done)

    def _summary(self) -> str:
        counts: dict[str, int] = {}
        for i in range(self.results.count()):
            status = self.results.item(i).data(STATUS_ROLE)
            counts[status] = counts.get(status, 0) + 1
        merged, already, held = (counts.get(k, 0) for k in ("merged", "already", "held"))
        refused = counts.get("refused", 0) + counts.get(NOT_IMPORTED, 0)
        parts = [
            (merged, self.tr("%n merged", "", merged)),
            (already, self.tr("%n already imported", "", already)),
            (held, self.tr("%n held for approval", "", held)),
            (refused, self.tr("%n not imported", "", refused)),
        ]
        shown = [text for n, text in parts if n] or [parts[0][1]]
        return self.tr("Done: %1.").replace("%1", ", ".join(shown))

    def _held_line(self, name: str) -> QListWidgetItem | None:
        for i in range(self.results.count()):
            line = self.results.item(i)
            if line.data(STATUS_ROLE) == "held" and _name_of(line) == name:
                return line
        return None

    def lines(self) -> list[tuple[str, str]]:
        """(status, text) of every line, top to bottom: what a person reads."""
        return [
            (self.results.item(i).data(STATUS_ROLE), self.results.item(i).text())
            for i in range(self.results.count())
        ]


def _name_of(line: QListWidgetItem) -> str:
    return line.text().split(" — ", 1)[0]

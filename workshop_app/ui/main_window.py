"""The main window: home screen or board, menus, status bar, and the projector window.

The window must appear at once when the app starts, so this module imports only Qt: the store,
the core and the board screens (SQLAlchemy and a few hundred milliseconds with them) are
imported inside the methods that first need them, after the window has been painted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from workshop_app.errors import AppError
from workshop_app.ui import workshop_actions
from workshop_app.ui.board_menus import install_board_menus
from workshop_app.ui.opening import OpeningPage, PaintWatcher
from workshop_app.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from workshop_app.ui.board_model import BoardModel
    from workshop_app.ui.board_screen import BoardScreen
    from workshop_app.ui.home_keys import BoardOnlyKeys
    from workshop_app.ui.home_screen import HomeScreen
    from workshop_app.ui.participants_screen import ParticipantsDialog
    from workshop_app.ui.projector import ProjectorWindow
    from workshop_app.ui.reach_screen import ReachDialog
    from workshop_app.ui.voting_screen import VotingDialog
    from workshop_app.ui.workshop_session import Database, WorkshopSession


class MainWindow(QMainWindow):
    """The main window: opens the data folder after the first paint, then the home screen or one
    workshop's board, with menus, the status bar and the windows it opens. It owns the one
    WorkshopSession every screen runs its operations through."""

    # Emitted once the data folder is open and the home screen lists the workshops.
    ready = Signal()
    # Emitted when the list of workshops has first been painted (before `ready` when the
    # quick read could list them): the moment a person can see and pick a workshop.
    home_shown = Signal()
    # Emitted with a one-line reason when the data folder cannot be opened.
    failed = Signal(str)

    def __init__(self, db: Database | None = None) -> None:
        super().__init__()
        self.db: Database = db  # type: ignore[assignment]  # set by attach() before any use
        self.setWindowTitle(self.tr("Workshop App"))
        fit_to_screen(self, 1366, 800)
        # The one way in for every screen: set by attach(), once the data folder is open.
        self.session: WorkshopSession = None  # type: ignore[assignment]
        self.board_model: BoardModel | None = None
        self.board: BoardScreen | None = None
        self.projector: ProjectorWindow | None = None
        self.participants: ParticipantsDialog | None = None
        self.reach: ReachDialog | None = None
        self.voting: VotingDialog | None = None
        self.pages = QStackedWidget()
        self.opening = OpeningPage()
        self.pages.addWidget(self.opening)
        self.home: HomeScreen = None  # type: ignore[assignment]  # built once there is a list
        self._queued: tuple[Callable[..., object], tuple[object, ...]] | None = None
        self.setCentralWidget(self.pages)
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self._shortcuts: list[tuple[QAction, object]] = []
        self._home_keys: BoardOnlyKeys | None = None
        self._menu_titles()
        if db is not None:
            self._fill_menus()
            self.attach(db)
        else:
            self._folder_menus_enabled(False)

    # --- opening the data folder ---------------------------------------------------------------
    def open_after_first_paint(self, data_dir: Path) -> None:
        """Open the data folder once the window is on screen, so the facilitator sees the app
        respond at once, even on a slow laptop."""

        def later() -> None:
            self._fill_menus()
            QTimer.singleShot(0, lambda: self._quick_home(data_dir))

        self.opening.painted.connect(later)
        if self.opening._told:
            later()

    def _quick_home(self, data_dir: Path) -> None:
        """List the workshops from a read-only look at the file (no SQLAlchemy to import), paint
        that, and only then open the store fully. What is pressed meanwhile runs once it is open."""
        from workshop_app.core.workshop_info import quick_workshop_list

        items = quick_workshop_list(data_dir)
        if items is None:  # a first start, an update to make, a file to explain: the full way
            self._open_store(data_dir)
            return
        self._build_home()
        self.home.set_workshops(items)
        self.pages.setCurrentWidget(self.home)
        self.home.focus_default()
        self._after_paint(self.home, lambda: self._open_store(data_dir))

    def _after_paint(self, widget: QWidget, then: Callable[[], None]) -> None:
        watcher = PaintWatcher(widget)

        def painted() -> None:
            watcher.deleteLater()
            if widget is self.home:
                self.home_shown.emit()
            QTimer.singleShot(0, then)

        watcher.painted.connect(painted)

    def _build_home(self) -> None:
        from workshop_app.ui.home_screen import HomeScreen

        if self.home is not None:
            return
        self.home = HomeScreen()
        self.pages.addWidget(self.home)
        when_open = self._when_open
        self.home.open_requested.connect(lambda wid: when_open(self.open_workshop, wid))
        self.home.new_requested.connect(lambda: when_open(self.new_workshop))
        self.home.demo_requested.connect(lambda: when_open(self.open_demo))
        self.home.edit_requested.connect(lambda wid: when_open(self.edit_workshop, wid))
        self.home.archive_requested.connect(
            lambda wid, on: when_open(self.archive_workshop, wid, on)
        )
        self.home.show_archived_changed.connect(lambda _: when_open(self.refresh_home))

    def _when_open(self, action: Callable[..., object], *args: object) -> None:
        """Run a home-screen action now, or as soon as the store is open (a fraction of a
        second after the list appears): a press is never lost and never runs half-ready."""
        if self.session is not None:
            action(*args)
            return
        self._queued = (action, args)
        self.statusBar().showMessage(self.tr("Opening your workshops…"))

    def _open_store(self, data_dir: Path) -> None:
        from workshop_app.ui.workshop_session import open_data_folder

        try:
            db = open_data_folder(data_dir)
        except AppError as exc:
            self.failed.emit(exc.message)
            return
        except Exception as exc:  # any failure is told: the window must never hang on opening
            detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            self.failed.emit(
                self.tr("The data folder {0} could not be opened: {1}").format(data_dir, detail)
            )
            return
        self.attach(db)

    def attach(self, db: Database) -> None:
        from workshop_app.ui.drafts import DraftKeeper
        from workshop_app.ui.home_keys import BoardOnlyKeys
        from workshop_app.ui.notes_files import NotesFiles
        from workshop_app.ui.workshop_session import WorkshopSession

        self.db = db
        self.session = WorkshopSession(db, self)
        self.notes_files = NotesFiles(self)
        self.session.saved.connect(self.saved_label.setText)
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[arg-type]
        self._home_keys = BoardOnlyKeys(self, self._board_actions())
        self._build_home()
        self._folder_menus_enabled(True)
        if db.backup_path is not None:
            self.statusBar().showMessage(
                self.tr("Data updated to this version; a copy of the old data is in %s")
                % db.backup_path
            )
        self.drafts = DraftKeeper(db.data_dir, self)
        last = self.drafts.last_workshop()
        queued, self._queued = self._queued, None
        first_paint = self.pages.currentWidget() is not self.home
        self.show_home()
        if first_paint:
            self._after_paint(self.home, lambda: None)
        if queued is not None:
            self.statusBar().clearMessage()
            queued[0](*queued[1])  # pressed while the store was opening
        elif last and last in self._live_workshops():
            # Back where the facilitator was when the app closed (or crashed).
            self.open_workshop(last)
        self.ready.emit()

    # --- menus ------------------------------------------------------------------------------
    def _menu_titles(self) -> None:
        """The menu bar's titles, there at the first paint; their items come just after it
        (fill_menus), so building them does not hold up the first sight of the window."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.board_menu = bar.addMenu(self.tr("&Board"))
        self.themes_menu = bar.addMenu(self.tr("&Themes"))
        self.people_menu = bar.addMenu(self.tr("&People"))
        self.vote_menu = bar.addMenu(self.tr("V&ote"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.settings_menu = bar.addMenu(self.tr("&Settings"))
        self.help_menu = bar.addMenu(self.tr("&Help"))
        # View stays: the activity timer works on any screen.
        self._board_menus = [self.people_menu, self.vote_menu]
        self.undo_action: QAction | None = None
        self.redo_action: QAction | None = None
        self._menus_filled = False

    def _fill_menus(self) -> None:
        if not self._menus_filled:
            from workshop_app.ui.main_menus import fill_menus

            self._menus_filled = True
            fill_menus(self)

    def _folder_menus_enabled(self, on: bool) -> None:
        # Settings and Help work while the data folder opens; the rest wait for it.
        keep = {self.tr("&Settings"), self.tr("&Help")}
        for action in self.menuBar().actions():
            if action.text() not in keep:
                action.setEnabled(on)

    def _add(self, menu: QMenu, text: str, shortcut: object, slot: object) -> QAction:
        action = menu.addAction(text)
        if shortcut is not None:
            # Given once the data folder is open (the menus are disabled until then): the first
            # setShortcut() builds Python's copy of Qt's enums, too slow for the first paint.
            self._shortcuts.append((action, shortcut))
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _board_enabled(self, on: bool) -> None:
        for action in self._board_actions():
            action.setEnabled(on)
        for menu in (self.edit_menu, self.board_menu, self.themes_menu, *self._board_menus):
            menu.menuAction().setEnabled(on)
        if self._home_keys is not None:
            self._home_keys.set_board_open(on)

    def _board_actions(self) -> list[QAction]:
        return [
            self.act_details,
            self.act_import,
            self.act_export,
            self.act_projector,
            self.act_participants,
            self.act_reach,
            self.act_voting,
        ]

    # --- home -------------------------------------------------------------------------------
    def refresh_home(self) -> None:
        from workshop_app.core.operations import workshops as ops

        try:
            items = self.session.read(ops.list_workshops(self.home.show_archived.isChecked()))
        except AppError as exc:
            self.show_error(exc.message)
            return
        self.home.set_workshops(items)

    def _live_workshops(self) -> set[str]:
        from workshop_app.core.operations import workshops as ops

        try:
            return {i.id for i in self.session.read(ops.list_workshops(False))}
        except AppError:
            return set()

    def show_home(self) -> None:
        if self.board is not None:
            self.drafts.on_home()
        self.statusBar().clearMessage()
        self.refresh_home()
        self.pages.setCurrentWidget(self.home)
        self._board_enabled(False)
        self.setWindowTitle(self.tr("Workshop App"))
        self.home.focus_default()

    def show_error(self, message: str) -> None:
        """A one-line problem the window itself must say (no board to say it under)."""
        QMessageBox.warning(self, self.tr("Workshop App"), message)

    def open_demo(self) -> None:
        workshop_actions.open_demo(self)

    def new_workshop(self) -> None:
        workshop_actions.new_workshop(self)

    def edit_workshop(self, workshop_id: str) -> None:
        workshop_actions.edit_workshop(self, workshop_id)

    def edit_current_workshop(self) -> None:
        if self.board is not None:
            self.edit_workshop(self.session.workshop_id)

    def archive_workshop(self, workshop_id: str, archived: bool) -> None:
        workshop_actions.archive_workshop(self, workshop_id, archived)

    # --- board ------------------------------------------------------------------------------
    def open_workshop(self, workshop_id: str) -> None:
        from workshop_app.ui.board_model import BoardModel
        from workshop_app.ui.board_screen import BoardScreen

        self._close_board()
        self.session.open_workshop(workshop_id)
        try:
            board_model = BoardModel(self.session, self)
        except AppError as exc:
            self.show_error(exc.message)
            return
        self.board_model = board_model
        self.board = BoardScreen(self.session, board_model)
        self.pages.addWidget(self.board)
        self.pages.setCurrentWidget(self.board)
        self.board.projector_requested.connect(self.show_projector)
        install_board_menus(self)
        self._board_enabled(True)
        self.setWindowTitle(self.tr("%s — Workshop App") % board_model.board.workshop.title)
        self.board.focus_capture()
        self.drafts.on_board(workshop_id, self.board)

    def _close_board(self) -> None:
        if self.projector is not None:
            self.projector.close()
            self.projector.deleteLater()
            self.projector = None
        if self.board is not None:
            self.pages.removeWidget(self.board)
            self.board.deleteLater()
            self.board = None
        if self.board_model is not None:
            self.board_model.deleteLater()
            self.board_model = None

    def show_projector(self) -> None:
        if self.board is None:
            return
        if self.projector is None:
            from workshop_app.ui.projector import ProjectorWindow

            self.projector = ProjectorWindow(self.session, self.board_model)
            self.projector.typed_elsewhere = self._typed_at_projector
        self.projector.show_on_best_screen(self)

    def _typed_at_projector(self, text: str) -> None:
        if self.board is None:
            return
        self.raise_()
        self.activateWindow()
        self.board.capture.type_into(text)

    def show_participants(self) -> None:
        if self.board is None:
            return
        from workshop_app.ui.participants_screen import ParticipantsDialog

        if self.participants is not None:
            self.participants.deleteLater()
        # open(), not exec(): window-modal, and the rest of the app keeps running.
        self.participants = ParticipantsDialog(self.session, self.board_model, self)
        self.participants.open()

    def show_reach(self) -> None:
        if self.board is None:
            return
        from workshop_app.ui.reach_screen import ReachDialog

        if self.reach is not None:
            self.reach.deleteLater()
        self.reach = ReachDialog(self.session, self)
        self.reach.open()

    def show_voting(self) -> None:
        if self.board is None:
            return
        from workshop_app.ui.voting_screen import VotingDialog, board_shortlist

        if self.voting is not None:
            self.voting.deleteLater()
        self.voting = VotingDialog(
            self.session,
            self.board_model,
            board_shortlist(self.board),
            self._voting_projector,
            self,
        )
        self.voting.open()

    def _voting_projector(self) -> ProjectorWindow | None:
        self.show_projector()
        return self.projector

    # --- notes in and out -------------------------------------------------------------------
    def import_notes(self) -> None:
        if self.board is not None:
            self.notes_files.choose_and_import()

    def export_notes(self) -> None:
        if self.board is not None:
            self.notes_files.choose_and_export()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every action is already committed, and words not yet saved are kept for next time.
        if self.board is not None:
            self.drafts.closing()
        if self.projector is not None:
            self.projector.close()
        event.accept()

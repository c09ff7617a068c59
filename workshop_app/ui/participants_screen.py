"""The participant register: codes, names kept with consent, what each person agreed to; add,
edit, withdraw consent and erase, all from the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.consent import ConsentChoices
from workshop_app.core.operations import PEOPLE_TABLES, touches
from workshop_app.core.operations import people as ops
from workshop_app.core.participants import ParticipantInfo
from workshop_app.core.records import Change
from workshop_app.errors import AppError
from workshop_app.ui.board_model import BoardModel
from workshop_app.ui.messages import show_message, step_history
from workshop_app.ui.participant_form import ParticipantForm
from workshop_app.ui.participants_import import ImportPreviewDialog
from workshop_app.ui.participants_import_job import BackgroundImportPreview
from workshop_app.ui.register_find import RegisterFind
from workshop_app.ui.screen_fit import fit_to_screen
from workshop_app.ui.workshop_session import WorkshopSession

ID_ROLE = Qt.ItemDataRole.UserRole
CODE_POINT_SIZE = 18
WITHDRAWN = QColor("#8A1C1C")
MUTED = QColor("#4A4A4A")


class ParticipantsDialog(QDialog):
    """The register: who took part, their codes and consent; withdraw and erase."""

    def __init__(
        self, session: WorkshopSession, board_model: BoardModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.participants: list[ParticipantInfo] = []
        self.form: ParticipantForm | None = None
        self.confirm: QMessageBox | None = None
        facilitators = board_model.board.workshop.facilitators
        self.recorded_by = facilitators.split(",")[0].strip() if facilitators else ""
        self.setWindowTitle(self.tr("Participants"))
        fit_to_screen(self, 1000, 600)

        title = QLabel(self.tr("Participants"))
        title.setObjectName("boardTitle")
        self._build_register()
        buttons = self._buttons()
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.count)
        self.finder = RegisterFind(self)
        top.addWidget(self.finder.edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._action(self.tr("Add participant"), ["Ins", "Ctrl+N"], self.add, self)
        self._action(self.tr("Edit participant"), ["Return", "Enter", "F2"], self.edit_current)
        self._action(self.tr("Undo"), [QKeySequence.StandardKey.Undo], self.undo, self)
        self._action(self.tr("Import sign-up list"), ["Ctrl+I"], self.choose_import_file, self)
        session.changed.connect(self._on_changed)
        self.refresh()
        self.list.setFocus()

    def _build_register(self) -> None:
        """The register list (codes in a fixed, spaced font), the empty hint, the message."""
        self.count = QLabel()
        self.count.setObjectName("boardTotal")
        self.list = QTreeWidget()
        self.list.setObjectName("participantList")
        self.list.setAccessibleName(self.tr("Participant register"))
        self.list.setAccessibleDescription(
            self.tr(
                "Each person's code, name (if they agreed to it being kept) and consent; Enter "
                "edits, Insert adds, typing a code or scanning a card finds someone"
            )
        )
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Consent")])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 300)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_current())
        self.code_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.code_font.setPointSize(CODE_POINT_SIZE)
        self.code_font.setBold(True)
        self.code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        self.empty_hint = QLabel(
            self.tr(
                "No one is in the register yet. Press Insert (or Ctrl+N) to add someone: "
                "they get a short code, and a name is kept only if they agree."
            )
        )
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("registerMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Register message"))

    def _buttons(self) -> QHBoxLayout:
        """Add, edit, withdraw, erase (set apart), import, close: none takes Enter."""
        self.add_button = QPushButton(self.tr("&Add…"))
        self.add_button.setObjectName("primaryButton")
        self.add_button.setToolTip(self.tr("Add a participant (Insert or Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Change details or consent (Enter or F2)"))
        self.withdraw_button = QPushButton(self.tr("&Withdraw consent"))
        self.withdraw_button.setToolTip(
            self.tr("Nothing of theirs may be used any more; name and contacts go at once")
        )
        self.erase_button = QPushButton(self.tr("E&rase…"))
        self.erase_button.setToolTip(self.tr("Remove this person for good (cannot be undone)"))
        self.import_button = QPushButton(self.tr("&Import sign-up list…"))
        self.import_button.setToolTip(
            self.tr("Add people from a CSV sign-up list, after a preview (Ctrl+I)")
        )
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setToolTip(self.tr("Close the register (Esc)"))
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit_current),
            (self.withdraw_button, self.withdraw_current),
            (self.erase_button, self.erase_current),
            (self.import_button, self.choose_import_file),
            (self.close_button, self.accept),
        ):
            # Enter belongs to the list (edit): no button may take it as the dialog's default.
            button.setAutoDefault(False)
            button.setDefault(False)
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addSpacing(24)
        buttons.addWidget(self.erase_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        return buttons

    def _action(self, text: str, keys: list, slot, owner: QWidget | None = None) -> QAction:
        owner = owner or self.list
        action = QAction(text, owner)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        owner.addAction(action)
        return action

    # --- showing ----------------------------------------------------------------------------
    def summary(self, person: ParticipantInfo) -> str:
        consent = person.consent
        if consent is None:
            return self.tr("No consent recorded")
        if consent.withdrawn_at:
            return self.tr("Consent withdrawn: nothing of theirs may be used")
        return self.consent_summary(consent.choices)

    def consent_summary(self, c: ConsentChoices) -> str:
        parts = [self.tr("Taking part") if c.take_part else self.tr("Not taking part")]
        quote = {
            "full_name": self.tr("quote: full name"),
            "first_name": self.tr("quote: first name"),
            "first_name_area": self.tr("quote: first name and area"),
            "anonymous": self.tr("quote: anonymously"),
        }
        if c.take_part and c.quote in quote:
            parts.append(quote[c.quote])
        elif c.take_part:
            parts.append(self.tr("not quoted"))
        for on, text in (
            (c.photo, self.tr("photos")),
            (c.contact, self.tr("contact")),
            (c.use_report, self.tr("reports")),
            (c.use_publicity, self.tr("publicity")),
        ):
            if on:
                parts.append(text)
        return " · ".join(parts)

    def refresh(self) -> None:
        wanted = self.current_id()
        try:
            self.participants = self.session.read(ops.list_participants(self.session.workshop_id))
        except AppError as exc:
            self.show_message(exc.message, error=True)
            return
        self.list.clear()
        name_font = QFont(self.list.font())
        name_font.setPointSizeF(13)
        for person in self.participants:
            withdrawn = bool(person.consent and person.consent.withdrawn_at)
            name = person.name or self.tr("(no name kept)")
            if person.area:
                name = f"{name} ({person.area})"
            summary = self.summary(person)
            item = QTreeWidgetItem([person.code, name, summary])
            item.setData(0, ID_ROLE, person.id)
            item.setFont(0, self.code_font)
            item.setFont(1, name_font)
            item.setFont(2, name_font)
            item.setData(
                0,
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("Code %1").replace("%1", " ".join(person.code)),
            )
            item.setToolTip(2, summary)
            if not person.name:
                italic = QFont(name_font)
                italic.setItalic(True)
                item.setFont(1, italic)
                item.setForeground(1, QBrush(MUTED))
            if withdrawn:
                bold = QFont(name_font)
                bold.setBold(True)
                item.setFont(2, bold)
                for column in range(3):
                    item.setForeground(column, QBrush(WITHDRAWN))
            self.list.addTopLevelItem(item)
        count = len(self.participants)
        self.count.setText(self.tr("%n participant(s)", "", count))
        self.empty_hint.setVisible(count == 0)
        self.select(wanted)
        self._update_buttons()

    def select(self, participant_id: str | None) -> None:
        target = None
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if participant_id is None or item.data(0, ID_ROLE) == participant_id:
                target = item
                break
        if target is None and self.list.topLevelItemCount():
            target = self.list.topLevelItem(0)
        if target is not None:
            self.list.setCurrentItem(target)

    def _focus_list(self) -> None:
        self.activateWindow()
        self.list.setFocus()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    def current(self) -> ParticipantInfo | None:
        wanted = self.current_id()
        return next((p for p in self.participants if p.id == wanted), None)

    def _update_buttons(self) -> None:
        person = self.current()
        for button in (self.edit_button, self.erase_button):
            button.setEnabled(person is not None)
        withdrawn = person is not None and bool(person.consent and person.consent.withdrawn_at)
        self.withdraw_button.setEnabled(
            person is not None and person.consent is not None and not withdrawn
        )

    def show_message(self, text: str, error: bool = False) -> None:
        show_message(self.message, text, error)

    def _on_changed(self, change: Change) -> None:
        if touches(change, PEOPLE_TABLES):
            self.refresh()

    # --- acting -----------------------------------------------------------------------------

    def _open_form(self, existing: ParticipantInfo | None) -> ParticipantForm:
        if self.form is not None:
            self.form.deleteLater()
        self.form = ParticipantForm(self._save_form, existing, self.recorded_by, self)
        self.form.finished.connect(lambda _: self._focus_list())
        self.form.open()
        return self.form

    def add(self) -> ParticipantForm:
        return self._open_form(None)

    def edit_current(self) -> ParticipantForm | None:
        person = self.current()
        if person is None:
            self.show_message(self.tr("Add someone first (Insert)."))
            return None
        return self._open_form(person)

    def _save_form(self, form: ParticipantForm) -> str | None:
        fields, choices, by = form.fields(), form.choices(), form.recorded_by()
        existing = form.existing
        if existing is None:
            operation = ops.add_participant(self.session.workshop_id, fields, choices, by)
        else:
            operation = ops.update_participant(existing, fields, choices, by)
        try:
            info = self.session.run(operation)
        except AppError as exc:
            return exc.message
        if by.strip():
            self.recorded_by = by.strip()
        self.select(info.id)  # the list was redrawn from the change already
        self.show_message(
            self.tr("Saved %s. Ctrl+Z undoes.") % info.code
            if existing
            else self.tr("Added %s: write this code on their card. Ctrl+Z undoes.") % info.code
        )
        return None

    def withdraw_current(self) -> None:
        person = self.current()
        if person is None:
            return
        try:
            self.session.run(ops.withdraw(person, self.recorded_by))
        except AppError as exc:
            self.show_message(exc.message, error=True)
            return
        self.select(person.id)
        self.show_message(
            self.tr(
                "Consent withdrawn for %s: name and contact details removed, nothing of theirs "
                "will be used. Ctrl+Z undoes."
            )
            % person.code
        )
        self.list.setFocus()

    def erase_current(self) -> QMessageBox | None:
        person = self.current()
        if person is None:
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Erase participant"))
        box.setText(self.tr("Erase %s for good? This cannot be undone.") % person.code)
        box.setInformativeText(
            self.tr(
                "Their name and contact details are removed now. What about the notes and "
                "stories that are theirs?"
            )
        )
        self.delete_words = box.addButton(
            self.tr("&Delete their words too"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.keep_words = box.addButton(
            self.tr("&Keep their words, anonymised"), QMessageBox.ButtonRole.AcceptRole
        )
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def chosen(button) -> None:
            if button is self.delete_words:
                self._erase(person, keep_words=False)
            elif button is self.keep_words:
                self._erase(person, keep_words=True)

        box.buttonClicked.connect(chosen)
        box.finished.connect(lambda _: self._focus_list())
        self.confirm = box
        box.open()
        return box

    def _erase(self, person: ParticipantInfo, keep_words: bool) -> None:
        # Never undoable; the session also forgets older steps that may hold their words.
        try:
            self.session.run(ops.erase(person, keep_words))
        except AppError as exc:
            self.show_message(exc.message, error=True)
            return
        done = (
            self.tr("%s erased; their words were kept without their name.") % person.code
            if keep_words
            else self.tr("%s erased, with their words.") % person.code
        )
        notice = self.session.scrub_notice
        self.show_message(f"{done} {notice}" if notice else done)

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a sign-up list"), str(Path.home()), self.tr("CSV (*.csv)")
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> ImportPreviewDialog | None:
        """Read the file and show what would be stored; nothing is saved until confirmed."""
        from workshop_app.core.participants_io import read_participants_csv

        try:
            rows = read_participants_csv(path)
        except AppError as exc:
            self.show_message(exc.message, error=True)
            return None
        # Import saves on a worker thread, with progress and Cancel.
        preview = BackgroundImportPreview(self, path, rows, self.recorded_by)
        preview.imported.connect(self._imported)
        preview.open()
        return preview

    def _imported(self, count: int) -> None:
        self.show_message(
            self.tr("Imported %n participant(s). Ctrl+Z undoes the whole import.", "", count)
        )
        self._focus_list()

    def undo(self) -> None:
        step_history(self.session, self.message, backwards=True)

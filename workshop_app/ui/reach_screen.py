"""Equality and reach: enter anonymous monitoring cards, and see the reach summary with every
small count suppressed. Nothing here is linked to a person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.equality import (
    PREFER_NOT,
    PREFER_NOT_LABEL,
    SUPPRESS_BELOW,
    Question,
    questions,
)
from workshop_app.core.operations import people as ops
from workshop_app.errors import AppError
from workshop_app.ui.messages import show_message
from workshop_app.ui.screen_fit import fit_to_screen
from workshop_app.ui.workshop_session import WorkshopSession


class ReachDialog(QDialog):
    """Equality cards typed in from paper, and the reach summary (small counts suppressed)."""

    def __init__(self, session: WorkshopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Equality and reach"))
        fit_to_screen(self, 980, 620)
        self.questions: list[Question] = session.read(ops.chosen_questions(session.workshop_id))
        self.inputs: dict[str, QComboBox | QLineEdit] = {}

        left = self._card_form()
        right = self._summary()

        self.questions_button = QPushButton(self.tr("&Questions asked…"))
        self.questions_button.setToolTip(self.tr("Choose which questions this programme asks"))
        self.questions_button.clicked.connect(self.edit_questions)
        close = QPushButton(self.tr("&Close"))
        close.setToolTip(self.tr("Close this window; every card is already saved"))
        close.clicked.connect(self.accept)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.questions_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.refresh()

    def _card_form(self) -> QVBoxLayout:
        """One paper card's answers, each question with its answers and "Prefer not to say"."""
        intro = QLabel(
            self.tr(
                "Type in one monitoring card at a time. Cards are anonymous: they are never "
                "linked to a person, a note, a vote or a story. Every question may be left blank "
                "or answered 'Prefer not to say'."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        # Labels above their fields: the questions are long and must be read in full.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for question in self.questions:
            if question.free_text:
                edit = QLineEdit()
                edit.setPlaceholderText(self.tr("Ward, or first half of postcode (e.g. SY18)"))
                edit.returnPressed.connect(self.add_card)
                widget: QComboBox | QLineEdit = edit
            else:
                combo = QComboBox()
                combo.addItem(self.tr("(not answered)"), "")
                for key, label in question.answers:
                    combo.addItem(label, key)
                combo.addItem(self.tr(PREFER_NOT_LABEL), PREFER_NOT)
                widget = combo
            widget.setAccessibleName(question.label)
            widget.setAccessibleDescription(
                self.tr("Optional: copy the answer from the card, or leave it unanswered")
            )
            self.inputs[question.key] = widget
            label = QLabel(question.label)
            label.setWordWrap(True)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.add_button = QPushButton(self.tr("&Add card"))
        self.add_button.setObjectName("primaryButton")
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self.add_card)
        self.add_button.setToolTip(
            self.tr("Save this card's answers, with no name or code (Ctrl+Enter)")
        )
        QShortcut(QKeySequence("Ctrl+Return"), self, self.add_card)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("registerMessage")

        left = QVBoxLayout()
        left.addWidget(intro)
        left.addLayout(form)
        left.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.message)
        left.addStretch(1)
        return left

    def _summary(self) -> QVBoxLayout:
        """How many cards, and the counts per answer (small counts suppressed)."""
        self.total = QLabel()
        self.total.setObjectName("homeTitle")
        self.summary = QTreeWidget()
        self.summary.setColumnCount(2)
        self.summary.setHeaderLabels([self.tr("Question and answer"), self.tr("Count")])
        self.summary.setAccessibleName(self.tr("Reach summary"))
        self.summary.setAccessibleDescription(
            self.tr("How many cards gave each answer; counts under 5 are shown as <5")
        )
        header = self.summary.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.summary.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Counts under %1 are shown as <%1, here and in everything printed or exported, "
                "so that no one can be picked out; * marks a larger count hidden so that a "
                "small one cannot be worked out from the total."
            ).replace("%1", str(SUPPRESS_BELOW))
        )
        note.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.total)
        right.addWidget(self.summary, 1)
        right.addWidget(note)
        return right

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.questions:
            self.inputs[self.questions[0].key].setFocus()

    def edit_questions(self) -> QDialog:
        """Tick the questions this programme asks; the card form follows at once."""
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Questions asked"))
        asked = {q.key for q in self.questions}
        boxes = {}
        layout = QVBoxLayout(dialog)
        for question in questions().values():
            box = QCheckBox(question.label)
            box.setChecked(question.key in asked)
            layout.addWidget(box)
            boxes[question.key] = box
        message = QLabel()
        message.setObjectName("captureMessage")
        message.setWordWrap(True)
        layout.addWidget(message)
        save = QPushButton(self.tr("&Save"))
        save.setDefault(True)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        workshop_id = self.session.workshop_id

        def apply() -> None:
            keys = [k for k, box in boxes.items() if box.isChecked()]
            try:
                self.session.run(ops.choose_questions(workshop_id, keys))
            except AppError as exc:
                message.setText(exc.message)
                return
            dialog.accept()
            self._rebuild_after_choice()

        save.clicked.connect(apply)
        self.question_dialog = dialog
        dialog.open()
        return dialog

    def _rebuild_after_choice(self) -> None:
        # The form is built once per opening: reopen it so the new questions show.
        parent = self.parentWidget()
        self.accept()
        if parent is not None and hasattr(parent, "show_reach"):
            parent.show_reach()

    def answers(self) -> dict[str, str]:
        out = {}
        for key, widget in self.inputs.items():
            value = widget.text() if isinstance(widget, QLineEdit) else widget.currentData()
            if value:
                out[key] = value
        return out

    def add_card(self) -> None:
        answers = self.answers()
        if not answers:
            self.show_message(self.tr("Nothing answered on this card: nothing was added."), True)
            return
        try:
            self.session.run(ops.add_equality_card(self.session.workshop_id, answers))
        except AppError as exc:
            self.show_message(exc.message, True)
            return
        for widget in self.inputs.values():
            if isinstance(widget, QLineEdit):
                widget.clear()
            else:
                widget.setCurrentIndex(0)
        self.show_message(self.tr("Card added. Ctrl+Z in the main window undoes it."), False)
        self.refresh()
        if self.questions:
            self.inputs[self.questions[0].key].setFocus()

    def show_message(self, text: str, error: bool) -> None:
        show_message(self.message, text, error)

    def refresh(self) -> None:
        workshop_id = self.session.workshop_id
        try:
            summary = self.session.read(ops.reach_summary(workshop_id))
        except AppError as exc:
            self.show_message(exc.message, True)
            return
        self.summary.clear()
        if summary.none_returned:
            self.total.setText(self.tr("No cards entered yet."))
            return
        self.total.setText(self.tr("Cards: %1").replace("%1", summary.cards))
        for question in summary.questions:
            parent = QTreeWidgetItem([question.label, ""])
            parent.setToolTip(0, question.label)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for line in question.lines:
                child = QTreeWidgetItem([line.answer, line.shown])
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                parent.addChild(child)
            self.summary.addTopLevelItem(parent)
            parent.setExpanded(True)

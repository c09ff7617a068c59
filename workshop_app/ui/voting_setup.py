"""Setting up a voting round: its name, what is voted on (the clusters and loose notes of chosen
themes, or a shortlist picked on the board), dots per person with the suggested rule shown, an
optional cap, an optional criterion and objection dots."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import voting
from workshop_app.core.board import Board
from workshop_app.core.operations import voting as ops
from workshop_app.errors import AppError
from workshop_app.ui.board_model import BoardModel
from workshop_app.ui.screen_fit import fit_to_screen
from workshop_app.ui.workshop_session import WorkshopSession

ID_ROLE = Qt.ItemDataRole.UserRole


class RoundSetupDialog(QDialog):
    """New round, or (with `info`) the options and rules of a round being set up."""

    def __init__(
        self,
        session: WorkshopSession,
        board_model: BoardModel,
        shortlist: list[tuple[str, str]],
        info: voting.RoundInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.info = info
        self.shortlist = shortlist
        self.result_round: voting.RoundInfo | None = None
        self._dots_touched = False
        board: Board = board_model.board
        self.setWindowTitle(
            self.tr("New voting round") if info is None else self.tr("Change round")
        )
        fit_to_screen(self, 640, 620)

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Round name"))
        self.name.setPlaceholderText(self.tr("e.g. Shortlist, Final: what first?"))
        if info is not None:
            self.name.setText(info.name)
            self.name.setEnabled(False)

        self._build_targets(board, shortlist, info)
        self._build_rules(info)
        form = self._form()
        buttons = self._buttons(info)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        what = QLabel(self.tr("What is voted on"))
        what.setObjectName("votingHeading")
        layout.addWidget(what)
        layout.addWidget(self.by_pick)
        layout.addWidget(self.by_theme)
        layout.addWidget(self.themes)
        layout.addWidget(self.objections)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._update_count()
        self.name.setFocus() if info is None else self.dots.setFocus()

    def _build_targets(
        self, board: Board, shortlist: list[tuple[str, str]], info: voting.RoundInfo | None
    ) -> None:
        """What is voted on: the cards picked on the board, or the themes' clusters and cards."""
        self.by_theme = QRadioButton(self.tr("Clusters and loose notes of these &themes:"))
        self.by_pick = QRadioButton()
        self.by_pick.setAccessibleName(self.tr("Only the cards and clusters selected on the board"))
        group = QButtonGroup(self)
        group.addButton(self.by_theme)
        group.addButton(self.by_pick)
        self.themes = QListWidget()
        self.themes.setAccessibleName(self.tr("Themes to vote on"))
        for theme in board.themes:
            item = QListWidgetItem(theme.name)
            item.setData(ID_ROLE, theme.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Unchecked if theme.is_parking_lot else Qt.CheckState.Checked
            )
            self.themes.addItem(item)
        self.themes.setMaximumHeight(170)
        self.themes.itemChanged.connect(lambda _i: self._update_count())
        picked = len(shortlist)
        self.by_pick.setText(
            self.tr("Only the %n card(s) and cluster(s) &selected on the board", "", picked)
        )
        self.by_pick.setEnabled(picked >= 2)
        if picked < 2:
            self.by_pick.setText(
                self.tr("A shortlist: select two or more cards or clusters on the board first")
            )
        if info is not None:
            current = [(o.target_kind, o.target_id) for o in info.options]
            self.shortlist = current
            self.by_pick.setText(self.tr("&Keep the round's %n option(s)", "", len(current)))
            self.by_pick.setEnabled(True)
            self.by_pick.setChecked(True)
        elif picked >= 2:
            self.by_pick.setChecked(True)
        else:
            self.by_theme.setChecked(True)
        group.buttonToggled.connect(lambda *_: self._update_count())

    def _build_rules(self, info: voting.RoundInfo | None) -> None:
        """Dots per person, the cap on one option, the criterion and the red objection dot."""
        self.option_count = QLabel()
        self.option_count.setObjectName("votingRule")
        self.option_count.setWordWrap(True)
        self.dots = QSpinBox()
        self.dots.setRange(1, voting.MAX_DOTS)
        self.dots.setAccessibleName(self.tr("Dots per person"))
        self.dots.valueChanged.connect(self._dots_edited)
        self.cap = QSpinBox()
        self.cap.setRange(0, voting.MAX_DOTS)
        self.cap.setSpecialValueText(self.tr("No cap"))
        self.cap.setAccessibleName(self.tr("Most dots one person may put on one option"))
        self.criterion = QComboBox()
        self.criterion.setEditable(True)
        self.criterion.setAccessibleName(self.tr("Criterion"))
        for text in ("", self.tr("most important"), self.tr("most urgent")):
            self.criterion.addItem(text)
        self.objections = QCheckBox(
            self.tr("Red &objection dot: one each, counted separately, never added to the others")
        )
        if info is not None:
            self.dots.setValue(info.dots_per_person)
            self._dots_touched = True
            self.cap.setValue(info.cap_per_option or 0)
            self.criterion.setCurrentText(info.criterion)
            self.objections.setChecked(info.objections)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        dots_label = QLabel(self.tr("&Dots per person:"))
        dots_label.setBuddy(self.dots)
        form.addRow(dots_label, self.dots)
        form.addRow("", self.option_count)
        cap_label = QLabel(self.tr("&Cap on one option:"))
        cap_label.setBuddy(self.cap)
        form.addRow(cap_label, self.cap)
        criterion_label = QLabel(self.tr("C&riterion:"))
        criterion_label.setBuddy(self.criterion)
        form.addRow(criterion_label, self.criterion)
        return form

    def _buttons(self, info: voting.RoundInfo | None) -> QHBoxLayout:
        self.message = QLabel()
        self.message.setObjectName("captureMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.save = QPushButton(self.tr("Create &round") if info is None else self.tr("&Save"))
        self.save.setObjectName("primaryButton")
        self.save.setDefault(True)
        self.save.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        return buttons

    def _dots_edited(self, _value: int) -> None:
        if not self._updating:
            self._dots_touched = True

    _updating = False

    def chosen_theme_ids(self) -> list[str]:
        out = []
        for i in range(self.themes.count()):
            item = self.themes.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(ID_ROLE))
        return out

    def targets(self) -> list[tuple[str, str]]:
        if self.by_pick.isChecked():
            return list(self.shortlist)
        theme_ids = self.chosen_theme_ids()
        return self.session.read(ops.options_from_board(self.session.workshop_id, theme_ids))

    def _update_count(self) -> None:
        self.themes.setEnabled(self.by_theme.isChecked())
        count = len(self.targets())
        self.option_count.setText(voting.dots_rule(count) if count else self.tr("No options yet."))
        if not self._dots_touched and count:
            self._updating = True
            self.dots.setValue(voting.suggested_dots(count))
            self._updating = False

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def submit(self) -> None:
        targets = self.targets()
        dots, cap = self.dots.value(), self.cap.value() or None
        criterion, objections = self.criterion.currentText(), self.objections.isChecked()
        if self.info is None:
            name = self.name.text()
            operation = ops.create_round(
                self.session.workshop_id, name, targets, dots, cap, criterion, objections
            )
        else:
            operation = ops.change_round(self.info.id, targets, dots, cap, criterion, objections)
        try:
            self.result_round = self.session.run(operation)
        except AppError as exc:
            self.show_error(exc.message)
            return
        self.accept()

"""The projector window: the board in large type, following the facilitator's screen live."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.ui.card_delegate import CardDelegate
from workshop_app.ui.card_list import ThemeColumn
from workshop_app.ui.controller import BoardController

BASE_POINT_SIZE = 18.0
MIN_ZOOM, MAX_ZOOM = 0.5, 3.0


class ProjectorWindow(QWidget):
    def __init__(self, controller: BoardController) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setWindowTitle(self.tr("Workshop App: projector"))
        self.controller = controller
        self.zoom = 1.0
        self.delegate = CardDelegate(BASE_POINT_SIZE, lines=4, parent=self)
        self.columns: list[ThemeColumn] = []
        self.title = QLabel()
        self.title.setObjectName("projectorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("projectorTotal")
        self.zoom_out = QPushButton("−")
        self.zoom_out.setAccessibleName(self.tr("Smaller text"))
        self.zoom_out.setToolTip(self.tr("Smaller text (Ctrl+-)"))
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self.zoom / 1.15))
        self.zoom_in = QPushButton("+")
        self.zoom_in.setAccessibleName(self.tr("Larger text"))
        self.zoom_in.setToolTip(self.tr("Larger text (Ctrl++)"))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self.zoom * 1.15))
        for b in (self.zoom_out, self.zoom_in):
            b.setObjectName("zoomButton")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.total)
        header.addWidget(self.zoom_out)
        header.addWidget(self.zoom_in)
        self.columns_layout = QHBoxLayout()
        self.columns_layout.setSpacing(14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(header)
        layout.addLayout(self.columns_layout, 1)
        for keys, slot in (
            ([QKeySequence.StandardKey.ZoomIn, "Ctrl+="], lambda: self.set_zoom(self.zoom * 1.15)),
            ([QKeySequence.StandardKey.ZoomOut], lambda: self.set_zoom(self.zoom / 1.15)),
            (["Ctrl+0"], lambda: self.set_zoom(1.0)),
            (["F11"], self.toggle_full_screen),
            (["Esc"], self.showNormal),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(slot)
            self.addAction(action)
        controller.themes_changed.connect(self._rebuild)
        controller.board_changed.connect(self._update)
        self._rebuild()

    def _rebuild(self) -> None:
        for column in self.columns:
            self.columns_layout.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for theme_id in self.controller.theme_ids():
            column = ThemeColumn(self.controller.models[theme_id], self.delegate, interactive=False)
            column.set_point_size(self.delegate.font.pointSizeF())
            self.columns_layout.addWidget(column, 1)
            self.columns.append(column)
        self._update()

    def _update(self) -> None:
        board = self.controller.board
        prompt = board.workshop.prompts[0] if board.workshop.prompts else board.workshop.title
        self.title.setText(prompt)
        self.total.setText(self.tr("%n note(s)", "", board.total_notes))
        size = BASE_POINT_SIZE * self.zoom
        self.title.setStyleSheet(f"font-size: {size * 1.3:.1f}pt; font-weight: bold;")
        self.total.setStyleSheet(f"font-size: {size:.1f}pt;")
        for column in self.columns:
            column.set_point_size(size)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.delegate.set_point_size(BASE_POINT_SIZE * self.zoom)
        for column in self.columns:
            column.view.scheduleDelayedItemsLayout()
            column.view.viewport().update()
        self._update()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def show_on_best_screen(self, main_window: QWidget) -> None:
        """Full screen on a second display when there is one; a large window otherwise."""
        screens = QGuiApplication.screens()
        own = main_window.screen()
        others = [s for s in screens if s is not own]
        if others:
            target = others[0]
            self.setScreen(target)
            self.move(target.geometry().topLeft())
            self.showFullScreen()
        else:
            self.resize(1280, 720)
            self.show()
        self.raise_()

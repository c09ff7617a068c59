"""Walks a window's widgets as a screen reader meets them: every control a person can reach
must have a name (what it is) and a description (what it does)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


def _where(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    parent = widget.parentWidget()
    chain = [name]
    while parent is not None and len(chain) < 4:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return " < ".join(chain)


def unnamed_controls(root: QWidget) -> list[str]:
    """Every visible control under `root` a screen reader could not name or explain."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if type(widget).__name__ in {"QScrollBar", "QHeaderView"}:
            continue  # parts of a view, named by the view itself
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the text part of a combo or spin box: the box is the control
        if type(widget).__name__ == "QToolButton" and isinstance(parent, QTabBar | QLineEdit):
            continue  # scroll arrows of a tab bar, a line edit's clear button
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name).strip() if face else ""
        description = face.text(QAccessible.Text.Description).strip() if face else ""
        if not name:
            problems.append(f"no name: {_where(widget)}")
        elif not description and not isinstance(widget, QTabBar):  # each tab is its own name
            problems.append(f"no description: {_where(widget)} ({name})")
    return problems

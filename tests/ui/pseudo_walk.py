"""Reads every text a person can see in a window, for the pseudo-language test: each must have
gone through translation (it carries the ⟦…⟧ markers) unless it is the workshop's own data,
and none may be cut off."""

from __future__ import annotations

import re

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QTabBar,
    QTreeWidget,
    QWidget,
)

_MARKED = re.compile(r"⟦[^⟦⟧]*⟧", re.DOTALL)  # innermost first: phrases nest
_TAGS = re.compile(r"<[^>]+>")
_MNEMONIC = re.compile(r"&(?!&)")  # a mnemonic's & is not drawn


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text shown under `root`, menus included."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, text: str) -> None:
        if text and text.strip():
            found.append((widget.objectName() or type(widget).__name__, text))

    if root.windowTitle():
        add(root, root.windowTitle())
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            add(root.menuBar(), action.text())
            menu = action.menu()
            if isinstance(menu, QMenu):
                for item in menu.actions():
                    add(menu, item.text())
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if isinstance(w, QLabel):
            add(w, _TAGS.sub("", w.text()).replace("&nbsp;", " "))
        elif isinstance(w, QAbstractButton):
            add(w, w.text())
        elif isinstance(w, QGroupBox):
            add(w, w.title())
        elif isinstance(w, QLineEdit) and not w.text():
            add(w, w.placeholderText())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w, w.tabText(i))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, w.itemText(i))
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                add(w, w.item(i).text())
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            for c in range(w.columnCount()):
                add(w, header.text(c))
        if w.toolTip():
            add(w, w.toolTip())
    return found


def untranslated(root: QWidget, data: set[str]) -> list[str]:
    """Texts that are neither marked as translated nor the workshop's own words."""
    longest_first = sorted((d for d in data if d.strip()), key=len, reverse=True)
    bad: list[str] = []
    for where, text in visible_texts(root):
        rest, before = text, None
        while rest != before:
            before, rest = rest, _MARKED.sub(" ", rest)
        for d in longest_first:
            rest = rest.replace(d, " ")
        if re.search(r"[^\W\d_]{2,}", rest):  # a word of two letters or more is left over
            bad.append(f"{where}: {text!r}")
    return bad


def cut_off(root: QWidget) -> list[str]:
    """One-line labels and buttons narrower than the text they hold."""
    bad: list[str] = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and not w.wordWrap() and w.text() and "<" not in w.text():
            shown = _MNEMONIC.sub("", w.text().split("\n")[0]).replace("&&", "&")
            need = QFontMetrics(w.font()).horizontalAdvance(shown)
            if need > w.contentsRect().width() + 1:
                bad.append(
                    f"{w.objectName() or 'QLabel'}: {w.text()!r} needs {need}px, has {w.width()}"
                )
        elif (
            isinstance(w, QAbstractButton)
            and w.text()
            and w.minimumSizeHint().width() > w.width() + 1
        ):
            bad.append(f"{w.objectName() or type(w).__name__}: {w.text()!r} is cut off")
    return bad

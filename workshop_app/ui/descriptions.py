"""What a screen reader says a control does, for the controls whose purpose is the same
everywhere: a dialog's Save, Cancel and Close, and a text box described by its own example
text. Filled in once, as each window is first shown; any description a screen sets wins."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_Button = QDialogButtonBox.StandardButton


def _standard_descriptions() -> dict[QDialogButtonBox.StandardButton, str]:
    tr = QCoreApplication.translate
    return {
        _Button.Save: tr("descriptions", "Save what is entered here and close"),
        _Button.Ok: tr("descriptions", "Accept what is entered here and close"),
        _Button.Cancel: tr("descriptions", "Close without saving what was entered here"),
        _Button.Close: tr("descriptions", "Close this window; nothing is lost"),
        _Button.Discard: tr("descriptions", "Close and forget what was entered here"),
        _Button.Yes: tr("descriptions", "Yes, go ahead"),
        _Button.No: tr("descriptions", "No, leave things as they are"),
    }


def _described(widget: QWidget) -> bool:
    return bool(widget.accessibleDescription() or widget.toolTip())


def fill_descriptions(root: QWidget) -> None:
    standard = _standard_descriptions()
    for box in root.findChildren(QDialogButtonBox):
        for button in box.buttons():
            text = standard.get(box.standardButton(button))
            if text and not _described(button):
                button.setAccessibleDescription(text)
    for edit in root.findChildren(QLineEdit) + root.findChildren(QPlainTextEdit):
        hint = edit.placeholderText()
        if hint and not _described(edit):
            edit.setAccessibleDescription(hint)
    for edit in root.findChildren(QTextEdit):
        hint = edit.placeholderText()
        if hint and not _described(edit):
            edit.setAccessibleDescription(hint)


class _Filler(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            fill_descriptions(watched)
        return False


def install_descriptions(app: QApplication) -> None:
    if app.property("workshop_descriptions_installed"):
        return
    app.setProperty("workshop_descriptions_installed", True)
    app.installEventFilter(_Filler(app))

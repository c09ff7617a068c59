"""What a screen reader says a dialog's standard buttons do (Save, Cancel, Close…): the same
everywhere, so said once here. Any description a dialog sets itself wins."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QWidget

_Button = QDialogButtonBox.StandardButton


def _standard_descriptions() -> dict[QDialogButtonBox.StandardButton, str]:
    translate = QCoreApplication.translate  # named so the translators' tool finds each phrase
    return {
        _Button.Save: translate("descriptions", "Save what is entered here and close"),
        _Button.Ok: translate("descriptions", "Accept what is entered here and close"),
        _Button.Cancel: translate("descriptions", "Close without saving what was entered here"),
        _Button.Close: translate("descriptions", "Close this window; nothing is lost"),
        _Button.Discard: translate("descriptions", "Close and forget what was entered here"),
        _Button.Yes: translate("descriptions", "Yes, go ahead"),
        _Button.No: translate("descriptions", "No, leave things as they are"),
    }


def _described(widget: QWidget) -> bool:
    return bool(widget.accessibleDescription() or widget.toolTip())


def describe_buttons(box: QDialogButtonBox) -> None:
    """Say what a dialog's standard buttons do, where the dialog has not said it itself. Call
    once the box has its buttons."""
    standard = _standard_descriptions()
    for button in box.buttons():
        text = standard.get(box.standardButton(button))
        if text and not _described(button):
            button.setAccessibleDescription(text)

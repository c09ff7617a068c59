"""The one-line message under a dialog's controls: an error in red, or a quiet confirmation."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def show_message(label: QLabel, text: str, error: bool) -> None:
    # The style sheet keys on the object name, so the style must be re-applied after renaming.
    label.setObjectName("captureMessage" if error else "registerMessage")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))

"""The hub's key from its window: make it once (under a passphrase typed twice) and save its
public key as the small file every laptop installs (`workshop-app install-key`), the same as
`workshop-app hub init` does at the terminal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workshop_app.errors import AppError, os_reason
from workshop_app.sync import keys
from workshop_app.sync.hub import Hub
from workshop_app.ui.descriptions import describe_buttons
from workshop_app.ui.messages import show_message

MIN_PASSPHRASE = 10


class NewPassphraseDialog(QDialog):
    """The hub passphrase, typed twice; OK only when both match and it is long enough."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make the hub's key"))
        intro = QLabel(
            self.tr(
                "The hub's private key is kept in the hub, locked by this passphrase. Everyone "
                "who imports bundles needs it; if it is lost, bundles encrypted to this hub "
                "cannot be opened."
            )
        )
        intro.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow(self.tr("The same &again:"), self.second)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        describe_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        if len(self.first.text()) < MIN_PASSPHRASE:
            text = self.tr("Use at least %1 characters: a few words make a good passphrase.")
            show_message(self.message, text.replace("%1", str(MIN_PASSPHRASE)), True)
            return
        if self.first.text() != self.second.text():
            show_message(self.message, self.tr("The two passphrases differ."), True)
            return
        super().accept()

    def passphrase(self) -> str:
        return self.first.text()


def make_hub_key(parent: QWidget, hub: Hub, label: QLabel) -> bool:
    """Make the key (if the hub has none), then offer to save its public key file."""
    if hub.public_key() is None:
        dialog = NewPassphraseDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            hub.init_key(dialog.passphrase())
        except AppError as exc:
            show_message(label, exc.message, True)
            return False
    return save_public_key(parent, hub, label)


def save_public_key(parent: QWidget, hub: Hub, label: QLabel) -> bool:
    public = hub.public_key()
    if public is None:
        return False
    name, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Save the hub's public key for the laptops"),
        str(Path.home() / keys.INSTALLED_HUB_KEY_FILE),
        parent.tr("Hub keys (*.pub)"),
    )
    if not name:
        return False
    return write_public_key(hub, Path(name), label)


def write_public_key(hub: Hub, path: Path, label: QLabel) -> bool:
    public = hub.public_key()
    if public is None:
        return False
    try:
        path.write_text(keys.hub_key_text(public), encoding="utf-8")
    except OSError as exc:
        text = label.tr("Cannot write %1: %2.").replace("%1", str(path))
        show_message(label, text.replace("%2", os_reason(exc)), True)
        return False
    shown = keys.show_fingerprint(keys.fingerprint(keys.raw_public(public)))[:19]
    text = label.tr(
        "Saved the hub's public key (%1…) in %2: install it on every laptop that will send "
        "bundles here."
    )
    show_message(label, text.replace("%1", shown).replace("%2", str(path)), False)
    return True

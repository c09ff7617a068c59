"""File > Export for the hub…: the bundle written from the window imports at a hub; without a hub
key the window explains how to get one; the home list says when a workshop was last exported
and whether it changed since; a failed write is one line and leaves no file."""

from __future__ import annotations

import errno
import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QPushButton
from ui_helpers import activate, capture

from workshop_app.sync import keys
from workshop_app.sync.hub import Hub
from workshop_app.ui.hub_export import HubExport, install_export_action
from workshop_app.ui.main_window import MainWindow

SHOTS = Path("/tmp/hub-export")
PASSPHRASE = "a long hub passphrase"


def shoot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def hub(tmp_path: Path):
    hub = Hub.open(f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite'}")
    public, _ = hub.init_key(PASSPHRASE)
    pub = tmp_path / "hub-key.pub"
    pub.write_text(keys.hub_key_text(public), encoding="utf-8")
    yield hub, pub
    hub.close()


def with_export(w: MainWindow) -> HubExport:
    """What the main window does: File > Export for the hub…"""
    if w.findChild(HubExport) is None:
        file_menu = w.menuBar().actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        install_export_action(w, file_menu)
    controller = w.findChild(HubExport)
    assert controller is not None
    return controller


def menu_action(w: MainWindow):
    file_menu = w.menuBar().actions()[0].menu()
    file_menu.aboutToShow.emit()
    action = next(a for a in file_menu.actions() if a.objectName() == "exportForHub")
    assert action.text() == "Export for the &hub…"
    return action


def save_to(monkeypatch, path: Path, asked: list[str] | None = None) -> None:
    def fake(parent, caption, directory, filters):
        if asked is not None:
            asked.extend([caption, directory])
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)


def wait_exported(qtbot, controller: HubExport) -> None:
    qtbot.waitUntil(lambda: controller.job is None, timeout=10000)


def visible_box(name: str) -> QMessageBox:
    boxes = [b for b in QApplication.topLevelWidgets() if b.objectName() == name]
    shown = [b for b in boxes if isinstance(b, QMessageBox) and b.isVisible()]
    assert shown, f"no {name} message is showing"
    return shown[-1]


def test_menu_item_is_off_until_a_workshop_is_open(window, workshop_id) -> None:
    w = window()
    with_export(w)
    assert not menu_action(w).isEnabled()


def test_exported_file_imports_at_the_hub(
    qtbot, board_window, db, hub, tmp_path, monkeypatch
) -> None:
    hub_db, pub = hub
    keys.install_hub_key(db.data_dir, pub)
    controller = with_export(board_window)
    out = tmp_path / "out" / "llani.wsbundle"
    out.parent.mkdir()
    asked: list[str] = []
    save_to(monkeypatch, out, asked)
    action = menu_action(board_window)
    assert action.isEnabled()
    action.trigger()
    wait_exported(qtbot, controller)
    # The proposed name comes from the workshop's title.
    assert asked[1].endswith("Llanidloes town hall.wsbundle")
    assert out.exists()
    message = board_window.statusBar().currentMessage()
    assert "Exported “Llanidloes town hall” for the hub" in message
    assert "signed and encrypted" in message
    outcome = hub_db.import_bundle(
        out.read_bytes(), out.name, hub_db.key_source(lambda: PASSPHRASE), approve_new=True
    )
    assert outcome.status == "merged", outcome.reason
    assert [w.title for w in hub_db.workshops()] == ["Llanidloes town hall"]


def test_without_a_hub_key_it_explains_and_installs_one(
    qtbot, board_window, db, hub, tmp_path, monkeypatch
) -> None:
    _, pub = hub
    controller = with_export(board_window)
    menu_action(board_window).trigger()
    box = visible_box("noHubKey")
    shoot(box, "no-hub-key")
    assert "no hub key" in box.text()
    assert "Ask the programme hub staff" in box.informativeText()
    assert "personal data unprotected" in box.informativeText()
    assert not (db.data_dir / "hub-key.pub").exists()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(pub), ""))
    box.findChild(QPushButton, "installHubKey").click()
    installed = visible_box("hubKeyInstalled")
    shoot(installed, "hub-key-installed")
    laptop = keys.show_fingerprint(keys.laptop_fingerprint(db.data_dir))
    shown = installed.text().replace("<br>", " ")
    assert laptop in shown
    assert "Read this laptop's fingerprint out to the hub staff" in shown
    assert (db.data_dir / "hub-key.pub").exists()

    out = tmp_path / "after-key.wsbundle"
    save_to(monkeypatch, out)
    export_now = next(b for b in installed.buttons() if b.text() == "&Export now…")
    export_now.click()
    wait_exported(qtbot, controller)
    manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
    assert manifest["encryption"]["scheme"] != "none"


def test_export_without_encryption_is_warned(
    qtbot, board_window, db, tmp_path, monkeypatch
) -> None:
    controller = with_export(board_window)
    menu_action(board_window).trigger()
    box = visible_box("noHubKey")
    out = tmp_path / "plain"  # the suffix is added
    asked: list[str] = []
    save_to(monkeypatch, out, asked)
    box.findChild(QPushButton, "exportUnencrypted").click()
    wait_exported(qtbot, controller)
    assert "WITHOUT encryption" in asked[0]
    written = tmp_path / "plain.wsbundle"
    manifest = json.loads(zipfile.ZipFile(written).read("manifest.json"))
    assert manifest["encryption"]["scheme"] == "none"
    assert "NOT encrypted" in board_window.statusBar().currentMessage()


def test_home_list_shows_the_last_export_and_changes_since(
    qtbot, board_window, db, hub, tmp_path, monkeypatch
) -> None:
    _, pub = hub
    keys.install_hub_key(db.data_dir, pub)
    controller = with_export(board_window)
    w = board_window
    w.show_home()
    assert "Exported" not in w.home.list.item(0).text()
    w.open_workshop(w.home.current().id)
    save_to(monkeypatch, tmp_path / "a.wsbundle")
    controller.start()
    wait_exported(qtbot, controller)
    w.show_home()
    line = w.home.list.item(0).text()
    assert "Exported " in line
    assert "changed since" not in line
    w.resize(1000, 560)
    shoot(w, "home-exported")

    qtbot.keyClick(w.home.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.board is not None and w.board.isVisible())
    activate(qtbot, w)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.board.capture.note_edit)
    capture(qtbot, w.board, "The bus stops at six")
    w.show_home()
    line = w.home.list.item(0).text()
    assert "Exported " in line and "· changed since" in line
    shoot(w, "home-changed-since")


def test_a_full_disk_is_one_line_and_leaves_no_file(
    qtbot, board_window, db, hub, tmp_path, monkeypatch
) -> None:
    import workshop_app.sync.bundle_write as bundle_write

    _, pub = hub
    keys.install_hub_key(db.data_dir, pub)
    controller = with_export(board_window)
    keys.laptop_fingerprint(db.data_dir)  # the laptop's signing key, made before the disk fills
    folder = tmp_path / "stick"
    folder.mkdir()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bundle_write.os, "fsync", full)
    save_to(monkeypatch, folder / "w.wsbundle")
    failed: list[str] = []
    controller.failed.connect(failed.append)
    controller.start()
    wait_exported(qtbot, controller)
    assert failed and "\n" not in failed[0]
    assert failed[0].startswith("Cannot write the bundle")
    assert failed[0].endswith("the disk is full.")  # in words of the chosen language
    box = visible_box("hubExportError")
    shoot(box, "disk-full")
    assert box.text() == failed[0]
    assert list(folder.iterdir()) == []  # no half-written bundle, no temporary file
    board_window.show_home()
    assert "Exported" not in board_window.home.list.item(0).text()


def test_a_missing_folder_is_one_line(qtbot, board_window, db, tmp_path, monkeypatch) -> None:
    controller = with_export(board_window)
    failed: list[str] = []
    controller.failed.connect(failed.append)
    controller.export_to(tmp_path / "gone" / "w.wsbundle", unencrypted=True)
    wait_exported(qtbot, controller)
    assert failed and failed[0].startswith("Cannot write the bundle")
    assert not (tmp_path / "gone").exists()


def test_installed_where_the_window_builds_its_menus(
    qtbot, window, db, workshop_id, hub, tmp_path, monkeypatch
) -> None:
    """The action as the main window has it (File > Export for the hub…), with the last export
    on the home list."""
    _, pub = hub
    keys.install_hub_key(db.data_dir, pub)
    w = window()
    controller = w.findChild(HubExport)
    assert controller is not None
    assert "Exported" not in w.home.list.item(0).text()
    w.open_workshop(workshop_id)
    assert menu_action(w).isEnabled()
    save_to(monkeypatch, tmp_path / "hooked.wsbundle")
    menu_action(w).trigger()
    wait_exported(qtbot, controller)
    w.show_home()
    assert "Exported " in w.home.list.item(0).text()

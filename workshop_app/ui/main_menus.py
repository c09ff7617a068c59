"""The main window's menu items: File, People, Vote, View, Settings and Help, each installed by
the module that owns what it does. Built just after the window's first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from workshop_app.ui.help_menu import install_help_menu, install_language_menu
from workshop_app.ui.hub_export import install_export_action
from workshop_app.ui.hub_menu import install_hub_menu
from workshop_app.ui.printing_actions import install_print_menu
from workshop_app.ui.projector_actions import install_projector_actions
from workshop_app.ui.timer_control import install_timer

if TYPE_CHECKING:
    from workshop_app.ui.main_window import MainWindow


def fill_menus(w: MainWindow) -> None:
    file_menu = w.file_menu
    w.act_home = w._add(file_menu, w.tr("&Workshops"), "Ctrl+Shift+H", w.show_home)
    w._add(file_menu, w.tr("&New workshop…"), QKeySequence.StandardKey.New, w.new_workshop)
    w.act_details = w._add(file_menu, w.tr("Workshop &details…"), None, w.edit_current_workshop)
    file_menu.addSeparator()
    w.act_import = w._add(file_menu, w.tr("&Import notes…"), "Ctrl+Shift+I", w.import_notes)
    w.act_export = w._add(file_menu, w.tr("&Export notes as CSV…"), "Ctrl+Shift+E", w.export_notes)
    file_menu.addSeparator()
    w.print_menu = install_print_menu(w, file_menu, lambda: w.session, lambda: w.board is not None)
    file_menu.addSeparator()
    install_export_action(w, file_menu)
    install_hub_menu(w, file_menu)
    file_menu.addSeparator()
    w._add(file_menu, w.tr("&Quit"), QKeySequence.StandardKey.Quit, w.close)
    w.act_participants = w._add(
        w.people_menu, w.tr("&Participants…"), "Ctrl+Shift+P", w.show_participants
    )
    w.act_reach = w._add(w.people_menu, w.tr("&Equality and reach…"), "Ctrl+Shift+R", w.show_reach)
    w.act_voting = w._add(w.vote_menu, w.tr("&Voting rounds…"), "Ctrl+Shift+V", w.show_voting)
    w.act_projector = w._add(w.view_menu, w.tr("&Projector window"), None, w.show_projector)
    w.act_projector.setObjectName("projectorWindow")
    install_projector_actions(w)
    install_timer(w)
    install_language_menu(w, w.settings_menu)
    install_help_menu(w, w.help_menu)

"""What the board does to the selected cards: group, ungroup, stack, delete, move, and what a
drop does. Errors and hints show under the board's capture bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from workshop_app.core.board import Row
from workshop_app.core.operations import board as ops
from workshop_app.ui.card_list import CardListView, shows_any

if TYPE_CHECKING:
    from workshop_app.ui.board_screen import BoardScreen


class CardActions(QObject):
    """The board's card actions, each one named operation (or a few) through the session."""

    def __init__(self, screen: BoardScreen) -> None:
        super().__init__(screen)
        self.screen = screen

    def group_selected(self) -> None:
        s = self.screen
        view, rows = s.selected()
        cards = [r.id for r in rows if r.kind == "card"]
        clusters = [r.id for r in rows if r.kind == "cluster"]
        if clusters and cards:
            with s.reporting():
                s.run(ops.add_to_cluster(clusters[0], cards))
                s.after_action(view, clusters[0])
            return
        if not cards:
            s.hint(s.tr("Select notes first (Shift or Ctrl with the arrows or the mouse)."))
            return
        with s.reporting():
            cluster_id = s.run(ops.group(cards)).id
            s.capture.clear_message()
            s.after_action(view, cluster_id)
            target = s.current_view()
            if target is not None:
                # Name the new cluster straight away, from the keyboard.
                QTimer.singleShot(0, lambda: target.edit(target.currentIndex()))

    def ungroup_selected(self) -> None:
        s = self.screen
        view, rows = s.selected()
        cards = [r.id for r in rows if r.kind == "card" and r.in_cluster]
        clusters = [r.id for r in rows if r.kind == "cluster"]
        with s.reporting():
            if cards:
                s.run(ops.remove_from_cluster(cards))
            for cluster_id in clusters:
                s.run(ops.dissolve_cluster(cluster_id))
        if cards or clusters:
            s.after_action(view, cards[0] if cards else None)
        else:
            s.hint(s.tr("Select a clustered note (or a cluster) to take it out."))

    def stack_selected(self) -> None:
        s = self.screen
        view, rows = s.selected()
        cards = [r.id for r in rows if r.kind == "card"]
        # From the capture bar, Ctrl+D answers the offer to stack the note just typed.
        if s.capture.note_edit.hasFocus() and s.twins.accept():
            return
        if len(cards) < 2:
            s.hint(s.tr("Select two or more notes that say the same thing, then Ctrl+D."))
            return
        with s.reporting():
            s.run(ops.stack_duplicates(cards[0], cards[1:]))
            s.after_action(view, cards[0])

    def unstack_selected(self) -> None:
        s = self.screen
        view, rows = s.selected()
        duplicates = [d for r in rows if r.kind == "card" and r.card for d in r.card.duplicate_ids]
        if not duplicates:
            s.hint(s.tr("That card has no stacked duplicates."))
            return
        with s.reporting():
            s.run(ops.unstack(duplicates))
            s.after_action(view, rows[0].id)

    def delete_selected(self) -> None:
        s = self.screen
        view, rows = s.selected()
        cards = [r.id for r in rows if r.kind == "card"]
        clusters = [r.id for r in rows if r.kind == "cluster"]
        below = self._row_below(view, {r.id for r in rows})
        with s.reporting():
            if cards:
                s.run(ops.delete_notes(cards))
            for cluster_id in clusters:
                s.run(ops.dissolve_cluster(cluster_id))
        if cards or clusters:
            # A stack deleted is every note on it: the count says what the total lost.
            n = sum(r.card.count if r.card else 1 for r in rows if r.kind == "card")
            s.capture.show_message(
                s.tr("Deleted %n note(s). Ctrl+Z undoes.", "", n)
                if n
                else s.tr("Cluster ungrouped; its notes stay. Ctrl+Z undoes."),
                # True until any comes back, shown or hidden by a search.
                still_true=lambda: (
                    not (
                        any(c in s.board_model.board.cards for c in cards)
                        or shows_any(s.columns, clusters)
                    )
                ),
            )
            s.after_action(view, below)

    @staticmethod
    def _row_below(view: CardListView | None, leaving: set[str]) -> str | None:
        """The row that takes the place of the rows leaving the column (the keyboard goes there)."""
        if view is None or not view.currentIndex().isValid():
            return None
        rows = view.column_model.rows()
        start = view.currentIndex().row()
        after = [r.id for r in rows[start:] if r.id not in leaving]
        before = [r.id for r in rows[:start] if r.id not in leaving]
        return after[0] if after else (before[-1] if before else None)

    def move_selected(self, step: int) -> None:
        s = self.screen
        view = s.current_view()
        if view is None:
            return
        ids = s.board_model.theme_ids()
        index = ids.index(view.column_model.theme_id) + step
        if 0 <= index < len(ids):
            self.move_selected_to(index)

    def move_selected_to(self, index: int) -> None:
        s = self.screen
        view, rows = s.selected()
        ids = s.board_model.theme_ids()
        if view is None or not rows or not 0 <= index < len(ids):
            return
        theme_id = ids[index]
        cards = [r.id for r in rows if r.kind == "card"]
        clusters = [r.id for r in rows if r.kind == "cluster"]
        with s.reporting():
            for cluster_id in clusters:
                s.run(ops.move_cluster(cluster_id, theme_id))
            if cards:
                s.run(ops.move_notes(cards, theme_id, s.theme_name(theme_id)))
        target = s.view_for_theme(theme_id)
        if target is not None:
            target.setFocus()
            target.select_id((clusters or cards)[0])

    def on_drop(self, theme_id: str, target: Row | None, payload: dict[str, Any]) -> None:
        s = self.screen
        cards: list[str] = payload.get("cards", [])
        clusters: list[str] = payload.get("clusters", [])
        with s.reporting():
            for cluster_id in clusters:
                if target is None or target.id != cluster_id:
                    s.run(ops.move_cluster(cluster_id, theme_id))
            if cards:
                self.drop_cards(theme_id, target, cards, bool(payload.get("stack")))

    def drop_cards(self, theme_id: str, target: Row | None, cards: list[str], stack: bool) -> None:
        s = self.screen
        if target is None:
            board = s.board_model.board
            same_theme = all(board.cards[c].theme_id == theme_id for c in cards if c in board.cards)
            if same_theme:
                s.run(ops.remove_from_cluster(cards))
            else:
                s.run(ops.move_notes(cards, theme_id, s.theme_name(theme_id)))
        elif target.kind == "cluster":
            s.run(ops.add_to_cluster(target.id, cards))
        elif target.id in cards:
            return
        elif stack:
            s.run(ops.stack_duplicates(target.id, cards))
        elif target.card and target.card.cluster_id:
            s.run(ops.add_to_cluster(target.card.cluster_id, cards))
        else:
            cluster_id = s.run(ops.group([target.id, *cards])).id
            view = s.view_for_theme(theme_id)
            if view is not None:
                view.setFocus()
                view.select_id(cluster_id)
                QTimer.singleShot(0, lambda: view.edit(view.currentIndex()))

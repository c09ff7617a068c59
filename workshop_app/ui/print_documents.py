"""The four printed documents as the print actions build them: each reads its data through the
workshop session (on the main thread), renders on the worker thread, and says in one whole
phrase what happened once it is saved or printed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from workshop_app.errors import AppError
from workshop_app.ui.printing_actions import Document

if TYPE_CHECKING:
    from workshop_app.ui.printing_actions import PrintController


class Documents(QObject):
    def __init__(self, controller: PrintController) -> None:
        super().__init__()
        self.controller = controller
        self.session = controller.session
        self.workshop_id = controller.session.workshop_id

    def _read(self, query):
        return self.controller._read(query)

    def cards(self, blank: int) -> Document | None:
        from workshop_app.printing import queries
        from workshop_app.printing.cards import cards_pdf

        data = self._read(queries.cards(self.workshop_id, blank))
        if data is None:
            return None
        codes = queries.walk_in_codes(data)
        people = len(data.cards)
        added = ", ".join(codes)

        def keep() -> str | None:
            try:
                self.session.run(queries.keep_walk_ins(self.workshop_id, codes))
            except AppError as exc:
                return self.tr("The cards were not kept: %1").replace("%1", exc.message)
            return None

        def saved_text(path: Path) -> str:
            if codes:
                text = self.tr(
                    "Saved %n participant card(s) to %1; walk-in codes added to the register: %2",
                    "",
                    people,
                ).replace("%2", added)
            else:
                text = self.tr("Saved %n participant card(s) to %1", "", people)
            return text.replace("%1", str(path))

        def printed_text(pages: int, printer: str) -> str:
            if codes:
                text = self.tr(
                    "Sent %n page(s) of participant cards to %1; walk-in codes added to the "
                    "register: %2",
                    "",
                    pages,
                ).replace("%2", added)
            else:
                text = self.tr("Sent %n page(s) of participant cards to %1", "", pages)
            return text.replace("%1", printer)

        return Document(
            self.tr("Participant cards"),
            self.tr("participant cards"),
            self.tr("cards"),
            data.workshop.title,
            lambda progress, cancelled: cards_pdf(data),
            saved_text,
            printed_text,
            keep if codes else None,
        )

    def welcome(self, a5: bool) -> Document | None:
        from workshop_app.printing import queries
        from workshop_app.printing.welcome import welcome_pdf

        info = self._read(queries.workshop(self.workshop_id))
        if info is None:
            return None
        return Document(
            self.tr("Welcome sheet"),
            self.tr("the welcome sheet"),
            self.tr("welcome sheet"),
            info.title,
            lambda progress, cancelled: welcome_pdf(info, a5=a5),
            lambda path: self.tr("Saved the welcome sheet to %1").replace("%1", str(path)),
            lambda pages, printer: self.tr(
                "Sent %n page(s) of the welcome sheet to %1", "", pages
            ).replace("%1", printer),
        )

    def results_sheet(self, round_id: str, forward: int | None = None) -> Document | None:
        from workshop_app.printing import queries
        from workshop_app.printing.results_sheet import results_sheet_pdf

        sheet = self._read(queries.results_sheet(self.workshop_id, round_id, forward))
        if sheet is None:
            return None
        name = sheet.result.round.name
        return Document(
            self.tr("Results sheet"),
            self.tr("the results sheet"),
            self.tr("results"),
            sheet.workshop.title,
            lambda progress, cancelled: results_sheet_pdf(sheet),
            lambda path: (
                self.tr("Saved the results sheet of %1 to %2")
                .replace("%1", name)
                .replace("%2", str(path))
            ),
            lambda pages, printer: (
                self.tr("Sent %n page(s) of the results sheet of %1 to %2", "", pages)
                .replace("%1", name)
                .replace("%2", printer)
            ),
        )

    def report(self, paper: str) -> Document | None:
        from workshop_app.printing import queries
        from workshop_app.printing.report import report_pdf

        data = self._read(queries.report(self.workshop_id))
        if data is None:
            return None
        return Document(
            self.tr("Workshop report"),
            self.tr("the workshop report"),
            self.tr("report"),
            data.board.workshop.title,
            lambda progress, cancelled: report_pdf(
                data, paper, progress=progress, cancelled=cancelled
            ),
            lambda path: self.tr("Saved the workshop report to %1").replace("%1", str(path)),
            lambda pages, printer: self.tr(
                "Sent %n page(s) of the workshop report to %1", "", pages
            ).replace("%1", printer),
        )

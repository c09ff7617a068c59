"""The workshop report's page furniture, laid out in one pass: contents pages whose lines take
their places up front and get their page numbers drawn into PDF forms at the end, and the
document template that draws "page X of Y" footers (Y in a form), bookmarks and outline entries,
reports progress and stops when cancelled."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

from workshop_app.i18n import _
from workshop_app.printing.fonts import BOLD, REGULAR
from workshop_app.printing.output import PrintCancelled, Progress
from workshop_app.printing.page_total import draw_page_of, fill_page_total
from workshop_app.printing.styles import INK, MUTED

MARGIN = 2 * cm
FOOTER_SIZE = 8


# Height of a contents line: a section, then a theme, round or narrative within it.
_LINE = (19.0, 15.5)


class ContentsPage(Flowable):
    """One page of the contents, laid out now and filled in once the pages are known.

    The entries (every section and theme, round and narrative) are known before layout, so their
    lines take their places in the one layout pass; the page numbers are drawn afterwards into a
    PDF form this page shows. One pass instead of the two or three a table of contents needs."""

    TITLE = 34.0

    def __init__(self, index: int, entries: list[tuple[int, str, str]], first: bool) -> None:
        super().__init__()
        self.index = index
        self.entries = entries
        self.first = first
        self.lines: list[tuple[int, str, str, float]] = []  # level, text, key, baseline y

    @classmethod
    def pages_for(
        cls, entries: list[tuple[int, str, str]], height: float
    ) -> list[list[tuple[int, str, str]]]:
        chunks: list[list[tuple[int, str, str]]] = [[]]
        room = height - cls.TITLE
        for entry in entries:
            need = _LINE[entry[0]]
            if room < need and chunks[-1]:
                chunks.append([])
                room = height
            chunks[-1].append(entry)
            room -= need
        return chunks

    @property
    def form(self) -> str:
        return f"contents{self.index}"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height - 1
        y = self.height - (self.TITLE if self.first else 0)
        self.lines = []
        for level, text, key in self.entries:
            y -= _LINE[level]
            self.lines.append((level, text, key, y + 4))
        return self.width, self.height

    def draw(self) -> None:
        for level, _text, key, y in self.lines:
            self.canv.linkRect("", key, (0, y - 3, self.width, y + _LINE[level] - 5))
        self.canv.doForm(self.form)

    def fill(self, canvas: Canvas, pages: dict[str, int]) -> None:
        """Draw the finished page into its form (called after layout, before saving)."""
        canvas.beginForm(self.form)
        canvas.setFillColor(INK)
        if self.first:
            canvas.setFont(BOLD, 17)
            canvas.drawString(0, self.height - 21, _("Contents"))
        for level, text, key, y in self.lines:
            font, size, indent = (REGULAR, 11, 0) if level == 0 else (REGULAR, 9.5, 14)
            number = str(pages.get(key, ""))
            right = self.width - canvas.stringWidth(number, font, size)
            room = right - indent - 12
            while canvas.stringWidth(text, font, size) > room and len(text) > 2:
                text = text[:-2] + "…"
            canvas.setFont(font, size)
            canvas.drawString(indent, y, text)
            canvas.drawRightString(self.width, y, number)
            start = indent + canvas.stringWidth(text, font, size) + 6
            if level > 0 and right - 6 > start:
                canvas.setFillColor(MUTED)
                dots = " ." * int((right - 6 - start) / canvas.stringWidth(" .", font, size))
                canvas.drawRightString(right - 6, y, dots)
                canvas.setFillColor(INK)
        canvas.endForm()


class ReportDoc(BaseDocTemplate):
    def __init__(self, *args, progress: Progress | None, cancelled, total: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.progress = progress
        self.cancelled = cancelled
        self.total = total
        self.done = 0
        self.footer = ""
        self.pages = 0
        self.entry_pages: dict[str, int] = {}
        # The canvas is saved by finish(), once the page total and the contents are drawn.
        self._doSave = 0

    def draw_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.pages = doc.page
        canvas.saveState()
        canvas.setFont(REGULAR, FOOTER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN / 2, self.footer)
        canvas.restoreState()
        draw_page_of(canvas, doc.page, self.pagesize[0] - MARGIN, MARGIN / 2, FOOTER_SIZE)

    def afterFlowable(self, flowable: Flowable) -> None:
        self.done += 1
        if self.cancelled is not None and self.cancelled():
            raise PrintCancelled()
        if self.progress is not None and self.done % 20 == 0:
            self.progress(min(self.done, self.total - 1), self.total)
        entry = getattr(flowable, "_toc", None)
        if entry is None:
            return
        level, text, key = entry
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.entry_pages[key] = self.page

    def finish(self, contents: list[ContentsPage]) -> None:
        canvas = self.canv
        fill_page_total(canvas, self.pages, FOOTER_SIZE)
        for page in contents:
            page.fill(canvas, self.entry_pages)
        canvas.save()

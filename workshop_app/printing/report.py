"""The workshop report: a cover, contents with page numbers, the questions asked, who took part
(suppressed as on screen), every theme with its clusters and notes, every closed voting round
with its chart and rules, the narratives with the stories consent allows, and an appendix of every
note. Footers say "page X of Y"; the PDF has a title, an author and an outline per section.

Laid out in one pass: the contents' lines are placed up front and their page numbers (and each
footer's "of Y") drawn into PDF forms at the end. A caller can follow progress and cancel
between paragraphs.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from sqlalchemy.orm import Session

from workshop_app.core import voting
from workshop_app.core.board import Board, column_rows, load_board
from workshop_app.core.equality import SECONDARY, SUPPRESSED, ReachSummary, reach_summary
from workshop_app.core.errors import ValidationError
from workshop_app.core.narratives import NarrativeInfo, list_narratives, preview_sections
from workshop_app.core.notes import NoteInfo, stack_of
from workshop_app.core.participants import list_participants
from workshop_app.core.stories import list_stories
from workshop_app.i18n import _, ngettext
from workshop_app.printing.chart import round_flowables
from workshop_app.printing.common import PAPER_NAMES, fitted, printed_at, when_text, where_text
from workshop_app.printing.fonts import REGULAR, TextGuard, para_plain, quote
from workshop_app.printing.output import Progress
from workshop_app.printing.report_layout import MARGIN, ContentsPage, ReportDoc
from workshop_app.printing.styles import styles

PAPERS = {"a4": A4, "letter": LETTER}


@dataclass(frozen=True)
class PublishedStory:
    text: str
    credit: str | None


@dataclass(frozen=True)
class NarrativeSection:
    info: NarrativeInfo
    stories: tuple[PublishedStory, ...]
    kept_back: int  # stories consent keeps out of print: counted, never shown


@dataclass(frozen=True)
class ReportData:
    board: Board
    participants: int
    reach: ReachSummary
    rounds: tuple[voting.Results, ...]
    narratives: tuple[NarrativeSection, ...]
    stacks: dict[str, tuple[NoteInfo, ...]]  # top note id -> every original on that card


def load_report(session: Session, workshop_id: str) -> ReportData:
    board = load_board(session, workshop_id)
    rounds = tuple(
        voting.results(session, r.id)
        for r in voting.list_rounds(session, workshop_id)
        if r.status == voting.CLOSED
    )
    sections = []
    for info in list_narratives(session, workshop_id):
        stories = list_stories(session, workshop_id, info.target_kind, info.target_id)
        # The same rule as `narratives --json`: StoryInfo.as_json gives the words and credit
        # only when the story may be published, and says whether that is in reports (consent
        # to publicity alone is not).
        shown = [st.as_json() for st in stories]
        published = tuple(
            PublishedStory(s["text"], s["credit"])
            for s in shown
            if s["text"] is not None and s["in_reports"]
        )
        sections.append(NarrativeSection(info, published, len(shown) - len(published)))
    stacks = {
        card.id: tuple(stack_of(session, card.id))
        for card in board.cards.values()
        if card.duplicate_ids
    }
    return ReportData(
        board,
        len(list_participants(session, workshop_id)),
        reach_summary(session, workshop_id),
        rounds,
        tuple(sections),
        stacks,
    )


class _Builder:
    def __init__(self, data: ReportData, width: float, height: float) -> None:
        self.data = data
        self.width = width
        self.height = height  # of the frame, for the contents pages
        self.entries: list[tuple[int, str, str]] = []  # sections and their parts, in order
        self.contents: list[ContentsPage] = []
        self.cover_index = 0
        # Notes are numbered 1, 2, 3… in the order they were captured, duplicates included:
        # the appendix lists them by these numbers and the first-page notice names them so.
        self.numbers: dict[str, int] = {}
        self.appendix_rows: list[tuple[int, str, str, str]] = []  # number, text, table, theme id
        for card in sorted(data.board.cards.values(), key=lambda c: c.seq):
            originals = data.stacks.get(card.id)
            notes = (
                [(n.id, n.text, n.table_label) for n in originals]
                if originals
                else [(card.id, card.text, card.table_label)]
            )
            for note_id, text, table in notes:
                self.numbers[note_id] = len(self.numbers) + 1
                self.appendix_rows.append((self.numbers[note_id], text, table, card.theme_id))
        self.guard = TextGuard()
        self.st = styles()
        self.story: list[Flowable] = []
        self._keys = 0

    def heading(self, text: str, level: int, where: str | None = None) -> None:
        plain = self.guard.plain(text, where)
        style = self.st[("h1", "h2", "h3")[min(level, 2)]]
        para = Paragraph(self.guard.para(plain), style)
        self._keys += 1
        para._toc = (level, plain, f"s{self._keys}")
        if level <= 1:
            self.entries.append(para._toc)
        self.story.append(para)

    def para(self, text: str, style: str = "body", where: str | None = None) -> None:
        self.story.append(Paragraph(self.guard.para(text, where), self.st[style]))

    def note_line(self, text: str, number: int, table: str, count: int, style: str) -> None:
        where = _("note {number} {text}").format(number=number, text=quote(text))
        extra = [f"×{count}"] if count > 1 else []
        if table.strip():
            extra.append(self.guard.plain(table, where))
        tail = (
            f" <font color='#555555'>({self.guard.para(' · '.join(extra))})</font>" if extra else ""
        )
        self.story.append(Paragraph(f"• {self.guard.para(text, where)}{tail}", self.st[style]))

    def build(self) -> None:
        w = self.data.board.workshop
        self.cover()
        contents_at = len(self.story)
        prompts = [p for p in w.prompts if p.strip()]
        if prompts:
            self.heading(_("The questions asked"), 0)
            for p in prompts:
                self.para("• " + p, where=_("a question"))
        self.who_took_part()
        self.themes()
        self.rounds()
        self.narratives()
        self.appendix()
        chunks = ContentsPage.pages_for(self.entries, self.height)
        pages: list[Flowable] = []
        for i, chunk in enumerate(chunks):
            page = ContentsPage(i, chunk, first=i == 0)
            self.contents.append(page)
            pages += [page, PageBreak()]
        self.story[contents_at:contents_at] = pages

    def cover(self) -> None:
        w = self.data.board.workshop
        self.story += [
            Spacer(1, 3 * cm),
            Paragraph(para_plain(_("Workshop report")), self.st["big"]),
        ]
        self.story.append(
            Paragraph(self.guard.para(w.title, _("the workshop's title")), self.st["title"])
        )
        for line in (when_text(w.starts_at), where_text(w), w.programme):
            if line.strip():
                self.para(line, "big", _("the workshop's date, place or programme"))
        if w.facilitators.strip():
            self.para(
                _("Facilitated by {names}").format(names=w.facilitators),
                where=_("the facilitators' names"),
            )
        board = self.data.board
        counts = [
            ngettext("{n} note", "{n} notes", board.total_notes),
            ngettext("{n} cluster", "{n} clusters", len(board.clusters)),
            ngettext("{n} closed voting round", "{n} closed voting rounds", len(self.data.rounds)),
            ngettext("{n} narrative", "{n} narratives", len(self.data.narratives)),
        ]
        self.para(", ".join(counts) + ".")
        self.para(printed_at(), "small")
        self.cover_index = len(self.story)
        self.story.append(PageBreak())

    def who_took_part(self) -> None:
        self.heading(_("Who took part"), 0)
        self.para(
            ngettext(
                "{n} participant code in the register. Names are never printed here; votes and "
                "notes go with codes.",
                "{n} participant codes in the register. Names are never printed here; votes and "
                "notes go with codes.",
                self.data.participants,
            )
        )
        reach = self.data.reach
        if reach.none_returned:
            self.para(_("No equality and reach cards returned yet."))
            return
        self.para(_("Equality and reach cards returned: {count}.").format(count=reach.cards))
        for q in reach.questions:
            if not q.lines:
                continue  # a free-text question nobody answered: no label without a value
            answers = " · ".join(f"{ln.answer}: {ln.shown}" for ln in q.lines)
            self.story.append(
                Paragraph(
                    f"<b>{self.guard.para(q.label)}</b>: {self.guard.para(answers)}",
                    self.st["body"],
                )
            )
        self.para(
            _(
                "Counts under 5 show as {suppressed}; {secondary} marks a larger count hidden so "
                "a small one cannot be worked out from the total."
            ).format(suppressed=SUPPRESSED, secondary=SECONDARY),
            "small",
        )

    def themes(self) -> None:
        board = self.data.board
        self.heading(_("Themes and notes"), 0)
        empty = len(self.story)
        for theme in board.themes:
            count = board.note_count(theme.id)
            if not count and theme.is_parking_lot:
                continue
            self.heading(theme.name, 1, _("the theme {name}").format(name=quote(theme.name)))
            self.para(ngettext("{n} note", "{n} notes", count), "small_lead")
            for row in column_rows(board, theme.id):
                if row.kind == "cluster" and row.cluster is not None:
                    c = row.cluster
                    count_text = para_plain(ngettext("{n} note", "{n} notes", c.note_count))
                    name = self.guard.para(
                        c.name or _("(unnamed cluster)"),
                        _("the cluster {name}").format(name=quote(c.name)),
                    )
                    self.story.append(
                        Paragraph(
                            f"{name} <font color='#555555'>({count_text})</font>",
                            self.st["h3"],
                        )
                    )
                elif row.card is not None:
                    card = row.card
                    style = "cluster_note" if row.in_cluster else "note"
                    self.note_line(
                        card.text, self.numbers[card.id], card.table_label, card.count, style
                    )
        if len(self.story) == empty:
            self.para(_("No notes yet."))

    def rounds(self) -> None:
        if not self.data.rounds:
            return
        self.heading(_("Voting"), 0)
        for result in self.data.rounds:
            where = _("the round {round}").format(round=quote(result.round.name))
            self.heading(result.round.name, 1, where)
            # The headings just set (the section's, for the first round) go with the chart.
            lead = 2 if result is self.data.rounds[0] else 1
            heads = self.story[-lead:]
            del self.story[-lead:]
            self.story += round_flowables(result, self.guard, self.width, heads)

    def narratives(self) -> None:
        if not self.data.narratives:
            return
        self.heading(_("Narratives"), 0)
        for section in self.data.narratives:
            info = section.info
            where = _("the narrative for {priority}").format(priority=quote(info.title))
            self.heading(info.title or _("(untitled priority)"), 1, where)
            sections = preview_sections(info)
            if not sections and not section.stories and not section.kept_back:
                self.para(_("Nothing written yet."))
            for title, text in sections:
                self.story.append(
                    Paragraph(f"<b>{self.guard.para(title)}</b>", self.st["body_lead"])
                )
                self.para(text, "note", where)
            story_where = _("a story for {priority}").format(priority=quote(info.title))
            for story in section.stories:
                if story.credit:
                    quoted = _("“{story}” — {credit}").format(story=story.text, credit=story.credit)
                else:
                    quoted = _("“{story}”").format(story=story.text)
                self.para(quoted, "cluster_note", story_where)
            if section.kept_back:
                self.para(
                    ngettext(
                        "{n} story is kept for internal use only, as the person who told it asked.",
                        "{n} stories are kept for internal use only, as the people who told them "
                        "asked.",
                        section.kept_back,
                    ),
                    "small",
                )

    def appendix(self) -> None:
        if not self.appendix_rows:
            # Not a page of its own just to say so.
            self.heading(_("Appendix: every note"), 0)
            self.para(_("No notes yet."))
            return
        self.story.append(PageBreak())
        self.heading(_("Appendix: every note"), 0)
        self.para(
            _(
                "Every note as it was written, in the order it was captured; stacked duplicates "
                "are listed with the note they were stacked on."
            ),
            "small",
        )
        themes = {t.id: t.name for t in self.data.board.themes}
        for number, text, table, theme_id in self.appendix_rows:
            where = _("note {number} {text}").format(number=number, text=quote(text))
            parts = [themes.get(theme_id, "")] + ([table] if table.strip() else [])
            meta = self.guard.para(" · ".join(p for p in parts if p.strip()))
            tail = f" <font color='#555555'>({meta})</font>" if meta else ""
            self.story.append(
                Paragraph(f"<b>{number}.</b> {self.guard.para(text, where)}{tail}", self.st["note"])
            )


def report_pdf(
    data: ReportData,
    paper: str = "a4",
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    if paper not in PAPERS:
        raise ValidationError(
            _("Paper is one of {papers}, not '{paper}'.").format(
                papers=", ".join(PAPER_NAMES), paper=paper
            )
        )
    pagesize = PAPERS[paper]
    # The frame's own padding (6 points a side) comes off the room for the contents.
    builder = _Builder(data, pagesize[0] - 2 * MARGIN, pagesize[1] - 2 * MARGIN - 12)
    builder.build()
    notice = builder.guard.notice()
    if notice:
        # On the first page whole (set smaller if the cover leaves little room), never split
        # with its tail alone on the next page.
        width, height = builder.width, pagesize[1] - 2 * MARGIN - 12
        used = sum(
            f.wrap(width, height)[1] + f.getSpaceAfter() + f.getSpaceBefore()
            for f in builder.story[: builder.cover_index]
        )
        warning = fitted(builder.guard.para, notice, "warning", width, height - used - 24, 0.7)
        builder.story.insert(builder.cover_index, warning)
    w = data.board.workshop
    title = builder.guard.plain(w.title)
    buffer = io.BytesIO()
    doc = ReportDoc(
        buffer,
        pagesize=pagesize,
        title=_("Workshop report: {title}").format(title=title),
        author=w.facilitators or "Workshop App",
        creator="Workshop App",
        initialFontName=REGULAR,
        progress=progress,
        cancelled=cancelled,
        total=len(builder.story),
    )
    frame = Frame(MARGIN, MARGIN, pagesize[0] - 2 * MARGIN, pagesize[1] - 2 * MARGIN, id="body")
    doc.footer = title if len(title) <= 70 else title[:69] + "…"
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=doc.draw_footer)])
    doc.build(builder.story)
    doc.finish(builder.contents)
    if progress is not None:
        progress(1, 1)
    return buffer.getvalue()

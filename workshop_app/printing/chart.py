"""A voting round's result as printed: a ranked table whose bars share one scale (a vector bar
chart drawn with reportlab graphics), ties and near-ties marked as the screen marks them, and
the rules and totals it was counted under."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from workshop_app.core import voting
from workshop_app.i18n import _, ngettext
from workshop_app.printing.common import clip, fitted
from workshop_app.printing.fonts import TextGuard, para_plain, quote
from workshop_app.printing.styles import BAR, MUTED, RULE, TIED_BAR, TRACK, styles

LABEL_CHARS = 150
BAR_HEIGHT = 0.38 * cm
TIED_ROW = colors.HexColor("#FBF1E6")


def bar(dots: int, most: int, width: float, tied: bool) -> Drawing:
    drawing = Drawing(width, BAR_HEIGHT)
    drawing.add(Rect(0, 0, width, BAR_HEIGHT, fillColor=TRACK, strokeColor=None))
    if most and dots:
        filled = max(width * dots / most, 1.0)
        colour = TIED_BAR if tied else BAR
        drawing.add(Rect(0, 0, filled, BAR_HEIGHT, fillColor=colour, strokeColor=None))
    return drawing


def rank_text(line: voting.ResultLine) -> str:
    return f"{line.rank}{'=' if line.tied else ('~' if line.near_tie else '')}"


def ranked_table(result: voting.Results, guard: TextGuard, width: float) -> Table:
    st = styles()
    objections = result.round.objections
    most = max((ln.dots for ln in result.lines), default=0)
    numbers = [1.3 * cm, 1.4 * cm, 2.4 * cm] + ([2.4 * cm] if objections else [])
    rank_w, bar_w = 1.4 * cm, 4.2 * cm
    label_w = width - rank_w - bar_w - sum(numbers)
    header = [_("Rank"), _("Priority"), "", _("Dots"), _("Share"), _("Supporters")]
    if objections:
        header.append(_("Objections"))
    widths = [rank_w, label_w, bar_w, *numbers]
    # A heading a longer language cannot fit on one line is set smaller, never split mid-word.
    rows: list[list] = [
        [
            fitted(para_plain, h, "cell_bold", w - 6, st["cell_bold"].leading, 0.7)
            for h, w in zip(header, widths, strict=True)
        ]
    ]
    tied, near_tie = para_plain(_("tied")), para_plain(_("near tie"))
    for ln in result.lines:
        # By its rank too: a label the font cannot draw at all prints as "[…]".
        where = _("the option ranked {rank} in round {round}, {option}").format(
            rank=rank_text(ln), option=quote(ln.label, 30), round=quote(result.round.name, 30)
        )
        label = guard.para(clip(ln.label, LABEL_CHARS), where)
        if ln.tied:
            label += f" <font color='#6B3A00'>· {tied}</font>"
        elif ln.near_tie:
            label += f" <font color='#555555'>· {near_tie}</font>"
        row = [
            Paragraph(rank_text(ln), st["cell_bold"]),
            Paragraph(label, st["cell"]),
            bar(ln.dots, most, bar_w - 0.3 * cm, ln.tied),
            Paragraph(str(ln.dots), st["cell_bold"]),
            Paragraph(f"{ln.share:.0%}", st["cell"]),
            Paragraph(str(ln.supporters), st["cell"]),
        ]
        if objections:
            row.append(Paragraph(str(ln.objections), st["cell"]))
        rows.append(row)
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for i, ln in enumerate(result.lines, start=1):
        if ln.tied:
            commands.append(("BACKGROUND", (0, i), (-1, i), TIED_ROW))
    table.setStyle(TableStyle(commands))
    return table


def rules_text(result: voting.Results) -> str:
    """The rules the round was counted under: a list of whole, translated rules."""
    r = result.round
    parts = [ngettext("{n} dot each", "{n} dots each", r.dots_per_person)]
    if r.cap_per_option:
        parts.append(
            ngettext("at most {n} on one option", "at most {n} on one option", r.cap_per_option)
        )
    if r.criterion.strip():
        parts.append(_("criterion: {criterion}").format(criterion=r.criterion.strip()))
    objection_dots = result.rules.get("objection_dots", 0)
    if objection_dots:
        parts.append(
            ngettext(
                "{n} red objection dot each, counted separately",
                "{n} red objection dots each, counted separately",
                objection_dots,
            )
        )
    return "; ".join(parts) + "."


def totals_text(result: voting.Results) -> str:
    """The round's totals: a list of whole, translated counts."""
    parts = [
        ngettext("{n} person voted at the laptop", "{n} people voted at the laptop", result.voters),
        ngettext("{n} paper dot", "{n} paper dots", result.paper_dots),
        ngettext("{n} dot in all", "{n} dots in all", result.dots_cast),
        ngettext("{n} unused", "{n} unused", result.dots_unused),
    ]
    if result.round.objections:
        parts.append(ngettext("{n} objection dot", "{n} objection dots", result.objections_cast))
    return ", ".join(parts) + "."


def legend_text(result: voting.Results, guard: TextGuard) -> str:
    margin = result.rules.get("near_tie_margin", 1)
    sentences = [
        _("= tied: a tie is never broken silently; a run-off settles it."),
        ngettext(
            "~ near tie: at the line for what goes forward, within {n} dot of each other.",
            "~ near tie: at the line for what goes forward, within {n} dots of each other.",
            margin,
        ),
    ]
    for group in result.tie_groups():
        names = "; ".join(clip(ln.label, 60) for ln in group)
        sentences.append(_("Tied at rank {rank}: {names}.").format(rank=group[0].rank, names=names))
    return guard.para(" ".join(sentences))


KEEP_WHOLE_UP_TO = 12 * cm


def round_flowables(
    result: voting.Results, guard: TextGuard, width: float, lead: Sequence[Flowable] = ()
) -> list[Flowable]:
    """Rules, totals, the ranked chart and its legend: what the results sheet and the report
    both print for a round; `lead` (its headings) is kept with them."""
    st = styles()
    where = _("the rules of round {round}").format(round=quote(result.round.name))
    rules = _("Rules: {rules}").format(rules=rules_text(result))
    totals = _("Totals: {totals}").format(totals=totals_text(result))
    table = ranked_table(result, guard, width)
    legend = Paragraph(legend_text(result, guard), st["small"])
    height = table.wrap(width, 1_000_000)[1]
    # A short ranking stays whole with its legend; a long one starts under its heading and
    # runs on (its header row repeated), rather than leaving a page that holds only the rules.
    heading = [
        Paragraph(_bold_label(guard.para(rules, where)), st["body"]),
        Paragraph(_bold_label(guard.para(totals)), st["body"]),
    ]
    if height <= KEEP_WHOLE_UP_TO:
        # The headings, rules and totals stay with their chart: never at the foot of a page
        # without it.
        return [KeepTogether([*lead, *heading, table, legend])]
    return [*lead, *heading, table, legend]


def _bold_label(markup: str) -> str:
    """ "Rules: …" with its label (up to the first colon) in bold."""
    label, colon, rest = markup.partition(":")
    return f"<b>{label}{colon}</b>{rest}" if colon else markup

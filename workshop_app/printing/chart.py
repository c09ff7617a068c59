"""A voting round's result as printed: a ranked table whose bars share one scale (a vector bar
chart drawn with reportlab graphics), ties and near-ties marked as the screen marks them, and
the rules and totals it was counted under."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from workshop_app.core import voting
from workshop_app.printing.common import clip, plural
from workshop_app.printing.fonts import TextGuard, quote
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
    header = ["Rank", "Priority", "", "Dots", "Share", "Supporters"]
    if objections:
        header.append("Objections")
    rows: list[list] = [[Paragraph(h, st["cell_bold"]) for h in header]]
    for ln in result.lines:
        where = f"the option {quote(ln.label, 30)} of round {quote(result.round.name, 30)}"
        label = guard.para(clip(ln.label, LABEL_CHARS), where)
        if ln.tied:
            label += " <font color='#6B3A00'>· tied</font>"
        elif ln.near_tie:
            label += " <font color='#555555'>· near tie</font>"
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
    table = Table(rows, colWidths=[rank_w, label_w, bar_w, *numbers], repeatRows=1)
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
    """The rules the round was counted under, in words (plural forms written out)."""
    r = result.round
    parts = [f"{plural(r.dots_per_person, '{n} dot', '{n} dots')} each"]
    if r.cap_per_option:
        parts.append(f"at most {r.cap_per_option} on one option")
    if r.criterion.strip():
        parts.append(f"criterion: {r.criterion.strip()}")
    objection_dots = result.rules.get("objection_dots", 0)
    if objection_dots:
        dots = plural(objection_dots, "{n} red objection dot", "{n} red objection dots")
        parts.append(f"{dots} each, counted separately")
    return "; ".join(parts) + "."


def totals_text(result: voting.Results) -> str:
    parts = [
        f"{plural(result.voters, '{n} person', '{n} people')} voted at the laptop",
        plural(result.paper_dots, "{n} paper dot", "{n} paper dots"),
        f"{plural(result.dots_cast, '{n} dot', '{n} dots')} in all",
        f"{result.dots_unused} unused",
    ]
    if result.round.objections:
        parts.append(plural(result.objections_cast, "{n} objection dot", "{n} objection dots"))
    return ", ".join(parts) + "."


def legend_text(result: voting.Results, guard: TextGuard) -> str:
    margin = result.rules.get("near_tie_margin", 1)
    text = (
        "= tied: a tie is never broken silently; a run-off settles it. "
        f"~ near tie: within {plural(margin, '{n} dot', '{n} dots')} of the next option."
    )
    for group in result.tie_groups():
        names = "; ".join(clip(ln.label, 60) for ln in group)
        text += f" Tied at rank {group[0].rank}: {names}."
    return guard.para(text)


def round_flowables(result: voting.Results, guard: TextGuard, width: float) -> list[Flowable]:
    """Rules, totals, the ranked chart and its legend: what the results sheet and the report
    both print for a round."""
    st = styles()
    return [
        Paragraph(
            "<b>Rules:</b> "
            + guard.para(rules_text(result), f"the rules of round {quote(result.round.name)}"),
            st["body"],
        ),
        Paragraph("<b>Totals:</b> " + guard.para(totals_text(result)), st["body"]),
        KeepTogether(
            [ranked_table(result, guard, width), Paragraph(legend_text(result, guard), st["small"])]
        ),
    ]

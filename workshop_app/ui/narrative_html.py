"""A narrative's preview sections as rich text, shared by the editor and the projector."""

from __future__ import annotations

import html


def sections_html(sections: list[tuple[str, str]], point_size: float | None = None) -> str:
    """Preview sections as rich text; every piece of user text is escaped."""
    body = []
    for title, text in sections:
        paragraphs = "<br>".join(html.escape(line) for line in text.split("\n"))
        if point_size is None:
            body.append(f"<h3>{html.escape(title)}</h3><p>{paragraphs}</p>")
            continue
        body.append(
            f'<p style="font-size:{point_size * 1.1:.1f}pt; font-weight:700; color:#1F3A5F; '
            f'margin-top:{point_size * 0.9:.0f}px; margin-bottom:2px">{html.escape(title)}</p>'
            f'<p style="font-size:{point_size:.1f}pt; margin-top:0px">{paragraphs}</p>'
        )
    return "".join(body)

"""Text a person typed, made safe to print on a terminal.

A name or title may hold escape sequences (ESC ] 0 ; title BEL retitles the terminal, ESC [ 2 J
clears it). Printed as typed, they would act on the terminal; shown visibly, they are just odd
characters in a name. JSON and CSV output keep the text exactly as typed.
"""

from __future__ import annotations

_C0 = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟ (Control Pictures)
_VISIBLE = {**_C0, 0x7F: "\u2421"}  # ␡
_VISIBLE.update({code: f"<U+{code:04X}>" for code in range(0x80, 0xA0)})  # C1 controls
_VISIBLE.update({ord("\t"): " "})  # a tab is harmless but breaks the columns


def terminal_safe(text: str) -> str:
    """The text with every control character (C0, DEL, C1) shown as a visible symbol."""
    return text.translate(_VISIBLE)

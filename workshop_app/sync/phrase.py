"""A message kept language-neutral: its English message id and its values, translated only
when a person reads it. The hub stores a refusal's reason this way, so the list of refusals
reads in the language of whoever looks at it, not of whoever imported the file.

Message ids are marked with `N_()` where they are written (so the catalogue holds them); a
value is plain text or a number shown as it is, or another Phrase translated with it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Union

from workshop_app.i18n import _, ngettext

Value = Union[str, int, float, "Phrase"]


@dataclass(frozen=True)
class Phrase:
    msgid: str
    values: tuple[tuple[str, Value], ...] = ()
    plural_id: str | None = None
    n: int = 0
    # Words from elsewhere, already in some language (another layer's message): kept as is.
    literal: bool = False

    @classmethod
    def of(cls, msgid: str, /, **values: object) -> Phrase:
        return cls(msgid, _freeze(values))

    @classmethod
    def plural(cls, n: int, one: str, many: str, /, **values: object) -> Phrase:
        """A counted phrase (`{n}` in it); written like core's plural(n, one, many), so the
        catalogue finds both forms as one plural entry."""
        return cls(one, _freeze(values), many, n)

    @classmethod
    def words(cls, text: str) -> Phrase:
        return cls(text, literal=True)

    def text(self) -> str:
        """In the language chosen now."""
        return self._render(translate=True)

    def english(self) -> str:
        """In English, the language of the message ids."""
        return self._render(translate=False)

    def _render(self, *, translate: bool) -> str:
        if self.literal:
            return self.msgid
        if self.plural_id is not None:
            if translate:
                template = ngettext(self.msgid, self.plural_id, self.n)
            else:
                chosen = self.msgid if self.n == 1 else self.plural_id
                template = chosen.replace("{n}", f"{self.n:,}")
        else:
            template = _(self.msgid) if translate else self.msgid
        if not self.values:
            return template
        return template.format(
            **{
                key: value._render(translate=translate) if isinstance(value, Phrase) else value
                for key, value in self.values
            }
        )

    def to_json(self) -> str:
        return json.dumps(self._data(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Phrase:
        return cls._from_data(json.loads(text))

    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.msgid}
        if self.literal:
            data["literal"] = True
        if self.plural_id is not None:
            data["plural"], data["n"] = self.plural_id, self.n
        if self.values:
            data["values"] = {
                key: value._data() if isinstance(value, Phrase) else value
                for key, value in self.values
            }
        return data

    @classmethod
    def _from_data(cls, data: dict[str, Any]) -> Phrase:
        values = tuple(
            (key, cls._from_data(value) if isinstance(value, dict) else value)
            for key, value in data.get("values", {}).items()
        )
        return cls(
            str(data["id"]),
            values,
            data.get("plural"),
            int(data.get("n", 0)),
            bool(data.get("literal", False)),
        )


def _freeze(values: dict[str, object]) -> tuple[tuple[str, Value], ...]:
    def one(value: object) -> Value:
        if isinstance(value, Phrase | str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        return str(value)

    return tuple(sorted((key, one(value)) for key, value in values.items()))

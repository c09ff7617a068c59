"""The translators' tool: finds every phrase the app shows and keeps the catalogues in step.

  .venv/bin/python scripts/messages.py extract   # writes resources/translations/workshop_app.pot
  .venv/bin/python scripts/messages.py update    # merges the template into every LANG.po
  .venv/bin/python scripts/messages.py stats     # how much of each catalogue is translated

Phrases are found by Babel's Python extractor: `_()`, `ngettext()`, `plural(n, one, many)` in
any layer and `tr()` / `QCoreApplication.translate()` in widgets. A widget phrase holding "%n"
follows Qt's numerus convention and becomes a plural entry, so each language gives its forms.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "workshop_app"
FOLDER = PACKAGE / "resources" / "translations"
TEMPLATE = FOLDER / "workshop_app.pot"
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "plural": (2, 3),
    "tr": None,
    "translate": ((1, "c"), 2),
}


def extract() -> Catalog:
    catalog = Catalog(project="Workshop App", charset="utf-8", creation_date=datetime.now(UTC))
    found = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True
    )
    for filename, lineno, message, comments, context in found:
        if isinstance(message, str) and "%n" in message:
            message = (message, message)  # Qt numerus: one entry, each language's plural forms
        where = [(f"workshop_app/{filename}", lineno)]
        catalog.add(message, locations=where, auto_comments=comments, context=None)
        del context  # one catalogue for every layer: the same words translate the same way
    for where, phrase in resource_phrases():
        catalog.add(phrase, locations=[(where, 0)])
    return catalog


def resource_phrases() -> list[tuple[str, str]]:
    """(file, phrase) for the words of the shipped resources a person reads: equality
    questions and answers, consent wording, theme templates, outcome sets. Core reads each
    through `_()` as it loads them."""
    found: list[tuple[str, str]] = []
    resources = PACKAGE / "resources"

    def add(path: Path, phrase: object) -> None:
        if isinstance(phrase, str) and phrase.strip():
            found.append((str(path.relative_to(ROOT)), phrase))

    for path in sorted((resources / "equality").glob("*.json")):
        for q in json.loads(path.read_text("utf-8"))["questions"]:
            add(path, q["label"])
            for answer in q.get("answers", ()):
                add(path, answer["label"])
    for path in sorted((resources / "consent").glob("*.json")):
        for phrase in json.loads(path.read_text("utf-8"))["items"].values():
            add(path, phrase)
    for path in sorted((resources / "themes").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        add(path, data["name"])
        for theme in data["themes"]:
            add(path, theme["name"])
    for path in sorted((resources / "outcomes").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        add(path, data["name"])
        for outcome in data["outcomes"]:
            add(path, outcome["label"])
    return found


def write(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)


def languages() -> list[Path]:
    return sorted(FOLDER.glob("*.po"))


def main(command: str) -> int:
    if command == "extract":
        catalog = extract()
        FOLDER.mkdir(parents=True, exist_ok=True)
        write(catalog, TEMPLATE)
        print(f"{len(catalog)} phrases written to {TEMPLATE.relative_to(ROOT)}")
    elif command == "update":
        template = extract()
        for path in languages():
            with path.open("rb") as handle:
                catalog = read_po(handle)
            catalog.update(template, update_creation_date=False)
            write(catalog, path)
            print(f"{path.name}: merged")
    elif command == "stats":
        for path in languages():
            with path.open("rb") as handle:
                catalog = read_po(handle)
            done = [m for m in catalog if m.id and m.string and not m.fuzzy]
            print(f"{path.name}: {len(done)} of {len([m for m in catalog if m.id])} translated")
    else:
        print(__doc__)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))

"""Render every printed page type to PNG for a person to look at (not a test: run it by hand).

    .venv/bin/python tests/printing/render_samples.py /tmp/print-samples

Writes the demo workshop's cards, welcome sheets (A4, A5), results sheet and report, a report
of 1,000 notes, and a workshop full of awkward text, then renders each page with pdftoppm.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from workshop_app.core import demo
from workshop_app.core.notes import add_note
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.printing.cards import cards_pdf, load_cards
from workshop_app.printing.report import load_report, report_pdf
from workshop_app.printing.results_sheet import load_results_sheet, results_sheet_pdf
from workshop_app.printing.welcome import welcome_pdf
from workshop_app.store.database import Database

AWKWARD = [
    "Dŵr glân i bawb, a thŷ cynnes: ŵ ŷ",
    "Zażółć gęślą jaźń · Καλημέρα · Привет",
    "Fish & chips <b>bold?</b> <para> ]]> &amp;",
    "我们需要更多的公共汽车",
    "نريد حافلات أكثر",
    "".join(chr(ord("a") + i % 26) for i in range(10_000)),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder))
        try:
            w = db.run(demo.create_demo_workshop)
            docs = {
                "cards": cards_pdf(db.run(lambda s: load_cards(s, w.id, 3))),
                "welcome-a4": welcome_pdf(w),
                "welcome-a5": welcome_pdf(w, a5=True),
                "results": results_sheet_pdf(db.read(lambda s: load_results_sheet(s, w.id))),
                "report": report_pdf(db.read(lambda s: load_report(s, w.id))),
            }
            big = db.run(lambda s: create_workshop(s, WorkshopFields(title="1,000 notes")))
            db.run(
                lambda s: [add_note(s, big.id, f"Note {i}: more buses " * 4) for i in range(1000)]
            )
            docs["report-1000"] = report_pdf(db.read(lambda s: load_report(s, big.id)))
            odd = db.run(lambda s: create_workshop(s, WorkshopFields(title="Tŷ <b>&amp;</b> 中文")))
            for text in AWKWARD:
                db.run(lambda s, t=text: add_note(s, odd.id, t))
            docs["report-awkward"] = report_pdf(db.read(lambda s: load_report(s, odd.id)))
            docs["cards-awkward"] = cards_pdf(db.run(lambda s: load_cards(s, odd.id, 2)))
        finally:
            db.close()
    for name, pdf in docs.items():
        (out / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(out / f"{name}.pdf"), str(out / name)], check=True
        )
    print(f"Wrote {len(docs)} documents and their pages as PNG to {out}.")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "print-samples"))

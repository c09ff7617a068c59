"""Printing figures, as ratios against bare reportlab in the same run (figures, not tests).

    .venv/bin/python benchmarks/bench_printing.py [--quick]

1. The report of a 1,000-note workshop (loading it through core, laying it out with contents,
   outline and "page X of Y", and the PDF bytes) against bare reportlab setting the same 1,000
   paragraphs (twice each: the report prints every note in its theme and in the appendix) with
   the same embedded font in one SimpleDocTemplate pass. Target <= 1.5x.
2. A closed round of 100,000 dots to its results sheet written to disk (tally, narratives,
   layout, QR code, atomic write). Target under 10 s absolute.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

NOTES = 1000


def _time_ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _median_ms(action, repeats: int) -> float:
    action()  # warm-up: fonts registered, modules imported
    return statistics.median(_time_ms(action) for _ in range(repeats))


def _interleaved_ms(ours, floor, repeats: int) -> tuple[float, float]:
    """Medians of both, run in alternating order so background load slows both alike."""
    ours(), floor()
    a, b = [], []
    for i in range(repeats):
        pair = (ours, floor) if i % 2 == 0 else (floor, ours)
        times = [_time_ms(f) for f in pair]
        a.append(times[0] if i % 2 == 0 else times[1])
        b.append(times[1] if i % 2 == 0 else times[0])
    return statistics.median(a), statistics.median(b)


def report_figures(tmp: Path, repeats: int) -> tuple[float, float, int]:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from workshop_app.core.notes import add_note
    from workshop_app.core.workshops import WorkshopFields, create_workshop
    from workshop_app.printing.report import load_report, report_pdf
    from workshop_app.printing.styles import styles
    from workshop_app.store.database import Database

    db = Database.open(tmp / "report-data")
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title="1,000 notes")))
    texts = [f"Note {i}: more evening buses & a warm library <{i % 7}>" * 2 for i in range(NOTES)]
    db.run(lambda s: [add_note(s, w.id, t) for t in texts])
    pages = [0]

    def ours() -> None:
        pdf = report_pdf(db.read(lambda s: load_report(s, w.id)))
        pages[0] = pdf.count(b"/Type /Page\n")

    def floor() -> None:
        style = styles()["note"]
        story = [Paragraph(escape(t), style) for t in texts + texts]
        SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(story)

    try:
        return (*_interleaved_ms(ours, floor, repeats), pages[0])
    finally:
        db.close()


def results_sheet_ms(tmp: Path, repeats: int) -> float:
    from bench_tally import make_tally_db  # the 100,000-dot round of benchmark 5

    from workshop_app.core import voting
    from workshop_app.core.workshops import get_workshop
    from workshop_app.printing.output import write_pdf
    from workshop_app.printing.results_sheet import results_sheet_data, results_sheet_pdf

    db, round_id, _rows = make_tally_db(tmp)
    out = tmp / "results.pdf"

    def ours() -> None:
        def load(s):
            info = voting.get_round(s, round_id)
            return results_sheet_data(s, get_workshop(s, info.workshop_id), round_id)

        write_pdf(out, results_sheet_pdf(db.read(load)))

    try:
        return _median_ms(ours, repeats)
    finally:
        db.close()


def main() -> int:
    repeats = 3 if "--quick" in sys.argv else 7
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ours, floor, pages = report_figures(tmp, repeats)
        sheet = results_sheet_ms(tmp, repeats)
    print("| measure | ours (ms) | floor (ms) | ratio | target |")
    print("|---|---:|---:|---:|---|")
    print(
        f"| Report of {NOTES:,} notes ({pages} pages) vs bare reportlab | {ours:.0f} | "
        f"{floor:.0f} | {ours / floor:.2f}x | <= 1.5x |"
    )
    print(f"| Closed 100,000-dot round to results sheet written | {sheet:.0f} | | | < 10,000 ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

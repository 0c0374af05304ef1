"""Reader accuracy: share of cells read right on generated damaged layouts and on the corpus.

    uv run python bench/accuracy.py [--examples 60] [--seed 0]

Draws ``--examples`` reports (the damaged tests' mix: balanced, full with blanks, balanced
with zeros left blank) with a fixed seed, writes each in every class of
``tests/core/reader/damaged.py`` and in the positional layouts of ``tests/core/reader/layouts.py``,
reads them back (and the first ``--pdf-examples`` rendered to PDF and extracted by poppler's
``pdftotext``, plain and ``-layout``) and prints per class: cells, right %, blank %, the cells
the text leaves undecided (``tests/core/reader/undecided.py``: another report prints the same
text with another value there), right % of the cells it decides, wrong, invented. Then the corpus
(``tests/data/corpus/reports``, scored against the ``*.truth.json`` files). The last line sums
it up: ``accuracy: corpus … % of cells, generated … % right, … wrong, … invented``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.core.reader import damaged, extracted, layouts, undecided  # noqa: E402
from tests.core.reader import test_reader_meta as meta  # noqa: E402
from tests.core.reader.test_reader_damaged import REPORTS  # noqa: E402
from tests.core.reader.truth import Score, cells_of, drawn, score  # noqa: E402

from gongkai.core.reader import Reading, read_bytes, read_text  # noqa: E402
from gongkai.core.report import Report  # noqa: E402
from gongkai.core.report.model import loads  # noqa: E402
from gongkai.core.report.render import render  # noqa: E402

CORPUS = ROOT / "tests/data/corpus/reports"


def draw_reports(count: int, at: int) -> list[Report]:
    """``count`` reports of the damaged tests' mix, the same ones for the same seed."""
    return drawn(REPORTS, count, at)


Written = tuple[str, set[str]]  # the page, and the cells its text leaves undecided


def _classes() -> dict[str, Callable[[Report, random.Random], Written]]:
    out: dict[str, Callable[[Report, random.Random], Written]] = {
        name: lambda report, rng, w=write: (w(report, rng), set())
        for name, write in damaged.CLASSES.items()
    }
    out["run_together"] = lambda report, rng: (
        damaged.run_together(report, rng),
        undecided.run_together(report),
    )
    out["run_together_spaced"] = lambda report, rng: (
        damaged.run_together_spaced(report, rng),
        undecided.run_together(report),  # (its blanks decide more: at least these)
    )
    out["one_line"] = lambda report, rng: (
        damaged.one_line(report, rng),
        undecided.run_together(report),
    )
    out["lossy_mirror"] = damaged.lossy_mirror
    out["clipped"] = damaged.clipped  # (a split figure's row that does not add up: open)
    out["begins_inside"] = damaged.begins_inside  # (the rows before it: in no text)
    out["flattened"] = damaged.flattened  # (a short row's cells another placement would fill)
    out["first_label_lost"] = lambda report, rng: (
        damaged.first_label_lost(report, rng),
        damaged.lost_first_row(report),
    )
    for style in (*layouts.POSITIONAL, layouts.SPACE_BLANKS):
        out[f"layout:{style}"] = lambda report, rng, s=style: (layouts.page(report, s, rng), set())
    return out


@dataclass
class Decided:
    """Cells the text decides (no other report prints the same text with another value)."""

    cells: int = 0
    right: int = 0

    def add(self, reading: Reading, report: Report, left_open: set[str]) -> None:
        got = cells_of(reading.report)
        for cell, want in cells_of(report).items():
            if cell in left_open:
                continue
            self.cells += 1
            # (a blank cell of a table the text prints no figure of, returned without it)
            self.right += got.get(cell) == want if want is not None or cell in got else 1


def _row(name: str, s: Score, blank: int, decided: Decided | None) -> str:
    cells = max(1, s.cells)
    weighed = (
        f"{s.cells - decided.cells:>9} {100 * decided.right / max(1, decided.cells):>9.2f}"
        if decided is not None
        else f"{'-':>9} {'-':>9}"  # no oracle of what the text decides
    )
    return (
        f"{name:<30} {s.cells:>7} {100 * s.right / cells:>8.2f} {100 * blank / cells:>8.2f} "
        f"{weighed} {len(s.wrong):>6} {len(s.invented):>8}"
    )


def _corpus_metadata(reading: Reading, truth: Report, out: Counter[str]) -> None:
    """Year, format and agency of a corpus report against its truth (an agency the truth file
    names only by a placeholder, "某局 (site)", is not counted)."""
    report = reading.report
    out["reports"] += 1
    out["year"] += report is not None and report.year == truth.year
    out["format"] += report is not None and report.format == truth.format
    if "某" in truth.agency or "(" in truth.agency:
        return
    out["named"] += 1
    found = next((f for f in reading.findings if f.code == "agency_unknown"), None)
    if report is None or found is not None:
        out["unknown"] += 1
    elif report.agency == truth.agency:
        out["agency"] += 1
    else:
        out["agency_wrong"] += 1


def _metadata(count: int, at: int) -> str:
    """Agency and year on the generated title layouts (tests/core/reader/test_reader_meta.py)."""
    right = cases = 0
    for strategy in (
        meta.titled(),
        meta.titled_in_a_sentence(),
        meta.untitled(),
        meta.quoting_another(),
    ):
        for text, name, year in drawn(strategy, count, at):
            reading = read_text(text)
            cases += 1
            right += reading.report is not None and (
                reading.report.agency,
                reading.report.year,
            ) == (
                name,
                year,
            )
    return f"metadata {100 * right / max(1, cases):.2f} % of {cases} generated"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf-examples", type=int, default=20, help="reports rendered to PDF")
    args = parser.parse_args()
    started = time.perf_counter()
    reports = draw_reports(args.examples, args.seed)
    rendered: dict[int, bytes] = {}

    def pdfs(report: Report) -> bytes:
        if id(report) not in rendered:
            rendered[id(report)] = render(report, "pdf")
        return rendered[id(report)]

    print(f"{len(reports)} reports per class, seed {args.seed}")
    print(
        f"{'class':<30} {'cells':>7} {'right %':>8} {'blank %':>8} {'undecided':>9} "
        f"{'decided %':>9} {'wrong':>6} {'invented':>8}"
    )
    total, decided = Score(), Decided()
    for name, write in _classes().items():
        s, d = Score(), Decided()
        for n, report in enumerate(reports):
            rng = random.Random(args.seed * 100_003 + n)
            text, left_open = write(report, rng)
            reading = read_text(text)
            d.add(reading, report, left_open)
            one = score(reading, report)
            s.cells += one.cells
            s.right += one.right
            s.wrong += one.wrong
            s.invented += one.invented
        blank = s.cells - s.right - len(s.wrong)
        print(_row(name, s, blank, d))
        decided.cells += d.cells
        decided.right += d.right
        total.cells += s.cells
        total.right += s.right
        total.wrong += s.wrong
        total.invented += s.invented
    # Our PDFs as poppler's pdftotext extracts them (a tool nobody here wrote), as the reader
    # opens them (pdfplumber), and printed as offices print them, a running head and page
    # numbers on every page, tables ruled or not: no oracle of what their text decides, so
    # they count in the wrong and invented figures only.
    readers: list[tuple[str, Callable[[Report], Reading]]] = [
        (f"pdftotext:{mode}", lambda r, m=mode: read_text(extracted.pdftotext(pdfs(r), m)))
        for mode in extracted.MODES
    ]
    readers += [
        ("pdf", lambda r: read_bytes(pdfs(r), "report.pdf")),
        ("pdf:printed", lambda r: read_bytes(extracted.printed(r), "report.pdf")),
        ("pdf:unruled", lambda r: read_bytes(extracted.printed(r, ruled=False), "report.pdf")),
    ]
    for name, read in readers:
        s = Score()
        for report in reports[: args.pdf_examples]:
            one = score(read(report), report)
            s.cells += one.cells
            s.right += one.right
            s.wrong += one.wrong
            s.invented += one.invented
        print(_row(name, s, s.cells - s.right - len(s.wrong), None))
        total.wrong += s.wrong
        total.invented += s.invented
    corpus, corpus_decided = Score(), Decided()
    corpus_meta: Counter[str] = Counter()
    for path in sorted(CORPUS.glob("*.truth.json")):
        truth = Report.from_dict(loads(path.read_text(encoding="utf-8")), validate=False)
        source = path.with_name(path.name.replace(".truth.json", ".txt"))
        reading = read_bytes(source.read_bytes(), source.name)
        corpus_decided.add(reading, truth, set())
        _corpus_metadata(reading, truth, corpus_meta)
        one = score(reading, truth)
        corpus.cells += one.cells
        corpus.right += one.right
        corpus.wrong += one.wrong
        corpus.invented += one.invented
    print(_row("corpus", corpus, corpus.cells - corpus.right - len(corpus.wrong), corpus_decided))
    meta = _metadata(args.examples * 5, args.seed)
    print(meta)
    print(
        f"corpus metadata: year {corpus_meta['year']}/{corpus_meta['reports']}, format "
        f"{corpus_meta['format']}/{corpus_meta['reports']}, agency {corpus_meta['agency']}/"
        f"{corpus_meta['named']} named ones ({corpus_meta['unknown']} not found, "
        f"{corpus_meta['agency_wrong']} wrong)"
    )
    print(f"({time.perf_counter() - started:.1f} s)")
    print(
        f"accuracy: corpus {100 * corpus.right / max(1, corpus.cells):.2f} % of cells, "
        f"generated {100 * total.right / max(1, total.cells):.2f} % right "
        f"({100 * decided.right / max(1, decided.cells):.2f} % of the cells the text decides), "
        f"{len(total.wrong) + len(corpus.wrong)} wrong, "
        f"{len(total.invented) + len(corpus.invented)} invented, {meta}"
    )


if __name__ == "__main__":
    main()

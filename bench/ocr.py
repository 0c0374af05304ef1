"""Scanned reports: OCR accuracy and seconds per page on one core.

    uv run python bench/ocr.py [--reports 10] [--dpi 150 300] [--seed 1] [--min-score 0.9]

Draws random full reports (tests/core/strategies.py), renders each with our own PDF renderer,
rasterises it with ``pdftoppm`` at each resolution, turns every page by up to ±1° and adds grain,
specks and blur, wraps the images in a PDF with no text layer, and reads that back with
``read_bytes``. Counts every cell (blanks too): exact, wrong (a number returned that the report
does not print there) and left blank. Seconds per page are CPU seconds of this one process,
with ONNX Runtime on one thread (the machine may be shared). Needs the ``ocr`` extra.
The last line: ``ocr: cells exact X %, wrong numbers W, S s/page``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core.reader.scans import Score, scan_pdf, score  # noqa: E402
from tests.core.reader.truth import drawn as drawn_examples  # noqa: E402
from tests.core.strategies import full_report  # noqa: E402

from gongkai.core.reader import ocr, read_bytes  # noqa: E402
from gongkai.core.report import Report  # noqa: E402


def reports(count: int, at: int) -> list[Report]:
    drawn = drawn_examples(full_report(), count * 3, at)
    # Hypothesis starts with the simplest examples (all blank): keep the later, varied ones,
    # both formats in turn.
    by_format: dict[str, list[Report]] = {}
    for report in reversed(drawn):
        by_format.setdefault(report.format, []).append(report)
    mixed = [r for pair in zip(*by_format.values(), strict=False) for r in pair]
    return (mixed + drawn)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 300])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--min-score",
        type=float,
        default=ocr.MIN_NUMBER_SCORE,
        help="OCR score under which a number is left blank (to measure the threshold)",
    )
    args = parser.parse_args()
    ocr.MIN_NUMBER_SCORE = args.min_score
    if not ocr.available():
        sys.exit("bench/ocr.py needs the `ocr` extra (uv sync --extra ocr)")
    total = Score()
    pages = 0
    seconds = 0.0
    metadata = 0
    cases = 0
    for number, report in enumerate(reports(args.reports, args.seed)):
        for dpi in args.dpi:
            data = scan_pdf(report, dpi, seed=number * 1000 + dpi)
            start = time.process_time()
            reading = read_bytes(data, "scan.pdf")
            seconds += time.process_time() - start
            pages += len(ocr.pdf_images(data))
            result = score(report, reading.report)
            total += result
            cases += 1
            read = reading.report
            if read and (read.agency, read.year, read.format) == (
                report.agency,
                report.year,
                report.format,
            ):
                metadata += 1
            unsure = sum(f.code == "ocr_unsure" for f in reading.findings)
            print(
                f"report {number} format {report.format} at {dpi} dpi: "
                f"{result.exact}/{result.cells} exact, {result.wrong} wrong, "
                f"{result.blank} left blank ({unsure} unsure)",
                flush=True,
            )
    share = 100 * total.exact / max(total.cells, 1)
    print(f"metadata right in {metadata}/{cases} scans; {pages} pages; {total.blank} cells blank")
    print(
        f"ocr: cells exact {share:.2f} %, wrong numbers {total.wrong}, {seconds / pages:.1f} s/page"
    )


if __name__ == "__main__":
    main()

"""Seconds per rendered report, per output format, over the corpus of real reports.

    uv run python bench/render.py [--rounds 3] [--corpus tests/data/corpus/reports]

Prints, for each format, the median and worst seconds per report (after one warm-up render,
which for PDF includes loading the bundled font), and the first-render time for PDF.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from gongkai.core.report import Report
from gongkai.core.report.render import RENDERERS, render

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "tests/data/corpus/reports")
    args = parser.parse_args()
    reports = [Report.from_json(p.read_text()) for p in sorted(args.corpus.glob("*.truth.json"))]
    full = [r for r in reports if r.extra.get("coverage") == "full"]
    print(f"{len(reports)} reports ({len(full)} with all three tables), {args.rounds} rounds")
    print(f"{'format':<6} {'median s':>10} {'max s':>8} {'first s':>8} {'bytes (full)':>13}")
    for to in RENDERERS:
        start = time.perf_counter()
        render(reports[0], to)
        first = time.perf_counter() - start
        times: list[float] = []
        sizes: list[int] = []
        for _ in range(args.rounds):
            for report in reports:
                start = time.perf_counter()
                data = render(report, to)
                times.append(time.perf_counter() - start)
                if report in full:
                    sizes.append(len(data))
        print(
            f"{to:<6} {statistics.median(times):>10.3f} {max(times):>8.3f} {first:>8.3f} "
            f"{int(statistics.median(sizes)):>13,}"
        )


if __name__ == "__main__":
    main()

"""Reader accuracy: share of cells read right on generated damaged layouts and on the corpus.

    uv run python bench/accuracy.py [--examples 60] [--seed 0]

Draws ``--examples`` reports (the damaged tests' mix: balanced, full with blanks, balanced
with zeros left blank) with a fixed seed, writes each in every class of
``tests/core/reader/damaged.py`` and in the positional layouts of ``tests/core/reader/layouts.py``,
reads them back and prints per class: cells, right %, blank %, wrong, invented. Then the corpus
(``tests/data/corpus/reports``, scored against the ``*.truth.json`` files). The last line sums
it up: ``accuracy: corpus … % of cells, generated … % right, … wrong, … invented``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.core.reader import damaged, layouts  # noqa: E402
from tests.core.reader.test_reader_damaged import REPORTS  # noqa: E402
from tests.core.reader.truth import Score, score  # noqa: E402

from gongkai.core.reader import read_bytes, read_text  # noqa: E402
from gongkai.core.report import Report  # noqa: E402
from gongkai.core.report.model import loads  # noqa: E402

CORPUS = ROOT / "tests/data/corpus/reports"


def draw_reports(count: int, at: int) -> list[Report]:
    """``count`` reports of the damaged tests' mix, the same ones for the same seed."""
    drawn: list[Report] = []

    @seed(at)
    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(REPORTS)
    def collect(report: Report) -> None:
        if len(drawn) < count:
            drawn.append(report)

    collect()
    return drawn


def _classes() -> dict[str, Callable[[Report, random.Random], str]]:
    out: dict[str, Callable[[Report, random.Random], str]] = dict(damaged.CLASSES)
    out["lossy_mirror"] = lambda report, rng: damaged.lossy_mirror(report, rng)[0]
    for style in layouts.POSITIONAL:
        out[f"layout:{style}"] = lambda report, rng, s=style: layouts.page(report, s, rng)
    return out


def _row(name: str, s: Score, blank: int) -> str:
    cells = max(1, s.cells)
    return (
        f"{name:<26} {s.cells:>7} {100 * s.right / cells:>8.2f} {100 * blank / cells:>8.2f} "
        f"{len(s.wrong):>6} {len(s.invented):>8}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    reports = draw_reports(args.examples, args.seed)
    print(f"{len(reports)} reports per class, seed {args.seed}")
    print(f"{'class':<26} {'cells':>7} {'right %':>8} {'blank %':>8} {'wrong':>6} {'invented':>8}")
    total = Score()
    for name, write in _classes().items():
        s = Score()
        for n, report in enumerate(reports):
            rng = random.Random(args.seed * 100_003 + n)
            one = score(read_text(write(report, rng)), report)
            s.cells += one.cells
            s.right += one.right
            s.wrong += one.wrong
            s.invented += one.invented
        blank = s.cells - s.right - len(s.wrong)
        print(_row(name, s, blank))
        total.cells += s.cells
        total.right += s.right
        total.wrong += s.wrong
        total.invented += s.invented
    corpus = Score()
    for path in sorted(CORPUS.glob("*.truth.json")):
        truth = Report.from_dict(loads(path.read_text(encoding="utf-8")), validate=False)
        source = path.with_name(path.name.replace(".truth.json", ".txt"))
        one = score(read_bytes(source.read_bytes(), source.name), truth)
        corpus.cells += one.cells
        corpus.right += one.right
        corpus.wrong += one.wrong
        corpus.invented += one.invented
    print(_row("corpus", corpus, corpus.cells - corpus.right - len(corpus.wrong)))
    print(f"({time.perf_counter() - started:.1f} s)")
    print(
        f"accuracy: corpus {100 * corpus.right / max(1, corpus.cells):.2f} % of cells, "
        f"generated {100 * total.right / max(1, total.cells):.2f} % right, "
        f"{len(total.wrong) + len(corpus.wrong)} wrong, "
        f"{len(total.invented) + len(corpus.invented)} invented"
    )


if __name__ == "__main__":
    main()

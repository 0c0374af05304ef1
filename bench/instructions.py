"""Reader cost in machine instructions per report, beside the bare opencc + regex pass.

    uv run python bench/instructions.py [--corpus DIR]    (needs valgrind, a Debian package)

Wall-clock rates (``bench/reader.py``) swing with whatever else the machine runs; instruction
counts do not, so a change of a few per cent shows. Each pass — the reader, and the bare pass of
``bench/reader.py`` — runs under callgrind over one and over five copies of the corpus (each copy
with a line of its own); the difference over four copies' reports is the cost per report, with
start-up and imports left out. The last line: ``instructions: reader … M per report, bare pass …
M, ratio …×``. (The ratio of wall-clock times is higher: the interpreter's loop does fewer
instructions per cycle than OpenCC's C++.)
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COPIES = (1, 5)


def run(kind: str, copies: int, corpus: Path) -> None:
    """One pass (``reader`` or ``bare``) over ``copies`` copies of the corpus."""
    sources = [(p.name, p.read_bytes()) for p in sorted(corpus.glob("*.txt"))]
    if kind == "reader":
        from gongkai.core.reader import read_bytes

        for n in range(copies):
            for name, data in sources:
                read_bytes(data + f"\n副本 {n}\n".encode(), name)
        return
    import opencc

    converter = opencc.OpenCC("t2s")
    numbers = re.compile(r"\d+")
    for n in range(copies):
        for _, data in sources:
            text = (data + f"\n副本 {n}\n".encode()).decode("utf-8", errors="replace")
            numbers.findall(converter.convert(text))


def counted(kind: str, copies: int, corpus: Path) -> int:
    """Instructions callgrind counts for one pass (the whole process)."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         __file__, "--pass", kind, "--copies", str(copies), "--corpus", str(corpus)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "tests/data/corpus/reports")
    parser.add_argument("--pass", dest="kind", choices=("reader", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.kind:
        run(args.kind, args.copies, args.corpus)
        return
    reports = len(list(args.corpus.glob("*.txt"))) * (COPIES[1] - COPIES[0])
    cost = {}
    for kind in ("reader", "bare"):
        low, high = (counted(kind, copies, args.corpus) for copies in COPIES)
        cost[kind] = (high - low) / reports
        print(f"{kind:<8} {cost[kind] / 1e6:8.3f} M instructions per report")
    print(
        f"instructions: reader {cost['reader'] / 1e6:.2f} M per report, bare pass "
        f"{cost['bare'] / 1e6:.2f} M, ratio {cost['reader'] / cost['bare']:.1f}×"
    )


if __name__ == "__main__":
    main()

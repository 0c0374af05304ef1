"""Reader throughput: reports per second on one core, beside a bare opencc + regex pass.

    uv run python bench/reader.py [--documents 1000] [--rounds 5] [--corpus DIR]

Reads the corpus texts (``DIR``: tests/data/corpus/reports) repeated to at least
``--documents`` documents (each copy, in every round, gets a line of its own so no cache can
serve a repeat whole), in this one process, then makes a bare pass over the same texts —
OpenCC ``t2s`` on every text plus one regex scan for numbers — as the floor any reader must
pay. The two take turns ``--rounds`` times and each keeps its fastest round. Prints both rates,
their ratio and the peak memory.
"""

from __future__ import annotations

import argparse
import re
import resource
import time
import tracemalloc
from pathlib import Path

import opencc

from gongkai.core.reader import read_bytes

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "tests/data/corpus/reports")
    parser.add_argument("--rounds", type=int, default=5, help="passes of each; the fastest counts")
    args = parser.parse_args()
    sources = [(p.name, p.read_bytes()) for p in sorted(args.corpus.glob("*.txt"))]

    def copies(round_: int) -> list[tuple[str, bytes]]:
        """The documents of one round: each copy, in every round, has a line of its own."""
        documents: list[tuple[str, bytes]] = []
        while len(documents) < args.documents:
            for name, data in sources:
                documents.append((name, data + f"\n副本 {round_}-{len(documents)}\n".encode()))
        return documents

    documents = copies(0)
    size = sum(len(d) for _, d in documents)

    converter = opencc.OpenCC("t2s")
    numbers = re.compile(r"\d+")

    def reader_pass(documents: list[tuple[str, bytes]]) -> int:
        tables = 0
        for name, data in documents:
            reading = read_bytes(data, name)
            tables += bool(reading.report and reading.report.applications)
        return tables

    def bare_pass() -> None:
        for _, data in documents:
            numbers.findall(converter.convert(data.decode("utf-8", errors="replace")))

    # The two passes take turns, ``--rounds`` times, and each keeps its fastest round: a
    # shared machine's pauses fall on one round or another, not on the ratio.
    reader_s = bare_s = float("inf")
    tables = 0
    for round_ in range(args.rounds):
        documents = copies(round_)
        start = time.perf_counter()
        tables = reader_pass(documents)
        reader_s = min(reader_s, time.perf_counter() - start)
        start = time.perf_counter()
        bare_pass()
        bare_s = min(bare_s, time.perf_counter() - start)

    # Memory per document, traced on a sample (tracing slows Python several times over).
    tracemalloc.start()
    for name, data in documents[: len(sources)]:
        read_bytes(data, name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    n = len(documents)
    print(f"documents              {n} ({size / 1e6:.1f} MB; {tables} with section 三 read)")
    print(f"reader                 {n / reader_s:8.1f} reports/s  ({reader_s:.2f} s, one core)")
    print(f"opencc + regex pass    {n / bare_s:8.1f} reports/s  ({bare_s:.2f} s)")
    print(f"ratio                  {reader_s / bare_s:8.1f}x the bare pass")
    print(f"peak traced memory     {peak / 1e6:8.1f} MB (one document at a time)")
    print(
        f"max RSS                {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:8.1f} MB"
    )
    print(f"reader: {n / reader_s:.0f} reports/s, ratio {reader_s / bare_s:.1f}× the bare pass")


if __name__ == "__main__":
    main()

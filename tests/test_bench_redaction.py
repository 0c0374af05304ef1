"""The redaction bench runs and ends with its one-line summary."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "redaction.py"


def test_the_bench_prints_precision_recall_and_seconds_per_page(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["redaction.py", "--documents", "2", "--pages", "1"])
    runpy.run_path(str(BENCH), run_name="__main__")
    last = capsys.readouterr().out.strip().splitlines()[-1]
    match = re.fullmatch(r"redaction: precision ([\d.]+), recall ([\d.]+), ([\d.]+) s/page", last)
    assert match is not None, last
    assert float(match[1]) > 0.9 and float(match[2]) > 0.8

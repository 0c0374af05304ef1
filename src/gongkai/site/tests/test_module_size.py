"""Rooms of a size a newcomer can hold: no hand-written module over the limit (issue 11).

Migrations are generated; everything else — the package, its tests, the benches and scripts —
is read by people, and a module past the limit is split by what it holds.
"""

from __future__ import annotations

from pathlib import Path

import gongkai

LIMIT = 620  # lines ("about 600")
REPO = Path(gongkai.__file__).resolve().parent.parent.parent
ROOTS = ("src", "tests", "bench", "scripts")


def _modules() -> list[Path]:
    return [
        path
        for root in ROOTS
        for path in (REPO / root).rglob("*.py")
        if "migrations" not in path.parts and ".venv" not in path.parts
    ]


def test_no_hand_written_module_is_over_the_limit() -> None:
    too_long = {
        str(path.relative_to(REPO)): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}, f"split these by what they hold (limit {LIMIT} lines)"


def test_the_scan_sees_the_modules() -> None:
    names = {path.name for path in _modules()}
    assert {"lifecycle.py", "concurrency.py", "test_module_size.py"} <= names
    assert len(names) > 100

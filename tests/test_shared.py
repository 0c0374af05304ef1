"""The repo's copies of the workspace's shared files are still what ../shared holds.

The tests read the corpus from ``tests/data/corpus`` and the schema from the package, so that a
bare clone passes; these checks run only where ../shared is checked out beside the repo (every
developer's workspace and CI) and skip with the reason elsewhere.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from tests.conftest import CORPUS, SHARED

COPY = CORPUS.parent  # tests/data/corpus: README.md and reports/


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (no ../shared beside this checkout)")
    return path


def test_the_corpus_copy_is_the_shared_corpus() -> None:
    shared = _shared("corpus")
    assert _files(COPY) == _files(shared)


def test_the_bundled_schema_is_the_shared_spec() -> None:
    shared = _shared("spec", "annual-report.schema.json")
    bundled = resources.files("gongkai.core.report").joinpath("annual-report.schema.json")
    assert bundled.read_bytes() == shared.read_bytes()

"""Shared test helpers: the corpus of real published reports beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI runs the suite on a busy 2-core machine: no per-example deadline, no "too slow" failures.
settings.register_profile(
    "gongkai", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("gongkai")

REPO = Path(__file__).resolve().parent.parent
# ../shared is checked out beside the repo in CI and in every developer's workspace.
CORPUS = REPO.parent / "shared" / "corpus" / "reports"
TRUTH_FILES = sorted(CORPUS.glob("*.truth.json"))


def corpus_ids() -> list[str]:
    return [p.name.removesuffix(".truth.json") for p in TRUTH_FILES]


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert TRUTH_FILES, f"the shared corpus is missing at {CORPUS}"
    return CORPUS

"""Shared test helpers: the corpus of real published reports (a copy in ``tests/data``)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

# CI runs the suite on a busy 2-core machine: no per-example deadline, no "too slow" failures.
# Under CI (``.ci/run`` sets CI) the examples are the same on every run, so a CI run fails only
# on what the change did; a developer's runs draw new examples and go on finding new cases.
settings.register_profile(
    "gongkai",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("gongkai")

REPO = Path(__file__).resolve().parent.parent
# A copy of ../shared/corpus, so that a bare clone's tests pass (``tests/test_shared.py`` checks
# the copy against ../shared where that is checked out beside the repo).
CORPUS = REPO / "tests" / "data" / "corpus" / "reports"
# The workspace's shared folder: optional extra checks only, skipped when it is absent.
SHARED = REPO.parent / "shared"
TRUTH_FILES = sorted(CORPUS.glob("*.truth.json"))


def corpus_ids() -> list[str]:
    return [p.name.removesuffix(".truth.json") for p in TRUTH_FILES]


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert TRUTH_FILES, f"the corpus is missing at {CORPUS}"
    return CORPUS


def load_script(name: str) -> ModuleType:
    """A build-time script of ``scripts/`` (outside the package), imported by its path."""
    path = REPO / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"scripts.{name}", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

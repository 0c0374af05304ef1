"""The fixed draws that benches and tests read do not move when the code gains a constant."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import strategies as st
from hypothesis.internal.conjecture import providers

from tests.core.reader.truth import drawn


def test_drawn_ignores_code_constants(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The hook `drawn` empties must exist, or code constants would leak into its draws again.
    assert callable(providers._get_local_constants)
    strategy = st.lists(st.integers(), min_size=5, max_size=5)
    before = drawn(strategy, 200, 7)
    # A module of the project's own (outside site-packages and the standard library) with
    # constants of its own, as a new threshold in the reader would be.
    (tmp_path / "gongkai_new_constants.py").write_text(
        "".join(f"LIMIT_{n} = {n * 7919 + 13}\n" for n in range(200)), encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("gongkai_new_constants")
    assert module.LIMIT_0 == 13
    assert drawn(strategy, 200, 7) == before

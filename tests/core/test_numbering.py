"""Letter and index number patterns an agency sets."""

from __future__ import annotations

import pytest

from gongkai.core.numbering import (
    DEFAULT_INDEX_PATTERN,
    DEFAULT_LETTER_PATTERN,
    PatternError,
    check_pattern,
    render_pattern,
)


def test_the_default_letter_number_reads_like_an_official_one() -> None:
    assert (
        render_pattern(DEFAULT_LETTER_PATTERN, short="瓯海", year=2025, n=12)
        == "瓯海公开〔2025〕12号"
    )


def test_the_default_index_number_pads_the_serial() -> None:
    code = "11330304002482976X"
    assert render_pattern(DEFAULT_INDEX_PATTERN, credit_code=code, year=2025, n=7) == (
        "11330304002482976X/2025-00007"
    )


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{agency.name}公开〔{year}〕{n}号", "unknown field"),
        ("{0}公开〔{year}〕{n}号", "unknown field"),
        ("公开〔{year}〕号", "must contain {n}"),
        ("{short:>5}〔{year}〕{n}号", "takes no format"),
        ("{short!r}〔{year}〕{n}号", "conversions"),
        ("{short}〔{year}〕{n:{year}}号", "nested"),
        ("{short}〔{year}〕{n:q}号", "Unknown format code"),
        ("{short}〔{year}〕{n号", "literal braces"),
        ("   ", "empty"),
    ],
)
def test_a_bad_pattern_is_refused_with_the_reason(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        check_pattern(pattern)


def test_rendering_without_a_used_value_is_refused() -> None:
    with pytest.raises(PatternError, match=r"no value for \{short\}"):
        render_pattern(DEFAULT_LETTER_PATTERN, year=2025, n=1)


def test_literal_braces_survive() -> None:
    assert render_pattern("{{{year}}}-{n}", year=2025, n=3) == "{2025}-3"


def test_rendering_a_text_where_a_number_is_formatted_is_refused() -> None:
    with pytest.raises(PatternError, match="Unknown format code"):
        render_pattern(DEFAULT_INDEX_PATTERN, credit_code="X", year=2025, n="七")

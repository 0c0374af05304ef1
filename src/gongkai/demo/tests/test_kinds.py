"""The demo's items as a real district's: every title's quarter and month exist, every item
has a 体裁 that the platform knows, channels beyond the website."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.demo import kinds, names
from gongkai.publications.choices import COMMON_GENRES, Channel


@pytest.mark.parametrize("template", names.NOTICE_TITLES)
@pytest.mark.parametrize("month", range(1, 13))
def test_titles_name_a_quarter_and_a_month_that_exist(template: str, month: int) -> None:
    title = kinds.notice_title(
        template, year=2025, n=81, written=dt.date(2025, month, 3), place="娄桥街道"
    )
    assert "第81季度" not in title and "81月份" not in title
    for quarter in (5, 6, 7, 8):
        assert f"第{quarter}季度" not in title
    assert kinds.genre(title, "general") in COMMON_GENRES
    assert set(kinds.channels("general", title)) <= set(Channel.values)


def test_interpretations_and_normative_documents() -> None:
    assert kinds.genre("《某某管理办法》政策解读", "interpretation") == "解读"
    assert kinds.genre("瓯江区某某管理办法", "normative") == "办法"
    assert "gazette" in kinds.channels("normative", "瓯江区某某管理办法")


def test_every_demo_agency_has_a_valid_credit_code() -> None:
    from gongkai.core.ids import is_valid_credit_code

    codes = {kinds.credit_code(n) for n in range(200)}
    assert len(codes) == 200 and all(is_valid_credit_code(c) for c in codes)

"""The search page: phrases, abbreviations, sorting, the domain filter, one hit per item."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client

from gongkai.conftest import Personas
from gongkai.publications.tests.factories import published


def _hits(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<div class="hit">\s*<a href="/catalog/(\d+)/"', page)]


def test_the_search_page_sorts_marks_and_shows_each_hit_once(personas: Personas) -> None:
    p = personas
    old = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="关于提高城乡最低生活保障标准的通知",
        summary="", body="<p>自2024年7月起提高最低生活保障标准。</p>", on=dt.date(2024, 6, 3),
        written_on=dt.date(2024, 6, 3),
    )  # fmt: skip
    new = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="民生资金发放情况", summary="",
        body="<p>本季度低保资金按时足额发放。</p>", on=dt.date(2025, 4, 1),
    )  # fmt: skip
    scattered = published(  # 最低, 低生, 生活 … all there, never adjacent as 最低生活保障
        p.officer_a, p.reviewer_a, p.agency_a, title="最低工资与生活保障问答", summary="",
        body="<p>低生育率，活保障。</p>", on=dt.date(2025, 4, 2),
    )  # fmt: skip
    page = Client().get("/catalog/search/", {"q": "低保"}).content.decode()
    assert _hits(page) == [old.pk, new.pk]
    assert scattered.pk not in _hits(page)
    assert "<mark>最低生活保障</mark>" in page and "<mark>低保</mark>" in page
    assert page.count(f'href="/catalog/{old.pk}/"') == 1  # each hit once
    assert old.index_number in page and "温州市瓯海区财政局" in page and "2024-06-03" in page
    assert 'name="sort"' in page and "按相关度排序" in page
    by_date = Client().get("/catalog/search/", {"q": "低保", "sort": "date"}).content.decode()
    assert _hits(by_date) == [new.pk, old.pk]
    assert '<option value="date" selected>' in by_date
    refused = Client().get("/catalog/search/", {"q": "低保", "sort": "popular"})
    assert refused.status_code == 400

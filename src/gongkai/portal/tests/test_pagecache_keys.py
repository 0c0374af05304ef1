"""The page cache keys a page by its path and the parameters its view reads: junk parameters
neither miss nor fill the cache, and never reach the page."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from gongkai.conftest import Personas
from gongkai.portal import pagecache
from gongkai.publications.tests.factories import published


def _pages() -> int:
    return sum("gongkai:page:" in key for key in pagecache.cache._cache)  # type: ignore[attr-defined]


def test_junk_parameters_are_one_entry_and_never_reach_the_page(personas: Personas) -> None:
    p = personas
    published(
        p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政预算公开", on=dt.date(2025, 3, 10)
    )
    plain = Client().get("/catalog/")
    entries = _pages()
    for n in range(5):
        junk = Client().get(f"/catalog/?junk={n}&utm_source=x{n}")
        assert junk.status_code == 200 and junk.content == plain.content
    assert _pages() == entries  # served from the one entry: nothing added
    assert "junk" not in Client().get("/catalog/?junk=1&page=1").content.decode()


def test_the_parameters_a_view_reads_still_make_their_own_page(personas: Personas) -> None:
    p = personas
    published(
        p.officer_a,
        p.reviewer_a,
        p.agency_a,
        title="二〇二四年的通知",
        written_on=dt.date(2024, 4, 1),
        on=dt.date(2024, 5, 1),
    )
    published(
        p.officer_a, p.reviewer_a, p.agency_a, title="二〇二五年的通知", on=dt.date(2025, 5, 1)
    )
    page = Client().get("/catalog/?year=2024&junk=1").content.decode()
    assert "二〇二四年的通知" in page and "二〇二五年的通知" not in page
    again = Client().get("/catalog/?junk=2&year=2024").content.decode()  # any order: one entry
    assert again == page
    assert Client().get("/catalog/?year=2024&year=2025").status_code == 400  # still refused
    words = Client().get("/catalog/search/?q=二〇二五&junk=1").content.decode()
    assert "2025-05-01" in words and "2024-05-01" not in words

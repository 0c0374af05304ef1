"""The page cache: anonymous public pages served from it, never stale, never anyone's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.conftest import Personas
from gongkai.portal import pagecache
from gongkai.publications import actions
from gongkai.publications.tests.factories import draft, publish, published


@pytest.fixture
def item(personas: Personas) -> Any:
    p = personas
    return published(
        p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政预算公开", on=dt.date(2025, 3, 10)
    )


def _pages() -> int:
    """Pages in the (local memory) cache."""
    return sum("gongkai:page:" in key for key in pagecache.cache._cache)  # type: ignore[attr-defined]


def test_a_second_anonymous_visit_is_served_from_the_cache(personas: Personas, item: Any) -> None:
    first = Client().get("/catalog/")
    key_count = _pages()
    second = Client().get("/catalog/")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and "瓯海区财政预算公开" in second.content.decode()
    assert key_count >= 1 and _pages() == key_count
    assert first["ETag"] == second["ETag"] and second["Last-Modified"]
    assert "no-cache" in second["Cache-Control"] and "Cookie" in second["Vary"]


def test_no_stale_page_after_publishing_withdrawing_or_superseding(
    personas: Personas, item: Any, django_capture_on_commit_callbacks: Any
) -> None:
    p = personas
    assert "瓯海区财政预算公开" in Client().get("/catalog/").content.decode()
    new = draft(p.officer_a, p.agency_a, title="瓯海区新发布的通知")
    assert "瓯海区新发布的通知" not in Client().get("/catalog/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        new = publish(p.officer_a, p.reviewer_a, new, dt.date(2025, 4, 1))
    assert "瓯海区新发布的通知" in Client().get("/catalog/").content.decode()
    assert "瓯海区新发布的通知" not in Client().get(f"/catalog/{item.pk}/").content.decode()
    actions.supersede(actor=p.officer_a, publication=item, by=new)
    assert "瓯海区新发布的通知" in Client().get(f"/catalog/{item.pk}/").content.decode()
    assert Client().get(f"/catalog/{new.pk}/").status_code == 200  # cached
    actions.withdraw(actor=p.officer_a, publication=new, reason="内容有误")
    assert Client().get(f"/catalog/{new.pk}/").status_code == 404
    assert "瓯海区新发布的通知" not in Client().get("/catalog/").content.decode()


def test_a_publish_in_another_process_is_seen(personas: Personas, item: Any) -> None:
    """The version lives in a file: another worker's (or command's) bump is read at once."""
    before = pagecache.version()
    Client().get("/catalog/")
    pagecache.bump()
    assert pagecache.version() != before


def test_conditional_get_answers_304(personas: Personas, item: Any) -> None:
    first = Client().get("/catalog/")
    again = Client().get("/catalog/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = Client().get("/catalog/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = Client().get("/catalog/", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_signed_in_visitors_and_form_cookies_never_get_or_fill_the_cache(
    personas: Personas, item: Any
) -> None:
    staff = Client()
    staff.force_login(personas.officer_a)
    page = staff.get("/catalog/")
    assert "ETag" not in page  # rendered for them, not stored
    assert _pages() == 0
    with_csrf = Client()
    with_csrf.cookies["csrftoken"] = "x" * 32
    assert "ETag" not in with_csrf.get("/catalog/")
    assert "ETag" in Client().get("/catalog/")  # anonymous: cached
    assert "ETag" not in staff.get("/catalog/")  # still theirs, not the cached one


@pytest.mark.parametrize("path", ["/apply/", "/track/", "/console/", "/api/publications"])
def test_private_and_form_pages_are_never_cached(personas: Personas, path: str) -> None:
    Client().get(path)
    assert _pages() == 0


def test_the_cache_can_be_turned_off(personas: Personas, item: Any, settings: Any) -> None:
    settings.GONGKAI_PAGE_CACHE_SECONDS = 0
    assert "ETag" not in Client().get("/catalog/")

"""The page cache and 意见征集: a pending comment (anyone may post one) is on no public page, so
it leaves the cache alone; approving or un-approving one makes the pages fresh."""

from __future__ import annotations

from typing import Any

from django.test import Client

from gongkai.conftest import Personas
from gongkai.portal import pagecache
from gongkai.publications.actions import participation as actions
from gongkai.publications.tests.participation_factories import comment, opened


def test_only_a_change_to_an_approved_comment_bumps_the_version(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    found = opened(personas.officer_a, personas.agency_a)
    path = f"/consultations/{found.pk}/"
    Client().get(path)
    before = pagecache.version()
    with django_capture_on_commit_callbacks(execute=True):
        pending = comment(found, "请增加公园的开放时间。")
        comment(found, "与本次征集无关的内容。", token="other")
    assert pagecache.version() == before  # pending comments: every cached page still right
    with django_capture_on_commit_callbacks(execute=True):
        actions.moderate_comment(actor=personas.officer_a, comment=pending, approve=True)
    assert pagecache.version() != before
    assert "请增加公园的开放时间。" in Client().get(path).content.decode()

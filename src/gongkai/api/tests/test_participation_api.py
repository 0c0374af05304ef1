"""The read-only API of 意见征集 and 政府公报: only what is public, no commenter's data."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.conftest import Personas
from gongkai.publications.actions import gazette
from gongkai.publications.actions import participation as actions
from gongkai.publications.tests.factories import published
from gongkai.publications.tests.participation_factories import comment, consultation, opened

pytestmark = pytest.mark.django_db


def test_consultations_list_only_opened_ones_and_comments_carry_no_personal_data(
    personas: Personas,
) -> None:
    draft = consultation(personas.officer_a, personas.agency_a, title="草稿不公开")
    found = opened(personas.officer_a, personas.agency_a)
    shown = comment(found, name="李建国", contact="13812345678", address="10.9.9.9")
    comment(found, body="这条待审核，不公开。", name="王五", contact="wang@example.com")
    actions.moderate_comment(actor=personas.officer_a, comment=shown, approve=True)
    listing = Client().get("/api/consultations").json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == found.pk
    assert listing["items"][0]["comments_shown"] == 1
    assert listing["items"][0]["status_label"] == "征集中"
    detail = Client().get(f"/api/consultations/{found.pk}")
    body = detail.content.decode()
    assert detail.status_code == 200
    data = json.loads(body)
    assert [c["body"] for c in data["comments"]] == ["建议提高八十岁以上老人的补贴标准。"]
    for secret in (
        "李建国",
        "李**",
        "13812345678",
        "10.9.9.9",
        "王五",
        "wang@example.com",
        "待审核",
    ):
        assert secret not in body
    assert Client().get(f"/api/consultations/{draft.pk}").status_code == 404
    missing = Client().get("/api/consultations/999999")
    assert missing.status_code == 404 and missing.json()["detail"]
    assert Client().get("/api/consultations?status=draft").status_code == 422
    assert Client().get("/api/consultations?stauts=open").status_code == 422  # strict
    assert Client().get("/api/consultations?page=0").status_code == 422
    assert Client().get("/api/consultations?agency=99999999999999999999").status_code == 422
    only_b = Client().get(f"/api/consultations?agency={personas.agency_b.pk}").json()
    assert only_b["total"] == 0


def test_gazette_lists_published_issues_and_their_contents(personas: Personas) -> None:
    p = personas
    year = timezone.localdate().year
    item = published(p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政资金管理办法")
    made = gazette.create_issue(actor=p.officer_a, agency=p.agency_a, year=year)
    gazette.set_contents(actor=p.officer_a, issue=made, entries=[("规范性文件", item)])
    assert Client().get("/api/gazette").json()["total"] == 0  # not yet published
    assert Client().get(f"/api/gazette/{made.pk}").status_code == 404
    gazette.publish_issue(actor=p.officer_a, issue=made)
    listing = Client().get(f"/api/gazette?year={year}").json()
    assert listing["total"] == 1 and listing["items"][0]["label"] == made.label
    assert listing["items"][0]["pdf_url"] == f"/gazette/{made.pk}/pdf/"
    detail = Client().get(f"/api/gazette/{made.pk}").json()
    assert detail["entries"] == [
        {
            "section": "规范性文件",
            "publication_id": item.pk,
            "index_number": item.index_number,
            "title": "瓯海区财政资金管理办法",
            "document_number": item.document_number,
            "url": f"/catalog/{item.pk}/",
        }
    ]
    assert Client().get(f"/api/gazette?year={year - 1}").json()["total"] == 0
    assert Client().get("/api/gazette?year=1800").status_code == 422


def test_a_comment_submitted_after_midnight_beijing_time_carries_that_local_date(
    personas: Personas,
) -> None:
    import datetime as dt

    from gongkai.publications.models import ConsultationComment

    found = opened(personas.officer_a, personas.agency_a)
    shown = comment(found)
    actions.moderate_comment(actor=personas.officer_a, comment=shown, approve=True)
    # 00:30 on 2 March in Beijing is still 1 March in UTC.
    at = dt.datetime(2026, 3, 2, 0, 30, tzinfo=timezone.get_current_timezone())
    ConsultationComment.objects.filter(pk=shown.pk).update(submitted_at=at)
    data = Client().get(f"/api/consultations/{found.pk}").json()
    assert [c["submitted_on"] for c in data["comments"]] == ["2026-03-02"]

"""The console of 意见征集 and 公报: a consultation walked from draft to feedback, an issue
composed and published, and 404 for staff of another agency."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone, translation

from gongkai.conftest import Personas
from gongkai.console.participation import ConsultationForm
from gongkai.publications.actions import participation as actions
from gongkai.publications.models import Consultation, ConsultationComment, GazetteIssue
from gongkai.publications.models.participation import (
    DEFAULT_PERIOD_DAYS,
    MAX_PERIOD_DAYS,
    MIN_PERIOD_DAYS,
)
from gongkai.publications.tests.factories import published

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_period_field_takes_its_bounds_and_words_from_the_rule() -> None:
    base = {"title": "草案", "draft_text": "第一条"}
    with translation.override("zh-hans"):
        short = ConsultationForm({**base, "period_days": MIN_PERIOD_DAYS - 1})
        assert short.errors["period_days"] == [f"征集期限不少于{MIN_PERIOD_DAYS}日。"]
        assert f"不少于{MIN_PERIOD_DAYS}日" in str(short.fields["period_days"].help_text)
        assert not ConsultationForm({**base, "period_days": MAX_PERIOD_DAYS + 1}).is_valid()
        assert ConsultationForm({**base, "period_days": MAX_PERIOD_DAYS}).is_valid()
        assert ConsultationForm().fields["period_days"].initial == DEFAULT_PERIOD_DAYS


def test_a_consultation_from_draft_to_moderated_comments(personas: Personas) -> None:
    p = personas
    officer = _client(p.officer_a)
    assert "意见征集与政府公报" in officer.get("/console/participation/").content.decode()
    form = {
        "agency": p.agency_a.pk, "title": "瓯海区停车管理办法（征求意见稿）",
        "summary": "说明", "draft_text": "第一条　……", "how_to_comment": "", "period_days": 10,
    }  # fmt: skip
    refused = officer.post("/console/participation/consultations/new/", form, follow=True)
    assert "不少于30日" in refused.content.decode() and not Consultation.objects.exists()
    made = officer.post("/console/participation/consultations/new/", {**form, "period_days": 30})
    found = Consultation.objects.get()
    assert made.status_code == 302 and made["Location"].endswith(f"/{found.pk}/")
    page = f"/console/participation/consultations/{found.pk}/"
    assert _client(p.officer_b).get(page).status_code == 404
    assert _client(p.officer_b).post(f"{page}open/").status_code == 404
    officer.post(f"{page}open/")
    found.refresh_from_db()
    assert found.status == "open" and found.closes_on is not None
    comment = ConsultationComment.objects.create(
        consultation=found, body="建议增设夜间停车位。", name="王五", contact="139", token="a"
    )
    shown = officer.get(page).content.decode()
    assert "建议增设夜间停车位" in shown and "王五" in shown  # staff read the author
    above = _client(p.supervisor).get(page).content.decode()  # outside the agency: masked
    assert "建议增设夜间停车位" in above and "王**" in above and "王五" not in above
    officer.post(f"{page}moderate/", {"op": "approve", "comment": comment.pk})
    comment.refresh_from_db()
    assert comment.status == "approved"
    early = officer.post(f"{page}close/", follow=True)
    assert early.status_code == 200  # refused with a message, never a 500
    found.refresh_from_db()
    assert found.status == "open"  # the period is given in full
    answered = officer.post(f"{page}moderate/", {"op": "answer", "comment": comment.pk,
                                                     "adoption": "not_adopted"},
                            follow=True)  # fmt: skip
    assert "说明理由" in answered.content.decode()
    assert officer.post(f"{page}nonsense/").status_code == 404


def test_an_issue_composed_and_published_in_the_console(personas: Personas) -> None:
    p = personas
    officer = _client(p.officer_a)
    item = published(p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政预算公开")
    year = timezone.localdate().year
    officer.post("/console/participation/gazette/new/", {"agency": p.agency_a.pk, "year": year})
    issue = GazetteIssue.objects.get()
    page = f"/console/participation/gazette/{issue.pk}/"
    bad = officer.post(f"{page}edit/", {"op": "contents", "contents": "没有编号"}, follow=True)
    assert "格式应为" in bad.content.decode()
    officer.post(f"{page}edit/", {"op": "contents", "contents": f"区政府文件｜{item.pk}"})
    assert list(issue.entries.values_list("publication_id", flat=True)) == [item.pk]
    officer.post(f"{page}publish/")
    issue.refresh_from_db()
    assert issue.status == "published" and issue.pdf
    assert Client().get(f"/gazette/{issue.pk}/").status_code == 200
    assert _client(p.officer_b).get(page).status_code == 404


def test_feedback_through_the_console(personas: Personas) -> None:
    from gongkai.publications.tests.participation_factories import opened

    p = personas
    found = opened(p.officer_a, p.agency_a, days_ago=40)
    actions.close_consultation(actor=p.officer_a, consultation=found)
    officer = _client(p.officer_a)
    page = f"/console/participation/consultations/{found.pk}/"
    officer.post(f"{page}feedback/", {"feedback": "征集期间未收到意见。"})
    found.refresh_from_db()
    assert found.status == "feedback"
    assert "征集期间未收到意见" in Client().get(f"/consultations/{found.pk}/").content.decode()


def test_hand_made_ids_and_contents_are_refused_not_a_server_error(personas: Personas) -> None:
    p = personas
    officer = _client(p.officer_a)
    officer.raise_request_exception = False
    for agency in ("abc", "１２x", str(2**70), ""):
        for url in (
            "/console/participation/consultations/new/",
            "/console/participation/gazette/new/",
        ):
            response = officer.post(url, {"agency": agency, "title": "标题", "year": 2026})
            assert response.status_code == 404, (url, agency)
            assert "页面不存在" in response.content.decode()
    from gongkai.publications.tests.participation_factories import opened

    found = opened(p.officer_a, p.agency_a, days_ago=5)
    page = f"/console/participation/consultations/{found.pk}/"
    for op in ("approve", "reject", "answer"):
        assert officer.post(f"{page}moderate/", {"op": op, "comment": "abc"}).status_code == 404
    year = timezone.localdate().year
    officer.post("/console/participation/gazette/new/", {"agency": p.agency_a.pk, "year": year})
    issue = GazetteIssue.objects.get()
    for number in ("²", "٣x", str(2**70), "0"):
        bad = officer.post(
            f"/console/participation/gazette/{issue.pk}/edit/",
            {"op": "contents", "contents": f"区政府文件｜{number}"},
            follow=True,
        )
        assert bad.status_code == 200 and "格式应为" in bad.content.decode(), number
    assert not issue.entries.exists()


def test_each_button_is_a_step_named_after_the_life_cycle(personas: Personas) -> None:
    """attach is ``edit`` (op=attach), approve/reject/answer ``moderate``, contents and the PDF
    the issue's ``edit``: the old names are no step; a bad op or a missing right is a message."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    p = personas
    officer = _client(p.officer_a)
    form = {
        "agency": p.agency_a.pk, "title": "草案", "summary": "", "draft_text": "第一条　……",
        "how_to_comment": "", "period_days": 30,
    }  # fmt: skip
    officer.post("/console/participation/consultations/new/", form)
    found = Consultation.objects.get()
    page = f"/console/participation/consultations/{found.pk}/"
    assert officer.post(f"{page}attach/").status_code == 404
    missing = officer.post(f"{page}edit/", {"op": "attach"}, follow=True)
    assert "请选择文件。" in missing.content.decode() and not found.attachments.exists()
    upload = SimpleUploadedFile("说明.txt", b"abc", content_type="text/plain")
    officer.post(f"{page}edit/", {"op": "attach", "file": upload})
    assert list(found.attachments.values_list("name", flat=True)) == ["说明.txt"]
    officer.post(f"{page}edit/", {**form, "title": "草案（修改稿）"})
    found.refresh_from_db()
    assert found.title == "草案（修改稿）"
    assert officer.post(f"{page}edit/", {**form, "op": "nonsense"}, follow=True).status_code == 200
    denied = _client(p.supervisor).post(f"{page}open/", follow=True)
    assert "您无权进行此操作。" in denied.content.decode()
    found.refresh_from_db()
    assert found.status == "draft"
    officer.post(f"{page}open/")
    comment = ConsultationComment.objects.create(
        consultation=found, body="无关内容", name="", contact="", token="b"
    )
    officer.post(f"{page}moderate/", {"op": "reject", "comment": comment.pk})
    comment.refresh_from_db()
    assert comment.status == "rejected"

    year = timezone.localdate().year
    officer.post("/console/participation/gazette/new/", {"agency": p.agency_a.pk, "year": year})
    issue = GazetteIssue.objects.get()
    issue_page = f"/console/participation/gazette/{issue.pk}/"
    assert officer.post(f"{issue_page}pdf/").status_code == 404
    pdf = SimpleUploadedFile("gazette.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    officer.post(f"{issue_page}edit/", {"op": "pdf", "file": pdf})
    issue.refresh_from_db()
    assert issue.pdf and not issue.pdf_generated

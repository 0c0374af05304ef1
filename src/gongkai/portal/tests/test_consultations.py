"""意见征集, 政府公报 and 公开制度 on the public site: what the public sees, what it may not,
the comment form's abuse limits and no stale page after moderation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.agencies.challenge import issue, solve
from gongkai.conftest import Personas
from gongkai.publications import actions as catalog_actions
from gongkai.publications.actions import gazette
from gongkai.publications.actions import participation as actions
from gongkai.publications.models import ConsultationComment, Genre
from gongkai.publications.models.participation import Adoption
from gongkai.publications.tests.factories import published
from gongkai.publications.tests.participation_factories import comment, consultation, opened

pytestmark = pytest.mark.django_db


def _post(client: Client, pk: int, token: str, **extra: Any) -> Any:
    data = {
        "token": token,
        "body": "建议将补贴标准提高到每月300元。",
        "name": "李建国",
        "contact": "13812345678",
        "challenge": solve(issue()),
        **extra,
    }
    return client.post(f"/consultations/{pk}/comment/", data)


def test_a_comment_is_hidden_until_approved_and_its_author_masked(personas: Personas) -> None:
    found = opened(personas.officer_a, personas.agency_a)
    answer = _post(Client(), found.pk, "t1")
    assert answer.status_code == 200 and "意见已提交" in answer.content.decode()
    made = ConsultationComment.objects.get()
    assert made.address == "127.0.0.1" and made.contact == "13812345678"
    page = Client().get(f"/consultations/{found.pk}/").content.decode()
    assert "每月300元" not in page and "暂无公开的意见" in page
    actions.moderate_comment(actor=personas.officer_a, comment=made, approve=True)
    page = Client().get(f"/consultations/{found.pk}/").content.decode()  # no stale page
    assert "每月300元" in page
    assert "李**" in page and "李建国" not in page and "13812345678" not in page
    assert "127.0.0.1" not in page


def test_the_form_refuses_without_proof_of_work_and_past_the_limit_never_500(
    personas: Personas, settings: Any
) -> None:
    found = opened(personas.officer_a, personas.agency_a)
    missing = _post(Client(), found.pk, "t0", challenge="")
    assert missing.status_code == 200 and "JavaScript" in missing.content.decode()
    assert "建议将补贴标准" in missing.content.decode()  # what was typed comes back
    too_long = _post(Client(), found.pk, "t-long", body="长" * 2001)
    assert "不超过2000字" in too_long.content.decode()
    assert not ConsultationComment.objects.exists()
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 2
    for n in range(2):
        assert _post(Client(REMOTE_ADDR="10.9.0.1"), found.pk, f"ok{n}").status_code == 200
    over = _post(Client(REMOTE_ADDR="10.9.0.1"), found.pk, "over")
    assert over.status_code == 429 and int(over["Retry-After"]) > 0
    assert "提交的意见过多" in over.content.decode() and "分钟后再试" in over.content.decode()
    assert ConsultationComment.objects.count() == 2
    assert _post(Client(REMOTE_ADDR="10.9.0.2"), found.pk, "other").status_code == 200
    # Comments are counted apart from applications: the applications' place is untouched.
    from gongkai.agencies import throttle

    assert throttle.refusal(throttle.APPLY, address="10.9.0.1") is None


def test_a_comment_without_the_csrf_token_is_refused(personas: Personas) -> None:
    found = opened(personas.officer_a, personas.agency_a)
    refused = _post(Client(enforce_csrf_checks=True), found.pk, "no-csrf")
    assert refused.status_code == 403 and not ConsultationComment.objects.exists()


def test_a_closed_consultation_takes_no_comment_and_shows_the_feedback(
    personas: Personas,
) -> None:
    officer = personas.officer_a
    found = opened(officer, personas.agency_a, days_ago=40)
    late = _post(Client(), found.pk, "late")
    assert late.status_code == 409 and "不在征集期" in late.content.decode()
    made = ConsultationComment.objects.create(
        consultation=found, body="请增加上门服务。", token="a"
    )
    actions.moderate_comment(actor=officer, comment=made, approve=True)
    actions.answer_comment(actor=officer, comment=made, adoption=Adoption.ADOPTED)
    actions.close_consultation(actor=officer, consultation=found)
    actions.publish_feedback(actor=officer, consultation=found, feedback="共收到意见1条，采纳1条。")
    page = Client().get(f"/consultations/{found.pk}/").content.decode()
    assert "意见采纳情况" in page and "采纳1条" in page and "请增加上门服务" in page
    assert "共收到意见1条，经审核公开1条；其中采纳1条，部分采纳0条，未采纳0条" in page
    listing = Client().get("/consultations/").content.decode()
    assert found.title in listing and "已反馈" in listing


def test_no_stale_gazette_list_after_a_publish(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    p = personas
    year = timezone.localdate().year
    item = published(p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政资金管理办法")
    made = gazette.create_issue(actor=p.officer_a, agency=p.agency_a, year=year)
    gazette.set_contents(actor=p.officer_a, issue=made, entries=[("规范性文件", item)])
    assert f"{year}年第1期" not in Client().get("/gazette/").content.decode()
    assert f"{year}年第1期" not in Client().get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        gazette.publish_issue(actor=p.officer_a, issue=made)
    assert f"{year}年第1期" in Client().get("/gazette/").content.decode()
    assert f"{year}年第1期" in Client().get("/").content.decode()


def test_drafts_and_unpublished_issues_are_404(personas: Personas) -> None:
    draft = consultation(personas.officer_a, personas.agency_a)
    assert Client().get(f"/consultations/{draft.pk}/").status_code == 404
    assert Client().get(f"/consultations/{draft.pk}/comment/").status_code == 404
    assert Client().get("/consultations/999999/").status_code == 404
    made = gazette.create_issue(
        actor=personas.officer_a, agency=personas.agency_a, year=timezone.localdate().year
    )
    assert Client().get(f"/gazette/{made.pk}/").status_code == 404
    assert Client().get(f"/gazette/{made.pk}/pdf/").status_code == 404


def test_gazette_rules_and_home_pages(personas: Personas) -> None:
    p = personas
    year = timezone.localdate().year
    item = published(p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政资金管理办法")
    genre = catalog_actions.add_term(
        actor=p.officer_a, agency=p.agency_a, vocabulary=Genre, name="制度"
    )
    rule = published(
        p.officer_a, p.reviewer_a, p.agency_a, title="瓯海区财政局保密审查制度", genre=genre
    )
    made = gazette.create_issue(actor=p.officer_a, agency=p.agency_a, year=year)
    gazette.set_contents(actor=p.officer_a, issue=made, entries=[("规范性文件", item)])
    gazette.publish_issue(actor=p.officer_a, issue=made)
    listing = Client().get("/gazette/").content.decode()
    assert f"{year}年第1期" in listing
    page = Client().get(f"/gazette/{made.pk}/").content.decode()
    assert "规范性文件" in page and f'href="/catalog/{item.pk}/"' in page
    pdf = Client().get(f"/gazette/{made.pk}/pdf/")
    body = b"".join(pdf.streaming_content)  # type: ignore[attr-defined]
    assert pdf.status_code == 200 and body.startswith(b"%PDF")
    rules = Client().get("/rules/").content.decode()
    assert rule.title in rules and item.title not in rules
    open_one = opened(p.officer_a, p.agency_a, title="征求意见：瓯海区公园管理办法")
    home = Client().get("/").content.decode()
    assert open_one.title in home and f"{year}年第1期" in home
    unit = Client().get(f"/units/{p.agency_a.pk}/").content.decode()
    assert open_one.title in unit and f"{year}年第1期" in unit
    other = Client().get(f"/units/{p.agency_b.pk}/").content.decode()
    assert open_one.title not in other
    for path in ("/consultations/", f"/consultations/{open_one.pk}/", "/gazette/", "/rules/"):
        html = Client().get(path).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and p.city.name in title.group(1)
        assert 'class="crumbs"' in html


def test_no_english_on_the_new_pages(personas: Personas) -> None:
    from gongkai.portal.tests.test_site_pages import _english

    p = personas
    current = opened(p.officer_a, p.agency_a)
    actions.moderate_comment(actor=p.officer_a, comment=comment(current), approve=True)
    held = opened(p.officer_a, p.agency_a, days_ago=40, title="已结束的征集")
    actions.close_consultation(actor=p.officer_a, consultation=held)
    actions.publish_feedback(actor=p.officer_a, consultation=held, feedback="未收到意见。")
    item = published(p.officer_a, p.reviewer_a, p.agency_a)
    made = gazette.create_issue(
        actor=p.officer_a, agency=p.agency_a, year=timezone.localdate().year
    )
    gazette.set_contents(actor=p.officer_a, issue=made, entries=[("文件", item)])
    gazette.publish_issue(actor=p.officer_a, issue=made)
    paths = [
        "/consultations/", f"/consultations/{current.pk}/", f"/consultations/{held.pk}/",
        f"/consultations/{current.pk}/comment/", "/gazette/", f"/gazette/{made.pk}/", "/rules/",
    ]  # fmt: skip
    found = {}
    for path in paths:
        for language in ("zh-CN,zh;q=0.9", "en-US,en;q=0.9"):
            response = Client().get(path, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, path
            if english := _english(response.content.decode()):
                found[f"{path} ({language})"] = english
    officer = Client()
    officer.force_login(p.officer_a)
    for path in (
        "/console/participation/",
        f"/console/participation/consultations/{current.pk}/",
        f"/console/participation/gazette/{made.pk}/",
    ):
        response = officer.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert response.status_code == 200, path
        if english := _english(response.content.decode()):
            found[path] = english
    assert found == {}

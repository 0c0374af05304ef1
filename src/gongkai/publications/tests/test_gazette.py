"""政府公报: compose an issue from published items, its PDF (generated or uploaded), publish."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation
from pypdf import PdfReader

from gongkai.agencies.lifecycle import TransitionRefused
from gongkai.agencies.params import FIRST_YEAR, LAST_YEAR
from gongkai.conftest import Personas
from gongkai.publications import access
from gongkai.publications.actions import gazette as actions
from gongkai.publications.tests.factories import draft, published

pytestmark = pytest.mark.django_db


def test_an_issue_from_published_items_with_a_generated_pdf(personas: Personas) -> None:
    officer, reviewer, agency = personas.officer_a, personas.reviewer_a, personas.agency_a
    year = timezone.localdate().year
    first = published(officer, reviewer, agency, title="关于印发财政资金管理办法的通知")
    second = published(officer, reviewer, agency, title="关于公布行政事业性收费目录的公告")
    unpublished = draft(officer, agency, title="尚未公开的文件")
    issue = actions.create_issue(actor=officer, agency=agency, year=year)
    assert issue.label == f"{year}年第1期"
    assert actions.create_issue(actor=officer, agency=agency, year=year).number == 2
    with pytest.raises(ValidationError, match="已公开"):
        actions.set_contents(actor=officer, issue=issue, entries=[("通知", unpublished)])
    with pytest.raises(TransitionRefused):  # nothing in it yet
        actions.publish_issue(actor=officer, issue=issue)
    with pytest.raises(Http404):
        access.get_issue_for_public(issue.pk)
    actions.set_contents(
        actor=officer, issue=issue, entries=[("区政府文件", first), ("公告", second.pk)]
    )
    done = actions.publish_issue(actor=officer, issue=issue)
    assert done.status == "published" and done.pdf_generated
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(done.pdf.read())).pages)
    assert f"{year}年第1期" in text and "目" in text
    assert access.get_issue_for_public(issue.pk) == done
    with pytest.raises(TransitionRefused):  # published: the contents are fixed
        actions.set_contents(actor=officer, issue=done, entries=[("公告", second)])


def test_an_uploaded_pdf_is_kept_and_rights_are_the_agency_s(personas: Personas) -> None:
    officer, agency = personas.officer_a, personas.agency_a
    year = timezone.localdate().year
    issue = actions.create_issue(actor=officer, agency=agency, year=year, number=3)
    with pytest.raises(ValidationError, match="PDF"):
        actions.upload_pdf(actor=officer, issue=issue, name="x.pdf", content=b"not a pdf")
    actions.upload_pdf(actor=officer, issue=issue, name="x.pdf", content=b"%PDF-1.4\n%%EOF\n")
    item = published(officer, personas.reviewer_a, agency)
    actions.set_contents(actor=officer, issue=issue, entries=[("文件", item)])
    done = actions.publish_issue(actor=officer, issue=issue)
    assert not done.pdf_generated and done.pdf.read().startswith(b"%PDF-1.4")
    with pytest.raises(PermissionDenied):
        actions.create_issue(actor=personas.officer_b, agency=agency, year=year)
    with pytest.raises(Http404):
        access.get_issue_for_staff(personas.officer_b, issue.pk)


def test_an_id_no_table_can_hold_is_refused_not_an_overflow(personas: Personas) -> None:
    officer = personas.officer_a
    issue = actions.create_issue(
        actor=officer, agency=personas.agency_a, year=timezone.localdate().year
    )
    for pk in (10**20, 2**63, -1, 0):
        with pytest.raises(ValidationError, match="不可用"):
            actions.set_contents(actor=officer, issue=issue, entries=[("公告", pk)])
    assert not issue.entries.exists()


def test_a_withdrawn_item_leaves_the_issue_page(personas: Personas) -> None:
    from django.test import Client

    from gongkai.publications.actions import publishing

    p = personas
    kept = published(p.officer_a, p.reviewer_a, p.agency_a, title="仍然有效的通知")
    gone = published(p.officer_a, p.reviewer_a, p.agency_a, title="已经撤回的通知")
    issue = actions.create_issue(actor=p.officer_a, agency=p.agency_a, year=timezone.now().year)
    actions.set_contents(actor=p.officer_a, issue=issue, entries=[("通知", kept), ("通知", gone)])
    actions.publish_issue(actor=p.officer_a, issue=issue)
    publishing.withdraw(actor=p.officer_a, publication=gone, reason="错发")
    page = Client().get(f"/gazette/{issue.pk}/").content.decode()
    assert kept.title in page and gone.title not in page


@pytest.mark.django_db(transaction=True)
def test_the_pdf_is_rendered_outside_the_transaction_and_a_change_meanwhile_refuses(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import transaction

    p = personas
    first = published(p.officer_a, p.reviewer_a, p.agency_a, title="第一篇")
    second = published(p.officer_a, p.reviewer_a, p.agency_a, title="第二篇")
    issue = actions.create_issue(actor=p.officer_a, agency=p.agency_a, year=timezone.now().year)
    actions.set_contents(actor=p.officer_a, issue=issue, entries=[("通知", first)])
    real = actions.render_pdf
    seen: list[bool] = []

    def render_while_someone_edits(rendered: object) -> bytes:
        seen.append(transaction.get_connection().in_atomic_block)
        pdf = real(rendered)  # type: ignore[arg-type]
        if len(seen) == 1:  # a colleague changes the contents while the first render runs
            actions.set_contents(actor=p.officer_a, issue=issue, entries=[("通知", second)])
        return pdf

    monkeypatch.setattr(actions, "render_pdf", render_while_someone_edits)
    with pytest.raises(TransitionRefused):
        actions.publish_issue(actor=p.officer_a, issue=issue)
    issue.refresh_from_db()
    assert issue.status != "published" and not issue.pdf
    done = actions.publish_issue(actor=p.officer_a, issue=issue)
    assert done.status == "published" and done.pdf_generated
    assert seen == [False, False]  # never inside a transaction (SQLite's write lock)


def test_an_issues_year_is_one_a_filter_may_name_and_the_refusal_says_which(
    personas: Personas,
) -> None:
    officer, agency = personas.officer_a, personas.agency_a
    assert actions.create_issue(actor=officer, agency=agency, year=FIRST_YEAR).year == FIRST_YEAR
    assert actions.create_issue(actor=officer, agency=agency, year=LAST_YEAR).year == LAST_YEAR
    for year in (FIRST_YEAR - 1, LAST_YEAR + 1):
        with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
            actions.create_issue(actor=officer, agency=agency, year=year)
        assert refused.value.messages == [f"年份应在{FIRST_YEAR}年至{LAST_YEAR}年之间。"]

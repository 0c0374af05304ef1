"""政府公报: compose an issue from published items, its PDF (generated or uploaded), publish."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from pypdf import PdfReader

from gongkai.agencies.lifecycle import TransitionRefused
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

"""The console's case steps end to end: receipt to service, the other closures, downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from gongkai.agencies.queries import workday_calendar
from gongkai.cases import actions
from gongkai.cases.choices import (
    CaseEventKind,
    ConsultationAnswer,
    LetterKind,
    LetterState,
    Status,
)
from gongkai.cases.models import Case, Letter
from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.console.tests.test_cases_console import (
    _actions_on_page,
    _client,
    _received_day,
    _today,
    _url,
    case_a,
)

__all__ = ["case_a"]  # the fixture, shared with test_cases_console
pytestmark = pytest.mark.django_db


def _post(client: Client, case: Case, action: str, **data: Any) -> None:
    response = client.post(_url("act", case.pk, action), data)
    assert response.status_code == 302, (action, response.content.decode()[-3000:])
    case.refresh_from_db()


def test_a_case_goes_from_receipt_to_service_and_back_through_the_console_forms(
    personas: Personas,
) -> None:
    """Every step through its form: the dates sit in the past so the law's order holds."""
    calendar = workday_calendar(predict_through=_today().year + 1)
    received = _received_day()
    day = received.isoformat()
    case = online_case(personas.agency_a, received)
    officer, head, reviewer = (
        _client(personas.officer_a),
        _client(personas.head_a),
        _client(personas.reviewer_a),
    )
    _post(officer, case, "issue_receipt")
    _post(officer, case, "assign", officer=personas.officer_a.pk)
    assert case.assigned_to == personas.officer_a
    _post(
        officer,
        case,
        "request_assistance",
        unit=personas.agency_b.pk,
        due_on=calendar.add_workdays(_today(), 3).isoformat(),
        note="请提供资料",
    )
    assistance = case.assistance.get()
    _post(officer, case, "record_assistance", assistance=assistance.pk, on=day, note="已提供")
    first_due = case.due_on
    assert first_due is not None
    _post(
        officer,
        case,
        "request_correction",
        on=day,
        items="请说明所需信息的年份\n请提供身份证明",
        deadline=(received + dt.timedelta(days=15)).isoformat(),
    )
    assert case.status == Status.AWAITING_CORRECTION
    _post(officer, case, "record_correction", on=day, note="已补正")
    assert case.status == Status.OPEN and case.due_on is not None
    assert case.due_on >= first_due
    _post(officer, case, "consult", kind="third_party", consultee="某科技公司", sent_on=day)
    assert case.status == Status.CONSULTING
    consultation = case.consultations.get()
    _post(
        officer,
        case,
        "record_consultation",
        consultation=consultation.pk,
        answer=ConsultationAnswer.OBJECTS,
        answered_on=day,
    )
    _post(
        officer,
        case,
        "notify_third_party",
        consultation=consultation.pk,
        on=day,
        reasons="涉及公共利益",
    )
    _post(
        officer,
        case,
        "request_reasons",
        on=day,
        respond_by=(received + dt.timedelta(days=10)).isoformat(),
        note="申请数量较多",
    )
    before = case.due_on
    _post(head, case, "extend", granted_on=day, workdays=20, reason="需要征求意见")
    assert case.due_on is not None and before is not None and case.due_on > before
    _post(
        officer,
        case,
        "fee_notice",
        basis="per_page",
        pages=50,
        notice_on=day,
        payment_method="银行转账至区财政局账户",
    )
    assert case.status == Status.AWAITING_PAYMENT and case.fee.amount == 200
    _post(officer, case, "record_payment", paid_on=day, receipt_number="No.0001")
    _post(
        officer,
        case,
        "decide",
        outcome="3.2",
        decided_on=day,
        reasons="部分内容涉及商业秘密",
        extra_articles="第十五条",
    )
    if case.agency.legal_review_required:
        _post(reviewer, case, "sign_legal_review", on=day)
    _post(officer, case, "serve", method="online", served_on=day)
    assert case.status == Status.SERVED
    _post(officer, case, "reopen", on=day, reason="复议决定责令重新答复")
    assert case.status == Status.OPEN and case.reopened_count == 1
    _post(officer, case, "withdraw", on=day, note="申请人撤回")
    assert case.status == Status.CLOSED and case.outcome == "3.6.3"
    page = officer.get(_url("case", case.pk)).content.decode()
    for kind in ("correction_requested", "correction_received", "extended", "served", "reopen"):
        assert f'data-kind="{kind}"' in page
    assert str(CaseEventKind.EXTENDED.label) in page


def test_split_office_date_and_the_lapsed_closures_through_their_forms(
    personas: Personas,
) -> None:
    officer, head = _client(personas.officer_a), _client(personas.head_a)
    long_ago = _received_day() - dt.timedelta(days=60)
    day = long_ago.isoformat()
    split = online_case(personas.agency_a, _received_day())
    _post(officer, split, "split", descriptions="预算明细\n决算明细")
    assert split.status == Status.SPLIT and split.split_into.count() == 2
    dated = online_case(personas.agency_a, _received_day())
    assert dated.due_on is not None
    _post(
        head,
        dated,
        "set_office_date",
        set_on=_today().isoformat(),
        due_on=(dated.due_on + dt.timedelta(days=30)).isoformat(),
        reason="申请数量较多",
    )
    assert dated.office_date is not None
    lapsed = online_case(personas.agency_a, long_ago)
    _post(
        officer,
        lapsed,
        "request_correction",
        on=day,
        items="请说明年份",
        deadline=(long_ago + dt.timedelta(days=10)).isoformat(),
    )
    _post(officer, lapsed, "close_correction_lapsed", on=_today().isoformat())
    assert lapsed.status == Status.CLOSED and lapsed.outcome == "3.6.1"
    unpaid = online_case(personas.agency_a, long_ago)
    _post(
        officer,
        unpaid,
        "fee_notice",
        basis="per_page",
        pages=40,
        notice_on=day,
        payment_method="银行转账",
    )
    _post(officer, unpaid, "close_fee_unpaid", on=_today().isoformat())
    assert unpaid.status == Status.CLOSED and unpaid.outcome == "3.6.2"


# The worker closes connections it finds inside a transaction (close_old_connections): on
# PostgreSQL that would end the test's own transaction, so this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_letters_and_attachments_download_through_the_rights_check(
    personas: Personas,
    settings: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        case = online_case(personas.agency_a, _received_day())
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    letter = Letter.objects.get(case=case, kind=LetterKind.RECEIPT)
    # An online receipt is not queued (issue 12): the first download below renders it.
    assert letter.state == LetterState.ON_DEMAND, letter.error
    pdf = b"%PDF-1.4 identity copy"
    attachment = actions.add_attachment(
        actor=personas.officer_a,
        case=case,
        kind="identity",
        upload=SimpleUploadedFile("身份证.pdf", pdf, "application/pdf"),
    )
    officer = _client(personas.officer_a)
    page = officer.get(_url("case", case.pk)).content.decode()
    assert _url("letter", case.pk, letter.pk, "pdf") in page
    response = officer.get(_url("letter", case.pk, letter.pk, "pdf"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    response = officer.get(_url("attachment", case.pk, attachment.pk))
    assert b"".join(response.streaming_content) == pdf  # type: ignore[attr-defined]
    supervisor = _client(personas.supervisor)
    assert supervisor.get(_url("letter", case.pk, letter.pk, "docx")).status_code == 200
    # The supervisor reads the case page (masked) but may not download the applicant's uploads.
    assert supervisor.get(_url("attachment", case.pk, attachment.pk)).status_code == 404
    page = supervisor.get(_url("case", case.pk)).content.decode()
    assert "身份证.pdf" in page and _url("attachment", case.pk, attachment.pk) not in page
    other = online_case(personas.agency_a, _received_day())
    assert officer.get(_url("letter", other.pk, letter.pk, "pdf")).status_code == 404


def test_an_officer_attaches_a_file_and_a_wrong_type_is_refused_with_a_message(
    personas: Personas, case_a: Case, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    officer = _client(personas.officer_a)
    bad = SimpleUploadedFile("virus.exe", b"MZ...", "application/octet-stream")
    response = officer.post(_url("attach", case_a.pk), {"kind": "other", "file": bad}, follow=True)
    assert "virus.exe" in response.content.decode()
    assert not case_a.attachments.exists()
    good = SimpleUploadedFile("授权委托书.png", b"\x89PNG\r\n\x1a\n....", "image/png")
    officer.post(_url("attach", case_a.pk), {"kind": "authorisation", "file": good})
    assert case_a.attachments.get().name == "授权委托书.png"
    supervisor = _client(personas.supervisor)
    again = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n....", "image/png")
    response = supervisor.post(_url("attach", case_a.pk), {"kind": "other", "file": again})
    assert response.status_code == 403
    assert case_a.attachments.count() == 1


def test_where_legal_review_is_required_the_reviewer_signs_before_the_reply_is_served(
    personas: Personas, case_a: Case
) -> None:
    type(personas.agency_a).objects.filter(pk=personas.agency_a.pk).update(
        legal_review_required=True
    )
    officer, reviewer = _client(personas.officer_a), _client(personas.reviewer_a)
    day = _received_day().isoformat()
    _post(
        officer,
        case_a,
        "record_search",
        searched_on=day,
        places="档案室\n办公系统",
        terms="三公经费",
        result="未找到",
    )
    _post(officer, case_a, "decide", outcome="3.4.1", decided_on=day, reasons="本机关不掌握")
    page = officer.get(_url("case", case_a.pk)).content.decode()
    assert "serve" not in _actions_on_page(page)
    assert "sign_legal_review" in _actions_on_page(
        reviewer.get(_url("case", case_a.pk)).content.decode()
    )
    _post(reviewer, case_a, "sign_legal_review", on=day)
    assert case_a.decisions.get().legal_review_by == personas.reviewer_a
    _post(officer, case_a, "serve", method="post", served_on=day)
    assert case_a.status == Status.SERVED

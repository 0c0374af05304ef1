"""The console's 复议 / 诉讼: recording from a case, the reply deadline explained, the steps, a 纠正
that reopens the case, documents, the evidence pack, rights, and the morning reminders."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import User
from gongkai.agencies.queries import calendar_for
from gongkai.annual_reports.tests.factories import case as make_case
from gongkai.cases import protect
from gongkai.cases.choices import Status
from gongkai.cases.models import Case
from gongkai.conftest import Personas
from gongkai.core.disputes_deadlines import litigation_answer_due, review_reply_due
from gongkai.disputes import actions, deadlines, evidence
from gongkai.disputes.models import Dispute
from gongkai.disputes.notify import remind
from gongkai.site.daily import morning

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 test\n"


def _client(user: Any) -> Client:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


def _concluded(personas: Personas) -> Case:
    today = timezone.localdate()
    received = today - dt.timedelta(days=60)
    case = make_case(personas.agency_a, received, concluded=received + dt.timedelta(days=10))
    case.assigned_to = personas.officer_a
    case.id_number_encrypted = protect.encrypt("330304199001011234")
    case.save(update_fields=["assigned_to", "id_number_encrypted"])
    return case


def _post_new(client: Client, case: Case, **extra: Any) -> Any:
    today = timezone.localdate()
    data = {
        "case_number": case.number,
        "kind": "review",
        "body": "温州市瓯海区人民政府",
        "reference": "瓯政复〔2026〕7号",
        "filed_on": (today - dt.timedelta(days=5)).isoformat(),
        "copy_received_on": (today - dt.timedelta(days=3)).isoformat(),
        **extra,
    }
    return client.post(reverse("console:disputes:new") + f"?case={case.pk}", data)


def test_an_officer_records_a_review_from_the_case_and_sees_its_reply_deadline(
    personas: Personas,
) -> None:
    case = _concluded(personas)
    client = _client(personas.officer_a)
    page = client.get(reverse("console:cases:case", args=[case.pk])).content.decode()
    assert f"?case={case.pk}" in page  # the link from the case page
    response = _post_new(client, case)
    assert response.status_code == 302
    dispute = Dispute.objects.get(case=case)
    received = timezone.localdate() - dt.timedelta(days=3)
    assert dispute.copy_received_on == received
    expected = review_reply_due(received, calendar_for(timezone.localdate())).due
    page = client.get(response["Location"]).content.decode()
    assert expected.strftime("%Y-%m-%d") in page and "行政复议法第四十八条" in page
    assert "第八十八条第二款" in page
    case_page = client.get(reverse("console:cases:case", args=[case.pk])).content.decode()
    assert reverse("console:disputes:dispute", args=[dispute.pk]) in case_page
    listing = client.get(reverse("console:disputes:list")).content.decode()
    assert "瓯政复〔2026〕7号" in listing


def test_a_suit_counts_fifteen_calendar_days(personas: Personas) -> None:
    case = _concluded(personas)
    client = _client(personas.officer_a)
    _post_new(client, case, kind="litigation_direct", body="温州市瓯海区人民法院")
    dispute = Dispute.objects.get(case=case)
    calendar = calendar_for(timezone.localdate())
    deadline = deadlines.deadline_of(dispute, calendar)
    assert deadline is not None
    assert deadline.due == litigation_answer_due(dispute.copy_received_on, calendar).due  # type: ignore[arg-type]


def test_bad_input_shows_the_form_again_with_the_errors(personas: Personas) -> None:
    case = _concluded(personas)
    client = _client(personas.officer_a)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = _post_new(client, case, filed_on=future)
    assert response.status_code == 400 and not Dispute.objects.exists()
    response = _post_new(client, case, case_number="NOPE")
    assert response.status_code == 400


def test_the_steps_reply_then_a_correction_reopens_the_case(personas: Personas) -> None:
    case = _concluded(personas)
    client = _client(personas.officer_a)
    _post_new(client, case)
    dispute = Dispute.objects.get(case=case)
    today = timezone.localdate().isoformat()
    for action, data in [
        ("accept", {"on": today}),
        ("reply", {"on": today}),
        ("decide", {"outcome": "corrected", "on": today, "note": "责令重新答复"}),
    ]:
        url = reverse("console:disputes:act", args=[dispute.pk, action])
        assert client.get(url).status_code == 200
        response = client.post(url, data)
        assert response.status_code == 302, (action, response.content.decode()[:2000])
    dispute.refresh_from_db()
    case.refresh_from_db()
    assert (dispute.stage, dispute.outcome, dispute.replied_on) == (
        "decided",
        "corrected",
        timezone.localdate(),
    )
    assert case.status == Status.OPEN and case.reopened_count == 1
    page = client.get(reverse("console:disputes:dispute", args=[dispute.pk])).content.decode()
    assert 'data-outcome="corrected"' in page
    # decided: no step but attaching is open any more
    url = reverse("console:disputes:act", args=[dispute.pk, "reply"])
    assert client.get(url).status_code == 302


def test_documents_and_the_evidence_pack(personas: Personas) -> None:
    case = _concluded(personas)
    client = _client(personas.officer_a)
    _post_new(client, case)
    dispute = Dispute.objects.get(case=case)
    upload = SimpleUploadedFile("申请书副本.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("console:disputes:attach", args=[dispute.pk]), {"kind": "copy", "file": upload}
    )
    assert response.status_code == 302
    doc = dispute.documents.get()
    assert doc.kind == "copy"
    got = client.get(reverse("console:disputes:document", args=[dispute.pk, doc.pk]))
    assert b"".join(got.streaming_content) == PDF  # type: ignore[attr-defined]
    assert got["Content-Type"] == "application/pdf"
    assert got["Content-Disposition"].startswith("attachment;")
    # the rights check is disputes.access's: another agency, or the file under another
    # dispute's address, is a 404
    other = reverse("console:disputes:document", args=[dispute.pk, doc.pk])
    assert _client(personas.officer_b).get(other).status_code == 404
    wrong = reverse("console:disputes:document", args=[dispute.pk + 1, doc.pk])
    assert client.get(wrong).status_code == 404
    missing = reverse("console:disputes:document", args=[dispute.pk, doc.pk + 1])
    assert client.get(missing).status_code == 404
    response = client.get(reverse("console:disputes:evidence", args=[dispute.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    Case.objects.filter(pk=case.pk).update(number="瓯财依〔2026〕1号")  # a Chinese case number
    response = client.get(reverse("console:disputes:evidence", args=[dispute.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''"), disposition
    assert quote(f"瓯财依〔2026〕1号-evidence-{dispute.pk}.zip") in disposition
    case.refresh_from_db()
    dispute.refresh_from_db()
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names[0] == "00-目录.pdf" and archive.read(names[0]).startswith(b"%PDF")
    assert "3-1 申请书副本.pdf" in names
    html = evidence.index_html(dispute, evidence.entries(dispute), timezone.localdate())
    assert "证据材料目录" in html and case.number in html and "第四十八条" in html


def test_others_get_404_and_a_supervisor_reads_but_may_not_act(personas: Personas) -> None:
    case = _concluded(personas)
    _post_new(_client(personas.officer_a), case)
    dispute = Dispute.objects.get(case=case)
    page = reverse("console:disputes:dispute", args=[dispute.pk])
    assert _client(personas.officer_b).get(page).status_code == 404
    assert _client(personas.anonymous).get(page).status_code == 404
    assert (
        _client(personas.officer_b)
        .get(reverse("console:disputes:evidence", args=[dispute.pk]))
        .status_code
        == 404
    )
    assert _client(personas.supervisor).get(page).status_code == 200
    # The evidence pack holds the applicant's uploads: the handling agency's case roles only.
    pack = reverse("console:disputes:evidence", args=[dispute.pk])
    assert _client(personas.supervisor).get(pack).status_code == 404
    assert pack not in _client(personas.supervisor).get(page).content.decode()
    assert pack in _client(personas.officer_a).get(page).content.decode()
    url = reverse("console:disputes:act", args=[dispute.pk, "accept"])
    assert _client(personas.supervisor).post(url, {"on": "2026-01-01"}).status_code == 403
    response = _post_new(_client(personas.officer_b), case)
    assert response.status_code in (400, 404) and Dispute.objects.count() == 1


def test_a_reply_due_soon_or_overdue_is_reminded_every_morning(personas: Personas) -> None:
    case = _concluded(personas)
    personas.officer_a.email = "officer@example.org"
    personas.officer_a.save(update_fields=["email"])
    today = timezone.localdate()
    dispute = actions.record_dispute(
        actor=personas.officer_a,
        case=case,
        kind="review",
        body="温州市瓯海区人民政府",
        filed_on=today - dt.timedelta(days=40),
    )
    actions.record_copy_received(
        actor=personas.officer_a, dispute=dispute, on=today - dt.timedelta(days=30)
    )
    due = deadlines.needing_reminders(today)
    assert [(d.pk, state) for d, _deadline, state in due] == [(dispute.pk, "overdue")]
    mail.outbox.clear()
    assert remind(today) >= 1
    assert "已逾期" in mail.outbox[0].body
    mail.outbox.clear()
    morning(today)
    assert any("行政复议" in m.subject for m in mail.outbox)
    actions.record_reply(actor=personas.officer_a, dispute=dispute, on=today)
    assert deadlines.needing_reminders(today) == []


def test_a_reply_cannot_precede_the_copy_nor_be_recorded_without_one(personas: Personas) -> None:
    case = _concluded(personas)
    today = timezone.localdate()
    dispute = actions.record_dispute(
        actor=personas.officer_a, case=case, kind="review", body="复议机关", filed_on=today
    )
    with pytest.raises(actions.StepRefused):
        actions.record_reply(actor=personas.officer_a, dispute=dispute, on=today)
    with pytest.raises(actions.DisputeError):
        actions.record_copy_received(
            actor=personas.officer_a, dispute=dispute, on=today - dt.timedelta(days=1)
        )
    suit = actions.record_dispute(
        actor=personas.officer_a, case=case, kind="litigation_direct", body="法院", filed_on=today
    )
    with pytest.raises(actions.DisputeError):
        actions.record_copy_received(
            actor=personas.officer_a, dispute=suit, on=today, simplified=True
        )


def test_a_standalone_review_is_linked_to_its_application_later_and_reopens_it(
    personas: Personas,
) -> None:
    case = _concluded(personas)
    client = _client(personas.officer_a)
    today = timezone.localdate()
    response = client.post(
        reverse("console:disputes:new"),
        {
            "case_number": "",
            "agency": personas.agency_a.pk,
            "kind": "review",
            "body": "温州市瓯海区人民政府",
            "reference": "瓯政复〔2026〕11号",
            "filed_on": (today - dt.timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    dispute = Dispute.objects.get()
    assert (dispute.case, dispute.agency) == (None, personas.agency_a)
    page = client.get(response["Location"]).content.decode()
    assert 'class="unlinked"' in page and 'data-action="link"' in page
    assert client.get(reverse("console:disputes:evidence", args=[dispute.pk])).status_code == 200
    actions.record_decision(
        actor=personas.officer_a, dispute=dispute, outcome="corrected", decided_on=today
    )
    url = reverse("console:disputes:act", args=[dispute.pk, "link"])
    assert client.post(url, {"case_number": "NOPE"}).status_code == 400
    assert client.post(url, {"case_number": case.number}).status_code == 302
    dispute.refresh_from_db()
    case.refresh_from_db()
    assert dispute.case == case and case.status == Status.OPEN
    assert (
        'data-action="link"'
        not in client.get(reverse("console:disputes:dispute", args=[dispute.pk])).content.decode()
    )
    # Another agency's officer cannot record one against agency A.
    response = _client(personas.officer_b).post(
        reverse("console:disputes:new"),
        {"agency": personas.agency_a.pk, "kind": "review", "body": "x", "filed_on": today},
    )
    assert response.status_code == 400 and Dispute.objects.count() == 1

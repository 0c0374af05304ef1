"""The actions on an application: what they write, what they refuse, and the clock they move."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from gongkai.agencies.access import SystemActor
from gongkai.cases import actions, protect, transitions
from gongkai.cases.choices import LetterKind, Status
from gongkai.cases.models import Case, CaseAttachment, CaseEvent, Letter
from gongkai.cases.tests.factories import ID_NUMBER, application, online_case
from gongkai.conftest import Personas

pytestmark = pytest.mark.django_db


def _fragment(message: str) -> str:
    """The longest fixed part of a message as the user reads it (zh-hans), as a regex."""
    parts = re.split(r"%\(\w+\)s", _(message))
    return re.escape(max(parts, key=len))


D = dt.date


def test_an_online_application_is_received_the_day_it_is_submitted(personas: Personas) -> None:
    case, secret = actions.submit_online(
        actor=personas.anonymous,
        agency=personas.agency_a,
        data=application(),
        token="t1",
        today=D(2025, 9, 26),
    )
    assert case.received_on == D(2025, 9, 26)
    assert case.status == Status.OPEN
    # statute.md §1's example: received Fri 2025-09-26 → due 2025-10-30 across National Day.
    assert case.due_on == D(2025, 10, 30)
    assert case.number == "瓯海财依申〔2025〕1号"
    assert actions.check_lookup_secret(case, secret)
    assert not actions.check_lookup_secret(case, secret + "x")
    assert Letter.objects.filter(case=case, kind=LetterKind.RECEIPT).count() == 1
    assert list(case.events.values_list("kind", flat=True)) == ["submitted"]


def test_the_identity_number_is_encrypted_at_rest_and_masked(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    stored = Case.objects.values_list("id_number_encrypted", flat=True).get(pk=case.pk)
    assert ID_NUMBER not in stored
    assert protect.decrypt(stored) == ID_NUMBER
    assert case.id_number_masked == ID_NUMBER[:4] + "*" * 10 + ID_NUMBER[-4:]


def test_a_double_submit_stores_one_application(personas: Personas) -> None:
    first, _ = actions.submit_online(
        actor=personas.anonymous, agency=personas.agency_a, data=application(), token="same"
    )
    second, secret = actions.submit_online(
        actor=personas.anonymous, agency=personas.agency_a, data=application(), token="same"
    )
    assert first.pk == second.pk and secret == ""
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id_number", ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")),
        ("applicant_name", ""),
        ("description", ""),
        ("phone", "12"),
        ("applicant_type", "alien"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_stored(
    personas: Personas, field: str, value: str
) -> None:
    with pytest.raises(actions.CaseError) as raised:
        actions.submit_online(
            actor=personas.anonymous,
            agency=personas.agency_a,
            data=application(**{field: value}),
            token="t",
        )
    assert field in raised.value.message_dict
    assert Case.objects.count() == 0
    assert CaseEvent.objects.count() == 0


def test_an_upload_of_the_wrong_type_or_size_stores_nothing(
    personas: Personas, settings: object
) -> None:
    fake_pdf = SimpleUploadedFile("id.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(
        actions.CaseError, match=_fragment("%(name)s is not really a %(suffix)s file.")
    ):
        actions.submit_online(
            actor=personas.anonymous,
            agency=personas.agency_a,
            data=application(),
            token="t",
            attachments=[("identity", fake_pdf)],
        )
    exe = SimpleUploadedFile("id.exe", b"MZ", "application/octet-stream")
    with pytest.raises(
        actions.CaseError,
        match=_fragment("%(name)s: only PDF, JPEG, PNG or DOCX files are accepted."),
    ):
        actions.submit_online(
            actor=personas.anonymous,
            agency=personas.agency_a,
            data=application(),
            token="t",
            attachments=[("identity", exe)],
        )
    settings.GONGKAI_UPLOAD_MAX_MB = 1  # type: ignore[attr-defined]
    big = SimpleUploadedFile("id.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1), "application/pdf")
    with pytest.raises(actions.CaseError, match=_fragment("%(name)s is larger than %(limit)s MB.")):
        actions.submit_online(
            actor=personas.anonymous,
            agency=personas.agency_a,
            data=application(),
            token="t",
            attachments=[("identity", big)],
        )
    assert Case.objects.count() == 0 and CaseAttachment.objects.count() == 0


def test_an_ordinary_letter_waits_for_confirmation_before_the_clock_starts(
    personas: Personas,
) -> None:
    case = actions.register(
        actor=personas.officer_a,
        agency=personas.agency_a,
        data=application(delivery="post"),
        channel="ordinary_letter",
        submitted_on=D(2025, 3, 3),
        today=D(2025, 3, 5),
    )
    assert case.status == Status.AWAITING_CONFIRMATION and case.due_on is None
    case = actions.confirm_receipt(
        actor=personas.officer_a, case=case, on=D(2025, 3, 4), today=D(2025, 3, 5)
    )
    assert case.received_on == D(2025, 3, 4)
    assert case.due_on == D(2025, 4, 1)  # 20 working days after Tue 4 March 2025


def test_another_agency_cannot_register_or_act(personas: Personas) -> None:
    with pytest.raises(PermissionDenied):
        actions.register(
            actor=personas.officer_b,
            agency=personas.agency_a,
            data=application(),
            channel="in_person",
            submitted_on=D(2025, 3, 3),
        )
    case = online_case(personas.agency_a, D(2025, 3, 3))
    for persona in (personas.officer_b, personas.supervisor, personas.admin_a):
        with pytest.raises(PermissionDenied):
            actions.request_correction(
                actor=persona,
                case=case,
                on=D(2025, 3, 4),
                items=["x"],
                deadline=D(2025, 3, 20),
                today=D(2025, 3, 4),
            )


def test_the_correction_restarts_the_clock_and_is_allowed_once(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    officer = personas.officer_a
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_correction(
            actor=officer,
            case=case,
            on=D(2025, 3, 5),
            items=["请写明所需信息的文号或名称"],
            deadline=D(2025, 3, 20),
            today=D(2025, 3, 5),
        )
    case.refresh_from_db()
    assert case.status == Status.AWAITING_CORRECTION
    notice = Letter.objects.get(case=case, kind=LetterKind.CORRECTION)
    assert notice.served_on == D(2025, 3, 5)  # the applicant's to download from the day sent
    assert [m.to for m in mail.outbox] == [["wang@example.com"]]
    assert "补正告知书" in mail.outbox[0].subject and notice.number in mail.outbox[0].body
    actions.record_correction(actor=officer, case=case, on=D(2025, 3, 10), today=D(2025, 3, 10))
    case.refresh_from_db()
    assert case.status == Status.OPEN
    assert case.due_on == D(2025, 4, 8)  # 20 working days from Mon 10 March (Qingming 4 April)
    assert not transitions.permitted(officer, case, "request_correction", D(2025, 3, 11))
    with pytest.raises(actions.CaseError):
        actions.request_correction(
            actor=officer,
            case=case,
            on=D(2025, 3, 11),
            items=["again"],
            deadline=D(2025, 3, 25),
            today=D(2025, 3, 11),
        )


def test_no_correction_in_time_closes_the_case_as_abandoned(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    actions.request_correction(
        actor=personas.officer_a,
        case=case,
        on=D(2025, 3, 5),
        items=["文号"],
        deadline=D(2025, 3, 20),
        today=D(2025, 3, 5),
    )
    with pytest.raises(actions.CaseError):  # not before the deadline has passed
        actions.close_correction_lapsed(actor=personas.officer_a, case=case, today=D(2025, 3, 20))
    case = actions.close_correction_lapsed(
        actor=personas.officer_a, case=case, today=D(2025, 3, 21)
    )
    assert (case.status, case.outcome, case.concluded_on) == (
        Status.CLOSED,
        "3.6.1",
        D(2025, 3, 21),
    )


def test_consultation_pauses_and_the_head_extends_once_before_the_deadline(
    personas: Personas,
) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    due_before = case.due_on
    consultation = actions.consult(
        actor=personas.officer_a,
        case=case,
        kind="third_party",
        consultee="温州某建设有限公司",
        sent_on=D(2025, 3, 10),
        today=D(2025, 3, 10),
    )
    actions.record_consultation(
        actor=personas.officer_a,
        consultation=consultation,
        answer="objects",
        answered_on=D(2025, 3, 14),
        today=D(2025, 3, 14),
    )
    case.refresh_from_db()
    assert case.status == Status.OPEN
    assert due_before is not None and case.due_on is not None
    assert case.due_on > due_before  # 4 working days (11–14 March) not counted
    with pytest.raises(PermissionDenied):  # an officer may not approve an extension
        actions.extend(
            actor=personas.officer_a, case=case, granted_on=D(2025, 3, 20), reason="需协调"
        )
    actions.extend(
        actor=personas.head_a,
        case=case,
        granted_on=D(2025, 3, 20),
        reason="涉及第三方，需进一步核实",
        today=D(2025, 3, 20),
    )
    case.refresh_from_db()
    assert case.extension.workdays == 20
    assert not transitions.permitted(personas.head_a, case, "extend", D(2025, 3, 21))


def test_a_decision_needs_its_reasons_and_serving_concludes_the_case(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    with pytest.raises(actions.CaseError) as raised:
        actions.decide(
            actor=personas.officer_a,
            case=case,
            outcome="3.2",
            decided_on=D(2025, 3, 20),
            today=D(2025, 3, 20),
        )
    assert "reasons" in raised.value.message_dict
    case.refresh_from_db()
    assert case.status == Status.OPEN and not case.decisions.exists()
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.2",
        reasons="其中涉及个人隐私的部分不予公开。",
        extra_articles=["第十五条"],
        decided_on=D(2025, 3, 20),
        today=D(2025, 3, 20),
    )
    reply = Letter.objects.get(case=case, kind=LetterKind.REPLY)
    assert reply.number.startswith("瓯海财") and reply.served_on is None
    case = actions.serve(
        actor=personas.officer_a,
        case=case,
        method="online",
        served_on=D(2025, 3, 21),
        today=D(2025, 3, 21),
    )
    reply.refresh_from_db()
    assert (case.status, case.outcome, case.concluded_on, case.served_late) == (
        Status.SERVED,
        "3.2",
        D(2025, 3, 21),
        False,
    )
    assert reply.served_on == D(2025, 3, 21)


def test_a_fee_follows_the_109_bands_for_the_applicants_month(personas: Personas) -> None:
    cases = [online_case(personas.agency_a, D(2025, 3, 3)) for _ in range(11)]
    with pytest.raises(actions.CaseError, match=_fragment("No fee is due: %(why)s.")):
        actions.fee_notice(
            actor=personas.officer_a,
            case=cases[9],
            basis="per_application",
            notice_on=D(2025, 3, 4),
            payment_method="银行转账",
            today=D(2025, 3, 4),
        )
    notice = actions.fee_notice(
        actor=personas.officer_a,
        case=cases[10],
        basis="per_application",
        notice_on=D(2025, 3, 4),
        payment_method="银行转账至财政专户",
        today=D(2025, 3, 4),
    )
    assert (notice.nth_in_month, notice.amount) == (11, 100)
    assert notice.pay_by == D(2025, 4, 1)  # 20 working days after Tue 4 March


def test_splitting_counts_each_part_once_and_keeps_the_receipt_date(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    parts = actions.split(
        actor=personas.officer_a,
        case=case,
        descriptions=["2024年预算", "2024年决算"],
        today=D(2025, 3, 4),
    )
    case.refresh_from_db()
    assert case.status == Status.SPLIT
    assert [p.received_on for p in parts] == [D(2025, 3, 3)] * 2
    assert [p.number for p in parts] == [f"{case.number}-1", f"{case.number}-2"]
    assert all(p.due_on == case.due_on for p in parts)


def test_withdrawal_by_the_applicant_and_reopening_keep_the_history(personas: Personas) -> None:
    case, _ = actions.submit_online(
        actor=personas.applicant,
        agency=personas.agency_a,
        data=application(),
        token="mine",
        today=D(2025, 3, 3),
    )
    assert case.applicant_user == personas.applicant
    with pytest.raises(PermissionDenied):
        actions.withdraw(actor=personas.officer_b, case=case, today=D(2025, 3, 5))
    case = actions.withdraw(actor=personas.applicant, case=case, today=D(2025, 3, 5))
    assert (case.status, case.outcome) == (Status.CLOSED, "3.6.3")
    case = actions.reopen(
        actor=personas.officer_a,
        case=case,
        on=D(2025, 6, 2),
        reason="复议决定责令重新答复",
        today=D(2025, 6, 2),
    )
    assert case.status == Status.OPEN and case.reopened_count == 1
    assert (case.first_outcome, case.first_concluded_on) == ("3.6.3", D(2025, 3, 5))
    assert case.due_on == D(2025, 6, 30)  # a fresh 20 working days from the reopening
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "withdrawn", "reopen"]


def test_events_are_immutable(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    event = case.events.get()
    event.kind = "forged"
    with pytest.raises(ValueError, match="immutable"):
        event.save()
    with pytest.raises(ValueError, match="immutable"):
        event.delete()


def test_a_calendar_change_recomputes_open_deadlines_and_notes_it(personas: Personas) -> None:
    from gongkai.agencies import actions as agency_actions
    from gongkai.core.calendar import DayKind, DayRow

    case = online_case(personas.agency_a, D(2025, 3, 3))
    assert case.due_on == D(2025, 3, 31)
    agency_actions.set_calendar_day(
        actor=SystemActor(),
        row=DayRow(D(2025, 3, 14), DayKind.HOLIDAY, "test holiday"),
    )
    case.refresh_from_db()
    assert case.due_on == D(2025, 4, 1)
    event = case.events.get(kind="deadline_recomputed")
    assert event.data["from"] == "2025-03-31" and event.data["to"] == "2025-04-01"


def test_the_office_may_set_a_later_date_under_article_35_with_a_letter(
    personas: Personas,
) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    actions.set_office_date(
        actor=personas.head_a,
        case=case,
        set_on=D(2025, 3, 10),
        due_on=D(2025, 5, 30),
        reason="申请数量较多，无法在法定期限内答复",
        today=D(2025, 3, 10),
    )
    case.refresh_from_db()
    assert case.due_on == D(2025, 5, 30)
    letter = Letter.objects.get(case=case, kind=LetterKind.DEFERRAL)
    assert letter.number.startswith("瓯海财")

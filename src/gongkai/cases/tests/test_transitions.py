"""The transition table is what the actions do: every target, every start, every event kind."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.agencies import lifecycle
from gongkai.agencies.access import SystemActor
from gongkai.agencies.models import Agency
from gongkai.cases import actions, transitions
from gongkai.cases.actions import intake
from gongkai.cases.choices import CaseEventKind, LetterKind, Status
from gongkai.cases.models import Case, CaseEvent, Letter
from gongkai.cases.redact import Box
from gongkai.cases.tests.factories import application, online_case
from gongkai.cases.tests.pdfs import pdf_with_lines
from gongkai.conftest import Personas
from gongkai.core import letters as core_letters

pytestmark = pytest.mark.django_db

D = dt.date
RECEIVED = D(2025, 3, 3)  # a Monday; 20 working days → 31 March


def _online(p: Personas) -> Case:
    return online_case(p.agency_a, RECEIVED)


def _unconfirmed(p: Personas) -> Case:
    return actions.register(
        actor=p.officer_a,
        agency=p.agency_a,
        data=application(delivery="post"),
        channel="ordinary_letter",
        submitted_on=RECEIVED,
        today=RECEIVED,
    )


def _correction_asked(p: Personas) -> Case:
    case = _online(p)
    actions.request_correction(
        actor=p.officer_a,
        case=case,
        on=D(2025, 3, 4),
        items=["文号"],
        deadline=D(2025, 3, 20),
        today=D(2025, 3, 4),
    )
    return case


def _consulting(p: Personas) -> Case:
    case = _online(p)
    actions.consult(
        actor=p.officer_a,
        case=case,
        kind="third_party",
        consultee="温州某建设有限公司",
        sent_on=D(2025, 3, 5),
        today=D(2025, 3, 5),
    )
    return case


def _fee_due(p: Personas) -> Case:
    case = _online(p)
    actions.fee_notice(
        actor=p.officer_a,
        case=case,
        basis="per_page",
        pages=500,
        notice_on=D(2025, 3, 4),
        payment_method="银行转账",
        today=D(2025, 3, 4),
    )
    return case


def _decided(p: Personas) -> Case:
    case = _online(p)
    actions.decide(
        actor=p.officer_a,
        case=case,
        outcome="3.2",
        reasons="其中涉及个人隐私的部分不予公开。",
        decided_on=D(2025, 3, 10),
        today=D(2025, 3, 10),
    )
    return case


def _withdrawn(p: Personas) -> Case:
    case = _online(p)
    actions.withdraw(actor=p.officer_a, case=case, today=D(2025, 3, 5))
    return case


def _own(p: Personas) -> Case:
    case, _secret = actions.submit_online(
        actor=p.applicant, agency=p.agency_a, data=application(), token="own", today=RECEIVED
    )
    return case


Prepare = Callable[[Personas], Case]
Run = Callable[[Personas, Case], object]

# For every transition with a target: how to reach one of its sources, and how to run it.
SCENARIOS: dict[str, tuple[Prepare, Run]] = {
    "confirm_receipt": (
        _unconfirmed,
        lambda p, c: actions.confirm_receipt(
            actor=p.officer_a, case=c, on=D(2025, 3, 4), today=D(2025, 3, 5)
        ),
    ),
    "request_correction": (
        _online,
        lambda p, c: actions.request_correction(
            actor=p.officer_a,
            case=c,
            on=D(2025, 3, 4),
            items=["文号"],
            deadline=D(2025, 3, 20),
            today=D(2025, 3, 4),
        ),
    ),
    "record_correction": (
        _correction_asked,
        lambda p, c: actions.record_correction(
            actor=p.officer_a, case=c, on=D(2025, 3, 10), today=D(2025, 3, 10)
        ),
    ),
    "answer_correction": (
        _correction_asked,
        lambda p, c: actions.answer_correction(
            actor=transitions.VerifiedApplicant(c.pk), case=c, text="补正", today=D(2025, 3, 10)
        ),
    ),
    "close_correction_lapsed": (
        _correction_asked,
        lambda p, c: actions.close_correction_lapsed(
            actor=p.officer_a, case=c, today=D(2025, 3, 21)
        ),
    ),
    "consult": (
        _online,
        lambda p, c: actions.consult(
            actor=p.officer_a,
            case=c,
            kind="co_producer",
            consultee="温州市财政局",
            sent_on=D(2025, 3, 5),
            today=D(2025, 3, 5),
        ),
    ),
    "record_consultation": (
        _consulting,
        lambda p, c: actions.record_consultation(
            actor=p.officer_a,
            consultation=c.consultations.get(),
            answer="objects",
            answered_on=D(2025, 3, 7),
            today=D(2025, 3, 7),
        ),
    ),
    "fee_notice": (
        _online,
        lambda p, c: actions.fee_notice(
            actor=p.officer_a,
            case=c,
            basis="per_page",
            pages=500,
            notice_on=D(2025, 3, 4),
            payment_method="银行转账",
            today=D(2025, 3, 4),
        ),
    ),
    "record_payment": (
        _fee_due,
        lambda p, c: actions.record_payment(
            actor=p.officer_a,
            case=c,
            paid_on=D(2025, 3, 6),
            receipt_number="0001",
            today=D(2025, 3, 6),
        ),
    ),
    "close_fee_unpaid": (
        _fee_due,
        lambda p, c: actions.close_fee_unpaid(actor=p.officer_a, case=c, today=D(2025, 4, 2)),
    ),
    "split": (
        _online,
        lambda p, c: actions.split(
            actor=p.officer_a, case=c, descriptions=["2024年预算", "2024年决算"], today=RECEIVED
        ),
    ),
    "decide": (
        _online,
        lambda p, c: actions.decide(
            actor=p.officer_a,
            case=c,
            outcome="3.2",
            reasons="其中涉及个人隐私的部分不予公开。",
            decided_on=D(2025, 3, 10),
            today=D(2025, 3, 10),
        ),
    ),
    "serve": (
        _decided,
        lambda p, c: actions.serve(
            actor=p.officer_a,
            case=c,
            method="online",
            served_on=D(2025, 3, 11),
            today=D(2025, 3, 11),
        ),
    ),
    "withdraw": (
        _online,
        lambda p, c: actions.withdraw(actor=p.officer_a, case=c, today=D(2025, 3, 5)),
    ),
    "withdraw_own": (
        _own,
        lambda p, c: actions.withdraw(actor=p.applicant, case=c, today=D(2025, 3, 5)),
    ),
    "reopen": (
        _withdrawn,
        lambda p, c: actions.reopen(
            actor=p.officer_a, case=c, on=D(2025, 6, 2), reason="复议决定", today=D(2025, 6, 2)
        ),
    ),
}


def test_every_transition_with_a_target_has_a_scenario() -> None:
    assert set(SCENARIOS) == {t.action for t in transitions.TABLE if t.target is not None}


def _elsewhere(target: str) -> Status:
    """A status the action would never reach by itself."""
    return Status.CONSULTING if target != Status.CONSULTING else Status.AWAITING_PAYMENT


@pytest.mark.parametrize("patched", [False, True], ids=["table", "patched-table"])
@pytest.mark.parametrize("action", sorted(SCENARIOS))
def test_the_action_leads_to_exactly_the_tables_target(
    personas: Personas, monkeypatch: pytest.MonkeyPatch, action: str, patched: bool
) -> None:
    prepare, run = SCENARIOS[action]
    case = prepare(personas)
    case.refresh_from_db()
    transition = transitions.TABLE[action]
    assert transition.target is not None
    assert case.status in transition.sources
    target = transition.target
    if patched:  # the action follows the table, whatever the table says
        target = _elsewhere(target)
        monkeypatch.setitem(
            transitions.TABLE.by_action, action, dataclasses.replace(transition, target=target)
        )
    run(personas, case)
    case.refresh_from_db()
    assert case.status == target
    event = case.events.order_by("-at", "-pk").first()
    assert event is not None and event.status_after == target


def test_a_case_begins_in_its_initial_status(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _online(personas).status == transitions.INITIAL["online"]
    assert _unconfirmed(personas).status == transitions.INITIAL["registered_unconfirmed"]
    starts = dict.fromkeys(transitions.INITIAL, Status.AWAITING_PAYMENT)
    monkeypatch.setattr(intake, "INITIAL", starts)
    online = _online(personas)
    unconfirmed = _unconfirmed(personas)
    in_person = actions.register(
        actor=personas.officer_a,
        agency=personas.agency_a,
        data=application(),
        channel="in_person",
        submitted_on=RECEIVED,
        today=RECEIVED,
    )
    monkeypatch.setattr(intake, "INITIAL", {**starts, "split_part": Status.CONSULTING})
    original = _online(personas)
    Case.objects.filter(pk=original.pk).update(status=Status.OPEN)
    parts = actions.split(
        actor=personas.officer_a, case=original, descriptions=["一", "二"], today=RECEIVED
    )
    assert {online.status, unconfirmed.status, in_person.status} == {Status.AWAITING_PAYMENT}
    assert [p.status for p in parts] == [Status.CONSULTING] * 2


def test_a_refused_step_is_a_case_error_and_a_refused_transition_naming_the_application(
    personas: Personas,
) -> None:
    case = _withdrawn(personas)
    with pytest.raises(actions.CaseError) as raised:
        actions.decide(
            actor=personas.officer_a,
            case=case,
            outcome="3.2",
            reasons="理由",
            decided_on=D(2025, 3, 10),
            today=D(2025, 3, 10),
        )
    assert isinstance(raised.value, lifecycle.TransitionRefused)
    assert isinstance(raised.value, ValidationError)
    assert raised.value.code == "transition"
    assert case.number in raised.value.messages[0]
    assert str(Status.CLOSED.label) in raised.value.messages[0]


def test_every_kind_the_actions_record_is_a_case_event_kind_and_each_is_recorded(
    personas: Personas, settings: Any, tmp_path: Path
) -> None:
    from gongkai.agencies import actions as agency_actions
    from gongkai.core.calendar import DayKind, DayRow

    settings.MEDIA_ROOT = tmp_path
    p = personas
    for prepare, run in SCENARIOS.values():
        case = prepare(p)
        case.refresh_from_db()
        run(p, case)
    Agency.objects.filter(pk=p.agency_a.pk).update(legal_review_required=True)
    case = _online(p)
    today = D(2025, 3, 4)
    actions.issue_receipt(actor=p.officer_a, case=case, today=today)
    actions.assign(actor=p.officer_a, case=case, officer=p.officer_a, today=today)
    assistance = actions.request_assistance(
        actor=p.officer_a, case=case, unit=p.agency_b, due_on=D(2025, 3, 20), today=today
    )
    actions.record_assistance(actor=p.officer_a, assistance=assistance, on=today, today=today)
    actions.add_attachment(
        actor=p.officer_a,
        case=case,
        kind="other",
        upload=SimpleUploadedFile("note.pdf", b"%PDF-1.4 test", "application/pdf"),
        today=today,
    )
    consultation = actions.consult(
        actor=p.officer_a,
        case=case,
        kind="third_party",
        consultee="某公司",
        sent_on=today,
        today=today,
    )
    actions.record_consultation(
        actor=p.officer_a,
        consultation=consultation,
        answer="objects",
        answered_on=today,
        today=today,
    )
    actions.notify_third_party(
        actor=p.officer_a, case=case, consultation=consultation, on=today, reasons="公共利益"
    )
    actions.request_reasons(
        actor=p.officer_a, case=case, on=today, respond_by=D(2025, 3, 18), today=today
    )
    actions.extend(actor=p.head_a, case=case, granted_on=today, reason="需协调", today=today)
    actions.set_office_date(
        actor=p.head_a,
        case=case,
        set_on=today,
        due_on=D(2025, 6, 30),
        reason="申请数量较多",
        today=today,
    )
    released, _note = actions.add_released_file(
        actor=p.officer_a, case=case, upload=SimpleUploadedFile("a.pdf", pdf_with_lines(["x"]))
    )
    actions.remove_released(actor=p.officer_a, item=released)
    kept, _note = actions.add_released_file(
        actor=p.officer_a, case=case, upload=SimpleUploadedFile("b.pdf", pdf_with_lines(["y"]))
    )
    actions.redact_item(actor=p.officer_a, item=kept, boxes=[Box(0, 60, 60, 120, 90)])
    actions.record_download(actor=p.applicant, item=kept)
    actions.record_search(
        actor=p.officer_a,
        case=case,
        searched_on=today,
        places=["档案室"],
        terms=["预算"],
        result="找到",
        found=True,
        today=today,
    )
    actions.decide(
        actor=p.officer_a, case=case, outcome="3.2", reasons="理由", decided_on=today, today=today
    )
    actions.sign_legal_review(actor=p.reviewer_a, case=case, on=today, today=today)
    kept.refresh_from_db()
    actions.propose_for_publication(actor=p.officer_a, item=kept, title="纳入主动公开", today=today)
    agency_actions.set_calendar_day(
        actor=SystemActor(), row=DayRow(D(2025, 3, 14), DayKind.HOLIDAY, "test holiday")
    )
    recorded = set(CaseEvent.objects.values_list("kind", flat=True))
    assert recorded <= set(CaseEventKind.values), recorded - set(CaseEventKind.values)
    assert recorded == set(CaseEventKind.values), set(CaseEventKind.values) - recorded


def test_the_letter_kinds_are_the_core_enums() -> None:
    assert [(k.name, k.value) for k in LetterKind] == [
        (k.name, k.value) for k in core_letters.LetterKind
    ]
    field = Letter._meta.get_field("kind")
    assert [value for value, _label in field.choices or ()] == [
        k.value for k in core_letters.LetterKind
    ]

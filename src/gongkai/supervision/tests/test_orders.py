"""督办单 and the console's supervision pages: the scorecard drills down to the records, a
supervisor issues an order from a figure, the unit answers with evidence, the office accepts or
sends back; overdue orders are flagged and reminded; who may do what."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.access import SystemActor
from gongkai.agencies.models import User
from gongkai.annual_reports.tests.factories import case as make_case
from gongkai.conftest import Personas
from gongkai.supervision import actions, queries
from gongkai.supervision.actions import OrderError
from gongkai.supervision.models import Order, OrderEvent
from gongkai.supervision.notify import remind

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 evidence\n"


def _client(user: Any) -> Client:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    return client


def _order(p: Personas, **kw: Any) -> Order:
    return actions.issue(
        actor=p.supervisor,
        unit=p.agency_a,
        finding="2025年度逾期答复1件",
        requirement="查明原因并整改",
        workdays=10,
        **kw,
    )


def test_an_order_is_numbered_by_the_supervising_government_and_due_in_working_days(
    personas: Personas,
) -> None:
    today = dt.date(2025, 9, 26)
    order = _order(personas, today=today)
    assert order.issuer == personas.county_a
    assert order.number == "瓯海政务公开督办〔2025〕1号"
    assert order.due_on == dt.date(2025, 10, 16)  # 10 working days across 国庆 (as 复议)
    assert _order(personas, today=today).serial == 2
    assert OrderEvent.objects.filter(order=order, kind="issued").exists()


def test_only_the_supervising_office_issues_and_only_the_unit_answers(personas: Personas) -> None:
    p = personas
    with pytest.raises(PermissionDenied):
        actions.issue(actor=p.officer_a, unit=p.agency_a, finding="x", requirement="y", workdays=5)
    with pytest.raises(PermissionDenied):
        actions.issue(actor=p.supervisor, unit=p.agency_b, finding="x", requirement="y", workdays=5)
    with pytest.raises(OrderError):
        actions.issue(actor=p.supervisor, unit=p.agency_a, finding="", requirement="", workdays=0)
    order = _order(p)
    with pytest.raises(PermissionDenied):
        actions.answer(actor=p.supervisor, order=order, text="已整改")
    with pytest.raises(PermissionDenied):
        actions.answer(actor=p.officer_b, order=order, text="已整改")
    actions.answer(actor=p.officer_a, order=order, text="已整改")
    with pytest.raises(PermissionDenied):
        actions.review(actor=p.head_a, order=order, accept=True)
    with pytest.raises(OrderError):
        actions.review(actor=p.supervisor, order=order, accept=False, note="")
    actions.review(actor=p.supervisor, order=order, accept=False, note="证据不足")
    order.refresh_from_db()
    assert order.status == "issued"
    actions.answer(actor=p.officer_a, order=order, text="补充证据")
    actions.review(actor=p.supervisor, order=order, accept=True)
    order.refresh_from_db()
    assert order.status == "closed" and order.closed_on == timezone.localdate()
    with pytest.raises(OrderError):
        actions.answer(actor=p.officer_a, order=order, text="again")
    assert queries.get_order(p.head_a, order.pk) == order
    with pytest.raises(Exception, match="no such"):
        queries.get_order(p.officer_b, order.pk)


def test_an_overdue_order_is_flagged_and_reminded(personas: Personas) -> None:
    p = personas
    issued = timezone.localdate() - dt.timedelta(days=40)
    order = _order(p, today=issued)
    today = timezone.localdate()
    assert queries.is_overdue(order, today) and list(queries.overdue(today)) == [order]
    for user in (p.head_a, p.supervisor):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    mail.outbox.clear()
    assert remind(today) == 2
    assert all("已逾期" in m.body for m in mail.outbox)
    page = _client(p.head_a).get(reverse("console:supervision:order", args=[order.pk]))
    assert 'class="flag overdue"' in page.content.decode()


def test_the_console_journey_from_a_late_figure_to_an_answered_order(personas: Personas) -> None:
    p = personas
    year = timezone.localdate().year - 1
    late = make_case(
        p.agency_a, dt.date(year, 4, 1), concluded=dt.date(year, 5, 20), served_late=True
    )
    sup = _client(p.supervisor)
    page = sup.get(reverse("console:supervision:scorecard") + f"?year={year}").content.decode()
    drill = reverse("console:supervision:members", args=[year, p.agency_a.pk, "late_replies"])
    assert drill in page
    members = sup.get(drill).content.decode()
    assert late.number in members and reverse("console:cases:case", args=[late.pk]) in members
    issue_url = reverse("console:supervision:issue", args=[p.agency_a.pk])
    assert issue_url in members
    form = sup.get(issue_url + f"?metric=late_replies&year={year}").content.decode()
    assert f"{year}年度" in form
    response = sup.post(
        issue_url + f"?metric=late_replies&year={year}",
        {"finding": "逾期答复", "requirement": "整改", "workdays": "5"},
    )
    assert response.status_code == 302
    order = Order.objects.get()
    assert (order.source, order.source_year) == ("late_replies", year)
    unit = _client(p.officer_a)
    url = reverse("console:supervision:order", args=[order.pk])
    upload = SimpleUploadedFile("整改报告.pdf", PDF, content_type="application/pdf")
    assert unit.post(url, {"evidence": "1", "file": upload}).status_code == 302
    answer = reverse("console:supervision:act", args=[order.pk, "answer"])
    assert unit.post(answer, {"text": ""}).status_code == 400
    assert unit.post(answer, {"text": "已建立到期提醒"}).status_code == 302
    doc = order.documents.get()
    got = sup.get(reverse("console:supervision:order_document", args=[order.pk, doc.pk]))
    assert b"".join(got.streaming_content) == PDF  # type: ignore[attr-defined]
    accept = reverse("console:supervision:act", args=[order.pk, "accept"])
    assert sup.post(accept, {"note": ""}).status_code == 302
    order.refresh_from_db()
    assert order.status == "closed" and order.answer == "已建立到期提醒"
    xlsx = sup.get(reverse("console:supervision:scorecard_xlsx") + f"?year={year}")
    assert xlsx.content.startswith(b"PK")


def test_units_outside_the_scorecard_are_404_and_officers_see_no_card(personas: Personas) -> None:
    p = personas
    year = timezone.localdate().year - 1
    other = reverse("console:supervision:members", args=[year, p.agency_b.pk, "received"])
    assert _client(p.supervisor).get(other).status_code == 404
    assert _client(p.anonymous).get(reverse("console:supervision:scorecard")).status_code == 404
    page = _client(p.officer_a).get(reverse("console:supervision:scorecard")).content.decode()
    assert 'class="card"' not in page
    issue_url = reverse("console:supervision:issue", args=[p.agency_a.pk])
    assert _client(p.head_a).get(issue_url).status_code == 403
    bad = reverse("console:supervision:members", args=[year, p.agency_a.pk, "nope"])
    assert _client(p.head_a).get(bad).status_code == 404


def test_the_system_issues_from_the_units_parent(personas: Personas) -> None:
    order = actions.issue(
        actor=SystemActor(), unit=personas.agency_a, finding="f", requirement="r", workdays=3
    )
    assert order.issuer == personas.county_a


def test_the_report_list_shows_the_due_date_and_flags_a_late_report(personas: Personas) -> None:
    from gongkai.annual_reports.models import AnnualReport

    year = timezone.localdate().year - 2
    AnnualReport.objects.create(agency=personas.agency_a, year=year, format_key="2021")
    page = _client(personas.head_a).get(reverse("console:reports:list")).content.decode()
    assert f'<td class="due">{year + 1}-01-31 <span class="flag late">' in page


def test_the_order_steps_run_through_the_console_steps_view(personas: Personas) -> None:
    """answer / accept / send back are ``console.acting.Steps`` over the order TABLE: the
    page's forms post to each step, the right is checked again (403), a refusal is a 400 on the
    step's form, a step not open now goes back with a message."""
    p = personas
    order = _order(p)
    page = reverse("console:supervision:order", args=[order.pk])

    def act(action: str) -> str:
        return reverse("console:supervision:act", args=[order.pk, action])

    unit, sup = _client(p.officer_a), _client(p.supervisor)
    assert f'action="{act("answer")}"' in unit.get(page).content.decode()
    assert sup.get(act("answer")).status_code == 403
    assert unit.post(act("accept"), {"note": ""}).status_code == 403
    assert unit.get(act("nope")).status_code == 404
    refused = sup.get(act("accept"), follow=True)  # nothing answered yet
    assert refused.redirect_chain[-1][0] == page
    assert "当前不能对此督办单进行" in refused.content.decode()
    assert unit.post(act("answer"), {"text": "已整改"}).status_code == 302
    assert f'formaction="{act("send_back")}"' in sup.get(page).content.decode()
    back = sup.post(act("send_back"), {"note": ""})
    assert back.status_code == 400 and 'role="alert"' in back.content.decode()
    assert sup.post(act("send_back"), {"note": "证据不足"}).status_code == 302
    order.refresh_from_db()
    assert order.status == "issued" and not queries.answered_late(order)
    order.answered_on = order.due_on + dt.timedelta(days=1)
    assert queries.answered_late(order)

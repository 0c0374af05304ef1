"""Staff land on their to-do page: overdue and due-soon applications, items waiting for their
sign-off, unpublished items past their deadline, reports due, 督办单 to their unit."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from gongkai.cases.tests.factories import online_case
from gongkai.conftest import Personas
from gongkai.publications import actions as pub_actions
from gongkai.publications.tests.factories import draft
from gongkai.supervision import actions as orders


def _as(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_staff_land_on_what_waits_for_them(personas: Personas) -> None:
    p = personas
    today = timezone.localdate()
    overdue = online_case(p.agency_a, today - dt.timedelta(days=60))
    other_unit = online_case(p.agency_b, today - dt.timedelta(days=60))
    waiting = draft(p.officer_a, p.agency_a, title="待审核的财政资金公示", written_on=today)
    pub_actions.submit(actor=p.officer_a, publication=waiting)
    late = draft(p.officer_a, p.agency_a, title="逾期未发布的通知", written_on=dt.date(2020, 1, 6))
    order = orders.issue(
        actor=p.supervisor, unit=p.agency_a, finding="逾期答复1件", requirement="整改",
        workdays=10,
    )  # fmt: skip

    officer = _as(p.officer_a).get("/console/")
    page = officer.content.decode()
    assert officer.status_code == 200 and "待办事项" in page
    assert overdue.number in page and "已超期" in page
    assert other_unit.number not in page  # another agency's case
    assert late.title in page and "1个未发布条目已超过发布期限" in page
    assert order.number in page
    assert waiting.title not in page.split('id="todo-review"')[1].split("</section>")[0]

    reviewer = _as(p.reviewer_a).get("/console/").content.decode()
    review = reviewer.split('id="todo-review"')[1].split("</section>")[0]
    assert waiting.title in review  # the reviewer signs it off; its drafter does not
    assert late.title not in review

    assert "<h1>待办事项</h1>" in page
    catalog = _as(p.officer_a).get("/console/catalog/")
    assert catalog.status_code == 200 and waiting.title in catalog.content.decode()

    # one overview (console.publications.drafting_overview, console/_drafting_overview.html):
    # the same line on both pages; the to-do page only for agencies with late drafts
    def _overview_line(html: str) -> str:
        line = next(x for x in html.split("<p>") if "1个未发布条目已超过发布期限" in x)
        return line.split("</p>")[0]

    assert _overview_line(page) == _overview_line(catalog.content.decode())
    assert f'href="/console/agency/{p.agency_a.pk}/figures/"' in page
    other_todo = _as(p.officer_b).get("/console/").content.decode()
    other_catalog = _as(p.officer_b).get("/console/catalog/").content.decode()
    year_line = f"{p.agency_b.name} {today.year}年：已发布"
    assert year_line in other_catalog and year_line not in other_todo


def test_after_signing_in_staff_see_the_to_do_page(personas: Personas) -> None:
    p = personas
    p.officer_a.set_password("a-long-test-password")
    p.officer_a.save()
    client = Client()
    done = client.post(
        "/console/login/", {"username": "officer_a", "password": "a-long-test-password"}
    )
    assert done.status_code == 302 and done["Location"] == "/console/"
    assert "待办事项" in client.get("/console/").content.decode()

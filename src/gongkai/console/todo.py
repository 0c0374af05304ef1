"""The staff landing page: what waits for the signed-in user, across the platform.

Each list is read through the same rights checks as its own page (``cases_for_staff``,
``staff_publications`` with the review table, ``visible reports``' agencies, ``orders_for``):
overdue and due-soon applications (条例第三十三条 clock, ``cases.queries.due_state``), items
waiting for this user's sign-off (先审后发, 第十七条), unpublished items past their 20 working days
(第二十六条), annual reports due (第四十九、五十条) and 督办单 addressed to the user's units.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.agencies.access import C, agencies_for
from gongkai.annual_reports import queries as report_queries
from gongkai.cases.access import cases_for_staff
from gongkai.cases.queries import open_with_states
from gongkai.console.cases._common import _user
from gongkai.console.publications import drafting_overview
from gongkai.publications.access import staff_publications
from gongkai.publications.choices import Status
from gongkai.publications.transitions import reviews_open
from gongkai.supervision.choices import OrderStatus
from gongkai.supervision.queries import orders_for

SHOWN = 50  # per list; the list's own page has the rest


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    handling = agencies_for(user, C.HANDLE_CASES)
    cases = sorted(
        (
            (case, state)
            for case, state in open_with_states(
                cases_for_staff(user).filter(agency__in=handling), today
            )
            if state in ("overdue", "due_soon")
        ),
        key=lambda pair: (pair[0].due_on, pair[0].pk),
    )
    waiting = [
        item
        for item in staff_publications(user)
        .filter(status__in=[Status.SUBMITTED, Status.REVIEWED])
        .select_related("agency")
        .order_by("pk")[: SHOWN * 4]
        if reviews_open(user, item, today)
    ][:SHOWN]
    drafting, overview = drafting_overview(user, today, late_only=True)
    overdue_items = [i for _a, _late, items in overview for i in items][:SHOWN]
    editing = set(agencies_for(user, C.EDIT_REPORTS).values_list("pk", flat=True))
    reports = [r for r in report_queries.reports_due(today) if r.agency.pk in editing]
    answering = agencies_for(user, C.ANSWER_ORDERS)
    orders = (
        orders_for(user)
        .filter(unit__in=answering, status=OrderStatus.ISSUED)
        .select_related("unit")
        .order_by("due_on", "pk")[:SHOWN]
    )
    return render(
        request,
        "console/todo.html",
        {
            "today": today,
            "cases": cases[:SHOWN],
            "waiting": waiting,
            "overdue_items": overdue_items,
            "reports": reports,
            "orders": list(orders),
            "drafting": drafting,
            "overview": overview,
            "year": today.year,
        },
    )

"""条例第四十九条 in the console: the reports of the units a supervising office (or a head) may
read, per year — submitted (published) on time or late, or not yet and overdue — with the date
due in the 应发布日期 column and links to the report. Units are those of the viewer's scorecard
(``VIEW_SCORECARD``: supervisors over their government's subtree, heads over their own unit);
anyone else sees an empty page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gongkai.agencies import params
from gongkai.agencies.access import C, agencies_for
from gongkai.annual_reports import submissions
from gongkai.console.cases._common import _user

STATES = {
    "on_time": gettext_lazy("Submitted on time"),
    "late": gettext_lazy("Submitted late"),
    "overdue": gettext_lazy("Not submitted, overdue"),
    "not_due": gettext_lazy("Not submitted yet"),
}


class _Year(params.ParamsForm):
    year = params.YearField()


@login_required
def submitted(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    today = timezone.localdate()
    wanted = _Year(request.GET)
    year = wanted.value("year") or today.year - 1
    units = agencies_for(user, C.VIEW_SCORECARD).filter(is_active=True).order_by("name")
    rows = [] if wanted.problems else submissions.submissions(units, year, today)
    counts = {state: sum(1 for r in rows if r.state == state) for state in STATES}
    return render(
        request,
        "console/supervision/submitted.html",
        {
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "rows": [(r, STATES[r.state]) for r in rows],
            "counts": [(state, STATES[state], n) for state, n in counts.items()],
            "problems": wanted.problems,
            "today": today,
        },
        status=wanted.http_status,
    )

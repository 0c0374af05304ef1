"""The annual report's 平台建设 / 监督保障 / 考核 figures from this app's records, given to
``annual_reports.facts`` (registered in ``apps.ready``): the report sits below this app and
cannot ask it, so it is handed the figures as data (``core.report.facts.Facts``).

条例第四十六、四十七条 (考核, 社会评议, 监督检查) and 第五十条 (the report states the 监督保障
work): counted over the units the report counts, in its year —

- websites and accounts open at some time in the year, the checks of the year and those failed
  (``registry.year_counts``);
- training sessions held in the year and their participants;
- 督办单 issued to those units in the year: answered (awaiting review or closed), closed;
- 考核 carried out in the year: the supervising office's scheme of the year before (the
  assessment of a year's work is made early the next year), reviewed or published, its units
  and mean score; and the agency's own score under its supervisor's scheme.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q

from gongkai.agencies.models import Agency
from gongkai.core.report.facts import Facts
from gongkai.supervision import registry
from gongkai.supervision.choices import OrderStatus, SchemeStatus
from gongkai.supervision.models import Order, Scheme, Score

_DONE = (SchemeStatus.REVIEWED, SchemeStatus.PUBLISHED)


def report_facts(agency: Agency, unit_ids: Sequence[int], year: int) -> Facts:
    counts = registry.year_counts(unit_ids, year)
    orders = Order.objects.filter(unit_id__in=unit_ids, issued_on__year=year).aggregate(
        issued=Count("pk"),
        answered=Count("pk", filter=Q(status__in=(OrderStatus.ANSWERED, OrderStatus.CLOSED))),
        closed=Count("pk", filter=Q(status=OrderStatus.CLOSED)),
    )
    assessed_year = year - 1
    scheme = Scheme.objects.filter(issuer=agency, year=assessed_year, status__in=_DONE).first()
    units = mean = None
    if scheme is not None:
        scored = scheme.scores.aggregate(n=Count("pk"), mean=Avg("total"))
        units = scored["n"] or None
        if scored["mean"] is not None:
            mean = Decimal(str(scored["mean"])).quantize(Decimal("0.1"), ROUND_HALF_UP)
    own = (
        Score.objects.filter(
            unit=agency, scheme__year=assessed_year, scheme__status=SchemeStatus.PUBLISHED
        )
        .exclude(scheme__issuer=agency)
        .values_list("total", flat=True)
        .first()
    )
    return Facts(
        websites=counts.websites,
        accounts=counts.accounts,
        websites_checked=counts.websites_checked,
        accounts_checked=counts.accounts_checked,
        checks=counts.checks,
        checks_failed=counts.checks_failed,
        trainings=counts.trainings,
        trained=counts.trained,
        orders_issued=orders["issued"],
        orders_answered=orders["answered"],
        orders_closed=orders["closed"],
        assessed_year=assessed_year if units or own is not None else None,
        assessed_units=units,
        assessed_mean=mean,
        assessment_published=scheme is not None and scheme.status == SchemeStatus.PUBLISHED,
        own_score=None if own is None else Decimal(own).normalize(),
    )

"""On the case page, beside what the reply provides: earlier applications this one may repeat
(条例第三十六条第六项, flagged for the officer, never decided here) and the 送达 dates of the
reply and of the released files served online.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Min

from gongkai.cases import queries
from gongkai.cases.choices import ServiceMethod
from gongkai.cases.models import Case, Decision


@dataclass(frozen=True)
class Service:
    """When the reply reached the applicant (送达), as the platform knows it."""

    served_on: dt.date | None  # the office served it (sent, made available)
    method: str
    delivered_on: dt.date | None  # 送达: the delivery day, or the first download online
    awaiting_download: bool  # online, served, delivered at the first download, not yet


def service(case: Case) -> Service | None:
    if case.concluded_on is None and case.first_concluded_on is None:
        return None  # never served: no query
    decision: Decision | None = case.decisions.order_by("pk").last()
    if decision is None or decision.served_on is None:
        return None
    return Service(
        served_on=decision.served_on,
        method=decision.get_service_method_display() if decision.service_method else "",
        delivered_on=decision.delivered_on,
        awaiting_download=decision.delivered_on is None
        and decision.service_method == ServiceMethod.ONLINE,
    )


def first_downloads(case: Case) -> dict[int, dt.datetime]:
    """Released item id → when the applicant first downloaded it (one grouped query)."""
    rows = (
        case.released.filter(downloads__isnull=False)
        .annotate(first=Min("downloads__at"))
        .values_list("pk", "first")
    )
    return {pk: first for pk, first in rows}


def context(case: Case, *, has_released: bool = True) -> dict[str, Any]:
    """Three queries at most: the repeats, the served decision, the first downloads."""
    return {
        "repeats": queries.repeats_of([case]).get(case.pk, []),
        "service": service(case),
        "first_downloads": first_downloads(case) if has_released else {},
    }

"""Reading disputes, and section 四 of the annual report counted from them.

Counting rule (annual-report.md, section 四; ``core/report/compute.py``): a 行政复议 or 行政诉讼
counts in the report of the year it was *filed* (申请复议 / 起诉), in the group of its kind
(复议 / 未经复议直接起诉 / 复议后起诉). Decided by 31 December of that year, it counts under its
result (结果维持 / 结果纠正 / 其他结果); not decided by then, it counts as 尚未审结 — also when the
report is recomputed after the decision, so a published year never changes — and it is not
counted again in the year of its decision. ``COUNTING_RULE`` is this rule in the words the
report's notes print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

from django.db.models import Case as SqlCase
from django.db.models import Count, QuerySet, Value, When
from django.db.models.fields import CharField

from gongkai.cases.models import Case
from gongkai.core.report.compute import (
    DISPUTE_RULE,
    DisputeFact,
    DisputeKind,
    DisputeResult,
    compute_disputes,
    dispute_cells,
)
from gongkai.core.report.formats import DISPUTE_COLUMNS
from gongkai.core.report.model import Row
from gongkai.disputes.choices import Outcome
from gongkai.disputes.models import Dispute

# Official text (never gettext): the report's notes print it under section 四.
COUNTING_RULE = DISPUTE_RULE

_COLUMN = {c.key: i for i, c in enumerate(DISPUTE_COLUMNS)}


def for_case(case: Case) -> QuerySet[Dispute]:
    return Dispute.objects.filter(case=case).order_by("filed_on", "pk")


def _filed_in(agency_ids: Iterable[int], year: int) -> QuerySet[Dispute]:
    return Dispute.objects.filter(
        agency_id__in=list(agency_ids),
        filed_on__gte=dt.date(year, 1, 1),
        filed_on__lte=dt.date(year, 12, 31),
    )


def facts(agency_ids: Iterable[int], year: int) -> list[tuple[int, DisputeFact]]:
    """(respondent agency id, fact) for every dispute filed in ``year`` (ids for drill-down)."""
    rows = _filed_in(agency_ids, year).values_list(
        "pk", "agency_id", "kind", "filed_on", "decided_on", "outcome"
    )
    out = []
    for pk, agency_id, kind, filed, decided, outcome in rows:
        done = outcome != Outcome.PENDING and decided is not None
        fact = DisputeFact(
            kind=cast("DisputeKind", kind),
            filed=filed,
            decided=decided if done else None,
            result=cast("DisputeResult", outcome) if done else None,
            id=pk,
        )
        out.append((agency_id, fact))
    return out


def section_four_by_unit(agency_ids: Iterable[int], year: int) -> dict[int, dict[str, Row]]:
    """Section 四 per respondent agency, from one grouped query over all of them.

    The dispute is placed by ``compute.dispute_cells`` (one representative fact per group), so
    the counts follow exactly the rule that ``compute.dispute_members`` drills down with.
    """
    end = dt.date(year, 12, 31)
    grouped = (
        _filed_in(agency_ids, year)
        .annotate(
            result=SqlCase(
                When(outcome=Outcome.PENDING, then=Value("pending")),
                When(decided_on__isnull=True, then=Value("pending")),
                When(decided_on__gt=end, then=Value("pending")),
                default="outcome",
                output_field=CharField(),
            )
        )
        .values_list("agency_id", "kind", "result")
        .annotate(n=Count("pk"))
        .order_by()
    )
    out: dict[int, dict[str, Row]] = {}
    for agency_id, kind, result, n in grouped:
        rows = out.setdefault(agency_id, compute_disputes((), year))
        decided = None if result == "pending" else end
        fact = DisputeFact(
            kind=kind,
            filed=dt.date(year, 1, 1),
            decided=decided,
            result=None if decided is None else result,
        )
        for column in dispute_cells(fact, year):
            row = rows[kind]
            row[_COLUMN[column]] = (row[_COLUMN[column]] or 0) + n
    return out


def section_four(agency_ids: Iterable[int], year: int) -> dict[str, Row]:
    """Section 四 over ``agency_ids`` together (the cell-wise sum of ``section_four_by_unit``)."""
    total = compute_disputes((), year)
    for rows in section_four_by_unit(agency_ids, year).values():
        for kind, cells in rows.items():
            total[kind] = [(a or 0) + (b or 0) for a, b in zip(total[kind], cells, strict=True)]
    return total

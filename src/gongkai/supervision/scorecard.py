"""The supervision scorecard (监督保障, 条例第四十六、四十七条): per unit and year, from the
records the platform already holds, each figure with the records behind it (``members``).

Figures for unit U and year Y (``Card``):

- ``received``: applications received in Y (a split-up application counts in its parts);
- ``answered``: of those, the ones concluded (first conclusion; a reopened case stays answered);
- ``on_time_rate``: the share of ``answered`` not replied late (第三十三条; ``Case.served_late``),
  ``None`` when nothing was answered;
- ``overdue_open``: applications open *now* (any year) past their reply date;
- ``late_publications``: items published in Y after the 20 working days of 第二十六条
  (``Publication.is_late``);
- ``late_interpretations``: 解读 published in Y after their policy (三同步), and
  ``missing_interpretations``: 规章 / 行政规范性文件 published in Y with no published 解读;
- ``catalog_coverage``: the share of the unit's standard-catalog items (基层政务公开标准目录) with
  something published under them in Y (``catalog_empty``: those with nothing), ``None`` without
  a catalog;
- ``corrected_rate`` (纠错率): of the 复议 / 诉讼 filed in Y and decided, the share 纠正;
- ``report_state``: Y's annual report — ``none`` / ``draft`` / ``reviewed`` / ``published`` —
  with ``report_deadline`` (31 January / 31 March of Y+1, 第四十九、五十条) and ``report_late``:
  published after it, or still unpublished once it has passed (``annual_reports.submissions.
  submission_state``, the 第四十九条 view's rule: a report imported as published elsewhere is on
  time).

Every figure is one grouped query over all the units (about ten queries whatever their number),
so a province's thousands of units cost what 32 do, plus the rows.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongkai.agencies.access import C, Viewer, agencies_for
from gongkai.agencies.models import Agency
from gongkai.annual_reports.models import AnnualReport
from gongkai.annual_reports.queries import deadline as report_deadline
from gongkai.annual_reports.submissions import LATE_STATES, submission_state
from gongkai.cases.choices import OPEN
from gongkai.cases.choices import Status as CaseStatus
from gongkai.cases.models import Case
from gongkai.disputes.choices import Outcome
from gongkai.disputes.models import Dispute
from gongkai.publications.choices import NORMATIVE_KINDS, PUBLIC_STATUSES
from gongkai.publications.models import CatalogItem, Publication
from gongkai.publications.queries import interpretations

# The keys of the figures that drill down to records (``members``).
METRICS = (
    "received",
    "answered",
    "late_replies",
    "overdue_open",
    "late_publications",
    "late_interpretations",
    "missing_interpretations",
    "catalog_empty",
    "disputes",
    "corrected",
)


@dataclass(frozen=True)
class Card:
    agency: str
    agency_id: int
    year: int
    received: int
    answered: int
    late_replies: int
    on_time_rate: float | None
    overdue_open: int
    late_publications: int
    late_interpretations: int
    missing_interpretations: int
    catalog_items: int
    catalog_empty: int
    catalog_coverage: float | None
    disputes: int
    disputes_decided: int
    corrected: int
    corrected_rate: float | None
    report_state: str
    report_deadline: str
    report_late: bool
    report_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _grouped(queryset: QuerySet[Any], field: str = "agency_id", **counts: Any) -> dict[int, Any]:
    rows = queryset.values(field).annotate(**counts).order_by()
    return {row[field]: row for row in rows}


def units_for(viewer: Viewer, agencies: Iterable[Agency] | None = None) -> list[Agency]:
    """The units ``viewer`` may read the scorecard of (``agencies``: only those, if given)."""
    allowed = agencies_for(viewer, C.VIEW_SCORECARD).filter(is_active=True)
    if agencies is not None:
        allowed = allowed.filter(pk__in=[a.pk for a in agencies])
    return list(allowed.order_by("name"))


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _cases(ids: Sequence[int], year: int) -> QuerySet[Case]:
    start, end = _year(year)
    return Case.objects.filter(agency_id__in=ids, received_on__range=(start, end)).exclude(
        status=CaseStatus.SPLIT
    )


def _published(ids: Sequence[int], year: int) -> QuerySet[Publication]:
    start, end = _year(year)
    return Publication.objects.filter(
        agency_id__in=ids, status__in=PUBLIC_STATUSES, published_on__range=(start, end)
    )


def _missing_interpretations(ids: Sequence[int], year: int) -> QuerySet[Publication]:
    # Only a 解读 the public can read explains the policy: a draft or withdrawn one does not.
    explained = interpretations().filter(interprets=OuterRef("pk"), status__in=PUBLIC_STATUSES)
    return _published(ids, year).filter(kind__in=NORMATIVE_KINDS).exclude(Exists(explained))


def _covered(ids: Sequence[int], year: int) -> QuerySet[Any]:  # annotated: .filed
    start, end = _year(year)
    return CatalogItem.objects.filter(agency_id__in=ids).annotate(
        filed=Count(
            "publications",
            filter=Q(
                publications__status__in=PUBLIC_STATUSES,
                publications__published_on__range=(start, end),
            ),
        )
    )


def _disputes(ids: Sequence[int], year: int) -> QuerySet[Dispute]:
    start, end = _year(year)
    return Dispute.objects.filter(agency_id__in=ids, filed_on__range=(start, end))


def compute(
    viewer: Viewer,
    year: int,
    *,
    agencies: Iterable[Agency] | None = None,
    today: dt.date | None = None,
) -> list[Card]:
    """One ``Card`` per unit ``viewer`` may supervise, in name order."""
    today = today or timezone.localdate()
    units = units_for(viewer, agencies)
    ids = [u.pk for u in units]
    answered_q = Q(first_concluded_on__isnull=False)
    cases = _grouped(
        _cases(ids, year),
        received=Count("pk"),
        answered=Count("pk", filter=answered_q),
        late=Count("pk", filter=answered_q & Q(served_late=True)),
    )
    overdue = _grouped(
        Case.objects.filter(agency_id__in=ids, status__in=OPEN, due_on__lt=today),
        n=Count("pk"),
    )
    publications = _grouped(
        _published(ids, year),
        late=Count("pk", filter=Q(is_late=True)),
        late_interpretations=Count("pk", filter=Q(interpretation_late=True)),
    )
    missing = _grouped(_missing_interpretations(ids, year), n=Count("pk"))
    catalog: dict[int, list[int]] = {}
    for agency_id, filed in _covered(ids, year).values_list("agency_id", "filed"):
        total_empty = catalog.setdefault(agency_id, [0, 0])
        total_empty[0] += 1
        total_empty[1] += filed == 0
    decided_q = ~Q(outcome=Outcome.PENDING)
    disputes = _grouped(
        _disputes(ids, year),
        field="agency_id",
        n=Count("pk"),
        decided=Count("pk", filter=decided_q),
        corrected=Count("pk", filter=Q(outcome=Outcome.CORRECTED)),
    )
    reports = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency_id__in=ids, year=year).only(
            "pk", "agency_id", "status", "source", "published_at"
        )
    }
    cards = []
    for unit in units:
        c = cases.get(unit.pk, {})
        p = publications.get(unit.pk, {})
        d = disputes.get(unit.pk, {})
        items, empty = catalog.get(unit.pk, (0, 0))
        received, answered, late = c.get("received", 0), c.get("answered", 0), c.get("late", 0)
        report = reports.get(unit.pk)
        last_day = report_deadline(unit, year)
        state = report.status if report else "none"
        late_report = submission_state(report, last_day, today) in LATE_STATES  # 第四十九条
        cards.append(
            Card(
                agency=unit.name,
                agency_id=unit.pk,
                year=year,
                received=received,
                answered=answered,
                late_replies=late,
                on_time_rate=_rate(answered - late, answered),
                overdue_open=overdue.get(unit.pk, {}).get("n", 0),
                late_publications=p.get("late", 0),
                late_interpretations=p.get("late_interpretations", 0),
                missing_interpretations=missing.get(unit.pk, {}).get("n", 0),
                catalog_items=items,
                catalog_empty=empty,
                catalog_coverage=_rate(items - empty, items),
                disputes=d.get("n", 0),
                disputes_decided=d.get("decided", 0),
                corrected=d.get("corrected", 0),
                corrected_rate=_rate(d.get("corrected", 0), d.get("decided", 0)),
                report_state=state,
                report_deadline=last_day.isoformat(),
                report_late=late_report,
                report_id=report.pk if report else None,
            )
        )
    return cards


def members(unit: Agency, year: int, metric: str, today: dt.date | None = None) -> QuerySet[Any]:
    """The records behind one figure of ``unit``'s card (the drill-down), by the same rule."""
    today = today or timezone.localdate()
    ids = [unit.pk]
    answered = _cases(ids, year).filter(first_concluded_on__isnull=False)
    queries: dict[str, Any] = {
        "received": lambda: _cases(ids, year),
        "answered": lambda: answered,
        "late_replies": lambda: answered.filter(served_late=True),
        "overdue_open": lambda: Case.objects.filter(
            agency_id__in=ids, status__in=OPEN, due_on__lt=today
        ),
        "late_publications": lambda: _published(ids, year).filter(is_late=True),
        "late_interpretations": lambda: _published(ids, year).filter(interpretation_late=True),
        "missing_interpretations": lambda: _missing_interpretations(ids, year),
        "catalog_empty": lambda: _covered(ids, year).filter(filed=0),
        "disputes": lambda: _disputes(ids, year).select_related("case"),
        "corrected": lambda: (
            _disputes(ids, year).filter(outcome=Outcome.CORRECTED).select_related("case")
        ),
    }
    if metric not in queries:
        raise KeyError(metric)
    result: QuerySet[Any] = queries[metric]()
    return result


# Column headers of the XLSX (official wording: the sheet goes into reports and 通报).
XLSX_COLUMNS = (
    ("agency", "单位"),
    ("received", "收到申请数"),
    ("answered", "已办结数"),
    ("on_time_rate", "按时答复率"),
    ("overdue_open", "当前逾期未办结数"),
    ("late_publications", "超期公开条数（第二十六条）"),
    ("late_interpretations", "解读滞后数（三同步）"),
    ("missing_interpretations", "规范性文件缺解读数"),
    ("catalog_coverage", "标准目录覆盖率"),
    ("catalog_empty", "无内容的目录事项数"),
    ("disputes", "复议诉讼数"),
    ("corrected", "被纠错数"),
    ("corrected_rate", "纠错率"),
    ("report_state", "年度报告状态"),
    ("report_deadline", "年度报告应发布日期"),
    ("report_late", "年度报告逾期"),
)
REPORT_STATES = {"none": "未起草", "draft": "草稿", "reviewed": "已审核", "published": "已发布"}


def to_xlsx(cards: Sequence[Card], year: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{year}年度监督评分"
    sheet.append([title for _key, title in XLSX_COLUMNS])
    for card in cards:
        values = card.to_dict()
        row: list[Any] = []
        for key, _title in XLSX_COLUMNS:
            value = values[key]
            if key == "report_state":
                value = REPORT_STATES.get(value, value)
            elif key == "report_late":
                value = "是" if value else "否"
            row.append(value)
        sheet.append(row)
    for column, key in zip("ABCDEFGHIJKLMNOP", [k for k, _t in XLSX_COLUMNS], strict=True):
        if key.endswith("_rate") or key == "catalog_coverage":
            for cell in sheet[column][1:]:
                cell.number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

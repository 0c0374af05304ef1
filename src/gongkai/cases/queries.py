"""Reads: inboxes, the due-soon / overdue states, lists for export, repeated applications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from gongkai.agencies.access import Viewer
from gongkai.agencies.queries import calendar_for
from gongkai.cases.choices import OPEN
from gongkai.cases.models import Case
from gongkai.core import deadlines as d
from gongkai.core.calendar import WorkdayCalendar
from gongkai.core.similarity import similarity


def due_state(case: Case, today: dt.date, calendar: WorkdayCalendar) -> str:
    """'overdue', 'due_soon' (≤ 5 working days left), 'running', or '' for closed cases."""
    if case.status not in OPEN or case.due_on is None:
        return ""
    if today > case.due_on:
        return "overdue"
    if calendar.workdays_in(today, case.due_on) <= d.DUE_SOON_WORKDAYS:
        return "due_soon"
    return "running"


def open_with_states(cases: QuerySet[Case], today: dt.date) -> Iterator[tuple[Case, str]]:
    calendar = calendar_for(today)
    for case in cases.filter(status__in=OPEN, due_on__isnull=False).select_related(
        "agency", "assigned_to"
    ):
        yield case, due_state(case, today, calendar)


def needing_reminders(today: dt.date) -> list[tuple[Case, str]]:
    return [
        (c, s)
        for c, s in open_with_states(Case.objects.all(), today)
        if s in {"overdue", "due_soon"}
    ]


# -- Repeated applications (条例第三十六条第六项) ----------------------------------------------
#
# 第三十六条第六项: an applicant who repeats a request the agency has already answered may be
# told so (the 3.5.x rows of the 不予处理 table). The platform only flags: the same applicant
# (identity number hash, phone, or public account) asked the same agency, within
# ``GONGKAI_REPEAT_DAYS`` before this application, for information described alike
# (``core.similarity``, ``GONGKAI_REPEAT_SIMILARITY`` percent). Computed on reading, never
# stored: one query for a whole inbox page.

_REPEAT_FIELDS = (
    "pk",
    "agency_id",
    "number",
    "status",
    "outcome",
    "submitted_on",
    "created_at",
    "id_number_hash",
    "phone",
    "applicant_user_id",
    "description",
    "split_from_id",
)


def _repeat_window() -> dt.timedelta:
    return dt.timedelta(days=settings.GONGKAI_REPEAT_DAYS)


def _repeat_threshold() -> float:
    return int(settings.GONGKAI_REPEAT_SIMILARITY) / 100


def _same_applicant(a: Case, b: Case) -> bool:
    return (
        (bool(a.id_number_hash) and a.id_number_hash == b.id_number_hash)
        or (bool(a.phone.strip()) and a.phone.strip() == b.phone.strip())
        or (a.applicant_user_id is not None and a.applicant_user_id == b.applicant_user_id)
    )


def _earlier(candidate: Case, case: Case) -> bool:
    return (candidate.submitted_on, candidate.created_at, candidate.pk) < (
        case.submitted_on,
        case.created_at,
        case.pk,
    )


@dataclass(frozen=True)
class Repeat:
    """An earlier application ``case`` may repeat, with how alike the two requests are."""

    earlier: Case
    similarity: float

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def repeats_of(cases: Iterable[Case]) -> dict[int, list[Repeat]]:
    """For each case, the earlier applications it may repeat, most similar first.

    One query over the candidates of every case given (an inbox page), compared in Python.
    Split parts are not compared with their original (the office split one request)."""
    cases = [c for c in cases if c.pk is not None]
    window = _repeat_window()
    if not cases or window <= dt.timedelta(0):
        return {}
    same = Q()
    hashes = {c.id_number_hash for c in cases if c.id_number_hash}
    phones = {c.phone.strip() for c in cases if c.phone.strip()}
    users = {c.applicant_user_id for c in cases if c.applicant_user_id is not None}
    if hashes:
        same |= Q(id_number_hash__in=hashes)
    if phones:
        same |= Q(phone__in=phones)
    if users:
        same |= Q(applicant_user_id__in=users)
    if not same:
        return {}
    candidates = list(
        Case.objects.filter(same)
        .filter(
            agency_id__in={c.agency_id for c in cases},
            submitted_on__gte=min(c.submitted_on for c in cases) - window,
            submitted_on__lte=max(c.submitted_on for c in cases),
        )
        .only(*_REPEAT_FIELDS)
        .order_by("-submitted_on", "-pk")
    )
    threshold = _repeat_threshold()
    found: dict[int, list[Repeat]] = {}
    for case in cases:
        family = {case.pk} | ({case.split_from_id} if case.split_from_id else set())
        for other in candidates:
            if (
                other.pk in family
                or other.split_from_id in family
                or other.agency_id != case.agency_id
                or not _earlier(other, case)
                or case.submitted_on - other.submitted_on > window
                or not _same_applicant(other, case)
            ):
                continue
            score = similarity(other.description, case.description)
            if score >= threshold:
                found.setdefault(case.pk, []).append(Repeat(other, score))
        if case.pk in found:
            found[case.pk].sort(key=lambda r: (-r.similarity, -r.earlier.pk))
    return found


def case_of_draft(viewer: Viewer, publication_id: int) -> Case | None:
    """The application a catalog item was proposed from (纳入主动公开, 条例第四十四条), if the
    viewer may read it as staff: the link is kept on the case's timeline, not in the catalog."""
    from gongkai.cases.access import cases_for_staff
    from gongkai.cases.choices import CaseEventKind
    from gongkai.cases.models import CaseEvent

    case_id = (
        CaseEvent.objects.filter(
            kind=CaseEventKind.PROACTIVE_DRAFT, data__publication=publication_id
        )
        .values_list("case_id", flat=True)
        .first()
    )
    if case_id is None:
        return None
    return cases_for_staff(viewer).filter(pk=case_id).first()


def monthly_outcomes(agency_id: int, years: Iterable[int]) -> dict[tuple[int, int, str], int]:
    """(year, month, outcome code) → number of cases concluded then: one grouped query.

    Counts only (no applicant data); a case counts in the month of its conclusion (第三十三条
    的答复) under its current outcome code (core.outcomes: report rows 3.1 … 3.6.3).
    """
    wanted = sorted(set(years))
    if not wanted:
        return {}
    rows = (
        Case.objects.filter(
            agency_id=agency_id,
            concluded_on__year__gte=wanted[0],
            concluded_on__year__lte=wanted[-1],
        )
        .exclude(outcome="")
        .annotate(month=TruncMonth("concluded_on"))
        .values_list("month", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[int, int, str], int] = {}
    for month, outcome, n in rows:
        if month.year in wanted:
            key = (month.year, month.month, outcome)
            counts[key] = counts.get(key, 0) + n
    return counts

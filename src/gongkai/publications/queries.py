"""Reads of the catalog: counts for the annual report, late items, lists and vocabularies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.agencies.queries import calendar_for
from gongkai.publications.access import public_publications
from gongkai.publications.choices import (
    ENDED,
    PUBLIC_STATUSES,
    DocumentKind,
    ReviewKind,
    Status,
)
from gongkai.publications.models import (
    CatalogItem,
    Domain,
    Genre,
    Publication,
    ReviewSignoff,
    Topic,
)

# The shared 体裁 of interpretations (``choices.COMMON_GENRES``).
INTERPRETATION_GENRE = "解读"


def interpretations(items: QuerySet[Publication] | None = None) -> QuerySet[Publication]:
    """政策解读, the one definition (the annual report's counts, /policies/, the scorecard):
    items of the kind ``INTERPRETATION`` (which always name the policy they explain) or of the
    体裁 解读 (an interpretation imported before its policy was linked keeps that 体裁).

    ``items``: the set to narrow (all publications by default); status, agency and year are
    the caller's."""
    items = Publication.objects.all() if items is None else items
    return items.filter(Q(kind=DocumentKind.INTERPRETATION) | Q(genre__name=INTERPRETATION_GENRE))


# 条例第二十六条: published within 20 working days of being formed or changed.
PUBLICATION_PERIOD_WORKDAYS = 20


def due_date(publication: Publication) -> dt.date:
    """条例第二十六条: the 20th working day after the information was formed or changed."""
    calendar = calendar_for(publication.formed_on)
    return calendar.add_workdays(publication.formed_on, PUBLICATION_PERIOD_WORKDAYS)


def current_signoffs(publication: Publication) -> dict[str, ReviewSignoff]:
    """The sign-offs of the item's current review round, by review kind."""
    return {
        s.kind: s
        for s in publication.signoffs.filter(round=publication.review_round).select_related(
            "reviewer"
        )
    }


def fully_reviewed(publication: Publication) -> bool:
    """条例第十七条 (先审后发): the content review and the 保密审查 of the current round."""
    return set(current_signoffs(publication)) == set(ReviewKind.values)


@dataclass(frozen=True)
class NormativeCount:
    # 2021 format (国办公开办函〔2021〕30号): 本年制发 · 本年废止 · 现行有效件数
    issued: int  # published during the year
    repealed: int  # repealed or expired during the year
    in_force: int  # published by 31 December and not ended by then
    # 2019 format (国办公开办函〔2019〕60号): 本年新制作数量 · 本年新公开数量 · 对外公开总数量
    made: int = 0  # 成文日期 in the year (published since, so the catalog knows of it)
    published: int = 0  # 发布日期 in the year (the same as ``issued``)
    total: int = 0  # published by 31 December, repealed or not: a repealed one stays public


def normative_counts(agency: Agency, year: int) -> dict[str, NormativeCount]:
    """Section 二's 规章 and 行政规范性文件 rows, from the catalog itself (catalog.md), with the
    columns of both report formats.

    Keys are ``DocumentKind.RULES`` and ``DocumentKind.NORMATIVE``. A withdrawn item was never
    properly published and is not counted; a superseded one was and is.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    result: dict[str, NormativeCount] = {}
    base = Publication.objects.filter(agency=agency, status__in=PUBLIC_STATUSES)
    for kind in (DocumentKind.RULES, DocumentKind.NORMATIVE):
        items = base.filter(kind=kind)
        ended_in_year = Q(validity__in=ENDED, validity_changed_on__range=(start, end))
        published_in_year = Q(published_on__range=(start, end))
        figures = items.aggregate(
            issued=Count("pk", filter=published_in_year),
            repealed=Count("pk", filter=ended_in_year),
            in_force=Count(
                "pk",
                filter=Q(published_on__lte=end)
                & ~Q(validity__in=ENDED, validity_changed_on__lte=end),
            ),
            made=Count("pk", filter=Q(written_on__range=(start, end), published_on__isnull=False)),
            published=Count("pk", filter=published_in_year),
            total=Count("pk", filter=Q(published_on__lte=end)),
        )
        result[kind.value] = NormativeCount(**figures)
    return result


@dataclass(frozen=True)
class LateCount:
    published: int
    late: int  # published after the 20 working days (条例第二十六条)


def late_counts(agency: Agency, year: int) -> LateCount:
    figures = Publication.objects.filter(
        agency=agency, status__in=PUBLIC_STATUSES, published_on__year=year
    ).aggregate(published=Count("pk"), late=Count("pk", filter=Q(is_late=True)))
    return LateCount(**figures)


def late_items(agency: Agency) -> QuerySet[Publication]:
    return Publication.objects.filter(agency=agency, is_late=True).order_by("-published_on")


def late_interpretations(agency: Agency) -> QuerySet[Publication]:
    """三同步: interpretations published after their policy."""
    return Publication.objects.filter(agency=agency, interpretation_late=True)


def topics_for(agency: Agency | None) -> QuerySet[Topic]:
    return Topic.objects.filter(Q(agency=None) | Q(agency=agency))


def genres_for(agency: Agency | None) -> QuerySet[Genre]:
    return Genre.objects.filter(Q(agency=None) | Q(agency=agency))


def domains_for(agency: Agency | None) -> QuerySet[Domain]:
    return Domain.objects.filter(Q(agency=None) | Q(agency=agency))


def public_list(
    *,
    agency_id: int | None = None,
    topic_id: int | None = None,
    genre_id: int | None = None,
    year: int | None = None,
    domain_id: int | None = None,
    validity: str | None = None,
) -> QuerySet[Publication]:
    items = public_publications().select_related("agency", "topic", "genre")
    if agency_id:
        items = items.filter(agency_id=agency_id)
    if topic_id:
        items = items.filter(topic_id=topic_id)
    if genre_id:
        items = items.filter(genre_id=genre_id)
    if year:
        items = items.filter(published_on__year=year)
    if domain_id:
        items = items.filter(catalog_items__domain_id=domain_id).distinct()
    if validity:
        items = items.filter(validity=validity)
    return items.order_by("-published_on", "-id")


def public_interpretations(policy: Publication) -> QuerySet[Publication]:
    return public_publications().filter(interprets=policy)


@dataclass(frozen=True)
class Gap:
    item: CatalogItem
    published: int  # filed and published this year
    late: int
    missing: bool


def catalog_gaps(agency: Agency, year: int) -> list[Gap]:
    """Per standard catalog item: what was published this year, late, or nothing at all."""
    items = (
        CatalogItem.objects.filter(agency=agency)
        .select_related("domain")
        .annotate(
            n_published=Count(
                "publications",
                filter=Q(
                    publications__status__in=PUBLIC_STATUSES,
                    publications__published_on__year=year,
                ),
            ),
            n_late=Count(
                "publications",
                filter=Q(
                    publications__status__in=PUBLIC_STATUSES,
                    publications__published_on__year=year,
                    publications__is_late=True,
                ),
            ),
        )
    )
    return [
        Gap(item=i, published=i.n_published, late=i.n_late, missing=i.n_published == 0)
        for i in items
    ]


def overdue_drafts(agency: Agency, today: dt.date) -> list[Publication]:
    """Unpublished items past their 20 working days (条例第二十六条): the console flags them."""
    waiting = list(
        Publication.objects.filter(
            agency=agency,
            status__in=[Status.DRAFT, Status.SUBMITTED, Status.REVIEWED],
            disclosure="active",
        )
    )
    if not waiting:
        return []
    calendar = calendar_for(today)  # one calendar for the list
    return [
        p
        for p in waiting
        if calendar.add_workdays(p.formed_on, PUBLICATION_PERIOD_WORKDAYS) < today
    ]

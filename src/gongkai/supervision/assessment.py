"""考核: a supervising office's scheme for a year and its units' scores — the only place that
changes them. The office (``ISSUE_ORDERS`` in its own government) drafts the indicators, enters
manual scores and deductions, computes the scores from the scorecard, then marks the scheme
reviewed and publishes it (the seeds publish their 考核细则 and results); a published scheme is
frozen. Its life cycle is ``transitions.SCHEME_TABLE``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import (
    Actor,
    C,
    SystemActor,
    descendant_ids,
)
from gongkai.agencies.lifecycle import Transition, TransitionRefused
from gongkai.agencies.models import Agency
from gongkai.core.assessment import DEFAULT_INDICATORS, Indicator, SchemeError, number, score
from gongkai.supervision import audit, scorecard
from gongkai.supervision.models import Scheme, Score
from gongkai.supervision.transitions import SCHEME_TABLE


class AssessmentError(ValidationError):
    """Bad input or a step not possible now; nothing was written."""


def _check(actor: Actor, scheme: Scheme, action: str) -> Transition[Scheme]:
    try:
        return SCHEME_TABLE.check(actor, scheme, action, timezone.localdate())
    except TransitionRefused as exc:
        raise AssessmentError(exc.messages) from exc


def indicators_of(scheme: Scheme) -> list[Indicator]:
    return [Indicator.from_dict(d) for d in scheme.indicators]


def create_scheme(*, actor: Actor, issuer: Agency, year: int, title: str = "") -> Scheme:
    from gongkai.agencies.access import require

    require(actor, C.ISSUE_ORDERS, issuer)
    if Scheme.objects.filter(issuer=issuer, year=year).exists():
        raise AssessmentError({"year": _("A scheme for this year exists already.")})
    with transaction.atomic():
        scheme = Scheme.objects.create(
            issuer=issuer,
            year=year,
            title=title or f"{issuer.name}{year}年度政务公开工作考核",
            indicators=[i.to_dict() for i in DEFAULT_INDICATORS],
        )
        audit.record(
            actor,
            "assessment.create",
            agency=issuer,
            subject=scheme,
            after={"id": scheme.pk, "year": year, "status": scheme.status},
        )
    return scheme


def set_indicators(
    *, actor: Actor, scheme: Scheme, indicators: Sequence[Mapping[str, Any]]
) -> Scheme:
    _check(actor, scheme, "edit")
    try:
        parsed = [Indicator.from_dict(d) for d in indicators]
    except SchemeError as exc:
        raise AssessmentError({"indicators": str(exc)}) from exc
    if not parsed or len({i.key for i in parsed}) != len(parsed):
        raise AssessmentError({"indicators": _("Give each indicator once, at least one.")})
    figures = set(scorecard.Card.__dataclass_fields__)
    unknown = [i.key for i in parsed if i.rule != "manual" and i.key not in figures]
    if unknown:
        raise AssessmentError(
            {"indicators": _("No such scorecard figure: %(k)s") % {"k": unknown[0]}}
        )
    before = scheme.indicators
    scheme.indicators = [i.to_dict() for i in parsed]
    with transaction.atomic():
        scheme.save(update_fields=["indicators"])
        audit.record(
            actor,
            "assessment.indicators",
            agency=scheme.issuer,
            subject=scheme,
            before={"indicators": before},
            after={"indicators": scheme.indicators},
        )
    return scheme


def units_of(scheme: Scheme) -> list[Agency]:
    ids = descendant_ids([scheme.issuer_id]) | {scheme.issuer_id}
    return list(Agency.objects.filter(pk__in=ids, is_active=True).order_by("name"))


def compute(
    *,
    actor: Actor,
    scheme: Scheme,
    manual: Mapping[int, Mapping[str, Any]] | None = None,
    deductions: Mapping[int, Sequence[Mapping[str, Any]]] | None = None,
    today: dt.date | None = None,
) -> list[Score]:
    """(Re)compute every unit's score from the scorecard; ``manual`` / ``deductions`` by unit
    id replace what was entered before for those units."""
    _check(actor, scheme, "edit")
    indicators = indicators_of(scheme)
    units = units_of(scheme)
    cards = {
        c.agency_id: c.to_dict()
        for c in scorecard.compute(SystemActor(), scheme.year, agencies=units, today=today)
    }
    out = []
    with transaction.atomic():
        for unit in units:
            row, _created = Score.objects.get_or_create(scheme=scheme, unit=unit)
            if manual and unit.pk in manual:
                row.manual = dict(manual[unit.pk])
            if deductions and unit.pk in deductions:
                row.deductions = [dict(d) for d in deductions[unit.pk]]
            for d in row.deductions:
                try:
                    number(d.get("points", 0))
                except SchemeError:
                    raise AssessmentError({"deductions": _("Points must be a number.")}) from None
            for given in row.manual.values():
                try:
                    number(given) if given not in (None, "") else None
                except SchemeError:
                    raise AssessmentError({"manual": _("Scores must be numbers.")}) from None
            result = score(indicators, cards[unit.pk], row.manual, row.deductions)
            row.lines = [
                {
                    "key": ln.key,
                    "label": ln.label,
                    "points": str(ln.points),
                    "score": str(ln.score),
                    "basis": ln.basis,
                }
                for ln in result.lines
            ]
            row.total = result.total
            row.save()
            out.append(row)
        audit.record(
            actor,
            "assessment.compute",
            agency=scheme.issuer,
            subject=scheme,
            after={
                "scores": {str(row.unit_id): str(row.total) for row in out},
                "manual": sorted(manual or {}),
                "deductions": sorted(deductions or {}),
            },
        )
    return out


def step(*, actor: Actor, scheme: Scheme, action: str, today: dt.date | None = None) -> Scheme:
    """review / reopen / publish through ``SCHEME_TABLE`` (publishing needs the scores
    computed), in one transaction under the scheme's lock, written to the audit trail.

    Publishing puts the 考核细则 and results on the public site (条例第四十七条: the supervising
    office's 考核; the seeds publish both); the write bumps the public pages' cache version
    (``portal.pagecache`` watches schemes and scores), so no cached page keeps the old state."""
    with transaction.atomic():
        given, scheme = (
            scheme,
            Scheme.objects.select_for_update().select_related("issuer").get(pk=scheme.pk),
        )
        transition = _check(actor, scheme, action)
        if action == "publish" and not scheme.scores.exists():
            raise AssessmentError(_("Compute the scores before publishing."))
        before = transition.apply(scheme, SCHEME_TABLE.status_field)
        if action == "publish":
            scheme.published_on = today or timezone.localdate()
        scheme.save(update_fields=["status", "published_on"])
        audit.record(
            actor,
            f"assessment.{action}",
            agency=scheme.issuer,
            subject=scheme,
            before={"status": before},
            after={"status": scheme.status, "published_on": str(scheme.published_on or "")},
        )
    given.status, given.published_on = scheme.status, scheme.published_on  # the caller's copy
    return scheme

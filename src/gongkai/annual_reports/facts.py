"""Narrative facts from apps above this one: the hook of 一's 平台建设 / 监督保障 / 考核 parts.

Websites, 政务新媒体 accounts and their checks, training, 督办单 and 考核 are kept by the
``supervision`` app, which sits above ``annual_reports`` in the layer order, so this app cannot
ask it. Instead a provider is registered here (``supervision.apps`` does it in ``ready()``), and
``queries.compute`` gathers the figures from every provider as plain data
(``core.report.facts.Facts``); the wording is written in the core. Without a provider the
parts keep their placeholders.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gongkai.agencies.models import Agency
from gongkai.core.report.facts import INTERPRETATION_FORMS, UNFORMED_INTERPRETATIONS, Facts

# (the report's agency, the units it counts, the year) → the provider's figures, or None
Provider = Callable[[Agency, Sequence[int], int], Facts | None]

_PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Add (or replace, by ``name``: ``ready()`` may run twice in tests) a provider."""
    _PROVIDERS[name] = provider


def unregister(name: str) -> None:
    _PROVIDERS.pop(name, None)


def gather(agency: Agency, unit_ids: Sequence[int], year: int) -> Facts | None:
    """Every provider's figures, combined (the first provider's figure wins), or None."""
    out: Facts | None = None
    for name in sorted(_PROVIDERS):
        found = _PROVIDERS[name](agency, unit_ids, year)
        if found is None:
            continue
        out = found if out is None else out.merged(found)
    return out


# -- the catalog's own figures (publications sits below this app: asked directly) -------------


def catalog_facts(agency: Agency, unit_ids: Sequence[int], year: int) -> Facts:
    """政策解读 published in the year by form, and 意见征集 with their 采纳情况 — for （一）."""
    from django.db.models import Count

    from gongkai.publications.choices import PUBLIC_STATUSES, InterpretationForm
    from gongkai.publications.models import Publication
    from gongkai.publications.participation import consultation_counts
    from gongkai.publications.queries import interpretations

    published = Publication.objects.filter(
        agency_id__in=unit_ids, status__in=PUBLIC_STATUSES, published_on__year=year
    )
    by_form = dict(
        interpretations(published)
        .values_list("interpretation_form")
        .annotate(n=Count("id"))
        .values_list("interpretation_form", "n")
    )
    forms = [(INTERPRETATION_FORMS[f.value], by_form.get(f.value, 0)) for f in InterpretationForm]
    if by_form.get(""):
        forms.append((UNFORMED_INTERPRETATIONS, by_form[""]))
    consultations = consultation_counts(unit_ids, year)
    return Facts(
        interpretations=tuple(forms),
        consultations=consultations.consultations,
        consultation_comments=consultations.comments,
        consultation_adopted=consultations.adopted,
        consultation_feedback=consultations.feedback_published,
    )


register("catalog", catalog_facts)

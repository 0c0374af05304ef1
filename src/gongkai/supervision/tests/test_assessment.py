"""考核: a scheme per year drafted by the supervising office, scores computed from the scorecard
with manual scores and deductions, reviewed, published and then frozen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.annual_reports.tests.factories import case as make_case
from gongkai.conftest import Personas
from gongkai.supervision import assessment
from gongkai.supervision.assessment import AssessmentError

pytestmark = pytest.mark.django_db


def test_a_scheme_is_scored_reviewed_published_and_then_frozen(personas: Personas) -> None:
    p = personas
    make_case(p.agency_a, dt.date(2025, 3, 3), concluded=dt.date(2025, 3, 20))
    make_case(p.agency_a, dt.date(2025, 4, 1), concluded=dt.date(2025, 5, 20), served_late=True)
    scheme = assessment.create_scheme(actor=p.supervisor, issuer=p.county_a, year=2025)
    with pytest.raises(AssessmentError):
        assessment.create_scheme(actor=p.supervisor, issuer=p.county_a, year=2025)
    scores = assessment.compute(
        actor=p.supervisor,
        scheme=scheme,
        manual={p.agency_a.pk: {"platform": 9}},
        deductions={p.agency_a.pk: [{"reason": "通报批评", "points": 1}]},
        today=dt.date(2026, 6, 1),
    )
    assert {s.unit for s in scores} == {p.county_a, p.agency_a}
    a = next(s for s in scores if s.unit == p.agency_a)
    lines = {ln["key"]: Decimal(ln["score"]) for ln in a.lines}
    assert lines["on_time_rate"] == Decimal("12.50")  # 25 × 1/2
    assert lines["platform"] == Decimal("9.00") and lines["report_late"] == 0
    assert a.total == sum(lines.values()) - 1
    with pytest.raises(AssessmentError):
        assessment.step(actor=p.supervisor, scheme=scheme, action="publish")  # not reviewed
    assessment.step(actor=p.supervisor, scheme=scheme, action="review")
    assessment.step(actor=p.supervisor, scheme=scheme, action="publish")
    assert scheme.status == "published" and scheme.published_on is not None
    with pytest.raises(AssessmentError):
        assessment.compute(actor=p.supervisor, scheme=scheme)


def test_indicators_are_checked_and_only_the_office_edits(personas: Personas) -> None:
    p = personas
    with pytest.raises(PermissionDenied):
        assessment.create_scheme(actor=p.head_a, issuer=p.county_a, year=2025)
    scheme = assessment.create_scheme(actor=p.supervisor, issuer=p.county_a, year=2025)
    with pytest.raises(AssessmentError):
        assessment.set_indicators(
            actor=p.supervisor,
            scheme=scheme,
            indicators=[{"key": "nope", "points": 5, "rule": "count"}],
        )
    with pytest.raises(AssessmentError):
        assessment.set_indicators(actor=p.supervisor, scheme=scheme, indicators=[])
    assessment.set_indicators(
        actor=p.supervisor,
        scheme=scheme,
        indicators=[{"key": "on_time_rate", "label": "按时答复", "points": 100, "rule": "rate"}],
    )
    assert len(assessment.indicators_of(scheme)) == 1
    with pytest.raises(PermissionDenied):
        assessment.compute(actor=p.officer_a, scheme=scheme)


def test_the_console_drafts_scores_reviews_and_publishes_a_scheme(personas: Personas) -> None:
    from django.test import Client
    from django.urls import reverse

    from gongkai.supervision.models import Scheme

    p = personas
    client = Client()
    client.force_login(p.supervisor)
    response = client.post(
        reverse("console:supervision:schemes"), {"issuer": p.county_a.pk, "year": 2025}
    )
    assert response.status_code == 302
    scheme = Scheme.objects.get()
    url = reverse("console:supervision:scheme", args=[scheme.pk])
    page = client.get(url).content.decode()
    assert "on_time_rate|" in page
    text = "on_time_rate|按时答复|60|rate|0\nplatform|平台建设|40|manual|0"
    assert client.post(url, {"form": "indicators", "text": text}).status_code == 302
    assert client.post(url, {"form": "indicators", "text": "bad line"}).status_code == 400
    response = client.post(
        url,
        {"form": "unit", "unit": p.agency_a.pk, "manual": "platform=30", "deductions": "迟报|2"},
    )
    assert response.status_code == 302
    score = scheme.scores.get(unit=p.agency_a)
    assert score.total == Decimal("88.00")  # 60 (nothing to rate) + 30 − 2
    assert client.post(url, {"form": "review"}).status_code == 302
    assert client.post(url, {"form": "publish"}).status_code == 302
    scheme.refresh_from_db()
    assert scheme.status == "published"
    assert 'value="compute"' not in client.get(url).content.decode()
    other = Client()
    other.force_login(p.officer_a)
    assert other.get(url).status_code == 404


@pytest.mark.parametrize(
    ("manual", "deductions", "field"),
    [("platform=abc", "", "manual"), ("platform=NaN", "", "manual"),
     ("platform=10", "迟报|NaN", "deductions"), ("platform=10", "迟报|Infinity", "deductions"),
     ("platform=Infinity", "", "manual")],
)  # fmt: skip
def test_scores_that_are_no_finite_number_are_refused_with_a_400(
    personas: Personas, manual: str, deductions: str, field: str
) -> None:
    from django.test import Client
    from django.urls import reverse

    from gongkai.supervision.models import Scheme

    p = personas
    client = Client(raise_request_exception=False)
    client.force_login(p.supervisor)
    client.post(reverse("console:supervision:schemes"), {"issuer": p.county_a.pk, "year": 2025})
    scheme = Scheme.objects.get()
    url = reverse("console:supervision:scheme", args=[scheme.pk])
    text = "on_time_rate|按时答复|60|rate|0\nplatform|平台建设|40|manual|0"
    assert client.post(url, {"form": "indicators", "text": text}).status_code == 302
    response = client.post(
        url, {"form": "unit", "unit": p.agency_a.pk, "manual": manual, "deductions": deductions}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert ("分值应为数字" if field == "deductions" else "评分应为数字") in page
    score = scheme.scores.get(unit=p.agency_a)
    assert score.total == Decimal("60.00") and score.manual == {}

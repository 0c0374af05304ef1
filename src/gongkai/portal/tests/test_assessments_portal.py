"""The public 考核 pages: published schemes only (考核细则: indicators, weights, scoring;
results per unit), cached like every public page and made stale by publishing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.agencies.models import AuditEvent
from gongkai.conftest import Personas
from gongkai.portal import pagecache
from gongkai.supervision import assessment

pytestmark = pytest.mark.django_db


def test_a_scheme_appears_on_the_public_site_once_published(personas: Personas) -> None:
    p = personas
    scheme = assessment.create_scheme(actor=p.supervisor, issuer=p.county_a, year=2025)
    assessment.compute(
        actor=p.supervisor,
        scheme=scheme,
        manual={p.agency_a.pk: {"platform": 9}},
        deductions={p.agency_a.pk: [{"reason": "政务新媒体检查未通过，被通报", "points": 2}]},
        today=dt.date(2026, 4, 1),
    )
    assessment.step(actor=p.supervisor, scheme=scheme, action="review")
    assert Client().get(f"/assessments/{scheme.pk}/").status_code == 404  # not yet public
    before = Client().get("/assessments/").content.decode()
    assert scheme.title not in before
    version = pagecache.version()
    assessment.step(actor=p.supervisor, scheme=scheme, action="publish", today=dt.date(2026, 4, 15))
    assert pagecache.version() != version  # every cached public page is stale now
    audit = AuditEvent.objects.get(action="assessment.publish")
    assert audit.after is not None and audit.after["status"] == "published"
    assert audit.agency == p.county_a
    index = Client().get("/assessments/").content.decode()
    assert f'href="/assessments/{scheme.pk}/"' in index
    page = Client().get(f"/assessments/{scheme.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "依申请公开按时答复" in html and "按比率计分，得分＝25分×比率" in html
    assert "考核细则" in html and "考核结果" in html and "Assessment" not in html  # Chinese only
    assert "每发现1项扣5分，扣完10分为止。" in html  # 无逾期未办结申请
    assert "第四十九条" in html  # the report's deadline indicator
    assert "政务新媒体检查未通过，被通报（−2）" in html
    totals = [s.total for s in scheme.scores.order_by("-total", "unit__name")]
    assert html.index(str(totals[0])) < html.rindex(str(totals[-1]))
    assert "温州市瓯海区财政局" in html and "温州市瓯海区人民政府" in html
    home = Client().get("/").content.decode()
    assert 'href="/assessments/"' in home


def test_a_draft_scheme_and_an_unknown_one_are_404(personas: Personas) -> None:
    scheme = assessment.create_scheme(
        actor=personas.supervisor, issuer=personas.county_a, year=2024
    )
    assert Client().get(f"/assessments/{scheme.pk}/").status_code == 404
    assert Client().get("/assessments/999999/").status_code == 404

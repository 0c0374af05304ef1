"""The demo's 意见征集, 公报 and 公开制度: built through the actions on a small district."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from gongkai.demo import participation, world
from gongkai.publications.models import Consultation, ConsultationComment, GazetteIssue
from gongkai.publications.participation import consultation_counts

TODAY = dt.date(2026, 11, 22)


@pytest.mark.django_db
def test_two_consultations_twelve_issues_a_year_and_the_rules() -> None:
    w = world.World(TODAY, 2026)
    w.build_agencies()
    w.build_people()
    w.earlier_catalog(per_unit=2)
    for year in w.years:
        w.publications(year)
    participation.build(w)
    held, current = Consultation.objects.order_by("opens_on")
    assert held.status == "feedback" and "采纳2条" in held.feedback
    assert current.status == "open" and current.closes_on and current.closes_on > TODAY
    assert held.comments.filter(status="rejected").count() == 1
    assert current.comments.filter(status="pending").count() == 1
    counts = consultation_counts([u.agency.pk for u in w.units], 2026)
    assert (counts.consultations, counts.comments, counts.feedback_published) == (2, 8, 1)
    assert ConsultationComment.objects.filter(adoption="not_adopted").exclude(reply="").exists()
    per_year = {y: GazetteIssue.objects.filter(year=y, status="published").count() for y in w.years}
    assert per_year == {2024: 12, 2025: 12}
    assert GazetteIssue.objects.filter(year=2026).count() == 10  # January to October
    issue = GazetteIssue.objects.get(year=2025, number=6)
    assert issue.entries.exists() and issue.published_on == dt.date(2025, 6, 30)
    text = PdfReader(io.BytesIO(issue.pdf.read())).pages[0].extract_text()
    assert "2025年第6期" in text

"""The demo district: built through the actions, its reports, supervision records, 意见征集 and
公报 checked, the command end to end."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from gongkai.agencies.access import SystemActor
from gongkai.agencies.models import Agency
from gongkai.annual_reports.models import AnnualReport
from gongkai.cases.models import Case
from gongkai.core.report.checks import check
from gongkai.core.report.model import Report
from gongkai.core.report.narrative import IMPORTED_MISSING, placeholders
from gongkai.demo import world
from gongkai.demo.applications import APPLICANT_WEIGHTS
from gongkai.demo.base import Summary
from gongkai.disputes.deadlines import needing_reminders
from gongkai.disputes.models import Dispute
from gongkai.publications.models import Consultation, ConsultationComment, GazetteIssue
from gongkai.publications.participation import consultation_counts
from gongkai.supervision import queries, registry, scorecard
from gongkai.supervision.models import Bulletin, Order, Scheme

TODAY = dt.date(2026, 11, 22)


@pytest.mark.django_db
def test_the_demo_district_passes_every_check_and_holds_what_supervisors_and_visitors_see() -> None:
    # One build (the longest step of the suite) checked three ways.
    summary = world.build(TODAY, per_weight=0.6)
    _reports_pass_every_check_with_continuity_from_the_imported_year(summary)
    _orders_in_every_state_and_disputes_with_their_clock()
    _two_consultations_twelve_issues_a_year_and_the_rules()


def _reports_pass_every_check_with_continuity_from_the_imported_year(summary: Summary) -> None:
    government = AnnualReport.objects.filter(agency__parent=None).order_by("year")
    assert [(r.year, r.source, r.status) for r in government] == [
        (2023, "imported", "published"),
        (2024, "computed", "published"),
        (2025, "computed", "published"),
    ]
    reports = [Report.from_dict(r.data) for r in government]
    for previous, report in itertools.pairwise(reports):
        findings = check(report, previous=previous)
        assert [f.code for f in findings if f.level == "error"] == []
        assert report.applications and previous.applications
        assert report.applications["2"] == previous.applications["4"]  # continuity
    # The imported year's carried-forward applications are the ones registered that December.
    assert reports[0].applications and reports[0].applications["4"] == summary.carried_in
    assert summary.logins and Case.objects.filter(received_on__year=2024).count() > 50
    drafts = AnnualReport.objects.filter(agency__parent__isnull=False, year=2025)
    assert drafts.count() == 31 and all(r.status == "draft" for r in drafts)
    assert all(not [f for f in r.findings if f.get("level") == "error"] for r in drafts), (
        "a unit's draft fails a check"
    )


def _orders_in_every_state_and_disputes_with_their_clock() -> None:
    """督办单 in every state, the respondent's clock on the disputes, two reviews under way, and
    the scorecard over its 32 units in well under a second."""
    assert set(Order.objects.values_list("status", flat=True)) == {"issued", "answered", "closed"}
    assert queries.overdue(TODAY).exists()
    assert Order.objects.filter(events__kind="returned").exists()
    assert Dispute.objects.filter(copy_received_on__isnull=False, replied_on__isnull=False).exists()
    states = {state for _d, _deadline, state in needing_reminders(TODAY)}
    assert states == {"due_soon", "overdue"}
    start = time.perf_counter()
    cards = scorecard.compute(SystemActor(), TODAY.year - 1, today=TODAY)
    assert time.perf_counter() - start < 1.0
    assert len(cards) == 32
    assert any(c.report_state == "published" for c in cards)
    assert all(c.report_state == "published" or c.report_late for c in cards)
    counts = registry.year_counts([c.agency_id for c in cards], TODAY.year - 1)
    assert counts.websites == 1 and 25 <= counts.accounts <= 35
    assert counts.checks == 4 * (counts.websites + counts.accounts) and counts.checks_failed > 0
    assert counts.trainings == 3 and counts.trained > 0
    scheme = Scheme.objects.get()
    assert scheme.status == "published" and scheme.scores.count() == 32
    assert Bulletin.objects.get().data["checked"] == counts.websites + counts.accounts
    # The reports count these records (一's 平台建设 / 监督保障), and no stand-in text is
    # published: every placeholder was written out; the imported year keeps its prose.
    published = list(AnnualReport.objects.filter(status="published").order_by("year"))
    assert [r.year for r in published] == [TODAY.year - 3, TODAY.year - 2, TODAY.year - 1]
    for record in published:
        texts = record.report().extra["narrative"]
        for section in ("一", "五", "六"):
            text = texts[section]
            assert text.strip() and text != IMPORTED_MISSING, (record.year, section)
            assert "已按要求完成" not in text and placeholders(text) == []
    last = published[-1].report().extra["narrative"]["一"]
    assert f"政务新媒体账号{counts.accounts}个" in last
    assert f"全年开展政府信息公开培训3次，参训人员共{counts.trained}人次。" in last
    assert "发出督办单" in last and "已整改" in last
    assert "（一）主动公开" in published[0].report().extra["narrative"]["一"]  # imported


def _two_consultations_twelve_issues_a_year_and_the_rules() -> None:
    """The demo's 意见征集, 公报 and 公开制度."""
    units = list(Agency.objects.values_list("pk", flat=True))
    years = [TODAY.year - 2, TODAY.year - 1]
    held, current = Consultation.objects.order_by("opens_on")
    assert held.status == "feedback" and "采纳2条" in held.feedback
    assert current.status == "open" and current.closes_on and current.closes_on > TODAY
    assert held.comments.filter(status="rejected").count() == 1
    assert current.comments.filter(status="pending").count() == 1
    counts = consultation_counts(units, 2026)
    assert (counts.consultations, counts.comments, counts.feedback_published) == (2, 8, 1)
    assert ConsultationComment.objects.filter(adoption="not_adopted").exclude(reply="").exists()
    per_year = {y: GazetteIssue.objects.filter(year=y, status="published").count() for y in years}
    assert per_year == {2024: 12, 2025: 12}
    assert GazetteIssue.objects.filter(year=2026).count() == 10  # January to October
    issue = GazetteIssue.objects.get(year=2025, number=6)
    assert issue.entries.exists() and issue.published_on == dt.date(2025, 6, 30)
    text = PdfReader(io.BytesIO(issue.pdf.read())).pages[0].extract_text()
    assert "2025年第6期" in text


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_applications() -> None:
    def first_applications(seed: int) -> list[dict[str, object]]:
        w = world.World(TODAY, seed)
        return [w._applicant(kind) for kind in APPLICANT_WEIGHTS]

    assert first_applications(7) == first_applications(7)
    assert first_applications(7) != first_applications(8)


def test_gongkai_demo_builds_checks_and_prints_the_logins(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GONGKAI_DATA_DIR"}}
    done = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "demo", "--no-serve", "--data-dir", str(tmp_path),
         "--scale", "0.3", "--today", TODAY.isoformat()],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "gov-officer" in done.stdout and "gongkai-demo-2026" in done.stdout
    assert (tmp_path / "gongkai.sqlite3").is_file()

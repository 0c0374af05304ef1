"""The demo district: built through the actions, its reports checked, the command end to end."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.annual_reports.models import AnnualReport
from gongkai.cases.models import Case
from gongkai.core.report.checks import check
from gongkai.core.report.model import Report
from gongkai.demo import world
from gongkai.demo.applications import APPLICANT_WEIGHTS

TODAY = dt.date(2026, 11, 22)


@pytest.mark.django_db
def test_the_demo_reports_pass_every_check_with_continuity_from_the_imported_year() -> None:
    summary = world.build(TODAY, per_weight=0.6)
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

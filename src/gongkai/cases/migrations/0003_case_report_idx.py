# ruff: noqa: RUF012 — written like Django's makemigrations output
"""The annual report's section 三 query (annual_reports.queries): one covering index.

The report counts, over a set of units, the cases received by 31 December and not first
concluded before 1 January, grouped by unit, applicant type, new/carried over and first outcome.
SQLite's planner picks the single-column ``received_on`` index for that range, which then costs
one table lookup per case (5.4 s at 1,000,000 cases, bench/report.py); with every column the
query reads in one index, the same plan is an index-only scan of narrow entries (under 1 s).
``Case.Meta.indexes`` names the same index.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_letter_deferral"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=[
                    "received_on",
                    "first_concluded_on",
                    "agency",
                    "applicant_type",
                    "status",
                    "first_outcome",
                ],
                name="case_report_idx",
            ),
        ),
    ]

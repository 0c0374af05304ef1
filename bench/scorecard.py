"""The supervision scorecard of a province: 5,000 units, 100,000 applications, 50,000 published
items, 500 复议, a report each — straight into the tables (``bulk_create``, not the actions) —
then ``supervision.scorecard.compute`` over all of them and the XLSX, timed.

    GONGKAI_DATA_DIR=/tmp/bench-scorecard DJANGO_SETTINGS_MODULE=gongkai.site.settings \\
        uv run python bench/scorecard.py

The data directory is reused when it already holds the units (the timing runs again).
"""

from __future__ import annotations

import datetime as dt
import random
import time

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from gongkai.agencies.access import SystemActor  # noqa: E402
from gongkai.agencies.models import Agency  # noqa: E402
from gongkai.annual_reports.models import AnnualReport  # noqa: E402
from gongkai.cases.models import Case  # noqa: E402
from gongkai.disputes.models import Dispute  # noqa: E402
from gongkai.publications.models import Publication  # noqa: E402
from gongkai.supervision import scorecard  # noqa: E402

UNITS = 5000
CASES_PER_UNIT = 20
ITEMS_PER_UNIT = 10
YEAR = 2025


def build(rng: random.Random) -> None:
    root = Agency.objects.create(name="省人民政府", kind="province")
    units = Agency.objects.bulk_create(
        [Agency(name=f"单位{i:05d}", kind="department", parent=root) for i in range(UNITS)]
    )
    cases, n = [], 0
    for unit in units:
        for _ in range(CASES_PER_UNIT):
            n += 1
            received = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(360))
            done = rng.random() < 0.9
            concluded = received + dt.timedelta(days=20) if done else None
            cases.append(
                Case(
                    agency=unit,
                    number=f"S{n:07d}",
                    status="served" if done else "open",
                    channel="online",
                    submitted_on=received,
                    received_on=received,
                    applicant_type="natural",
                    applicant_name="王",
                    id_kind="other",
                    id_number_encrypted="x",
                    id_number_hash=f"h{n}",
                    id_number_masked="*",
                    phone="1",
                    phone_last4="0001",
                    description="d",
                    form_wanted="electronic",
                    delivery="online",
                    due_on=received + dt.timedelta(days=28),
                    concluded_on=concluded,
                    first_concluded_on=concluded,
                    outcome="3.1" if done else "",
                    served_late=done and rng.random() < 0.05,
                )
            )
    Case.objects.bulk_create(cases, batch_size=5000)
    items, m = [], 0
    for unit in units:
        for j in range(ITEMS_PER_UNIT):
            m += 1
            written = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(340))
            items.append(
                Publication(
                    agency=unit,
                    index_number=f"P{m:07d}",
                    title="t",
                    written_on=written,
                    published_on=written + dt.timedelta(days=rng.randrange(40)),
                    status="published",
                    is_late=rng.random() < 0.1,
                    kind="normative" if j == 0 else "",
                )
            )
    Publication.objects.bulk_create(items, batch_size=5000)
    served = list(Case.objects.filter(status="served").order_by("pk")[: UNITS * 2 : 20])
    Dispute.objects.bulk_create(
        [
            Dispute(
                case=c,
                kind="review",
                body="b",
                filed_on=dt.date(YEAR, 6, 1),
                outcome=rng.choice(["upheld", "corrected", "pending"]),
            )
            for c in served
        ]
    )
    AnnualReport.objects.bulk_create(
        [AnnualReport(agency=u, year=YEAR, format_key="2021") for u in units]
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    if not Agency.objects.filter(name="省人民政府").exists():
        with transaction.atomic():
            build(random.Random(5))
    print(
        "rows:",
        Agency.objects.count(),
        "units,",
        Case.objects.count(),
        "applications,",
        Publication.objects.count(),
        "items,",
        Dispute.objects.count(),
        "disputes",
    )
    for _ in range(3):
        start = time.perf_counter()
        cards = scorecard.compute(SystemActor(), YEAR, today=dt.date(YEAR + 1, 6, 1))
        print(f"{len(cards)} cards in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    data = scorecard.to_xlsx(cards, YEAR)
    print(f"XLSX {len(data):,} bytes in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()

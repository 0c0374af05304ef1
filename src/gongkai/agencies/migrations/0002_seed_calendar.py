"""Seed the calendar table from chinese-calendar: the State Council notices 2004–2026.

The years are pinned: a later chinese-calendar release that adds 2027 must not change what this
migration wrote on one machine and not on another. New years are entered by an administrator
(admin form or ``gongkai calendar import``) from the notice itself, or by a new migration.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils import timezone

SEED_YEARS = range(2004, 2027)


def seed(apps: Any, schema_editor: Any) -> None:
    from gongkai.core.calendar_data import SEED_SOURCE, official_rows

    calendar_day = apps.get_model("agencies", "CalendarDay")
    calendar_year = apps.get_model("agencies", "CalendarYear")
    now = timezone.now()
    source = f"{SEED_SOURCE}（国务院办公厅节假日安排通知）"
    calendar_day.objects.bulk_create(
        [
            calendar_day(
                date=row.date, kind=row.kind.value, name=row.name, source=source, entered_at=now
            )
            for row in official_rows(SEED_YEARS)
        ],
        batch_size=500,
    )
    calendar_year.objects.bulk_create(
        [
            calendar_year(year=year, confirmed=True, source=source, confirmed_at=now)
            for year in SEED_YEARS
        ]
    )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("agencies", "CalendarDay").objects.filter(
        date__year__in=list(SEED_YEARS), entered_by__isnull=True
    ).delete()
    apps.get_model("agencies", "CalendarYear").objects.filter(
        year__in=list(SEED_YEARS), confirmed_by__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = (("agencies", "0001_initial"),)

    operations = (migrations.RunPython(seed, unseed),)

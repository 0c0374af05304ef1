"""The concurrency bench's Django side: run in a subprocess with the server's settings
(``concurrency.py --helper NAME REQUEST.json``), it builds, prepares and inspects the data."""

from __future__ import annotations

import collections
import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from concurrency_http import BenchError

# -- the Django side (run in a subprocess with the server's settings) ---------------------------


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    import django

    django.setup()


def helper_build_postgres(_: dict[str, Any]) -> dict[str, Any]:
    """The demo district in the DATABASE_URL database (``gongkai demo`` builds SQLite only)."""
    _django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.demo import world

    with connection.cursor() as cursor:
        cursor.execute("select count(*) from pg_tables where schemaname = 'public'")
        (tables,) = cursor.fetchone()
        if tables:
            if os.environ.get("BENCH_RESET_DATABASE") != "1":
                raise BenchError(
                    f"the database has {tables} tables: give an empty one or --reset-database"
                )
            cursor.execute("drop schema public cascade; create schema public")
    call_command("migrate", interactive=False, verbosity=0)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    with transaction.atomic():
        world.build(timezone.localdate())
    return {}


def helper_prepare(_: dict[str, Any]) -> dict[str, Any]:
    """What the parts need: the agency to apply to, today, and a reviewed report with its head
    able to sign in (the demo gives passwords to the government's staff only)."""
    _django()
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Membership
    from gongkai.annual_reports import actions as report_actions
    from gongkai.annual_reports.choices import NARRATIVE_SECTIONS
    from gongkai.annual_reports.models import AnnualReport
    from gongkai.demo.world import PASSWORD

    government = Agency.objects.get(parent=None)
    report = (
        AnnualReport.objects.filter(status="draft", agency__parent=government)
        .order_by("agency__pk")
        .first()
    )
    if report is None:
        raise BenchError("no draft annual report of a unit in the demo")
    people = {
        m.role: m.user
        for m in Membership.objects.filter(agency=report.agency).select_related("user")
    }
    for user in people.values():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    for section in NARRATIVE_SECTIONS:
        report_actions.edit_narrative(
            actor=people["officer"],
            report=report,
            section=section,
            text=f"（并发测试）{section}：本机关依法做好政府信息公开工作。",
        )
    report.refresh_from_db()
    report_actions.mark_reviewed(actor=people["reviewer"], report=report)
    return {
        "agency": government.pk,
        "today": timezone.localdate().isoformat(),
        "report": report.pk,
        "head": people["head"].username,
        "officer": "gov-officer",
        "password": PASSWORD,
    }


def helper_inspect(query: dict[str, Any]) -> dict[str, Any]:
    """Stored cases per submission token, decisions and corrections per case, the queue."""
    _django()
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from gongkai.annual_reports.models import AnnualReport
    from gongkai.cases.models import Case, Correction, Decision

    tokens = query.get("tokens", [])
    stored: dict[str, list[str]] = collections.defaultdict(list)
    for start in range(0, len(tokens), 500):
        for token, number in Case.objects.filter(
            submission_token__in=tokens[start : start + 500]
        ).values_list("submission_token", "number"):
            stored[token].append(number)
    numbers = query.get("numbers", [])
    by_number: dict[str, dict[str, Any]] = {}
    for start in range(0, len(numbers), 500):
        for pk, number, status in Case.objects.filter(
            number__in=numbers[start : start + 500]
        ).values_list("pk", "number", "status"):
            by_number[number] = {"pk": pk, "status": status}
    cases = query.get("cases", [])
    decisions = dict(
        Decision.objects.filter(case__in=cases)
        .values("case")
        .annotate(n=Count("pk"))
        .values_list("case", "n")
    )
    corrections = dict(
        Correction.objects.filter(case__in=cases)
        .values("case")
        .annotate(n=Count("pk"))
        .values_list("case", "n")
    )
    statuses = dict(Case.objects.filter(pk__in=cases).values_list("pk", "status"))
    tasks = collections.Counter(DBTaskResult.objects.values_list("status", flat=True))
    orphans = []
    if query.get("running_before"):
        # A task the killed worker had started stays RUNNING: no later worker takes it up.
        orphans = [
            f"{task_id} {path} {args}"
            for task_id, path, args in DBTaskResult.objects.filter(
                status="RUNNING", started_at__lt=dt.datetime.fromisoformat(query["running_before"])
            ).values_list("id", "task_path", "args_kwargs")
        ]
    report = query.get("report")
    return {
        "stored": stored,
        "by_number": by_number,
        "decisions": {str(k): v for k, v in decisions.items()},
        "corrections": {str(k): v for k, v in corrections.items()},
        "statuses": {str(k): v for k, v in statuses.items()},
        "tasks": dict(tasks),
        "orphans": orphans,
        "report_status": AnnualReport.objects.get(pk=report).status if report else None,
        "report_files": (AnnualReport.objects.get(pk=report).files.count() if report else 0),
    }


def helper_queue_letters(query: dict[str, Any]) -> dict[str, Any]:
    """N of the demo's letters (rendered on demand) queued for the worker to render."""
    _django()
    from gongkai.cases.choices import LetterState
    from gongkai.cases.models import Letter
    from gongkai.cases.tasks import generate_letter

    letters = list(
        Letter.objects.filter(state=LetterState.ON_DEMAND)
        .order_by("pk")
        .values_list("pk", flat=True)[: int(query.get("n", 0))]
    )
    Letter.objects.filter(pk__in=letters).update(state=LetterState.PENDING)
    for pk in letters:
        generate_letter.enqueue(pk)
    return {"queued": len(letters)}


HELPERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "build_postgres": helper_build_postgres,
    "prepare": helper_prepare,
    "inspect": helper_inspect,
    "queue_letters": helper_queue_letters,
}

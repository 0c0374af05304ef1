"""After a stopped worker: tasks left running are queued again, letters left pending rendered.

``kill -9`` leaves the queue's row RUNNING for ever; a forced stop (a second SIGTERM: the worker
raises SystemExit inside the task) marks it FAILED. Either way the letter must end up rendered.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.cases import letters
from gongkai.cases.choices import LetterState
from gongkai.cases.models import Letter
from gongkai.cases.tasks import generate_letter
from gongkai.cases.tests.factories import online_case
from gongkai.cli import main
from gongkai.conftest import Personas
from gongkai.site import daily

# The worker closes connections it finds inside a transaction: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)

MINUTES = dt.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def _pending_letter(personas: Personas, age: dt.timedelta = 30 * MINUTES) -> Letter:
    """A case's receipt, still pending, issued ``age`` ago, with nothing in the queue."""
    case = online_case(personas.agency_a, timezone.localdate())
    letter = Letter.objects.filter(case=case).first()
    assert letter is not None
    Letter.objects.filter(pk=letter.pk).update(
        state=LetterState.PENDING, created_at=timezone.now() - age
    )
    DBTaskResult.objects.all().delete()
    return Letter.objects.get(pk=letter.pk)


def _running(task_path: str, args: list[Any], started: dt.timedelta) -> DBTaskResult[Any, Any]:
    """A row as a killed worker leaves it: RUNNING since ``started`` ago."""
    result = DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": args, "kwargs": {}},
        backend_name="default",
        run_after=timezone.now() - started,
    )
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="RUNNING", started_at=timezone.now() - started, worker_ids=["killed"]
    )
    return result


def _worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def test_a_letter_render_left_running_by_a_killed_worker_is_failed_queued_and_rendered(
    personas: Personas,
) -> None:
    letter = _pending_letter(personas)
    lost = _running(generate_letter.module_path, [letter.pk], started=11 * MINUTES)
    assert daily.recover() == 1
    lost.refresh_from_db()
    assert lost.status == "FAILED" and lost.exception_class_path == daily.WORKER_LOST
    assert lost.finished_at is not None
    again = DBTaskResult.objects.get(status="READY")
    assert again.task_path == generate_letter.module_path
    assert again.args_kwargs["args"] == [letter.pk]
    assert daily.recover() == 0  # queued once, not once per call
    _worker()
    letter.refresh_from_db()
    assert letter.state == LetterState.READY and letter.pdf and letter.docx


def test_a_task_running_for_less_than_the_threshold_is_left_and_looked_at_again_later(
    personas: Personas, settings: Any
) -> None:
    settings.GONGKAI_TASK_STALE_MINUTES = 10
    letter = _pending_letter(personas)
    busy = _running(generate_letter.module_path, [letter.pk], started=3 * MINUTES)
    assert daily.recover() == 0
    busy.refresh_from_db()
    assert busy.status == "RUNNING"
    later = DBTaskResult.objects.get(status="READY")
    assert later.task_path == daily.sweep.module_path
    assert busy.started_at is not None
    assert later.run_after == busy.started_at + dt.timedelta(minutes=10)
    daily.recover()
    assert DBTaskResult.objects.filter(task_path=daily.sweep.module_path).count() == 1
    # When the sweep runs, the render is stale: queued again.
    assert daily.recover(now=timezone.now() + 8 * MINUTES) == 1
    busy.refresh_from_db()
    assert busy.status == "FAILED"


def test_a_lost_morning_run_is_run_again(personas: Personas) -> None:
    lost = _running(daily.TASK_PATH, [], started=2 * 60 * MINUTES)
    assert daily.recover() == 1
    _worker()
    lost.refresh_from_db()
    assert lost.status == "FAILED"
    assert DBTaskResult.objects.filter(task_path=daily.TASK_PATH, status="SUCCESSFUL").exists()
    # … which queued tomorrow's, as every morning run does.
    assert DBTaskResult.objects.filter(task_path=daily.TASK_PATH, status="READY").exists()


def test_tasks_not_known_to_be_safe_to_run_twice_are_left_alone(personas: Personas) -> None:
    other = _running("somewhere.else.send_money", [], started=60 * MINUTES)
    assert daily.recover() == 0
    other.refresh_from_db()
    assert other.status == "RUNNING"


def test_a_letter_stopped_mid_render_stays_pending_and_is_rendered_by_the_next_run(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter = _pending_letter(personas)
    real = letters.render_letter
    stops: list[int] = []

    def stopped_once(found: Letter) -> Letter:
        if not stops:
            stops.append(found.pk)
            raise SystemExit(1)  # what db_worker's second SIGTERM raises inside the task
        return real(found)

    monkeypatch.setattr(letters, "render_letter", stopped_once)
    generate_letter.enqueue(letter.pk)
    _worker()  # the stopped run, then the run queued again
    assert stops == [letter.pk]
    results = DBTaskResult.objects.filter(task_path=generate_letter.module_path)
    statuses = sorted(results.values_list("status", "exception_class_path"))
    assert statuses == [("FAILED", "builtins.SystemExit"), ("SUCCESSFUL", "")]
    letter.refresh_from_db()
    assert letter.state == LetterState.READY and not letter.error


def test_a_pending_letter_with_nothing_queued_is_queued_once(personas: Personas) -> None:
    orphan = _pending_letter(personas)
    queued = _pending_letter(personas)
    just_issued = _pending_letter(personas, age=dt.timedelta(seconds=5))
    ready = _pending_letter(personas)
    Letter.objects.filter(pk=ready.pk).update(state=LetterState.READY)
    generate_letter.enqueue(queued.pk)
    assert daily.recover() == 1
    ids = [r.args_kwargs["args"][0] for r in DBTaskResult.objects.filter(status="READY")]
    assert sorted(ids) == sorted([orphan.pk, queued.pk])
    assert just_issued.pk not in ids


def test_a_letter_queued_twice_is_rendered_once(personas: Personas) -> None:
    letter = _pending_letter(personas)
    generate_letter.enqueue(letter.pk)
    generate_letter.enqueue(letter.pk)
    _worker()
    letter.refresh_from_db()
    first = letter.pdf.name
    assert letter.state == LetterState.READY
    assert generate_letter.call(letter.pk) == "ready"
    letter.refresh_from_db()
    assert letter.pdf.name == first


def test_the_worker_recovers_at_start(personas: Personas) -> None:
    letter = _pending_letter(personas)
    _running(generate_letter.module_path, [letter.pk], started=60 * MINUTES)
    assert main(["worker", "--batch"]) == 0
    letter.refresh_from_db()
    assert letter.state == LetterState.READY


def test_the_morning_run_recovers_too(personas: Personas) -> None:
    letter = _pending_letter(personas)
    _running(generate_letter.module_path, [letter.pk], started=60 * MINUTES)
    daily.daily.enqueue()
    _worker()
    letter.refresh_from_db()
    assert letter.state == LetterState.READY

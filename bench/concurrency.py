"""Concurrency of the real server: simultaneous submissions, officers racing on one case, a
report published while the worker renders, and a kill -9 in the middle of a flow (issue 12).

    uv run python bench/concurrency.py [--n 20] [--workers W] [--database-url postgres://…]
                                       [--keep] [--max-seconds 1500]

It builds its own demo district in a temporary directory (SQLite there; with ``--database-url``
the demo data goes into that PostgreSQL database, which must be empty unless
``--reset-database`` is given: then its ``public`` schema is dropped first), starts the server
as ``gongkai serve`` does (granian with W web workers, default cores + 1, and the background
worker) on 127.0.0.1 with its output in ``<tmp>/server.log``, and measures:

1. N simultaneous submissions through the public form and N through ``POST /api/applications``
   (every fifth client double-submits, as a double click would); every acknowledged tracking
   number must be stored exactly once.
2. N officer clients posting the same step (decide / request correction) on the same case in
   pairs at the same moment: one effect per case, the loser a clean refusal.
3. A head publishing an annual report while the worker renders letters and applications flow.
4. ``kill -9`` of the server's process group while submissions flow, then a restart: every
   acknowledged application is stored.

The last line is ``concurrency: n=N, acknowledged A, stored S, duplicates D, server errors E``
(A and S over the submissions of parts 1 and 4). Exit 0 unless the bench itself fails; the
temporary directory is kept (and named) with ``--keep`` or when a server error was seen.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import functools
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 90.0  # longer than SQLite's busy timeout (30 s): a lock wait is not a timeout
PHONE_PREFIX = "1390000"
NET_ERRORS = (OSError, http.client.HTTPException)  # refused, reset, cut off mid-answer
STOP_MARK = "==== bench: SIGTERM to the server (the end)"


# -- a small HTTP client (stdlib; one connection per request, cookies kept) -----------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float

    def location(self) -> str:
        return self.headers.get("location", "")


class Client:
    """One browser: its own cookies; every request to 127.0.0.1 only."""

    def __init__(self, port: int, timeout: float = REQUEST_TIMEOUT) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        content_type: str = "",
        headers: dict[str, str] | None = None,
    ) -> Response:
        sent = {"Host": f"{HOST}:{self.port}", "Accept-Language": "zh-hans"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = content_type
            sent["Origin"] = f"http://{HOST}:{self.port}"
            sent["Referer"] = f"http://{HOST}:{self.port}{path}"
        sent.update(headers or {})
        started = time.monotonic()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            data = raw.read()
            got = {k.lower(): v for k, v in raw.getheaders()}
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    pair = value.split(";", 1)[0]
                    key, _, val = pair.partition("=")
                    self.cookies[key.strip()] = val.strip()
            return Response(
                raw.status, got, data.decode("utf-8", "replace"), time.monotonic() - started
            )
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str]) -> Response:
        return self.request(
            "POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded"
        )

    def post_json(self, path: str, data: Any) -> Response:
        return self.request("POST", path, json.dumps(data).encode(), "application/json")


class FormFields(HTMLParser):
    """The fields of every form of a page with their initial values (checked/selected ones)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    @property
    def _current(self) -> dict[str, str]:
        fields: dict[str, str] = self.forms[-1]["fields"] if self.forms else {}
        return fields

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self._current[a["name"]] = a.get("value", "on")
                else:
                    self._current.setdefault(a["name"], "") if kind == "checkbox" else None
            elif kind not in {"file", "submit", "button"}:
                self._current[a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._current.setdefault(self._select, "")
        elif tag == "option" and self._select is not None and "selected" in a:
            self._current[self._select] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._current[self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._current[self._textarea] += data

    def form_with(self, name: str) -> dict[str, str]:
        for form in self.forms:
            if name in form["fields"]:
                return dict(form["fields"])
        return {}


def form_of(html: str, having: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return parser.form_with(having)


def page_messages(html: str) -> str:
    """The error messages a page shows (form errors, the messages framework), on one line."""
    found = re.findall(
        r'<(?:ul|li|p|div)[^>]*class="[^"]*(?:errorlist|error|alert|message)[^"]*"[^>]*>(.*?)</',
        html,
        re.S,
    )
    text = " ".join(re.sub(r"<[^>]+>", " ", f) for f in found)
    return " ".join(text.split())[:160]


# -- the server ------------------------------------------------------------------------------


class Server:
    """``gongkai serve`` in its own process group, its output appended to ``log``."""

    def __init__(self, env: dict[str, str], port: int, workers: int, log: Path) -> None:
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, wait: float = 180.0) -> float:
        started = time.monotonic()
        with self.log.open("ab") as out:
            out.write(f"\n==== bench: start at {dt.datetime.now().isoformat()} ====\n".encode())
            out.flush()
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gongkai.cli",
                    "serve",
                    "--host",
                    HOST,
                    "--port",
                    str(self.port),
                    "--workers",
                    str(self.workers),
                ],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        while time.monotonic() - started < wait:
            if self.process.poll() is not None:
                raise BenchError(f"the server exited ({self.process.returncode}); see {self.log}")
            try:
                if Client(self.port, timeout=5).get("/").status < 500:
                    return time.monotonic() - started
            except NET_ERRORS:
                pass
            time.sleep(0.3)
        raise BenchError(f"the server did not answer within {wait:.0f} s; see {self.log}")

    def kill9(self) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with self.log.open("ab") as out:
            out.write(f"\n{STOP_MARK} at {dt.datetime.now().isoformat()} ====\n".encode())
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
        # The worker child may outlive a SIGTERMed granian by a moment (PDEATHSIG).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


class BenchError(Exception):
    pass


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


def run_helper(env: dict[str, str], name: str, query: dict[str, Any], tmp: Path) -> Any:
    request = tmp / f"helper-{name}-{uuid.uuid4().hex[:8]}.json"
    request.write_text(json.dumps(query))
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--helper", name, str(request)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise BenchError(f"helper {name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the submissions ---------------------------------------------------------------------------


def _id_number(i: int) -> str:
    from gongkai.core.ids import id_number_check_char

    first17 = f"33030319{80 + i % 20:02d}0{1 + i % 9}{10 + i % 18:02d}{i % 1000:03d}"
    return first17 + id_number_check_char(first17)


def application(i: int, marker: str) -> dict[str, str]:
    return {
        "applicant_type": "natural",
        "applicant_name": f"测试{i:04d}",
        "id_kind": "resident_id",
        "id_number": _id_number(i),
        "phone": f"{PHONE_PREFIX}{i % 10000:04d}",
        "email": "",
        "address": "温州市瓯江区测试路1号",
        "postcode": "325000",
        "description": f"请公开2025年度政府采购合同目录（{marker}-{i}）",
        "form_wanted": "electronic",
        "delivery": "online",
    }


@dataclass
class Outcomes:
    """Per submission (one token): the answers it got, the numbers acknowledged."""

    codes: collections.Counter[str] = field(default_factory=collections.Counter)
    acknowledged: dict[str, set[str]] = field(default_factory=dict)  # token -> numbers
    submitted: list[str] = field(default_factory=list)  # tokens
    server_errors: int = 0
    seconds: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, token: str, code: str, number: str | None = None, secs: float = 0) -> None:
        with self.lock:
            self.codes[code] += 1
            if code.startswith("5"):
                self.server_errors += 1
            if number:
                self.acknowledged.setdefault(token, set()).add(number)
            if secs:
                self.seconds.append(secs)


class Submitter:
    def __init__(self, port: int, agency: int, marker: str, out: Outcomes) -> None:
        self.port, self.agency, self.marker, self.out = port, agency, marker, out
        self.counter = 0
        self.lock = threading.Lock()

    def next_index(self) -> int:
        with self.lock:
            self.counter += 1
            return self.counter

    # The public form: GET (CSRF cookie + token, one-time submission token), then POST.
    def prepare_form(self, i: int) -> tuple[Client, dict[str, str]] | None:
        client = Client(self.port)
        try:
            page = client.get(f"/apply/{self.agency}/")
        except NET_ERRORS as exc:
            self.out.record("", f"GET failed ({type(exc).__name__})")
            return None
        if page.status != 200:
            self.out.record("", f"GET {page.status}")
            return None
        fields = form_of(page.body, "applicant_name")
        fields.update(application(i, self.marker))
        fields["challenge"] = self.solved()
        with self.out.lock:
            self.out.submitted.append(fields["token"])
        return client, fields

    def post_form(self, client: Client, fields: dict[str, str]) -> None:
        token = fields["token"]
        try:
            answer = client.post_form(f"/apply/{self.agency}/", fields)
            if answer.status in {301, 302, 303} and "/apply/receipt/" in answer.location():
                number = answer.location().rstrip("/").rsplit("/", 1)[-1]
                receipt = client.get(urlsplit(answer.location()).path)
                if receipt.status == 200 and number in receipt.body:
                    self.out.record(token, f"{answer.status}", number, answer.seconds)
                else:
                    self.out.record(token, f"{answer.status}→receipt {receipt.status}")
            elif answer.status == 200:
                self.out.record(token, f"200 form again: {page_messages(answer.body)[:60]}")
            else:
                self.out.record(token, f"{answer.status}", None, answer.seconds)
        except NET_ERRORS as exc:
            self.out.record(token, f"no answer ({type(exc).__name__})")

    # The anti-abuse proof-of-work: fetched and solved as the form's script does (the server
    # runs at the lowest cost); each solution is good for one submission.
    def solved(self) -> str:
        import altcha

        try:
            answer = Client(self.port).get("/api/challenge")
            parsed = altcha.Challenge.from_dict(json.loads(answer.body))
        except (*NET_ERRORS, ValueError, KeyError, TypeError):
            return ""  # the submission then shows what the server says
        solution = altcha.solve_challenge(parsed)
        return altcha.Payload(parsed, solution).to_base64() if solution else ""

    # The JSON API: one POST.
    def api_body(self, i: int) -> dict[str, Any]:
        token = uuid.uuid4().hex
        with self.out.lock:
            self.out.submitted.append(token)
        body = {"agency": self.agency, "token": token, **application(i, self.marker)}
        return {**body, "challenge": self.solved()}

    def post_api(self, body: dict[str, Any]) -> None:
        client = Client(self.port)
        try:
            answer = client.post_json("/api/applications", body)
        except NET_ERRORS as exc:
            self.out.record(body["token"], f"no answer ({type(exc).__name__})")
            return
        number = None
        if answer.status in {200, 201}:
            with contextlib.suppress(ValueError):
                number = json.loads(answer.body).get("number") or None
        self.out.record(body["token"], f"{answer.status}", number, answer.seconds)


def all_at_once(tasks: list[Callable[[], None]], timeout: float) -> None:
    """Run every task in its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(tasks)) if tasks else None

    def run(task: Callable[[], None]) -> None:
        assert barrier is not None
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=60)
        task()

    threads = [threading.Thread(target=run, args=(t,), daemon=True) for t in tasks]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.1, deadline - time.monotonic()))


def in_pool(tasks: list[Callable[[], Any]], size: int, timeout: float) -> list[Any]:
    results: list[Any] = [None] * len(tasks)
    queue = collections.deque(enumerate(tasks))
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                index, task = queue.popleft()
            results[index] = task()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(size)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.1, deadline - time.monotonic()))
    return results


# -- the parts ---------------------------------------------------------------------------------


@dataclass
class Bench:
    n: int
    port: int
    env: dict[str, str]
    tmp: Path
    server: Server
    setup: dict[str, Any]
    marker: str = field(default_factory=lambda: uuid.uuid4().hex[:6])
    lines: list[str] = field(default_factory=list)
    server_errors: int = 0
    duplicates: int = 0
    acknowledged: int = 0
    stored: int = 0
    acked_numbers: list[str] = field(default_factory=list)

    def say(self, text: str = "") -> None:
        print(text, flush=True)

    def inspect(self, **query: Any) -> dict[str, Any]:
        result: dict[str, Any] = run_helper(self.env, "inspect", query, self.tmp)
        return result

    def verify(self, name: str, out: Outcomes) -> tuple[int, int, int]:
        """Print the answers and check the database: (acknowledged, stored, duplicates)."""
        found = self.inspect(tokens=out.submitted)["stored"]
        acked = {t: numbers for t, numbers in out.acknowledged.items()}
        stored_once = sum(1 for t in acked if len(found.get(t, [])) == 1)
        missing = [t for t in acked if not found.get(t)]
        duplicates = sum(1 for numbers in found.values() if len(numbers) > 1) + sum(
            1 for numbers in acked.values() if len(numbers) > 1
        )
        stored_unacked = sum(1 for t in out.submitted if found.get(t) and t not in acked)
        seconds = sorted(out.seconds)
        p50 = seconds[len(seconds) // 2] if seconds else 0.0
        p99 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.99))] if seconds else 0.0
        self.say(f"  {name}: {len(set(out.submitted))} submissions, answers:")
        for code, count in sorted(out.codes.items()):
            self.say(f"    {count:>5}  {code}")
        self.say(
            f"    acknowledged {len(acked)}, stored exactly once {stored_once}, "
            f"acknowledged but missing {len(missing)}, duplicates {duplicates}, "
            f"stored without acknowledgement {stored_unacked}, 5xx {out.server_errors}; "
            f"POST seconds p50 {p50:.2f} p99 {p99:.2f} max {max(seconds, default=0):.2f}"
        )
        for token in missing[:5]:
            self.say(f"    MISSING: token {token} acknowledged as {sorted(acked[token])}")
        self.server_errors += out.server_errors
        self.duplicates += duplicates
        for numbers in acked.values():
            self.acked_numbers.extend(sorted(numbers))
        return len(acked), stored_once, duplicates

    @staticmethod
    def _prepare(submitter: Submitter) -> tuple[Client, dict[str, str]] | None:
        return submitter.prepare_form(submitter.next_index())

    def part1(self) -> None:
        self.say(f"\n1. {self.n} simultaneous submissions by form, then {self.n} by the API")
        self.say("   (every fifth client submits twice at once, as a double click)")
        agency = self.setup["agency"]
        for kind in ("form", "api"):
            out = Outcomes()
            submitter = Submitter(self.port, agency, self.marker, out)
            tasks: list[Callable[[], None]] = []
            if kind == "form":
                prepared = in_pool(
                    [functools.partial(self._prepare, submitter)] * self.n,
                    8,
                    300,
                )
                for index, ready in enumerate(prepared):
                    if ready is None:
                        continue
                    client, fields = ready
                    tasks.append(functools.partial(submitter.post_form, client, fields))
                    if index % 5 == 4:  # the double click: the script solves anew for it
                        again = {**fields, "challenge": submitter.solved()}
                        tasks.append(functools.partial(submitter.post_form, client, again))
            else:
                for index in range(self.n):
                    body = submitter.api_body(submitter.next_index() + 5000)
                    tasks.append(functools.partial(submitter.post_api, body))
                    if index % 5 == 4:  # the same token twice at once, each with its solution
                        again = {**body, "challenge": submitter.solved()}
                        tasks.append(functools.partial(submitter.post_api, again))
            started = time.monotonic()
            all_at_once(tasks, 300)
            took = time.monotonic() - started
            self.say(f"  {kind}: {len(tasks)} POSTs released together, {took:.1f} s")
            a, s, _ = self.verify(kind, out)
            self.acknowledged += a
            self.stored += s

    def part2(self) -> None:
        self.say(f"\n2. {self.n} officer clients, in pairs, posting the same step on one case")
        today = dt.date.fromisoformat(self.setup["today"])
        found = self.inspect(numbers=self.acked_numbers)["by_number"]
        open_cases = sorted(v["pk"] for v in found.values() if v["status"] == "open")
        pairs = min(self.n // 2, len(open_cases))
        cases = open_cases[:pairs]
        if not cases:
            self.say("  no open case to act on (part 1 stored none)")
            return
        sessions: list[Client] = []
        logins = min(len(cases) * 2, 10)

        def login() -> Client | None:
            client = Client(self.port)
            page = client.get("/console/login/")
            fields = form_of(page.body, "username")
            fields.update(username=self.setup["officer"], password=self.setup["password"])
            answer = client.post_form("/console/login/", fields)
            return client if answer.status == 302 else None

        for got in in_pool([login] * logins, 2, 300):
            if got is not None:
                sessions.append(got)
        if not sessions:
            self.say("  the officer could not sign in")
            return
        answers: dict[int, list[str]] = collections.defaultdict(list)
        codes: collections.Counter[str] = collections.Counter()
        refusals: collections.Counter[str] = collections.Counter()
        lock = threading.Lock()
        steps = {
            "decide": {
                "outcome": "3.1",
                "decided_on": today.isoformat(),
                "provision": "以电子邮件方式提供。",
                "reasons": "",
            },
            "request_correction": {
                "on": today.isoformat(),
                "items": "申请内容的具体描述",
                "deadline": (today + dt.timedelta(days=15)).isoformat(),
            },
        }
        prepared: list[tuple[Client, str, int, dict[str, str]]] = []
        errors_before = 0
        for index, case in enumerate(cases):
            action = "decide" if index % 2 == 0 else "request_correction"
            for member in range(2):
                client = sessions[(2 * index + member) % len(sessions)]
                page = client.get(f"/console/cases/{case}/{action}/")
                if page.status >= 500:
                    errors_before += 1
                fields = form_of(page.body, "deadline" if action != "decide" else "outcome")
                fields.update(steps[action])
                prepared.append((client, action, case, fields))

        def act(client: Client, action: str, case: int, fields: dict[str, str]) -> None:
            try:
                answer = client.post_form(f"/console/cases/{case}/{action}/", fields)
                code = str(answer.status)
                if answer.status == 400:
                    with lock:
                        refusals[f"{action}: {page_messages(answer.body)[:90]}"] += 1
            except NET_ERRORS as exc:
                code = f"no answer ({type(exc).__name__})"
            with lock:
                answers[case].append(code)
                codes[f"{action} {code}"] += 1

        all_at_once(
            [lambda p=p: act(*p) for p in prepared],  # type: ignore[misc]
            300,
        )
        result = self.inspect(cases=cases)
        double = 0
        for index, case in enumerate(cases):
            effects = (
                result["decisions"].get(str(case), 0)
                if index % 2 == 0
                else result["corrections"].get(str(case), 0)
            )
            successes = sum(1 for c in answers[case] if c in {"302", "303"})
            if effects > 1 or successes > 1:
                double += 1
        fives = sum(n for k, n in codes.items() if k.split()[-1].startswith("5")) + errors_before
        self.say(
            f"  {len(sessions)} sessions of {self.setup['officer']}, {len(cases)} cases "
            f"({(len(cases) + 1) // 2} decide, {len(cases) // 2} request correction), "
            f"{len(prepared)} POSTs released together"
        )
        for code, count in sorted(codes.items()):
            self.say(f"    {count:>5}  {code}")
        for message, count in refusals.most_common(5):
            self.say(f"    {count:>5}  refusal shown: {message}")
        self.say(f"    cases with a double effect: {double}; 5xx {fives}")
        self.duplicates += double
        self.server_errors += fives

    def part3(self) -> None:
        self.say(
            "\n3. a head publishes an annual report while the worker renders and applications flow"
        )
        head = Client(self.port)
        page = head.get("/console/login/")
        fields = form_of(page.body, "username")
        fields.update(username=self.setup["head"], password=self.setup["password"])
        if head.post_form("/console/login/", fields).status != 302:
            self.say("  the head could not sign in")
            return
        report = self.setup["report"]
        page = head.get(f"/console/reports/{report}/")
        token = form_of(page.body, "csrfmiddlewaretoken").get("csrfmiddlewaretoken", "")
        out = Outcomes()
        submitter = Submitter(self.port, self.setup["agency"], self.marker, out)
        # A batch for the worker: N letters to render (online receipts are rendered when first
        # downloaded, no longer queued), and N applications submitted just before the publish.
        run_helper(self.env, "queue_letters", {"n": self.n}, self.tmp)
        burst: list[Callable[[], None]] = [
            functools.partial(
                submitter.post_api, submitter.api_body(submitter.next_index() + 20000)
            )
            for _ in range(self.n)
        ]
        all_at_once(burst, 300)
        queue = self.inspect()["tasks"]
        stop = threading.Event()

        def flow() -> None:
            while not stop.is_set():
                submitter.post_api(submitter.api_body(submitter.next_index() + 30000))

        flows = [threading.Thread(target=flow, daemon=True) for _ in range(min(4, self.n))]
        for thread in flows:
            thread.start()
        started = time.monotonic()
        try:
            answer = head.post_form(
                f"/console/reports/{report}/publish/", {"csrfmiddlewaretoken": token}
            )
            publish = f"{answer.status} in {answer.seconds:.1f} s"
            if answer.status >= 500:
                self.server_errors += 1
            shown = ""
            if answer.status == 302:
                shown = page_messages(head.get(urlsplit(answer.location()).path).body)
        except NET_ERRORS as exc:
            publish, shown = f"no answer ({type(exc).__name__})", ""
        stop.set()
        for thread in flows:
            thread.join(REQUEST_TIMEOUT + 5)
        after = self.inspect(report=report)
        self.say(f"  worker queue when the publish began: {queue}")
        self.say(f"  publish: {publish} (flow kept going {time.monotonic() - started:.1f} s)")
        if shown:
            self.say(f"  message: {shown}")
        self.say(
            f"  report status now {after['report_status']}, {after['report_files']} files; "
            f"queue now {after['tasks']}"
        )
        self.say(f"  applications during the publish ({len(out.submitted)}):")
        for code, count in sorted(out.codes.items()):
            self.say(f"    {count:>5}  {code}")
        found = self.inspect(tokens=out.submitted)["stored"]
        missing = [t for t in out.acknowledged if not found.get(t)]
        dup = sum(1 for v in found.values() if len(v) > 1)
        self.say(
            f"    acknowledged {len(out.acknowledged)}, missing {len(missing)}, duplicates {dup}"
        )
        self.server_errors += out.server_errors
        self.duplicates += dup

    def part4(self) -> None:
        self.say(
            "\n4. kill -9 of the server's process group while submissions flow, then a restart"
        )
        out = Outcomes()
        submitter = Submitter(self.port, self.setup["agency"], self.marker, out)
        stop = threading.Event()
        down = threading.Event()

        def flow(by_form: bool) -> None:
            while not stop.is_set():
                i = submitter.next_index() + 40000
                if by_form:
                    ready = submitter.prepare_form(i)
                    if ready is not None:
                        submitter.post_form(*ready)
                    else:
                        time.sleep(0.2)
                else:
                    submitter.post_api(submitter.api_body(i))
                if down.is_set():
                    time.sleep(0.2)

        threads = [
            threading.Thread(target=flow, args=(k % 2 == 0,), daemon=True)
            for k in range(max(2, min(self.n // 2, 16)))
        ]
        for thread in threads:
            thread.start()
        time.sleep(4)
        before = sum(len(v) for v in out.acknowledged.values())
        down.set()
        kill_time = dt.datetime.now(dt.UTC)
        self.server.kill9()
        killed_at = time.monotonic()
        back = self.server.start()
        down.clear()
        time.sleep(4)
        stop.set()
        for thread in threads:
            thread.join(REQUEST_TIMEOUT + 5)
        self.say(
            f"  {len(threads)} clients (form and API); killed after {before} acknowledgements; "
            f"answering again {back:.1f} s after the kill"
            f" ({time.monotonic() - killed_at:.1f} s ago)"
        )
        a, s, _ = self.verify("flow", out)
        orphans = self.inspect(running_before=kill_time.isoformat())["orphans"]
        self.say(
            f"    background tasks the kill left RUNNING for good: {len(orphans)}"
            + "".join(f"\n      {o}" for o in orphans[:5])
        )
        self.acknowledged += a
        self.stored += s


# -- server log --------------------------------------------------------------------------------


def tracebacks(log: Path) -> list[tuple[str, str]]:
    """(the request line or message before it, the traceback) for each traceback in the log."""
    if not log.exists():
        return []
    lines = log.read_text(errors="replace").splitlines()
    found: list[tuple[str, str]] = []
    i = 0
    stopping = False
    while i < len(lines):
        stopping = stopping or lines[i].startswith(STOP_MARK)
        if lines[i].startswith("Traceback (most recent call last)"):
            head = next(
                (lines[j] for j in range(i - 1, max(-1, i - 4), -1) if lines[j].strip()), ""
            )
            j = i + 1
            while j < len(lines) and (lines[j].startswith((" ", "\t")) or not lines[j].strip()):
                j += 1
            while j < len(lines) and (
                lines[j].startswith(("During handling", "The above exception", "Traceback"))
                or lines[j].startswith((" ", "\t"))
                or not lines[j].strip()
            ):
                j += 1
            if stopping:
                head = f"[while the bench stopped the server] {head}"
            found.append((head, "\n".join(lines[i : j + 1])))
            i = j + 1
        else:
            i += 1
    return found


def print_tracebacks(log: Path) -> int:
    found = tracebacks(log)
    five = [line for line in log.read_text(errors="replace").splitlines() if '" 5' in line]
    print(f"\nServer log {log}: {len(found)} tracebacks, {len(five)} access-log lines with 5xx")
    groups: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for head, text in found:
        last = text.strip().splitlines()[-1]
        groups[last].append((head, text))
    for last, items in groups.items():
        print(f"\n--- {len(items)}× {last}\n    first after: {items[0][0]}")
        frames = items[0][1].splitlines()
        shown = frames if len(frames) <= 50 else [*frames[:12], "    …", *frames[-36:]]
        print("\n".join("    " + line for line in shown))
    # Those of the bench's own SIGTERM at the end (a task cut short) are not the server's fault.
    return sum(1 for head, _ in found if not head.startswith("[while the bench stopped"))


# -- main --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def overall_limit(seconds: float) -> Iterator[None]:
    def expired(signum: int, frame: Any) -> None:
        raise BenchError(f"the bench did not finish within {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(int(seconds))
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20, help="simultaneous clients (default 20)")
    parser.add_argument("--database-url", help="postgres://… to use instead of a SQLite file")
    parser.add_argument(
        "--reset-database", action="store_true", help="drop the PostgreSQL database's tables first"
    )
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--max-seconds", type=float, default=1800)
    parser.add_argument("--helper", help=argparse.SUPPRESS)
    parser.add_argument("query", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.helper:
        query = json.loads(Path(args.query).read_text())
        print(json.dumps(HELPERS[args.helper](query), default=str))
        return 0
    if args.n < 2:
        parser.error("--n must be at least 2")
    if args.database_url and not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must be postgres://…")
    if args.database_url and urlsplit(args.database_url).hostname not in {HOST, "localhost"}:
        parser.error("--database-url: only a database on 127.0.0.1 (the bench wipes it)")

    tmp = Path(tempfile.mkdtemp(prefix="gk-concurrency-"))
    data = tmp / "data"
    log = tmp / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_"))}
    env.update(
        GONGKAI_DATA_DIR=str(data),
        DATABASE_URL=args.database_url or f"sqlite:///{data / 'gongkai.sqlite3'}",
        PYTHONUNBUFFERED="1",
        # The head signs in by password (part 3), as the demo's logins do: no second factor.
        GONGKAI_REQUIRE_2FA="none",
        # The bench floods from one address on purpose: its server's limits are out of reach
        # and its proof-of-work the cheapest (the limits and the challenge have their own tests).
        GONGKAI_APPLY_PER_ADDRESS_HOUR="1000000",
        GONGKAI_APPLY_PER_ADDRESS_DAY="1000000",
        GONGKAI_APPLY_PER_HOUR="10000000",
        GONGKAI_CHALLENGE_COST="1",
    )
    if args.reset_database:
        env["BENCH_RESET_DATABASE"] = "1"
    port = free_port()
    server = Server(env, port, args.workers, log)
    keep = args.keep
    errors_in_log = 0
    bench: Bench | None = None
    try:
        with overall_limit(args.max_seconds):
            started = time.monotonic()
            if args.database_url:
                data.mkdir(mode=0o700)
                run_helper(env, "build_postgres", {}, tmp)
                where = "PostgreSQL " + (urlsplit(args.database_url).path or "")
            else:
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "gongkai.cli",
                        "demo",
                        "--no-serve",
                        "--data-dir",
                        str(data),
                    ],
                    env=env,
                    check=True,
                    capture_output=True,
                    timeout=600,
                )
                where = "SQLite (WAL)"
            setup = run_helper(env, "prepare", {}, tmp)
            built = time.monotonic() - started
            ready = server.start()
            print(
                f"Gongkai concurrency bench: n={args.n}, {where}, {args.workers} web workers + the "
                f"worker, port {port}; demo built in {built:.0f} s, server up in {ready:.1f} s"
            )
            print(f"temporary directory: {tmp}")
            bench = Bench(args.n, port, env, tmp, server, setup)
            for part in (bench.part1, bench.part2, bench.part3, bench.part4):
                part()
    except (BenchError, subprocess.SubprocessError, OSError) as exc:
        server.stop()
        detail = getattr(exc, "stderr", None)
        print(
            f"bench failed: {exc}\n{(detail or b'')[-3000:]!r}"
            if detail
            else f"bench failed: {exc}"
        )
        print(f"kept {tmp}")
        return 1
    finally:
        server.stop()
    assert bench is not None
    errors_in_log = print_tracebacks(log)
    if keep or bench.server_errors or errors_in_log:
        print(f"\nkept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"concurrency: n={args.n}, acknowledged {bench.acknowledged}, stored {bench.stored}, "
        f"duplicates {bench.duplicates}, server errors {bench.server_errors}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

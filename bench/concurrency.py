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
import json
import os
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
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# The bench's other modules sit beside this script.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from concurrency_django import HELPERS
from concurrency_http import (
    HOST,
    NET_ERRORS,
    REQUEST_TIMEOUT,
    BenchError,
    Client,
    Server,
    form_of,
    page_messages,
    print_tracebacks,
)
from concurrency_load import Outcomes, Submitter, all_at_once, in_pool


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

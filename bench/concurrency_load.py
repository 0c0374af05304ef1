"""The concurrency bench's load: applications, simultaneous and pooled submissions."""

from __future__ import annotations

import collections
import contextlib
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from concurrency_http import NET_ERRORS, PHONE_PREFIX, Client, form_of, page_messages

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

"""The concurrency bench's HTTP side: a small stdlib client, the server it starts, its log."""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

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

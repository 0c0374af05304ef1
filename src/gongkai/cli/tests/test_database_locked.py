"""A command that writes while another process holds SQLite's write lock waits and tries again,
then gives up with one line and exit 2 — never a "database is locked" traceback."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError

import gongkai.cli as cli


def _locked_then(results: list[object], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make ``agency list`` raise/return ``results`` in turn; the list of calls made."""
    calls: list[int] = []

    def command(args: object) -> int:
        calls.append(len(calls))
        result = results[min(len(calls) - 1, len(results) - 1)]
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, int)
        return result

    class Parser:
        def parse_args(self, argv: object) -> argparse.Namespace:
            return argparse.Namespace(func=command)

    monkeypatch.setattr(cli, "build_parser", Parser)
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    return calls


def test_a_command_that_meets_a_locked_database_is_run_again_until_it_succeeds(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = OperationalError("database is locked")
    calls = _locked_then([locked, locked, 0], monkeypatch)
    assert cli.main(["agency", "list"]) == 0
    assert len(calls) == 3
    assert capsys.readouterr().err == ""


@pytest.mark.django_db
def test_a_database_locked_for_good_gives_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = _locked_then([OperationalError("database is locked")], monkeypatch)
    assert cli.main(["agency", "list"]) == 2
    assert len(calls) == cli.LOCKED_RETRIES + 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "the database is locked by another process" in err


def test_other_errors_are_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _locked_then([ValueError("a bug")], monkeypatch)
    with pytest.raises(ValueError):
        cli.main(["agency", "list"])
    assert len(calls) == 1


# -- the real thing: a second process holds the lock ---------------------------------------------


def _gongkai(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env.update(GONGKAI_DATA_DIR=str(data), GONGKAI_SQLITE_TIMEOUT="1", DATABASE_URL="")
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_set_password_waits_for_the_server_and_gives_up_in_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = _gongkai(data, "user", "create", "alice", "--password-stdin", stdin="Wz-8d!kq-2Lm\n")
    assert made.returncode == 0, made.stderr
    database = sqlite3.connect(
        data / "gongkai.sqlite3", isolation_level=None, check_same_thread=False
    )

    # The "server" holds the write lock for 2 s: the command waits and succeeds.
    database.execute("BEGIN IMMEDIATE")
    threading.Timer(2.0, lambda: database.execute("COMMIT")).start()
    start = time.monotonic()
    done = _gongkai(data, "user", "set-password", "alice", stdin="Qp-3x!Vd-9Rt\n")
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert "password set for alice" in done.stdout
    assert time.monotonic() - start > 1.5

    # Held for good: one line, exit 2, after the retries.
    time.sleep(0.5)
    database.execute("BEGIN IMMEDIATE")
    try:
        failed = _gongkai(data, "user", "set-password", "alice", stdin="Qp-3x!Vd-9Rt\n")
    finally:
        database.execute("ROLLBACK")
        database.close()
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr
    lines = failed.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"gongkai: {data / 'gongkai.sqlite3'}: the database is locked")

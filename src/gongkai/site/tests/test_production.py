"""Production settings: HTTPS behind a proxy, CSP, owner-only data, SQLite for a web server."""

from __future__ import annotations

import os
import secrets
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

# The documented production environment (README, "Running in production").
PRODUCTION = {
    "DEBUG": "0",
    "GONGKAI_HTTPS": "1",
    "ALLOWED_HOSTS": "gk.example.gov.cn",
    "EMAIL_HOST": "mail.example.gov.cn",
    "EMAIL_PORT": "587",
    "EMAIL_USE_TLS": "1",
    "DEFAULT_FROM_EMAIL": "gongkai@example.gov.cn",
}


def _run(tmp_path: Path, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # The browser tests' live server sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a
    # deployment never has it.
    unset = {"DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"GONGKAI_DATA_DIR": str(tmp_path / "data")}, **extra)
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "manage", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_without_a_warning_in_the_documented_production_environment(
    tmp_path: Path,
) -> None:
    env = {**PRODUCTION, "SECRET_KEY": secrets.token_urlsafe(64)}
    result = _run(tmp_path, env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_https(tmp_path: Path) -> None:
    env = {**PRODUCTION, "GONGKAI_HTTPS": "0", "SECRET_KEY": secrets.token_urlsafe(64)}
    result = _run(tmp_path, env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W012" in result.stdout + result.stderr


def test_the_data_directory_database_and_keys_are_owner_only(tmp_path: Path) -> None:
    result = _run(tmp_path, {"DATABASE_URL": ""}, "check")
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("gongkai.sqlite3", "secret_key", "field_key"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name


def test_the_sqlite_default_runs_in_wal_mode_with_immediate_writes(tmp_path: Path) -> None:
    result = _run(tmp_path, {"DATABASE_URL": ""}, "migrate", "--no-input", "-v", "0")
    assert result.returncode == 0, result.stderr
    # WAL is a property of the file: a plain connection sees what the server's set.
    with sqlite3.connect(tmp_path / "data" / "gongkai.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        options = settings.DATABASES["default"]["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        assert options["timeout"] >= 5


def test_every_page_carries_a_content_security_policy_without_inline_script(
    client: Client, db: None
) -> None:
    response = client.get("/apply/")
    policy = response.headers["Content-Security-Policy"]
    script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script
    assert "unsafe-inline" not in script and "unsafe-eval" not in script
    assert "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("path", ["/apply/", "/api/applications"])
def test_a_body_over_the_limit_is_refused_before_it_is_read(
    client: Client, db: None, path: str
) -> None:
    from django.conf import settings

    response = client.generic(
        "POST",
        path,
        b"x" * 10,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.GONGKAI_MAX_BODY_BYTES + 1),
    )
    assert response.status_code == 413
    body = response.json()["detail"] if path.startswith("/api/") else response.content.decode()
    assert "过大" in body

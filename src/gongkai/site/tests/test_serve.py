"""`gongkai serve` starts the production server, which answers /healthz and serves static files."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_migrates_and_answers_healthz_and_static_files(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        body = b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = r.read()
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.3)
        assert body == b"ok"
        # Static files come from whitenoise, collected by `serve` into the data directory.
        css = next((tmp_path / "static" / "admin" / "css").glob("base.*.css"))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/admin/css/{css.name}") as r:
            assert r.status == 200
            assert "max-age" in r.headers["Cache-Control"]
    finally:
        with contextlib.suppress(ProcessLookupError):  # a server that failed has gone already
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

"""The ``gongkai`` command.

Sub-commands that touch the database set up Django lazily, so that the pure report tools
(``gongkai report check|render|rollup``) start fast and work without any settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from gongkai.cli import clock as clock_cli
from gongkai.cli import platform as platform_cli
from gongkai.cli.common import error_line


class CommandError(Exception):
    """A failure to show the user as one line, with exit status ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.site.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise CommandError(f"configuration error: {exc}") from exc


def _cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not args.no_worker:
        _start_worker_child()
    print(f"Gongkai: serving on http://{args.host}:{args.port}/", file=sys.stderr)
    # Granian with one blocking thread per worker: ~1.5× gunicorn's requests per second on light
    # pages and static files here, equal on rendered pages, similar p99 (CONTRIBUTING.md).
    argv = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--workers",
        str(args.workers),
        "--blocking-threads",
        "1",
        "--respawn-failed-workers",
        "--access-log",
        "gongkai.site.wsgi:application",
    ]
    os.execv(sys.executable, argv)  # replaces this process; granian handles signals


def _start_worker_child() -> None:
    """A ``gongkai worker`` beside the web server, ended by the kernel when the server ends."""
    import ctypes
    import signal
    import subprocess

    def die_with_parent() -> None:
        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)

    subprocess.Popen([sys.executable, "-m", "gongkai.cli", "worker"], preexec_fn=die_with_parent)


def _cmd_worker(args: argparse.Namespace) -> int:
    """Run background tasks (letters, reminders) from the database queue until stopped."""
    _setup_django()
    from django.core.management import call_command

    from gongkai.site.daily import recover, schedule_daily

    recover()  # what a stopped worker left running or pending is queued again
    if not args.batch:
        schedule_daily()  # the morning reminders keep themselves going from here

    call_command(
        "db_worker", batch=args.batch, interval=args.interval, startup_delay=False, verbosity=1
    )
    return 0


def _cmd_tick(args: argparse.Namespace) -> int:
    """The daily job for cron (instead of the worker's own morning run): due-soon and overdue
    applications (officers, digests to heads) and annual reports due."""
    _setup_django()
    from django.utils import timezone

    from gongkai.site.daily import morning

    due, sent, report_mails = morning(timezone.localdate())
    print(
        f"{due} applications due soon or overdue: {sent} reminders sent; "
        f"{report_mails} annual-report reminders sent"
    )
    return 0


def _cmd_api_token(args: argparse.Namespace) -> int:
    """Print a signed bearer token for the staff API (``Authorization: Bearer …``)."""
    _setup_django()
    from gongkai.agencies import tokens
    from gongkai.agencies.models import User

    user = User.objects.filter(username=args.username, is_active=True).first()
    if user is None:
        raise CommandError(f"no active user {args.username!r}")
    print(tokens.issue(user))
    return 0


def _cmd_manage(args: argparse.Namespace) -> int:
    """Pass-through to Django's management commands (migrate, createsuperuser, shell …)."""
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    from gongkai.cli import catalog as catalog_cli
    from gongkai.cli import demo as demo_cli
    from gongkai.cli import redact as redact_cli
    from gongkai.cli import report as report_cli
    from gongkai.cli import supervision as supervision_cli

    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="Gongkai (公开): government information disclosure platform.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="apply migrations and serve the site (granian)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers", type=int, default=(os.cpu_count() or 1) + 1, help="worker processes"
    )
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="do not start a background worker beside the server (run `gongkai worker` yourself)",
    )
    serve.set_defaults(func=_cmd_serve)

    worker = sub.add_parser("worker", help="run background tasks: letters, reminders")
    worker.add_argument("--batch", action="store_true", help="process the queue, then exit")
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    worker.set_defaults(func=_cmd_worker, retry_locked=False)  # runs for days: let it fail

    api_token = sub.add_parser("api-token", help="issue a staff API token for a user")
    api_token.add_argument("username")
    api_token.set_defaults(func=_cmd_api_token)

    tick = sub.add_parser("tick", help="the daily job (cron): deadline reminders")
    tick.set_defaults(func=_cmd_tick)

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_cmd_manage, retry_locked=False)  # may prompt (createsuperuser)

    report_cli.add_parser(sub)
    platform_cli.add_parsers(sub)
    clock_cli.add_parsers(sub)
    catalog_cli.add_parsers(sub)
    demo_cli.add_parser(sub)
    supervision_cli.add_parsers(sub)
    redact_cli.add_parser(sub)
    return parser


# SQLite's busy timeout (settings) already waits for another writer; a command that still meets
# "database is locked" (the server held the lock longer) is run again from the start — every
# command's changes are one transaction — a few times, waiting longer each time (not the
# worker, which runs for days, nor Django's commands, which may prompt).
LOCKED_RETRIES = 3
LOCKED_FIRST_WAIT = 0.5  # seconds; doubled after each try


def _database_locked(exc: BaseException) -> bool:
    db = sys.modules.get("django.db")
    return db is not None and isinstance(exc, db.OperationalError) and "locked" in str(exc)


def _run(args: argparse.Namespace) -> int:
    wait = LOCKED_FIRST_WAIT
    for attempt in range(LOCKED_RETRIES + 1):
        try:
            code: int = args.func(args)
            return code
        except Exception as exc:
            if not (_database_locked(exc) and getattr(args, "retry_locked", True)):
                raise
            if attempt == LOCKED_RETRIES:
                from django.conf import settings

                name = settings.DATABASES["default"]["NAME"]
                raise CommandError(
                    f"{name}: the database is locked by another process (the server?); "
                    f"tried {LOCKED_RETRIES + 1} times — nothing was changed, try again"
                ) from exc
        from django.db import connections

        connections.close_all()
        time.sleep(wait)
        wait *= 2
    raise AssertionError("unreachable")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = _run(args)
    except CommandError as exc:
        print(error_line(str(exc)), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())

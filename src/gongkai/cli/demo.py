"""``gongkai demo``: build the demo district, check its reports, and serve the site.

The demo always uses its own SQLite file in the data directory (``--data-dir``, else
``GONGKAI_DATA_DIR``, else ``var/demo``), rebuilt from scratch on every run: it never touches the
database ``DATABASE_URL`` names.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from gongkai.cli import CommandError, _cmd_serve, _setup_django

DEFAULT_DATA_DIR = "var/demo"


def _fresh_data_dir(data_dir: Path) -> None:
    """Remove what an earlier demo left (its database and files), nothing else."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in ("gongkai.sqlite3", "gongkai.sqlite3-wal", "gongkai.sqlite3-shm"):
        (data_dir / name).unlink(missing_ok=True)
    shutil.rmtree(data_dir / "media", ignore_errors=True)


def _cmd_demo(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir or os.environ.get("GONGKAI_DATA_DIR") or DEFAULT_DATA_DIR)
    data_dir = data_dir.resolve()
    try:
        _fresh_data_dir(data_dir)
    except OSError as exc:
        raise CommandError(f"--data-dir {data_dir}: {exc.strerror}") from exc
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'gongkai.sqlite3'}"
    # The printed logins sign in by password alone; any of them may enrol an authenticator at
    # /console/account/two-factor/ (GONGKAI_REQUIRE_2FA=head,admin to try the requirement).
    os.environ.setdefault("GONGKAI_REQUIRE_2FA", "none")
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from gongkai.demo import world

    started = time.monotonic()
    print(f"Gongkai demo: building the district in {data_dir} …", file=sys.stderr)
    call_command("migrate", interactive=False, verbosity=0)
    today = dt.date.fromisoformat(args.today) if args.today else timezone.localdate()
    # The history sends no mail (thousands of replies long since served).
    mailers: Any = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    try:
        with transaction.atomic():
            summary = world.build(today, seed=args.seed, per_weight=args.scale)
    finally:
        settings.MAILERS = mailers
    built = time.monotonic() - started
    problems = _report_problems()
    _print_summary(summary, built, problems, args)
    if problems:
        return 1
    if args.no_serve:
        return 0
    args.workers = args.workers or 2
    return _cmd_serve(args)


def _report_problems() -> list[str]:
    """Every error-level finding of the district's reports, continuity included."""
    from gongkai.annual_reports.models import AnnualReport

    problems = []
    for report in AnnualReport.objects.select_related("agency").order_by("agency__pk", "year"):
        for finding in report.findings:
            if finding.get("level") == "error":
                problems.append(f"{report.agency.name} {report.year}: {finding.get('code')}")
    return problems


def _print_summary(
    summary: Any, seconds: float, problems: list[str], args: argparse.Namespace
) -> None:
    from gongkai.annual_reports.models import AnnualReport
    from gongkai.cases.models import Case
    from gongkai.disputes.models import Dispute
    from gongkai.publications.models import Publication

    reports = AnnualReport.objects.select_related("agency").filter(agency__parent=None)
    lines = [
        f"Built in {seconds:.1f} s: {Case.objects.count()} applications, "
        f"{Publication.objects.count()} published items, "
        f"{Dispute.objects.count()} reviews and suits.",
        "Reports of the government: "
        + "; ".join(
            f"{r.year} {r.get_status_display()} ({r.get_source_display()})" for r in reports
        ),
        "Every check passes, continuity with the imported year included."
        if not problems
        else "Checks failing:\n  " + "\n  ".join(problems),
        "",
        f"Site: http://{args.host}:{args.port}/   staff console: http://{args.host}:{args.port}/console/",
        "Demo logins (password: " + _password() + "; no second factor required in the demo, "
        f"optional at http://{args.host}:{args.port}/console/account/two-factor/):",
    ]
    lines += [f"  {login.username:<16} {login.role} — {login.agency}" for login in summary.logins]
    print("\n".join(lines))


def _password() -> str:
    from gongkai.demo.world import PASSWORD

    return PASSWORD


def add_parser(sub: Any) -> None:
    demo = sub.add_parser(
        "demo", help="build a realistic demo district (two years of work) and serve it"
    )
    demo.add_argument(
        "--data-dir", help=f"where to build (default: $GONGKAI_DATA_DIR or {DEFAULT_DATA_DIR})"
    )
    demo.add_argument("--no-serve", action="store_true", help="only build, then exit")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--workers", type=int, default=0, help="web worker processes (default 2)")
    demo.add_argument(
        "--no-worker", action="store_true", help="no background worker beside the server"
    )
    demo.add_argument("--seed", type=int, default=2026, help="the demo's random seed")
    demo.add_argument("--today", help="build as if today were this date (YYYY-MM-DD)")
    demo.add_argument(
        "--scale", type=float, default=2.0, help="applications per unit of a unit's weight a year"
    )
    demo.set_defaults(func=_cmd_demo)

"""``gongkai calendar|clock``: the working-day calendar and the statutory clock from the shell.

The calendar's changes go through actions as the system (``SystemActor``); ``clock due`` only
computes. Exit codes: 0 done; 2 bad input — one line on stderr names the problem.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path
from typing import Any

from gongkai.cli.common import (
    MAX_FIELD_CHARS,
    _actor,
    _database,
    _date,
    _fail,
    _one_line,
    _print_json,
    _read_text,
    csv_problem,
)
from gongkai.core.calendar import weekday_cn


def _weekday(day: dt.date) -> str:
    return f"周{weekday_cn(day)}"


def _cmd_calendar_show(args: argparse.Namespace) -> int:
    _database()
    from gongkai.agencies.queries import year_summary

    summary = year_summary(args.year)
    if args.format == "json":
        _print_json(
            {
                "year": summary.year,
                "confirmed": summary.confirmed,
                "source": summary.source,
                "days": [
                    {"date": r.date.isoformat(), "kind": r.kind.value, "name": r.name}
                    for r in summary.days
                ],
                "predicted_holidays": [
                    {"date": r.date.isoformat(), "name": r.name} for r in summary.predicted
                ],
            }
        )
        return 0
    if summary.confirmed:
        print(f"{summary.year}: confirmed — {summary.source or 'no source recorded'}")
    elif summary.days:
        print(
            f"{summary.year}: provisional — days entered but the year is not confirmed"
            + (f" ({summary.source})" if summary.source else "")
        )
    else:
        print(
            f"{summary.year}: provisional — no notice entered; Monday to Friday minus the "
            f"holidays predicted by {summary.prediction_source}; make-up working days unknown"
        )
    for row in summary.days:
        kind = "holiday" if row.kind.value == "holiday" else "workday (调休上班)"
        print(f"{row.date.isoformat()} {_weekday(row.date)}  {kind:<18} {row.name}")
    for row in summary.predicted:
        print(f"{row.date.isoformat()} {_weekday(row.date)}  {'predicted holiday':<18} {row.name}")
    return 0


def _cmd_calendar_import(args: argparse.Namespace) -> int:
    _database()
    from django.core.exceptions import PermissionDenied, ValidationError

    from gongkai.agencies.actions import import_calendar
    from gongkai.core.calendar_input import CalendarInputError, parse_csv, parse_ical

    path = Path(args.file)
    try:
        if path.suffix.lower() in {".ics", ".ical", ".ifb"}:
            try:
                data = path.read_bytes()
            except OSError as exc:
                _fail(f"{path}: cannot read ({exc.strerror})")
            rows = parse_ical(data)
        else:
            csv.field_size_limit(MAX_FIELD_CHARS)
            rows = parse_csv(_read_text(path))
    except csv.Error as exc:
        _fail(csv_problem(path, None, exc))
    except CalendarInputError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        _fail(f"{where}: {exc.message}")
    try:
        change = import_calendar(
            actor=_actor(),
            rows=rows,
            source=args.source or path.name,
            year=args.year,
            all_years=args.all_years,
            confirm=not args.provisional,
        )
    except (ValidationError, PermissionDenied) as exc:
        _fail(f"{path}: {_one_line(exc)}")
    if not change.changed_anything:
        print(f"{path}: nothing changed")
        return 0
    years = ", ".join(str(y) for y in sorted(change.years))
    state = "provisional" if args.provisional else "confirmed"
    print(
        f"{path}: {years} {state}; {len(change.added)} added, {len(change.changed)} changed, "
        f"{len(change.removed)} removed; open deadlines recomputed"
    )
    return 0


def _cmd_calendar_add_workdays(args: argparse.Namespace) -> int:
    start = _date(args.date, "DATE")
    if args.n < 0:
        _fail(f"N {args.n}: must not be negative")
    _database()
    from gongkai.agencies.queries import workday_calendar

    calendar = workday_calendar(predict_through=start.year + 1 + args.n // 200)
    end = calendar.add_workdays(start, args.n)
    if calendar.any_provisional(start, end):
        years = sorted(
            y for y in range(start.year, end.year + 1) if y not in calendar.confirmed_years
        )
        unconfirmed = ", ".join(str(y) for y in years)
        print(f"{end.isoformat()} (provisional: {unconfirmed} not confirmed)")
    else:
        print(end.isoformat())
    return 0


# -- clock ------------------------------------------------------------------------------------


def _pause(text: str) -> Any:
    from gongkai.core.deadlines import Pause, PauseKind

    parts = text.split(":")
    if len(parts) == 2:
        kind, start, end = PauseKind.THIRD_PARTY.value, *parts
    elif len(parts) == 3:
        kind, start, end = parts
    else:
        _fail(f"--pause {text!r}: expected [KIND:]START:END")
    if kind not in {k.value for k in PauseKind}:
        _fail(f"--pause {text!r}: kind must be one of {', '.join(k.value for k in PauseKind)}")
    return Pause(PauseKind(kind), _date(start, "--pause start"), _date(end, "--pause end"))


def _cmd_clock_due(args: argparse.Namespace) -> int:
    from gongkai.core.deadlines import (
        Channel,
        ClockError,
        CorrectionReceived,
        CorrectionRequested,
        Extension,
        Rules,
        compute_deadline,
    )

    received = _date(args.received, "--received")
    events: list[Any] = []
    if args.correction_requested:
        events.append(
            CorrectionRequested(_date(args.correction_requested, "--correction-requested"))
        )
    if args.correction_received:
        events.append(CorrectionReceived(_date(args.correction_received, "--correction-received")))
    events += [_pause(text) for text in args.pause]
    extension_on = None
    if args.extended not in (None, ""):
        extension_on = _date(args.extended, "--extended")
    as_of = _date(args.as_of, "--as-of") if args.as_of else None
    rules = Rules(fee_pauses_clock=not args.fee_notice_runs_clock)

    _database()
    from gongkai.agencies.queries import workday_calendar

    latest = max([received, *(getattr(e, "on", received) for e in events)])
    calendar = workday_calendar(predict_through=latest.year + 2)
    try:
        if args.extended == "":
            # --extended without a date: granted in time, on the day the period would end.
            before = compute_deadline(
                received, events, calendar, channel=Channel(args.channel), rules=rules
            )
            extension_on = before.due
        if extension_on is not None:
            events.append(Extension(extension_on))
        result = compute_deadline(
            received, events, calendar, channel=Channel(args.channel), rules=rules, as_of=as_of
        )
    except ClockError as exc:
        _fail(str(exc))
    data = result.to_dict()
    if as_of is not None:
        data["status"] = {
            "on": as_of.isoformat(),
            "status": result.status(as_of).value,
            "remaining_workdays": result.remaining_workdays(as_of),
        }
    if args.format == "json":
        _print_json(data)
        return 0
    print(result.due.isoformat() + (" (provisional)" if result.provisional else ""))
    for step in result.steps:
        print(f"  {step.text}")
    if as_of is not None:
        status = data["status"]
        print(
            f"  status on {as_of.isoformat()}: {status['status']}, "
            f"{status['remaining_workdays']} working days left"
        )
    return 0


def _formats(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")


def add_parsers(sub: Any) -> None:
    """Register ``calendar`` and ``clock`` on the ``gongkai`` command."""
    from gongkai.core.deadlines import Channel, PauseKind

    # calendar
    cal = sub.add_parser("calendar", help="the working-day calendar")
    cal_sub = cal.add_subparsers(dest="calendar_command", required=True, metavar="ACTION")
    show = cal_sub.add_parser("show", help="a year's holidays and make-up days, confirmed or not")
    show.add_argument("year", type=int)
    _formats(show)
    show.set_defaults(func=_cmd_calendar_show)
    cimp = cal_sub.add_parser("import", help="enter days from a CSV (date,kind,name) or iCal file")
    cimp.add_argument("file")
    cimp.add_argument(
        "--source", help="the notice, e.g. 国办发明电〔2026〕N号 (default: file name)"
    )
    which = cimp.add_mutually_exclusive_group()
    which.add_argument("--year", type=int, help="the notice's year (its days replace that year's)")
    which.add_argument("--all-years", action="store_true", help="replace every year in the file")
    cimp.add_argument("--provisional", action="store_true", help="enter without confirming")
    cimp.set_defaults(func=_cmd_calendar_import)
    addw = cal_sub.add_parser("add-workdays", help="the N-th working day after DATE")
    addw.add_argument("date", metavar="DATE")
    addw.add_argument("n", metavar="N", type=int)
    addw.set_defaults(func=_cmd_calendar_add_workdays)

    # clock
    clock = sub.add_parser("clock", help="the statutory reply deadline")
    clock_sub = clock.add_subparsers(dest="clock_command", required=True, metavar="ACTION")
    due = clock_sub.add_parser("due", help="the due date of an application, explained")
    due.add_argument("--received", required=True, metavar="DATE", help="the day of receipt")
    due.add_argument(
        "--channel", choices=[c.value for c in Channel], default=Channel.IN_PERSON.value
    )
    due.add_argument("--correction-requested", metavar="DATE", help="补正 notice sent")
    due.add_argument("--correction-received", metavar="DATE", help="补正 received: restarts")
    due.add_argument(
        "--pause",
        action="append",
        default=[],
        metavar="[KIND:]START:END",
        help=f"consultation or fee pause; KIND one of {', '.join(k.value for k in PauseKind)} "
        "(default third_party); repeatable",
    )
    due.add_argument(
        "--extended",
        nargs="?",
        const="",
        default=None,
        metavar="DATE",
        help="extended by 20 working days (granted on DATE; default: in time)",
    )
    due.add_argument("--fee-notice-runs-clock", action="store_true")
    due.add_argument("--as-of", metavar="DATE", help="also give the status on this day")
    _formats(due)
    due.set_defaults(func=_cmd_clock_due)

"""``gongkai agency|user|calendar|clock``: the platform's foundation, from the shell.

Whoever runs these commands holds the server's database credentials, so they act as the system
(``SystemActor``), and every change still goes through an action (rights, transaction, audit).
Exit codes: 0 done; 2 bad input — one line on stderr names the file, line and problem (an import
then changes nothing).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

_WEEKDAYS = "一二三四五六日"


def write_output(data: bytes, output: str) -> str | None:
    """``data`` to the file ``output`` or, for ``-``, to stdout; the one-line problem, if any."""
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        return f"{output}: cannot write ({exc.strerror})"
    return None


_MAX_LINE = 300
# The longest CSV field or JSONL string the imports accept: a long 正文 is some 100,000
# characters; Python's csv module stops at 131,072 unless told otherwise.
MAX_FIELD_CHARS = 1 << 20


def error_line(message: str) -> str:
    """``gongkai: message`` as one printable line: the bytes of a bad file quoted in a library's
    message (control characters, line breaks, 100,000 brackets) are flattened and cut."""
    text = "".join(c if c.isprintable() else " " for c in message)
    text = " ".join(text.split())
    if len(text) > _MAX_LINE:
        text = text[: _MAX_LINE - 1] + "…"
    return f"gongkai: {text}"


def _fail(message: str) -> NoReturn:
    from gongkai.cli import CommandError

    raise CommandError(message, code=2)


def _database() -> None:
    """Set Django up and bring the database schema up to date, quietly."""
    from gongkai.cli import _setup_django

    _setup_django()
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        _fail(f"database: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc}")


def _actor() -> Any:
    from gongkai.agencies.access import SystemActor

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return SystemActor(f"cli:{who}")


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        _fail(f"{what} {text!r}: not a date (YYYY-MM-DD)")


def _one_line(exc: Exception) -> str:
    from django.core.exceptions import ValidationError

    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(
                f"{field}: {' '.join(str(m) for m in messages)}"
                for field, messages in exc.message_dict.items()
            )
        return " ".join(str(m) for m in exc.messages)
    return " ".join(str(exc).split())


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# -- CSV --------------------------------------------------------------------------------------


def csv_problem(path: Path, line: int | None, exc: csv.Error) -> str:
    """The one line for a ``csv.Error`` (its messages name no file)."""
    where = f"{path}:{line}" if line else str(path)
    if "field larger than field limit" in str(exc):
        return f"{where}: a field longer than {MAX_FIELD_CHARS:,} characters"
    return f"{where}: not CSV ({exc})"


def _password(args: argparse.Namespace, read: Callable[[], str]) -> str:
    """Read once: a command run again after "database is locked" must not ask twice."""
    if getattr(args, "password_read", None) is None:
        args.password_read = read()
    password: str = args.password_read
    return password


def _read_text(path: Path) -> str:
    from gongkai.core.reader.sources import MAX_FILE_BYTES, MB

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            _fail(f"{path}: larger than {MAX_FILE_BYTES // MB} MB: not read")
        raw = path.read_bytes()
    except OSError as exc:
        _fail(f"{path}: cannot read ({exc.strerror})")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(f"{path}: UTF-16 text: save it as CSV in UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on a Chinese Windows saves "CSV" in GB18030/GBK.
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        _fail(f"{path}: not UTF-8 or GB18030 text")


def _read_csv(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.DictReader(io.StringIO(_read_text(path)))
    try:
        return _csv_records(path, columns, reader)
    except csv.Error as exc:
        _fail(csv_problem(path, reader.line_num, exc))


def _csv_records(
    path: Path, columns: Sequence[str], reader: csv.DictReader[str]
) -> list[tuple[int, dict[str, str]]]:
    header = [(name or "").strip() for name in reader.fieldnames or []]
    if not header:
        _fail(f"{path}:1: empty file (expected a header: {','.join(columns)})")
    unknown = [name for name in header if name not in columns]
    if unknown:
        _fail(f"{path}:1: unknown column {unknown[0]!r} (expected some of: {','.join(columns)})")
    reader.fieldnames = header
    records: list[tuple[int, dict[str, str]]] = []
    for record in reader:
        if None in record:
            _fail(f"{path}:{reader.line_num}: more cells than the header has columns")
        if any((value or "").strip() for value in record.values()):
            records.append((reader.line_num, {k: v or "" for k, v in record.items()}))
    if not records:
        _fail(f"{path}: no rows after the header")
    return records


def _import(path: Path, columns: Sequence[str], apply: Callable[..., list[Any]]) -> list[Any]:
    from django.core.exceptions import PermissionDenied

    from gongkai.agencies.actions import RowError

    records = _read_csv(path, columns)
    try:
        return apply(actor=_actor(), records=records)
    except RowError as exc:
        _fail(f"{path}:{exc.line}: {exc.message}")
    except PermissionDenied as exc:
        _fail(f"{path}: {exc}")


# -- agency -----------------------------------------------------------------------------------


def _agency_dict(agency: Any) -> dict[str, Any]:
    return {
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent.name if agency.parent else None,
        "credit_code": agency.credit_code,
        "address": agency.address,
        "phone": agency.phone,
        "email": agency.email,
        "office_hours": agency.office_hours,
        "index_number_pattern": agency.index_number_pattern,
        "letter_number_pattern": agency.letter_number_pattern,
        "reconsideration_body": agency.reconsideration_body,
        "fee_notice_pauses_clock": agency.fee_notice_pauses_clock,
        "letter_header": agency.letter_header,
        "is_active": agency.is_active,
    }


def _cmd_agency_create(args: argparse.Namespace) -> int:
    _database()
    from django.core.exceptions import ValidationError

    from gongkai.agencies.actions import create_agency
    from gongkai.agencies.choices import parse_kind
    from gongkai.agencies.models import Agency

    parent = None
    if args.parent:
        parent = Agency.objects.filter(name=args.parent).first()
        if parent is None:
            _fail(f"--parent {args.parent!r}: no such agency")
    try:
        kind = parse_kind(args.kind)
    except ValueError as exc:
        _fail(f"--kind: {exc}")
    optional = {
        "credit_code": args.credit_code,
        "address": args.address,
        "phone": args.phone,
        "email": args.email,
        "office_hours": args.office_hours,
        "reconsideration_body": args.reconsideration_body,
        "letter_header": args.letter_header,
        "letter_number_pattern": args.letter_number_pattern,
        "index_number_pattern": args.index_number_pattern,
    }
    fields: dict[str, Any] = {k: v for k, v in optional.items() if v is not None}
    if args.fee_notice_runs_clock:
        fields["fee_notice_pauses_clock"] = False
    try:
        agency = create_agency(
            actor=_actor(),
            name=args.name,
            short_name=args.short_name,
            kind=kind,
            parent=parent,
            **fields,
        )
    except ValidationError as exc:
        _fail(_one_line(exc))
    print(f"created {agency.name} (id {agency.pk})")
    return 0


def _tree(agencies: Sequence[Any]) -> Iterator[tuple[int, Any]]:
    children: dict[int | None, list[Any]] = {}
    ids = {a.pk for a in agencies}
    for agency in agencies:
        parent = agency.parent_id if agency.parent_id in ids else None
        children.setdefault(parent, []).append(agency)

    def walk(parent: int | None, depth: int) -> Iterator[tuple[int, Any]]:
        for agency in children.get(parent, []):
            yield depth, agency
            yield from walk(agency.pk, depth + 1)

    yield from walk(None, 0)


def _cmd_agency_list(args: argparse.Namespace) -> int:
    _database()
    from gongkai.agencies.queries import agencies_with_parents

    agencies = list(agencies_with_parents())
    if args.format == "json":
        _print_json([_agency_dict(a) for _, a in _tree(agencies)])
        return 0
    for depth, agency in _tree(agencies):
        code = f"  {agency.credit_code}" if agency.credit_code else ""
        inactive = "  (inactive)" if not agency.is_active else ""
        print(f"{'  ' * depth}{agency.name}  [{agency.kind}] {agency.short_name}{code}{inactive}")
    if not agencies:
        print("no agencies yet: gongkai agency create … or gongkai agency import FILE.csv")
    return 0


def _cmd_agency_import(args: argparse.Namespace) -> int:
    _database()
    from gongkai.agencies.actions import AGENCY_COLUMNS, import_agencies

    created = _import(Path(args.file), AGENCY_COLUMNS, import_agencies)
    print(f"{args.file}: {len(created)} agencies created")
    return 0


# -- user -------------------------------------------------------------------------------------


def _roles_text(user: Any) -> str:
    return ", ".join(f"{m.agency.name}:{m.role}" for m in user.memberships.all())


def _cmd_user_create(args: argparse.Namespace) -> int:
    _database()
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from gongkai.agencies.actions import create_user, grant_role
    from gongkai.agencies.choices import parse_role
    from gongkai.agencies.models import Agency

    grants = []
    for item in args.role:
        name, sep, word = item.rpartition(":")
        agency = Agency.objects.filter(name=name).first() if sep else None
        if agency is None:
            _fail(f"--role {item!r}: expected AGENCY_NAME:ROLE with an existing agency")
        try:
            grants.append((agency, parse_role(word)))
        except ValueError as exc:
            _fail(f"--role {item!r}: {exc}")
    password = None
    if args.password_stdin:
        password = _password(args, lambda: sys.stdin.readline().rstrip("\n"))
        if not password:
            _fail("--password-stdin: no password on standard input")
    actor = _actor()
    try:
        with transaction.atomic():
            user = create_user(
                actor=actor,
                username=args.username,
                full_name=args.full_name,
                email=args.email,
                phone=args.phone,
                password=password,
                platform_admin=args.platform_admin,
            )
            for agency, role in grants:
                grant_role(actor=actor, user=user, agency=agency, role=role)
    except ValidationError as exc:
        _fail(_one_line(exc))
    note = "" if password else " (no password yet: gongkai user set-password USERNAME)"
    print(f"created {user.username}{note}")
    return 0


def _cmd_user_list(args: argparse.Namespace) -> int:
    _database()
    from gongkai.agencies.queries import users_with_memberships

    users = list(users_with_memberships())
    if args.format == "json":
        _print_json(
            [
                {
                    "username": u.username,
                    "full_name": u.full_name,
                    "email": u.email,
                    "active": u.is_active,
                    "platform_admin": u.is_superuser,
                    "roles": [
                        {"agency": m.agency.name, "role": m.role} for m in u.memberships.all()
                    ],
                }
                for u in users
            ]
        )
        return 0
    for user in users:
        flags = " [platform admin]" if user.is_superuser else ""
        flags += " (inactive)" if not user.is_active else ""
        roles = _roles_text(user)
        name = f"  {user.full_name}" if user.full_name else ""
        print(f"{user.username}{name}{flags}" + (f"  — {roles}" if roles else ""))
    return 0


def _cmd_user_import(args: argparse.Namespace) -> int:
    _database()
    from gongkai.agencies.actions import USER_COLUMNS, import_users

    created = _import(Path(args.file), USER_COLUMNS, import_users)
    print(
        f"{args.file}: {len(created)} users created; "
        "set each password with: gongkai user set-password USERNAME"
    )
    return 0


def _cmd_user_set_password(args: argparse.Namespace) -> int:
    _database()
    from django.core.exceptions import ValidationError

    from gongkai.agencies.actions import set_password
    from gongkai.agencies.models import User

    user = User.objects.filter(username=args.username).first()
    if user is None:
        _fail(f"{args.username!r}: no such user")
    if sys.stdin.isatty():
        password = _password(args, lambda: getpass.getpass("new password: "))
    else:
        password = _password(args, lambda: sys.stdin.readline().rstrip("\n"))
    if not password:
        _fail("no password given")
    try:
        set_password(actor=_actor(), user=user, password=password)
    except ValidationError as exc:
        _fail(_one_line(exc))
    print(f"password set for {user.username}")
    return 0


def _cmd_user_unlock(args: argparse.Namespace) -> int:
    _database()
    from gongkai.agencies.actions import unlock_sign_in
    from gongkai.agencies.auth import reset_second_factor
    from gongkai.agencies.models import User

    cleared = unlock_sign_in(actor=_actor(), username=args.username)
    print(f"{args.username}: {cleared} failed sign-ins cleared")
    if args.reset_second_factor:
        user = User.objects.filter(username=args.username).first()
        if user is None:
            _fail(f"{args.username!r}: no such user")
        reset_second_factor(actor=_actor(), user=user)
        print(f"{args.username}: authenticator and recovery codes removed (enrol again)")
    return 0


# -- calendar ---------------------------------------------------------------------------------


def _weekday(day: dt.date) -> str:
    return f"周{_WEEKDAYS[day.weekday()]}"


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


# -- the parsers ------------------------------------------------------------------------------


def _formats(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")


def add_parsers(sub: Any) -> None:
    """Register ``agency``, ``user``, ``calendar`` and ``clock`` on the ``gongkai`` command."""
    from gongkai.core.deadlines import Channel, PauseKind

    # agency
    agency = sub.add_parser("agency", help="agencies: create, list, import from CSV")
    agency_sub = agency.add_subparsers(dest="agency_command", required=True, metavar="ACTION")
    create = agency_sub.add_parser("create", help="create one agency")
    create.add_argument("--name", required=True, help="full official name (unique)")
    create.add_argument("--short-name", required=True, help="used in letter numbers")
    create.add_argument(
        "--kind", required=True, help="province|city|county|township|department|dispatched"
    )
    create.add_argument("--parent", help="the parent agency's full name")
    create.add_argument("--credit-code", help="统一社会信用代码 (checked, GB 32100)")
    for name in (
        "address",
        "phone",
        "email",
        "office-hours",
        "reconsideration-body",
        "letter-header",
        "letter-number-pattern",
        "index-number-pattern",
    ):
        create.add_argument(f"--{name}")
    create.add_argument(
        "--fee-notice-runs-clock",
        action="store_true",
        help="do not pause the reply period between fee notice and payment (default: pause)",
    )
    create.set_defaults(func=_cmd_agency_create)
    listing = agency_sub.add_parser("list", help="the agency tree")
    _formats(listing)
    listing.set_defaults(func=_cmd_agency_list)
    imp = agency_sub.add_parser("import", help="create agencies from a CSV file, all or nothing")
    imp.add_argument("file", metavar="FILE.csv")
    imp.set_defaults(func=_cmd_agency_import)

    # user
    user = sub.add_parser("user", help="staff accounts: create, list, import from CSV")
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    ucreate = user_sub.add_parser("create", help="create one staff account")
    ucreate.add_argument("username")
    ucreate.add_argument("--full-name", default="")
    ucreate.add_argument("--email", default="")
    ucreate.add_argument("--phone", default="")
    ucreate.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="AGENCY:ROLE",
        help="e.g. 温州市瓯海区财政局:officer (or 经办人/审核人/负责人/管理员/监督人); repeatable",
    )
    ucreate.add_argument("--platform-admin", action="store_true", help="系统管理员")
    ucreate.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    ucreate.set_defaults(func=_cmd_user_create)
    ulist = user_sub.add_parser("list", help="accounts and their roles")
    _formats(ulist)
    ulist.set_defaults(func=_cmd_user_list)
    uimp = user_sub.add_parser("import", help="create accounts from a CSV file, all or nothing")
    uimp.add_argument("file", metavar="FILE.csv")
    uimp.set_defaults(func=_cmd_user_import)
    upw = user_sub.add_parser("set-password", help="set a password (prompt, or one line on stdin)")
    upw.add_argument("username")
    upw.set_defaults(func=_cmd_user_set_password)
    unlock = user_sub.add_parser(
        "unlock", help="lift a sign-in lockout (every address); optionally reset the 2nd factor"
    )
    unlock.add_argument("username")
    unlock.add_argument(
        "--reset-second-factor",
        action="store_true",
        help="also remove the user's authenticator and recovery codes (lost phone)",
    )
    unlock.set_defaults(func=_cmd_user_unlock)

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

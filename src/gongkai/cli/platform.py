"""``gongkai agency|user``: the platform's foundation, from the shell.

Whoever runs these commands holds the server's database credentials, so they act as the system
(``SystemActor``), and every change still goes through an action (rights, transaction, audit).
Exit codes: 0 done; 2 bad input — one line on stderr names the file, line and problem (an import
then changes nothing).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from gongkai.cli.common import (
    _actor,
    _database,
    _fail,
    _import,
    _one_line,
    _password,
    _print_json,
)


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


# -- the parsers ------------------------------------------------------------------------------


def _formats(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text")


def add_parsers(sub: Any) -> None:
    """Register ``agency`` and ``user`` on the ``gongkai`` command."""
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

"""Every change to agencies, people, roles and the calendar: one function each.

Each action takes a keyword-only ``actor``, checks the right in ``access.py``, runs in one
transaction, validates before it writes (nothing half-written on bad input) and appends an
``AuditEvent``. The admin, the command line and (later) the console call these; nothing else
saves these models.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies import auth
from gongkai.agencies.access import (
    Actor,
    C,
    actor_label,
    actor_user,
    editable_agency_fields,
    forget_memberships,
    require,
    role_fits_agency,
)
from gongkai.agencies.audit import record_audit
from gongkai.agencies.choices import Role, parse_kind, parse_role
from gongkai.agencies.models import (
    Agency,
    CalendarDay,
    CalendarYear,
    Membership,
    User,
)
from gongkai.agencies.signals import calendar_changed
from gongkai.core.calendar import DayKind, DayRow
from gongkai.core.calendar_input import check_year
from gongkai.core.ids import IdError, validate_credit_code

# -- audit ------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value for the audit trail."""
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _agency_snapshot(agency: Agency) -> dict[str, Any]:
    return {name: _plain(getattr(agency, name)) for name in Agency.EDITABLE_FIELDS}


def _diff(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


# -- agencies ---------------------------------------------------------------------------------


@transaction.atomic
def create_agency(
    *,
    actor: Actor,
    name: str,
    short_name: str,
    kind: str,
    parent: Agency | None = None,
    **fields: Any,
) -> Agency:
    require(actor, C.CREATE_AGENCIES)
    unknown = sorted(set(fields) - set(Agency.EDITABLE_FIELDS))
    if unknown:
        raise ValueError(f"create_agency: unknown fields {', '.join(unknown)}")
    agency = Agency(name=name.strip(), short_name=short_name.strip(), kind=kind, parent=parent)
    for key, value in fields.items():
        setattr(agency, key, value)
    agency.full_clean()
    agency.save()
    record_audit(actor, "agency.create", agency.name, agency=agency, after=_agency_snapshot(agency))
    return agency


@transaction.atomic
def update_agency(*, actor: Actor, agency: Agency, changes: Mapping[str, Any]) -> Agency:
    require(actor, C.MANAGE_AGENCY, agency)
    allowed = editable_agency_fields(actor, agency)
    refused = sorted(set(changes) - allowed)
    if refused:
        raise PermissionDenied(
            f"{actor_label(actor)} may not change {', '.join(refused)} of {agency}"
        )
    current = Agency.objects.select_for_update().get(pk=agency.pk)
    before = _agency_snapshot(current)
    for key, value in changes.items():
        setattr(current, key, value)
    current.full_clean()
    current.save()
    old, new = _diff(before, _agency_snapshot(current))
    if new:
        record_audit(actor, "agency.update", current.name, agency=current, before=old, after=new)
    return current


# -- people and roles -------------------------------------------------------------------------


@transaction.atomic
def create_user(
    *,
    actor: Actor,
    username: str,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    password: str | None = None,
    platform_admin: bool = False,
    staff: bool = True,
) -> User:
    """A new account; without a password it cannot sign in until one is set."""
    require(actor, C.MANAGE_USERS)
    user = User(
        username=username.strip(),
        full_name=full_name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        is_staff=staff or platform_admin,
        is_superuser=platform_admin,
    )
    user.full_clean(exclude=["password"])
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    record_audit(
        actor,
        "user.create",
        user.username,
        after={
            "full_name": user.full_name,
            "email": user.email,
            "platform_admin": platform_admin,
            "staff": user.is_staff,
        },
    )
    return user


USER_FIELDS = ("full_name", "email", "phone", "is_active", "is_staff", "is_superuser")


@transaction.atomic
def update_user(*, actor: Actor, user: User, changes: Mapping[str, Any]) -> User:
    require(actor, C.MANAGE_USERS)
    unknown = sorted(set(changes) - set(USER_FIELDS))
    if unknown:
        raise ValueError(f"update_user: unknown fields {', '.join(unknown)}")
    removes_own_rights = changes.get("is_active") is False or changes.get("is_superuser") is False
    if actor_user(actor) == user and removes_own_rights:
        raise ValidationError(_("You cannot deactivate yourself or remove your own rights."))
    current = User.objects.select_for_update().get(pk=user.pk)
    before = {k: getattr(current, k) for k in USER_FIELDS}
    for key, value in changes.items():
        setattr(current, key, value)
    current.full_clean(exclude=["password"])
    current.save()
    old, new = _diff(before, {k: getattr(current, k) for k in USER_FIELDS})
    if new:
        record_audit(actor, "user.update", current.username, before=old, after=new)
    return current


@transaction.atomic
def set_password(*, actor: Actor, user: User, password: str) -> None:
    if actor_user(actor) != user:
        require(actor, C.MANAGE_USERS)
    validate_password(password, user)
    current = User.objects.select_for_update().get(pk=user.pk)
    current.set_password(password)
    current.save(update_fields=["password"])
    record_audit(actor, "user.password", current.username)  # never the password itself


@transaction.atomic
def unlock_sign_in(*, actor: Actor, username: str) -> int:
    """Clear a username's failed sign-ins, from every address."""
    require(actor, C.MANAGE_USERS)
    cleared = auth.clear_failures(username)
    record_audit(actor, "user.unlock", username, after={"failures_cleared": cleared})
    return cleared


@transaction.atomic
def grant_role(*, actor: Actor, user: User, agency: Agency, role: str) -> Membership:
    require(actor, C.MANAGE_MEMBERS, agency)
    role = Role(role)
    if not role_fits_agency(role, agency):
        raise ValidationError(
            _("%(role)s is a role in a people's government, and %(agency)s is not one."),
            params={"role": role.label, "agency": agency.name},
        )
    membership, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        record_audit(
            actor,
            "membership.grant",
            f"{user.username} · {agency.name}",
            agency=agency,
            after={"user": user.username, "role": role.value},
        )
        forget_memberships(user)
    return membership


@transaction.atomic
def revoke_role(*, actor: Actor, membership: Membership) -> None:
    require(actor, C.MANAGE_MEMBERS, membership.agency)
    record_audit(
        actor,
        "membership.revoke",
        f"{membership.user.username} · {membership.agency.name}",
        agency=membership.agency,
        before={"user": membership.user.username, "role": membership.role},
    )
    membership.delete()
    forget_memberships(membership.user)


# -- CSV imports (the command line reads the file; these apply it, all or nothing) ------------


class RowError(ValueError):
    """A problem with one row of an import: ``line`` is the file's line number."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def _one_line(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{k}: {' '.join(str(m) for m in v)}" for k, v in error.message_dict.items()
        )
    return " ".join(str(m) for m in error.messages)


AGENCY_COLUMNS = ("name", "short_name", "kind", "parent", *Agency.EDITABLE_FIELDS)
_BOOLEAN = {
    "1": True,
    "yes": True,
    "true": True,
    "是": True,
    "0": False,
    "no": False,
    "false": False,
    "否": False,
}


def _boolean(value: str, column: str) -> bool:
    try:
        return _BOOLEAN[value.strip().lower()]
    except KeyError:
        raise ValueError(f"{column} {value!r}: expected yes/no") from None


@transaction.atomic
def import_agencies(
    *, actor: Actor, records: Iterable[tuple[int, Mapping[str, str]]]
) -> list[Agency]:
    """Create agencies from CSV records; a parent is named and must exist or come earlier."""
    require(actor, C.CREATE_AGENCIES)
    created: list[Agency] = []
    for line, record in records:
        try:
            values = {k: (v or "").strip() for k, v in record.items() if k}
            for required in ("name", "short_name", "kind"):
                if not values.get(required):
                    raise ValueError(f"{required} is empty")
            parent = None
            if values.get("parent"):
                parent = Agency.objects.filter(name=values["parent"]).first()
                if parent is None:
                    raise ValueError(
                        f"parent {values['parent']!r} is neither in the database nor an earlier row"
                    )
            fields: dict[str, Any] = {}
            for key in Agency.EDITABLE_FIELDS:
                if key in {"name", "short_name", "kind", "parent", "seal_image"}:
                    continue
                if values.get(key):
                    if key in {"fee_notice_pauses_clock", "is_active"}:
                        fields[key] = _boolean(values[key], key)
                    elif key == "credit_code":
                        fields[key] = validate_credit_code(values[key])
                    else:
                        fields[key] = values[key]
            created.append(
                create_agency(
                    actor=actor,
                    name=values["name"],
                    short_name=values["short_name"],
                    kind=parse_kind(values["kind"]),
                    parent=parent,
                    **fields,
                )
            )
        except ValidationError as exc:
            raise RowError(line, _one_line(exc)) from exc
        except (ValueError, IdError, PermissionDenied) as exc:
            raise RowError(line, str(exc)) from exc
    return created


USER_COLUMNS = ("username", "full_name", "email", "phone", "roles", "platform_admin")


@transaction.atomic
def import_users(*, actor: Actor, records: Iterable[tuple[int, Mapping[str, str]]]) -> list[User]:
    """Create staff accounts with roles (``机构名称:经办人;机构名称:审核人``); no passwords."""
    require(actor, C.MANAGE_USERS)
    created: list[User] = []
    for line, record in records:
        try:
            values = {k: (v or "").strip() for k, v in record.items() if k}
            if not values.get("username"):
                raise ValueError("username is empty")
            grants: list[tuple[Agency, Role]] = []
            for item in filter(None, (p.strip() for p in values.get("roles", "").split(";"))):
                agency_name, sep, role_word = item.rpartition(":")
                if not sep:
                    agency_name, sep, role_word = item.rpartition("：")
                if not sep or not agency_name:
                    raise ValueError(f"role {item!r}: write 机构名称:角色")
                agency = Agency.objects.filter(name=agency_name.strip()).first()
                if agency is None:
                    raise ValueError(f"role {item!r}: no agency named {agency_name.strip()!r}")
                grants.append((agency, parse_role(role_word)))
            user = create_user(
                actor=actor,
                username=values["username"],
                full_name=values.get("full_name", ""),
                email=values.get("email", ""),
                phone=values.get("phone", ""),
                platform_admin=_boolean(values.get("platform_admin") or "no", "platform_admin"),
            )
            for agency, role in grants:
                grant_role(actor=actor, user=user, agency=agency, role=role)
            created.append(user)
        except ValidationError as exc:
            raise RowError(line, _one_line(exc)) from exc
        except (ValueError, PermissionDenied) as exc:
            raise RowError(line, str(exc)) from exc
    return created


# -- the calendar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarChange:
    years: frozenset[int]  # years whose working days or provisional status changed
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    confirmed: dict[int, bool] = field(default_factory=dict)

    @property
    def changed_anything(self) -> bool:
        return bool(self.years)


def _describe(day: DayRow) -> str:
    return f"{day.date.isoformat()} {day.kind.value} {day.name}".strip()


def _row_of(day: CalendarDay) -> DayRow:
    return DayRow(day.date, DayKind(day.kind), day.name)


def _apply_days(
    actor: Actor,
    rows: Sequence[DayRow],
    replace_years: Iterable[int],
    source: str,
) -> tuple[list[str], list[str], list[str]]:
    """Make the table hold ``rows``: whole ``replace_years`` replaced, other dates upserted."""
    replace = set(replace_years)
    wanted = {row.date: row for row in rows}
    existing = {
        found.date: found
        for found in CalendarDay.objects.select_for_update().filter(date__in=list(wanted))
    }
    for year in replace:
        for found in CalendarDay.objects.select_for_update().filter(date__year=year):
            existing[found.date] = found
    added: list[str] = []
    removed: list[str] = []
    changed: list[str] = []
    now = timezone.now()
    for date, old in sorted(existing.items()):
        if date not in wanted and date.year in replace:
            removed.append(_describe(_row_of(old)))
            old.delete()
    for date, row in sorted(wanted.items()):
        day = existing.get(date)
        if day is None:
            CalendarDay.objects.create(
                date=date,
                kind=row.kind.value,
                name=row.name,
                source=source,
                entered_by=actor_user(actor),
                entered_at=now,
            )
            added.append(_describe(row))
        elif (day.kind, day.name) != (row.kind.value, row.name):
            changed.append(f"{_describe(_row_of(day))} → {_describe(row)}")
            day.kind, day.name, day.source = row.kind.value, row.name, source
            day.entered_by, day.entered_at = actor_user(actor), now
            day.save()
    return added, removed, changed


def _set_confirmed(actor: Actor, year: int, confirmed: bool, source: str) -> bool:
    """Record whether ``year`` is confirmed; True when that status changed."""
    record, _ = CalendarYear.objects.select_for_update().get_or_create(year=year)
    was = record.confirmed
    record.confirmed = confirmed
    if source:
        record.source = source
    if confirmed and not was:
        record.confirmed_by, record.confirmed_at = actor_user(actor), timezone.now()
    if not confirmed:
        record.confirmed_by, record.confirmed_at = None, None
    record.save()
    return was != confirmed


def _finish(actor: Actor, change: CalendarChange, source: str) -> CalendarChange:
    if not change.changed_anything:
        return change
    record_audit(
        actor,
        "calendar.change",
        ", ".join(str(y) for y in sorted(change.years)) + (f" · {source}" if source else ""),
        before={"removed": list(change.removed), "changed": list(change.changed)},
        after={
            "added": list(change.added),
            "confirmed": {str(y): c for y, c in change.confirmed.items()},
        },
    )
    from gongkai.agencies.queries import workday_calendar

    # Inside the transaction: a receiver that fails rolls the calendar change back with it.
    calendar_changed.send(
        sender=CalendarDay, years=change.years, calendar=workday_calendar(), actor=actor
    )
    return change


def _record_years(
    actor: Actor,
    rows: Sequence[DayRow],
    years: Sequence[int],
    source: str,
    confirm: bool,
) -> CalendarChange:
    problems: list[str] = []
    for year in years:
        in_year = [r for r in rows if r.date.year == year] if len(years) > 1 else list(rows)
        problems += check_year(year, in_year)
    if problems:
        raise ValidationError(problems)
    added, removed, changed = _apply_days(actor, rows, years, source)
    status_changed = {y for y in years if _set_confirmed(actor, y, confirm, source)}
    touched = {int(text[:4]) for text in (*added, *removed, *changed)}
    return CalendarChange(
        years=frozenset(touched | status_changed),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        confirmed={y: confirm for y in years},
    )


@transaction.atomic
def record_calendar_year(
    *,
    actor: Actor,
    year: int,
    rows: Sequence[DayRow],
    source: str,
    confirm: bool = True,
) -> CalendarChange:
    """Enter one year's notice: its days replace that year's; edge days of neighbouring years
    (元旦 around 12-31) are added or corrected. Confirming makes the year no longer provisional.
    """
    require(actor, C.MANAGE_CALENDAR)
    change = _record_years(actor, rows, [year], source.strip(), confirm)
    return _finish(actor, change, source.strip())


@transaction.atomic
def import_calendar(
    *,
    actor: Actor,
    rows: Sequence[DayRow],
    source: str,
    year: int | None = None,
    all_years: bool = False,
    confirm: bool = True,
) -> CalendarChange:
    """A file of days: one year's notice (``year``), or every year it covers (``all_years``)."""
    require(actor, C.MANAGE_CALENDAR)
    if not rows:
        raise ValidationError(_("The file holds no day."))
    covered = sorted({row.date.year for row in rows})
    if all_years:
        change = _record_years(actor, rows, covered, source.strip(), confirm)
        return _finish(actor, change, source.strip())
    if year is None:
        if len(covered) > 1:
            raise ValidationError(
                _(
                    "The file covers %(years)s: say which year's notice it is (--year), "
                    "or replace every year it covers (--all-years)."
                ),
                params={"years": ", ".join(map(str, covered))},
            )
        year = covered[0]
    return record_calendar_year(actor=actor, year=year, rows=rows, source=source, confirm=confirm)


@transaction.atomic
def set_calendar_day(*, actor: Actor, row: DayRow, source: str = "") -> CalendarChange:
    """Add or correct one exceptional day (the admin's single-day form)."""
    require(actor, C.MANAGE_CALENDAR)
    problems = check_year(row.date.year, [row])
    if problems:
        raise ValidationError(problems)
    added, _removed, changed = _apply_days(actor, [row], [], source.strip())
    change = CalendarChange(
        years=frozenset({row.date.year}) if added or changed else frozenset(),
        added=tuple(added),
        changed=tuple(changed),
    )
    return _finish(actor, change, source.strip())


@transaction.atomic
def remove_calendar_day(*, actor: Actor, day: CalendarDay) -> CalendarChange:
    require(actor, C.MANAGE_CALENDAR)
    description = _describe(_row_of(day))
    day.delete()
    change = CalendarChange(years=frozenset({day.date.year}), removed=(description,))
    return _finish(actor, change, "")


@transaction.atomic
def set_year_confirmed(
    *, actor: Actor, year: int, confirmed: bool, source: str = ""
) -> CalendarChange:
    require(actor, C.MANAGE_CALENDAR)
    if _set_confirmed(actor, year, confirmed, source.strip()):
        change = CalendarChange(years=frozenset({year}), confirmed={year: confirmed})
    else:
        change = CalendarChange(years=frozenset())
    return _finish(actor, change, source.strip())

"""Test data for agencies and people, made through the actions (so it is always valid)."""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth.hashers import Argon2PasswordHasher

from gongkai.agencies import actions
from gongkai.agencies.access import SystemActor
from gongkai.agencies.choices import AgencyKind, Role
from gongkai.agencies.models import Agency, User
from gongkai.core.ids import credit_code_check_char

SYSTEM = SystemActor("tests")


class TestArgon2PasswordHasher(Argon2PasswordHasher):
    """The same algorithm (hashes read ``argon2$…``) with test-sized cost."""

    time_cost = 1
    memory_cost = 1024
    parallelism = 1


_serial = itertools.count(1)


def credit_code(region: str = "330304", kind: str = "11") -> str:
    """A fresh, valid 统一社会信用代码 (11 = 机构编制 / 机关) for ``region``."""
    first17 = f"{kind}{region}{next(_serial):09d}"
    return first17 + credit_code_check_char(first17)


def make_agency(
    name: str,
    kind: str = AgencyKind.DEPARTMENT,
    parent: Agency | None = None,
    **fields: Any,
) -> Agency:
    fields.setdefault("credit_code", credit_code())
    short = fields.pop("short_name", name.removesuffix("人民政府")[-4:] or name)
    return actions.create_agency(
        actor=SYSTEM, name=name, short_name=short, kind=kind, parent=parent, **fields
    )


def make_user(
    username: str,
    *roles: tuple[Agency, Role],
    password: str | None = None,
    platform_admin: bool = False,
    staff: bool = True,
    full_name: str = "",
) -> User:
    user = actions.create_user(
        actor=SYSTEM,
        username=username,
        full_name=full_name,
        password=password,
        platform_admin=platform_admin,
        staff=staff,
    )
    for agency, role in roles:
        actions.grant_role(actor=SYSTEM, user=user, agency=agency, role=role)
    return user

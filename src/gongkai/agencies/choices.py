"""Kinds and roles as data (TextChoices): stored codes in English, labels through gettext."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.calendar import DayKind


class AgencyKind(models.TextChoices):
    """Where an agency sits in the tree of governments (statute: 第十条 — who discloses what)."""

    PROVINCE = "province", _("Provincial people's government")
    CITY = "city", _("City people's government")
    COUNTY = "county", _("County or district people's government")
    TOWNSHIP = "township", _("Township government or sub-district office")
    DEPARTMENT = "department", _("Government department")
    DISPATCHED = "dispatched", _("Dispatched office")


GOVERNMENTS = frozenset(
    {AgencyKind.PROVINCE, AgencyKind.CITY, AgencyKind.COUNTY, AgencyKind.TOWNSHIP}
)

# kind → the kinds its parent may have (None: may stand at the top of a deployment's tree).
# A government's parent is a higher-level government; a department belongs to a government;
# a dispatched office (派出机构) to a government or a department.
ALLOWED_PARENTS: dict[str, frozenset[str | None]] = {
    AgencyKind.PROVINCE: frozenset({None}),
    AgencyKind.CITY: frozenset({None, AgencyKind.PROVINCE}),
    AgencyKind.COUNTY: frozenset({None, AgencyKind.PROVINCE, AgencyKind.CITY}),
    AgencyKind.TOWNSHIP: frozenset({None, AgencyKind.COUNTY, AgencyKind.CITY}),
    AgencyKind.DEPARTMENT: GOVERNMENTS,
    AgencyKind.DISPATCHED: GOVERNMENTS | {AgencyKind.DEPARTMENT},
}


class Role(models.TextChoices):
    """What a person does in one agency. 系统管理员 is not a role here: it is ``is_superuser``."""

    OFFICER = "officer", _("Case officer")
    REVIEWER = "reviewer", _("Reviewer")
    HEAD = "head", _("Head of the disclosure office")
    ADMIN = "admin", _("Agency administrator")
    SUPERVISOR = "supervisor", _("Supervisor (read-only, subordinate agencies)")


class CalendarDayKind(models.TextChoices):
    HOLIDAY = DayKind.HOLIDAY.value, _("Holiday")
    WORKDAY = DayKind.WORKDAY.value, _("Make-up working day")


# Words people write in spreadsheets, besides the codes (CSV import accepts either).
KIND_WORDS: dict[str, AgencyKind] = {
    "省级人民政府": AgencyKind.PROVINCE,
    "省人民政府": AgencyKind.PROVINCE,
    "省政府": AgencyKind.PROVINCE,
    "市人民政府": AgencyKind.CITY,
    "市政府": AgencyKind.CITY,
    "县（区）人民政府": AgencyKind.COUNTY,
    "县(区)人民政府": AgencyKind.COUNTY,
    "县人民政府": AgencyKind.COUNTY,
    "区人民政府": AgencyKind.COUNTY,
    "县政府": AgencyKind.COUNTY,
    "区政府": AgencyKind.COUNTY,
    "乡镇人民政府": AgencyKind.TOWNSHIP,
    "乡镇（街道）": AgencyKind.TOWNSHIP,
    "乡镇(街道)": AgencyKind.TOWNSHIP,
    "街道办事处": AgencyKind.TOWNSHIP,
    "乡镇": AgencyKind.TOWNSHIP,
    "街道": AgencyKind.TOWNSHIP,
    "部门": AgencyKind.DEPARTMENT,
    "政府部门": AgencyKind.DEPARTMENT,
    "派出机构": AgencyKind.DISPATCHED,
}

ROLE_WORDS: dict[str, Role] = {
    "经办人": Role.OFFICER,
    "审核人": Role.REVIEWER,
    "负责人": Role.HEAD,
    "管理员": Role.ADMIN,
    "监督人": Role.SUPERVISOR,
}


def parse_kind(word: str) -> AgencyKind:
    text = word.strip()
    if text in AgencyKind.values:
        return AgencyKind(text)
    if text in KIND_WORDS:
        return KIND_WORDS[text]
    raise ValueError(f"unknown agency kind {text!r} (one of: {', '.join(AgencyKind.values)})")


def parse_role(word: str) -> Role:
    text = word.strip()
    if text in Role.values:
        return Role(text)
    if text in ROLE_WORDS:
        return ROLE_WORDS[text]
    raise ValueError(
        f"unknown role {text!r} (one of: {', '.join(Role.values)}; or {'/'.join(ROLE_WORDS)})"
    )


class FailureScope(models.TextChoices):
    """What a counted failure was (``throttle.py``): each limit counts the failures of one."""

    LOGIN = "login", _("Staff sign-in")
    LOOKUP = "lookup", _("Status lookup")
    # Counted successes too (issue 12, abuse): applications filed, public accounts created, and
    # proof-of-work challenges used (each counts once).
    APPLICATION = "application", _("Application filed online")
    REGISTRATION = "registration", _("Public account created")
    CHALLENGE = "challenge", _("Anti-abuse check used")
    COMMENT = "comment", _("Consultation comment")

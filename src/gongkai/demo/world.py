"""A realistic district, built deterministically through the platform's own actions.

A 区人民政府 with its office, ~20 departments and ~10 乡镇/街道; two full calendar years of
disclosure work before the current year (applications with the distributions real reports show:
mostly 自然人, outcomes mixed like a county's, corrections, consultations, extensions, a few late
replies, fees, withdrawals, splits; 复议/诉讼; published items with interpretations and repealed
normative documents; Article 20 figures); the year before those imported from a published
report's text through the reader (the migration path), both years' reports computed and the
government's published.

Everything goes through actions (the same rights checks, events and letters as real work), with
each action's ``today`` set to the day it happened. The whole build runs in one transaction:
SQLite then writes once, and a failure leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt

from gongkai.cases.models import Case
from gongkai.demo import participation, profile
from gongkai.demo.applications import Applications
from gongkai.demo.base import PASSWORD, SYSTEM, Login, Summary, Unit
from gongkai.demo.catalog import Catalog
from gongkai.demo.records import Records
from gongkai.demo.supervision import Supervision

__all__ = ["PASSWORD", "SYSTEM", "Login", "Summary", "Unit", "World", "build"]


class World(Applications, Catalog, Records, Supervision):
    """The whole district; each part builds one kind of record."""


def build(today: dt.date, *, seed: int = 2026, per_weight: float = 2.0) -> Summary:
    """The whole district up to ``today`` (inside the caller's transaction)."""
    from gongkai.cases.letters import rendered_on_demand

    with rendered_on_demand():
        return _build(today, seed, per_weight)


def _build(today: dt.date, seed: int, per_weight: float) -> Summary:
    world = World(today, seed)
    world.build_agencies()
    world.build_people()
    carried = world.carried_in()
    world.summary.carried_in = world.column_counts(carried)
    received: list[Case] = list(carried)
    for year in world.years:
        received.extend(world.applications(year, per_weight))
    # This year's first weeks of work: a few applications still open, some due soon or late.
    recent_start = today - dt.timedelta(days=35)
    for unit in world.units[:8]:
        for _ in range(2):
            received.append(world._receive(unit, world._workday(today.year, recent_start, today)))
    world.handle(received, today)
    # A few still waiting for a reply, so the inbox shows what it flags: due soon and overdue.
    for unit, back in zip(world.units[1:6], (16, 17, 19, 22, 25), strict=True):
        received.append(world._receive(unit, world._workdays_before(today, back)))
    world.summary.cases = len(received)
    world.earlier_catalog()
    for year in world.years:
        world.publications(year)
        world.figures(year)
    participation.build(world)
    profile.build(world)  # 机构信息 of the government (demo/profile.py)
    world.disputes()
    world.registry()  # websites, accounts, checks, training: the reports count them
    world.reports()
    world.supervision()
    return world.summary

"""Limits on guessing: one mechanism for every door (staff sign-in, status lookup …).

A failure is one ``FailedAttempt`` row: its scope (what failed: ``FailureScope``), its key (what
was tried: a username, a tracking number) and the client's address. The rows live in the
database, so a limit holds across server processes and machines, never in one process's memory.

A ``Limit`` is named here, in ``LIMITS``: the scope it counts, the settings giving the number of
failures allowed and the window in minutes, and what it counts by: the key and the address
together (one username from one address), the address alone (anything from one address) or the
key alone (one username or one case, from any address). Several limits may count one scope in
different ways; a failure is recorded once (``record``) and each limit asks ``locked_for``.
``max_failures`` failures within the window lock until the oldest of them leaves it; while
locked, callers refuse without checking and without recording (the lock does not extend
itself). ``clear`` forgets a key's or an address's failures (a successful sign-in, an unlock).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from gongkai.agencies.choices import FailureScope
from gongkai.agencies.models import FailedAttempt

Dimension = Literal["key", "address"]

_KEY_LENGTH = FailedAttempt._meta.get_field("key").max_length or 150
_ADDRESS_LENGTH = FailedAttempt._meta.get_field("address").max_length or 45


@dataclass(frozen=True, kw_only=True)
class Limit:
    scope: FailureScope
    max_setting: str  # the settings name of the number of failures allowed in the window
    window_setting: str  # the settings name of the window, in minutes
    by: tuple[Dimension, ...] = ("key", "address")

    def max_failures(self) -> int:
        return int(getattr(settings, self.max_setting))

    def window(self) -> dt.timedelta:
        return dt.timedelta(minutes=int(getattr(settings, self.window_setting)))

    def failures(self, *, key: str = "", address: str = "") -> QuerySet[FailedAttempt]:
        """The failures this limit counts together with one from ``key`` at ``address``."""
        counted = FailedAttempt.objects.filter(scope=self.scope)
        if "key" in self.by:
            counted = counted.filter(key=key[:_KEY_LENGTH])
        if "address" in self.by:
            counted = counted.filter(address=address[:_ADDRESS_LENGTH])
        return counted

    def locked_for(
        self, *, key: str = "", address: str = "", now: dt.datetime | None = None
    ) -> dt.timedelta | None:
        """How long ``key`` at ``address`` stays locked, or None when not locked."""
        now = now or timezone.now()
        allowed = self.max_failures()
        recent = list(
            self.failures(key=key, address=address)
            .filter(at__gt=now - self.window())
            .order_by("-at")
            .values_list("at", flat=True)[:allowed]
        )
        if not recent or len(recent) < allowed:
            return None
        remaining = recent[-1] + self.window() - now
        return remaining if remaining > dt.timedelta(0) else None

    def is_locked(self, *, key: str = "", address: str = "") -> bool:
        return self.locked_for(key=key, address=address) is not None

    def record(self, *, key: str = "", address: str = "") -> None:
        """One failure in this limit's scope (counted by every limit of the scope)."""
        now = timezone.now()
        # Housekeeping in passing: failures older than every window of the scope matter no more.
        keep = max(limit.window() for limit in LIMITS if limit.scope == self.scope)
        FailedAttempt.objects.filter(scope=self.scope, at__lt=now - keep).delete()
        FailedAttempt.objects.create(
            scope=self.scope, key=key[:_KEY_LENGTH], address=address[:_ADDRESS_LENGTH], at=now
        )

    def clear(self, *, key: str | None = None, address: str | None = None) -> int:
        """Forget the scope's failures of ``key`` (from any address unless one is given), or of
        ``address``; returns how many were forgotten."""
        if key is None and address is None:
            raise ValueError("clear what? give a key or an address")
        failures = FailedAttempt.objects.filter(scope=self.scope)
        if key is not None:
            failures = failures.filter(key=key[:_KEY_LENGTH])
        if address is not None:
            failures = failures.filter(address=address[:_ADDRESS_LENGTH])
        deleted, _ = failures.delete()
        return deleted


# Staff sign-in: one username from one address (等保 2.0, GB/T 22239-2019 8.1.4.1 b: limit
# failed sign-ins).
SIGN_IN = Limit(
    scope=FailureScope.LOGIN,
    max_setting="GONGKAI_LOGIN_MAX_FAILURES",
    window_setting="GONGKAI_LOGIN_LOCKOUT_MINUTES",
    by=("key", "address"),
)
# …and one account from any address, with a longer threshold: guesses spread over many
# addresses are stopped too. An administrator lifts it (``auth.unlock``).
SIGN_IN_ACCOUNT = Limit(
    scope=FailureScope.LOGIN,
    max_setting="GONGKAI_LOGIN_ACCOUNT_MAX_FAILURES",
    window_setting="GONGKAI_LOGIN_ACCOUNT_WINDOW_MINUTES",
    by=("key",),
)
# Status lookup without an account (``cases/lookup.py``), three limits on one count of
# failures (the key is the tracking number tried):
# anything from one address, generous: many applicants may share one address behind a NAT;
LOOKUP = Limit(
    scope=FailureScope.LOOKUP,
    max_setting="GONGKAI_LOOKUP_MAX_FAILURES",
    window_setting="GONGKAI_LOOKUP_WINDOW_MINUTES",
    by=("address",),
)
# one tracking number from one address, strict: locks that number for that address only;
LOOKUP_NUMBER = Limit(
    scope=FailureScope.LOOKUP,
    max_setting="GONGKAI_LOOKUP_NUMBER_MAX_FAILURES",
    window_setting="GONGKAI_LOOKUP_NUMBER_WINDOW_MINUTES",
    by=("key", "address"),
)
# one tracking number from anywhere, strict and long: past it the four phone digits no longer
# open that case (10,000 possibilities), only the lookup code (50 bits) does.
LOOKUP_PHONE = Limit(
    scope=FailureScope.LOOKUP,
    max_setting="GONGKAI_LOOKUP_PHONE_MAX_FAILURES",
    window_setting="GONGKAI_LOOKUP_PHONE_WINDOW_MINUTES",
    by=("key",),
)
LIMITS: tuple[Limit, ...] = (SIGN_IN, SIGN_IN_ACCOUNT, LOOKUP, LOOKUP_NUMBER, LOOKUP_PHONE)


# -- Counting limits (issue 12, abuse): successes counted too -----------------------------------
#
# A ``CountingLimit`` counts events that succeed (an application filed, an account created, a
# challenge used) in the same table, with a fixed window. ``admit`` takes one place under several
# limits of one scope without a race between server processes: it writes its row first and then
# counts; over a limit it takes its row back and refuses. Of two requests racing for the last
# place, the one that counts last sees both rows, so at most the limit is ever admitted (both
# may be refused, never both admitted). A block that ends without storing anything (invalid
# input, a repeated submission) gives its place back.


@dataclass(frozen=True, kw_only=True)
class CountingLimit(Limit):
    max_setting: str = ""  # or a fixed ``at_most``
    window_setting: str = ""  # unused: the window is fixed (``minutes``)
    minutes: int
    at_most: int = 0

    def max_failures(self) -> int:
        return self.at_most or super().max_failures()

    def window(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.minutes)

    def count(self, *, key: str = "", address: str = "", now: dt.datetime | None = None) -> int:
        now = now or timezone.now()
        return self.failures(key=key, address=address).filter(at__gt=now - self.window()).count()

    def exceeded(self, *, key: str = "", address: str = "") -> bool:
        """Whether the window already holds as many events as allowed (the next is refused)."""
        return self.is_locked(key=key, address=address)

    def hit(self, *, key: str = "", address: str = "") -> int:
        """Record one event of this limit's scope; returns its row's id."""
        now = timezone.now()
        keep = max(
            (limit.window() for limit in COUNTED if limit.scope == self.scope),
            default=self.window(),
        )
        FailedAttempt.objects.filter(scope=self.scope, at__lt=now - keep).delete()
        row = FailedAttempt.objects.create(
            scope=self.scope, key=key[:_KEY_LENGTH], address=address[:_ADDRESS_LENGTH], at=now
        )
        return int(row.pk)


class Refused(Exception):
    """Over a limit: ``retry_after`` is how long until a place frees up."""

    def __init__(self, limit: CountingLimit, retry_after: dt.timedelta) -> None:
        super().__init__(f"{limit.scope} over {limit.max_setting}")
        self.limit = limit
        self.retry_after = retry_after


class Admission:
    """A place taken by ``admit``; ``give_back`` when nothing was stored after all."""

    def __init__(self, row_id: int) -> None:
        self.row_id: int | None = row_id

    def give_back(self) -> None:
        if self.row_id is not None:
            FailedAttempt.objects.filter(pk=self.row_id).delete()
            self.row_id = None


def refusal(
    limits: tuple[CountingLimit, ...], *, key: str = "", address: str = ""
) -> Refused | None:
    """A cheap look before any work: the refusal that ``admit`` would give now, if any."""
    for limit in limits:
        locked = limit.locked_for(key=key, address=address)
        if locked is not None:
            return Refused(limit, locked)
    return None


@contextmanager
def admit(
    limits: tuple[CountingLimit, ...], *, key: str = "", address: str = ""
) -> Iterator[Admission]:
    """Take one place under every limit in ``limits`` (one scope) or raise ``Refused``.

    The place is given back when the block raises; the block calls ``give_back`` itself when
    it ends without storing anything.
    """
    scopes = {limit.scope for limit in limits}
    if len(scopes) != 1:
        raise ValueError("admit counts one scope at a time")
    now = timezone.now()
    admission = Admission(limits[0].hit(key=key, address=address))
    for limit in limits:
        if limit.count(key=key, address=address, now=now) > limit.max_failures():
            admission.give_back()
            raise Refused(limit, limit.locked_for(key=key, address=address) or limit.window())
    try:
        yield admission
    except BaseException:
        admission.give_back()
        raise


# New applications online (form and API): per address per hour and per day, and all together.
APPLY_PER_ADDRESS_HOUR = CountingLimit(
    scope=FailureScope.APPLICATION,
    max_setting="GONGKAI_APPLY_PER_ADDRESS_HOUR",
    minutes=60,
    by=("address",),
)
APPLY_PER_ADDRESS_DAY = CountingLimit(
    scope=FailureScope.APPLICATION,
    max_setting="GONGKAI_APPLY_PER_ADDRESS_DAY",
    minutes=24 * 60,
    by=("address",),
)
APPLY_ALL_HOUR = CountingLimit(
    scope=FailureScope.APPLICATION, max_setting="GONGKAI_APPLY_PER_HOUR", minutes=60, by=()
)
APPLY: tuple[CountingLimit, ...] = (APPLY_PER_ADDRESS_HOUR, APPLY_PER_ADDRESS_DAY, APPLY_ALL_HOUR)
# Public accounts created, per address per hour.
REGISTER: tuple[CountingLimit, ...] = (
    CountingLimit(
        scope=FailureScope.REGISTRATION,
        max_setting="GONGKAI_REGISTER_PER_ADDRESS_HOUR",
        minutes=60,
        by=("address",),
    ),
)
# Comments on a 意见征集 (publications.actions.participation): the applications' numbers, per
# address per hour and per day and all together, counted apart from the applications.
COMMENT: tuple[CountingLimit, ...] = (
    CountingLimit(
        scope=FailureScope.COMMENT,
        max_setting="GONGKAI_APPLY_PER_ADDRESS_HOUR",
        minutes=60,
        by=("address",),
    ),
    CountingLimit(
        scope=FailureScope.COMMENT,
        max_setting="GONGKAI_APPLY_PER_ADDRESS_DAY",
        minutes=24 * 60,
        by=("address",),
    ),
    CountingLimit(
        scope=FailureScope.COMMENT, max_setting="GONGKAI_APPLY_PER_HOUR", minutes=60, by=()
    ),
)
# A solved proof-of-work counts once (``challenge.py``): its signature is the key, for longer
# than a challenge lives.
CHALLENGE_USED = CountingLimit(
    scope=FailureScope.CHALLENGE,
    at_most=1,
    minutes=3 * 60,
    by=("key",),
)
COUNTED: tuple[CountingLimit, ...] = (*APPLY, *REGISTER, *COMMENT, CHALLENGE_USED)


# -- Rate limits on anonymous reads (no database row) -------------------------------------------
#
# A lookup that stores nothing (the catalog suggestions of 第四十四条, typed as the request is
# written) should not cost a database write per keystroke: a fixed window counted in Django's
# cache (``CACHES["default"]``: each process's memory, or Redis shared by every process when
# ``GONGKAI_CACHE_URL`` names one). With per-process memory the limit holds per server process.


@dataclass(frozen=True, kw_only=True)
class RateLimit:
    name: str
    max_setting: str  # the settings name of the number of requests allowed in the window
    seconds: int = 60

    def hit(self, *, address: str, now: float | None = None) -> dt.timedelta | None:
        """Count one request from ``address``; how long to wait when over the limit, else None."""
        from django.core.cache import cache

        now = time.time() if now is None else now
        window = int(now) // self.seconds
        key = f"gongkai:rate:{self.name}:{address[:_ADDRESS_LENGTH]}:{window}"
        cache.add(key, 0, timeout=self.seconds * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr: count this one as the first
            cache.set(key, 1, timeout=self.seconds * 2)
            count = 1
        if count <= int(getattr(settings, self.max_setting)):
            return None
        return dt.timedelta(seconds=max(1, (window + 1) * self.seconds - int(now)))


# 第四十四条 suggestions (portal and API): lookups per address per minute.
SUGGEST = RateLimit(name="suggest", max_setting="GONGKAI_SUGGEST_PER_ADDRESS_MINUTE")

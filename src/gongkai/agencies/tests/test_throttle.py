"""The one throttle: named limits counting failures in the database, by key, address or both."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from gongkai.agencies.choices import FailureScope
from gongkai.agencies.models import FailedAttempt
from gongkai.agencies.throttle import COUNTED, LIMITS, LOOKUP, SIGN_IN, Limit

pytestmark = pytest.mark.django_db

# What the next limits look like: one username from any address, and one case from anywhere.
PER_ACCOUNT = Limit(
    scope=FailureScope.LOGIN,
    max_setting="GONGKAI_LOGIN_MAX_FAILURES",
    window_setting="GONGKAI_LOGIN_LOCKOUT_MINUTES",
    by=("key",),
)


def test_the_platforms_limits_are_named_with_their_settings(settings: Any) -> None:
    # Failures (LIMITS) and counted successes (COUNTED, issue 12) together cover every scope.
    assert {limit.scope for limit in (*LIMITS, *COUNTED)} == set(FailureScope)
    settings.GONGKAI_LOOKUP_MAX_FAILURES, settings.GONGKAI_LOOKUP_WINDOW_MINUTES = 3, 7
    assert (LOOKUP.max_failures(), LOOKUP.window()) == (3, dt.timedelta(minutes=7))


def test_a_limit_locks_after_its_failures_until_the_oldest_leaves_the_window(
    settings: Any,
) -> None:
    settings.GONGKAI_LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        SIGN_IN.record(key="clerk", address="10.0.0.1")
    assert SIGN_IN.locked_for(key="clerk", address="10.0.0.1") is None
    SIGN_IN.record(key="clerk", address="10.0.0.1")
    remaining = SIGN_IN.locked_for(key="clerk", address="10.0.0.1")
    assert remaining is not None and dt.timedelta(minutes=14) < remaining <= dt.timedelta(
        minutes=15
    )
    later = timezone.now() + dt.timedelta(minutes=15, seconds=1)
    assert SIGN_IN.locked_for(key="clerk", address="10.0.0.1", now=later) is None


def test_each_limit_counts_by_its_own_dimensions(settings: Any) -> None:
    settings.GONGKAI_LOGIN_MAX_FAILURES = 2
    SIGN_IN.record(key="clerk", address="10.0.0.1")
    SIGN_IN.record(key="clerk", address="10.0.0.2")
    # Per username and address: neither address has two; per username: two in all.
    assert not SIGN_IN.is_locked(key="clerk", address="10.0.0.1")
    assert PER_ACCOUNT.is_locked(key="clerk", address="10.9.9.9")
    assert not PER_ACCOUNT.is_locked(key="other", address="10.0.0.1")
    # Per address only: whatever number was tried.
    settings.GONGKAI_LOOKUP_MAX_FAILURES = 2
    LOOKUP.record(key="A〔2025〕1号", address="10.1.1.1")
    LOOKUP.record(key="B〔2025〕2号", address="10.1.1.1")
    assert LOOKUP.is_locked(address="10.1.1.1")
    assert not LOOKUP.is_locked(address="10.1.1.2")
    # Scopes do not mix.
    assert not SIGN_IN.is_locked(key="A〔2025〕1号", address="10.1.1.1")


def test_clearing_forgets_a_key_everywhere_or_at_one_address() -> None:
    for address in ("10.0.0.1", "10.0.0.1", "10.0.0.2"):
        SIGN_IN.record(key="clerk", address=address)
    LOOKUP.record(key="clerk", address="10.0.0.1")
    assert SIGN_IN.clear(key="clerk", address="10.0.0.2") == 1
    assert SIGN_IN.clear(key="clerk") == 2
    assert list(FailedAttempt.objects.values_list("scope", flat=True)) == ["lookup"]
    with pytest.raises(ValueError):
        SIGN_IN.clear()


def test_recording_forgets_only_what_no_limit_of_the_scope_still_counts(settings: Any) -> None:
    settings.GONGKAI_LOGIN_LOCKOUT_MINUTES = settings.GONGKAI_LOGIN_ACCOUNT_WINDOW_MINUTES = 15
    old = FailedAttempt.objects.create(scope="login", key="a", address="10.0.0.1")
    older = FailedAttempt.objects.create(scope="login", key="a", address="10.0.0.1")
    other_scope = FailedAttempt.objects.create(scope="lookup", address="10.0.0.1")
    FailedAttempt.objects.filter(pk=old.pk).update(at=old.at - dt.timedelta(minutes=10))
    FailedAttempt.objects.filter(pk__in=[older.pk, other_scope.pk]).update(
        at=older.at - dt.timedelta(minutes=20)
    )
    SIGN_IN.record(key="b", address="10.0.0.2")
    kept = set(FailedAttempt.objects.values_list("pk", flat=True))
    assert old.pk in kept and other_scope.pk in kept and older.pk not in kept

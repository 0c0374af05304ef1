"""Counting limits of the throttle (issue 12): successes counted in the database, a place taken
before counting so that racing processes never admit more than the limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.agencies import throttle
from gongkai.agencies.choices import FailureScope
from gongkai.agencies.models import FailedAttempt

pytestmark = pytest.mark.django_db

TWO_AN_HOUR = throttle.CountingLimit(
    scope=FailureScope.APPLICATION, at_most=2, minutes=60, by=("address",)
)


def test_it_admits_up_to_the_limit_then_refuses_with_the_time_to_wait() -> None:
    for _ in range(2):
        with throttle.admit((TWO_AN_HOUR,), address="10.9.0.1"):
            pass
    assert TWO_AN_HOUR.exceeded(address="10.9.0.1")
    with (
        pytest.raises(throttle.Refused) as refused,
        throttle.admit((TWO_AN_HOUR,), address="10.9.0.1"),
    ):
        pytest.fail("admitted past the limit")
    assert dt.timedelta(minutes=59) < refused.value.retry_after <= dt.timedelta(minutes=60)
    assert FailedAttempt.objects.filter(scope="application").count() == 2  # its row taken back
    with throttle.admit((TWO_AN_HOUR,), address="10.9.0.2"):  # another address
        pass


def test_a_block_that_fails_or_stores_nothing_gives_its_place_back() -> None:
    with pytest.raises(RuntimeError), throttle.admit((TWO_AN_HOUR,), address="10.9.0.3"):
        raise RuntimeError("invalid input")
    with throttle.admit((TWO_AN_HOUR,), address="10.9.0.3") as admission:
        admission.give_back()
    assert TWO_AN_HOUR.count(address="10.9.0.3") == 0


def test_a_racing_request_that_wrote_its_row_first_is_counted() -> None:
    # Another process has written its row for the last place but not yet counted: this one
    # counts both and refuses (at worst both refuse; never both pass).
    TWO_AN_HOUR.hit(address="10.9.0.4")
    TWO_AN_HOUR.hit(address="10.9.0.4")
    with pytest.raises(throttle.Refused), throttle.admit((TWO_AN_HOUR,), address="10.9.0.4"):
        pass


def test_old_events_leave_the_window_and_the_table(settings: Any) -> None:
    TWO_AN_HOUR.hit(address="10.9.0.5")
    TWO_AN_HOUR.hit(address="10.9.0.5")
    FailedAttempt.objects.update(at=FailedAttempt.objects.first().at - dt.timedelta(days=2))  # type: ignore[union-attr]
    assert not TWO_AN_HOUR.exceeded(address="10.9.0.5")
    TWO_AN_HOUR.hit(address="10.9.0.6")
    assert FailedAttempt.objects.count() == 1  # older than every window of the scope: gone


def test_the_configured_limits_read_their_settings(settings: Any) -> None:
    settings.GONGKAI_APPLY_PER_ADDRESS_HOUR = 7
    settings.GONGKAI_REGISTER_PER_ADDRESS_HOUR = 3
    assert throttle.APPLY_PER_ADDRESS_HOUR.max_failures() == 7
    assert throttle.REGISTER[0].max_failures() == 3
    assert throttle.CHALLENGE_USED.max_failures() == 1
    assert throttle.refusal(throttle.APPLY, address="10.9.0.7") is None

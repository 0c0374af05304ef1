"""Status lookup (issue 12): a lookup code read aloud and typed in any case, a phone factor that
cannot be exhausted, and limits that do not let one address lock out its neighbours."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from gongkai.cases import actions, lookup
from gongkai.cases.actions.intake import _secret_hash
from gongkai.cases.models import Case
from gongkai.cases.tests.factories import application, online_case
from gongkai.conftest import Personas

TODAY = dt.date(2025, 9, 26)
CROCKFORD = "[0-9A-HJKMNP-TV-Z]"
pytestmark = pytest.mark.django_db


def _submit(personas: Personas, token: str = "lim-1") -> tuple[Case, str]:
    return actions.submit_online(
        actor=personas.anonymous,
        agency=personas.agency_a,
        data=application(),
        token=token,
        today=TODAY,
    )


def test_the_lookup_code_is_ten_characters_read_in_any_case(personas: Personas) -> None:
    case, code = _submit(personas)
    assert re.fullmatch(f"{CROCKFORD}{{5}}-{CROCKFORD}{{5}}", code), code
    bare = code.replace("-", "")
    typed = [
        code,
        bare,
        code.lower(),
        f" {bare[:3]} {bare[3:7]} {bare[7:]} ",
        code.replace("0", "O").replace("1", "l").lower(),  # what a person may misread
        "".join(chr(ord(c) + 0xFEE0) for c in bare),  # full-width, from a Chinese IME
    ]
    for variant in typed:
        assert lookup.find_case(case.number, variant, "10.0.0.1") == case, variant
    assert (
        lookup.find_case(case.number, bare[:-1] + ("X" if bare[-1] != "X" else "Y"), "10.0.0.9")
        is None
    )


def test_a_code_of_the_earlier_kind_still_opens_its_case(personas: Personas) -> None:
    case, _code = _submit(personas)
    earlier = "aB3-xY_9zQ2k"  # secrets.token_urlsafe(9), as issued before the codes
    Case.objects.filter(pk=case.pk).update(lookup_secret_hash=_secret_hash(earlier))
    assert lookup.find_case(case.number, earlier, "10.0.0.1") == case
    assert lookup.find_case(case.number, earlier.upper(), "10.0.0.2") is None


def test_wrong_factors_from_anywhere_close_the_phone_not_the_code(personas: Personas) -> None:
    case, code = _submit(personas)
    for n in range(5):  # five addresses, one guess each: no address limit is reached
        assert lookup.find_case(case.number, f"000{n}", f"10.5.0.{n}") is None
    assert lookup.phone_refused(case.number)
    assert lookup.find_case(case.number, "5678", "10.6.0.1") is None  # the right digits
    assert lookup.find_case(case.number, code, "10.6.0.1") == case
    page = Client(REMOTE_ADDR="10.6.0.2").post("/track/", {"number": case.number, "factor": "5678"})
    assert page.status_code == 200 and "不能凭电话后四位查询" in page.content.decode()
    # Another case keeps its phone factor.
    other, _ = _submit(personas, "lim-2")
    assert lookup.find_case(other.number, "5678", "10.6.0.1") == other


def test_one_address_cannot_lock_out_its_neighbours(personas: Personas) -> None:
    case, code = _submit(personas)
    neighbour, _ = _submit(personas, "lim-2")
    nat = "10.9.9.9"
    for _ in range(5):
        lookup.find_case(case.number, "1111", nat)
    with pytest.raises(lookup.Throttled):
        lookup.find_case(case.number, code, nat)
    # The neighbour behind the same address looks up their own application.
    assert lookup.find_case(neighbour.number, "5678", nat) == neighbour
    # And the applicant does from elsewhere, with the code.
    assert lookup.find_case(case.number, code, "10.1.2.3") == case


def test_the_address_limit_holds_across_numbers(personas: Personas, settings: Any) -> None:
    case, _code = _submit(personas)
    settings.GONGKAI_LOOKUP_MAX_FAILURES = 3
    for n in range(3):
        lookup.find_case(f"瓯海财依申〔2025〕{900 + n}号", "1234", "10.3.3.3")
    with pytest.raises(lookup.Throttled):
        lookup.find_case(case.number, "5678", "10.3.3.3")
    assert lookup.find_case(case.number, "5678", "10.3.3.4") == case


def test_the_documented_defaults() -> None:
    from gongkai.site import settings as production

    per_address = (production.GONGKAI_LOOKUP_MAX_FAILURES, production.GONGKAI_LOOKUP_WINDOW_MINUTES)
    per_number = (
        production.GONGKAI_LOOKUP_NUMBER_MAX_FAILURES,
        production.GONGKAI_LOOKUP_NUMBER_WINDOW_MINUTES,
    )
    per_case = (
        production.GONGKAI_LOOKUP_PHONE_MAX_FAILURES,
        production.GONGKAI_LOOKUP_PHONE_WINDOW_MINUTES,
    )
    assert (per_address, per_number, per_case) == ((50, 60), (5, 15), (5, 30 * 24 * 60))
    account = (
        production.GONGKAI_LOGIN_ACCOUNT_MAX_FAILURES,
        production.GONGKAI_LOGIN_ACCOUNT_WINDOW_MINUTES,
    )
    assert account == (20, 60)


@pytest.mark.parametrize(
    "typed",
    [
        "{short}依申[{year}]{n}号",
        "{short}依申({year}){n}号",
        "{short}依申（{year}）{n}号",
        "{short}依申【{year}】{n}号",
        "{short}依申［{year}］{n}号",
        " {short} 依申 〔{year}〕 {n} 号 ",
        "{short}依申〔{wide}〕{n}号",
    ],
)
def test_the_tracking_number_is_found_whatever_brackets_are_typed(
    personas: Personas, typed: str
) -> None:
    case = online_case(personas.agency_a, dt.date(2025, 3, 3))
    year = case.number.split("〔")[1].split("〕")[0]
    n = case.number.split("〕")[1].rstrip("号")
    wide = "".join(chr(ord(c) + 0xFEE0) for c in year)  # full-width digits
    number = typed.format(short=personas.agency_a.short_name, year=year, n=n, wide=wide)
    assert lookup.find_case(number, "5678", "198.51.100.7") == case

"""Status lookup without an account: tracking number + a second factor (the portal and the API).

The second factor is the last four digits of the phone given in the application, or the lookup
code shown on the receipt page and sent by e-mail (``XXXXX-XXXXX``, 50 bits, any case; stored
hashed; ``actions.check_lookup_secret`` compares it). There is no enumeration: an unknown number
and a wrong factor give the same answer after the same work (an HMAC is computed and compared
against a stand-in case when the number is unknown), and every failure is counted once, keyed by
the number tried, for three limits (``agencies/throttle.py``; defaults in site/settings.py):

- ``LOOKUP``, per address, generous (50 an hour): many applicants share one address behind a
  NAT, and one of them mistyping cannot lock out the others;
- ``LOOKUP_NUMBER``, per address and number, strict (5 in 15 minutes): that number is refused to
  that address, whichever factor;
- ``LOOKUP_PHONE``, per number from any address (5 in 30 days): past it the phone digits (10,000
  possibilities) no longer open the case, only the lookup code does. The second factor cannot be
  exhausted by spreading guesses over many addresses.

The locks are keyed by the number as typed, whether a case has it or not: they tell nothing
about which numbers exist.

What the applicant may see is assembled here too (``public_view``): status, receipt and due
dates, the timeline in plain words without names or notes, and the letters served on them.
"""

from __future__ import annotations

import datetime as dt
import hmac
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from gongkai.agencies.throttle import LOOKUP, LOOKUP_NUMBER, LOOKUP_PHONE
from gongkai.cases import actions
from gongkai.cases.choices import CaseEventKind, Channel, Disclosure, LetterState, Status
from gongkai.cases.models import Case, CaseEvent, Letter, ReleasedItem

# A stand-in for an unknown number: the same HMAC work as a real case, never a match.
_NOBODY = Case(lookup_secret_hash="0" * 64, phone_last4="\0\0\0\0")


class Throttled(Exception):
    """Too many failed lookups from this address lately (or for this number from it)."""


def _matches(case: Case, factor: str, phone_open: bool) -> bool:
    # Both comparisons always run, in constant time, whichever factor was given; a case with
    # no code (registered by staff) costs the same HMAC as one with a code.
    by_secret = actions.check_lookup_secret(case if case.lookup_secret_hash else _NOBODY, factor)
    digits = factor if len(factor) == 4 and factor.isdigit() else "----"
    by_phone = hmac.compare_digest(case.phone_last4.encode(), digits.encode())
    return by_secret or (by_phone and phone_open)


# Whatever brackets the applicant types around the year (〔〕 [] () （） 【】 ［］, half or full
# width) and any spaces: the number as the platform writes it (tracking_number: 〔2025〕).
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "(": "〔", ")": "〕", "【": "〔", "】": "〕"})


def _clean(number: str) -> str:
    text = unicodedata.normalize("NFKC", number)  # full-width digits, brackets, spaces
    return "".join(text.split()).translate(_BRACKETS)[:40]


def find_case(number: str, factor: str, address: str) -> Case | None:
    """The case when number and factor match; None otherwise. ``Throttled`` past the address's
    limits (``phone_refused`` says when only the lookup code still opens the number)."""
    number, factor = _clean(number), factor.strip()[:64]
    if LOOKUP.is_locked(address=address) or LOOKUP_NUMBER.is_locked(key=number, address=address):
        raise Throttled
    phone_open = not LOOKUP_PHONE.is_locked(key=number)
    case = Case.objects.select_related("agency").filter(number=number).first() if number else None
    if _matches(case or _NOBODY, factor, phone_open) and case is not None:
        return case
    LOOKUP.record(key=number, address=address)
    return None


def phone_refused(number: str) -> bool:
    """Whether the phone digits no longer open this number (too many wrong factors for it)."""
    return LOOKUP_PHONE.is_locked(key=_clean(number))


# -- what the applicant sees ---------------------------------------------------------------


@dataclass(frozen=True)
class TimelineLine:
    on: dt.date
    text: str | Promise


@dataclass(frozen=True)
class PublicView:
    case: Case
    status: str
    channel: str
    timeline: list[TimelineLine]
    letters: list[Letter]
    released: list[ReleasedItem]  # the files the applicant may download (after service)
    published: list[ReleasedItem]  # published items the reply points at (索引号)
    # The clock as it truly stands: running, paused (补正, consultation — the consultee is not
    # named —, fee), extended, or restarted after a 补正; None once concluded.
    clock: str | None = None


def served_letters(case: Case) -> QuerySet[Letter]:
    # Not yet rendered is fine (the download renders it); a failed one waits for the office.
    return (
        case.letters.exclude(state=LetterState.FAILED)
        .filter(served_on__isnull=False)
        .order_by("served_on", "pk")
    )


def released_to_applicant(case: Case) -> QuerySet[ReleasedItem]:
    """The files the applicant may download: once the reply is served, the released copies —
    never an original (the unredacted PDF, the Word file) and never a withheld document."""
    if case.status != Status.SERVED:
        return ReleasedItem.objects.none()
    return case.released.filter(disclosure__in=[Disclosure.WHOLE, Disclosure.REDACTED]).exclude(
        file=""
    )


def published_pointers(case: Case) -> QuerySet[ReleasedItem]:
    if case.status != Status.SERVED:
        return ReleasedItem.objects.none()
    return case.released.filter(disclosure=Disclosure.PUBLISHED)


def public_view(case: Case) -> PublicView:
    # The applicant sees the kinds with a public wording; assignment, internal review, 协办 and
    # staff attachments stay inside the office.
    public = CaseEventKind.PUBLIC
    events = list(CaseEvent.objects.filter(case=case, kind__in=public).only("kind", "on", "at"))
    timeline = [
        TimelineLine(on=e.on or timezone.localdate(e.at), text=public[CaseEventKind(e.kind)])
        for e in events
    ]
    return PublicView(
        case=case,
        status=str(Status(case.status).label),
        channel=str(Channel(case.channel).label),
        timeline=timeline,
        letters=list(served_letters(case)),
        released=list(released_to_applicant(case)),
        published=list(published_pointers(case)),
        clock=_clock_state(case, {e.kind for e in events}),
    )


_PAUSED = {
    Status.AWAITING_CORRECTION: "paused_correction",
    Status.CONSULTING: "paused_consultation",
    Status.AWAITING_PAYMENT: "paused_fee",
}


def _clock_state(case: Case, kinds: set[str]) -> str | None:
    if case.status in _PAUSED:
        return _PAUSED[Status(case.status)]
    if case.status != Status.OPEN:
        return None
    if CaseEventKind.EXTENDED in kinds or CaseEventKind.OFFICE_DATE_SET in kinds:
        return "extended"
    if CaseEventKind.CORRECTION_RECEIVED in kinds:
        return "restarted"
    return "running"

"""Status lookup without an account: tracking number + a second factor (the portal and the API).

The second factor is the last four digits of the phone given in the application, or the lookup
code shown on the receipt page and sent by e-mail (stored hashed; ``actions.check_lookup_secret``
compares it). There is no enumeration: an unknown number and a wrong factor give the same answer
after the same work (an HMAC is computed and compared against a stand-in case when the number
is unknown), and every failure is counted by the ``LOOKUP`` limit (``agencies/throttle.py``): its
number of failures within its window refuse further lookups from that address.

What the applicant may see is assembled here too (``public_view``): status, receipt and due
dates, the timeline in plain words without names or notes, and the letters served on them.
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from gongkai.agencies.throttle import LOOKUP
from gongkai.cases import actions
from gongkai.cases.choices import CaseEventKind, Channel, LetterState, Status
from gongkai.cases.models import Case, CaseEvent, Letter

# A stand-in for an unknown number: the same HMAC work as a real case, never a match.
_NOBODY = Case(lookup_secret_hash="0" * 64, phone_last4="\0\0\0\0")


class Throttled(Exception):
    """Too many failed lookups from this address lately."""


def _matches(case: Case, factor: str) -> bool:
    # Both comparisons always run, in constant time, whichever factor was given; a case with
    # no code (registered by staff) costs the same HMAC as one with a code.
    by_secret = actions.check_lookup_secret(case if case.lookup_secret_hash else _NOBODY, factor)
    digits = factor if len(factor) == 4 and factor.isdigit() else "----"
    by_phone = hmac.compare_digest(case.phone_last4.encode(), digits.encode())
    return by_secret or by_phone


def find_case(number: str, factor: str, address: str) -> Case | None:
    """The case when number and factor match; None otherwise. ``Throttled`` past the limit."""
    if LOOKUP.is_locked(address=address):
        raise Throttled
    number, factor = number.strip()[:40], factor.strip()[:64]
    case = Case.objects.select_related("agency").filter(number=number).first() if number else None
    if _matches(case or _NOBODY, factor) and case is not None:
        return case
    LOOKUP.record(key=number, address=address)
    return None


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


def served_letters(case: Case) -> QuerySet[Letter]:
    # Not yet rendered is fine (the download renders it); a failed one waits for the office.
    return (
        case.letters.exclude(state=LetterState.FAILED)
        .filter(served_on__isnull=False)
        .order_by("served_on", "pk")
    )


def public_view(case: Case) -> PublicView:
    # The applicant sees the kinds with a public wording; assignment, internal review, 协办 and
    # staff attachments stay inside the office.
    public = CaseEventKind.PUBLIC
    events = CaseEvent.objects.filter(case=case, kind__in=public).only("kind", "on", "at")
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
    )

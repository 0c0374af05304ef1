"""内部检索单: the officer records where the office searched, with what terms, what it found.

A 3.4.1 answer (本机关不掌握, 条例第三十六条第四项) needs at least one (``decide`` checks it):
when the applicant challenges "not held", the search record is what shows the office looked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, actor_user
from gongkai.agencies.lifecycle import record_event
from gongkai.cases.actions._common import CaseError, _check, _date, _locked, _not_before, _today
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.models import Case, CaseEvent, SearchRecord

MAX_LINES = 50  # places or terms on one sheet
MAX_LINE = 200  # characters of one place or term
MAX_RESULT = 4000


def _clean_lines(lines: Sequence[str], field: str, message: str) -> list[str]:
    kept = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
    if not kept:
        raise CaseError({field: message}, code=field)
    if len(kept) > MAX_LINES or any(len(line) > MAX_LINE for line in kept):
        raise CaseError(
            {
                field: _("At most %(lines)s lines of %(chars)s characters each.")
                % {"lines": MAX_LINES, "chars": MAX_LINE}
            },
            code=f"{field}_too_long",
        )
    return kept


def record_search(
    *,
    actor: Actor,
    case: Case,
    searched_on: dt.date,
    places: Sequence[str],
    terms: Sequence[str],
    result: str,
    found: bool = False,
    today: dt.date | None = None,
) -> SearchRecord:
    """One search (内部检索单): places (archives, systems, departments), terms, what was found."""
    today = today or _today()
    places = _clean_lines(places, "places", _("Name where the office searched."))
    terms = _clean_lines(terms, "terms", _("Give the search terms used."))
    if not result.strip():
        raise CaseError({"result": _("Say what the search found.")}, code="result")
    if len(result) > MAX_RESULT:
        raise CaseError(
            {"result": _("At most %(n)s characters.") % {"n": MAX_RESULT}}, code="result_too_long"
        )
    user = actor_user(actor)
    if user is None:  # a search is a person's: the sheet names who searched
        raise PermissionDenied("a search is recorded by a member of staff")
    with transaction.atomic():
        case = _locked(case)
        _check(actor, case, "record_search", today)
        _date(searched_on, "searched_on", today)
        _not_before(searched_on, case.received_on, "searched_on")
        record = SearchRecord.objects.create(
            case=case,
            searched_on=searched_on,
            searched_by=user,
            places=places,
            terms=terms,
            result=result.strip(),
            found=found,
        )
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.SEARCH_RECORDED,
            before=case.status,
            after=case.status,
            on=searched_on,
            data={"places": "、".join(places), "terms": "、".join(terms), "found": found},
            case=case,
        )
    return record

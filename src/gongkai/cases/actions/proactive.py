"""纳入主动公开 (条例第四十四条): released information turned into a draft catalog item.

条例第四十四条: information several applicants ask for, or that an applicant suggests concerns the
public, may be brought into proactive disclosure. An officer of the handling agency turns a file
the reply provides into a DRAFT item of the catalog, which then goes through the catalog's own
review (``publications.actions``: submit, sign off, publish) — nothing is published here.

No personal data reaches the draft: its title and summary are the officer's, its only file is
the released copy (the redacted one after 区分处理, metadata scrubbed again), never the original
nor the applicant's name, request or identity. The link from the case to the draft is kept on
the case's side (the timeline's event names the item's id and 索引号); the catalog knows nothing
of the case.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Capability, actor_label, can
from gongkai.agencies.lifecycle import record_event
from gongkai.cases import convert, redact
from gongkai.cases.actions._common import CaseError, _locked, _today
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.choices import Disclosure
from gongkai.cases.models import CaseEvent, ReleasedItem
from gongkai.publications import actions as catalog
from gongkai.publications.access import can_draft
from gongkai.publications.models import Publication

MAX_TITLE = 300


def may_propose(actor: Actor, item: ReleasedItem) -> bool:
    """The handling agency's staff who may both handle its cases and draft its catalog."""
    agency = item.case.agency
    return can(actor, Capability.HANDLE_CASES, agency) and can_draft(actor, agency)


def proposable(item: ReleasedItem) -> bool:
    """A released file (whole or redacted) of a case already decided: what the public may have."""
    return (
        item.disclosure in {Disclosure.WHOLE, Disclosure.REDACTED}
        and bool(item.file)
        and item.content_type == convert.PDF
        and item.publication_id is None
        and bool(item.case.outcome)
    )


def drafts_of(case_id: int) -> dict[int, dict[str, object]]:
    """Released item id → the draft made of it (publication id and 索引号), from the timeline."""
    found: dict[int, dict[str, object]] = {}
    events = CaseEvent.objects.filter(case_id=case_id, kind=K.PROACTIVE_DRAFT).order_by("pk")
    for data in events.values_list("data", flat=True):
        if isinstance(data, dict) and isinstance(data.get("item"), int):
            found[data["item"]] = data
    return found


def propose_for_publication(
    *,
    actor: Actor,
    item: ReleasedItem,
    title: str,
    summary: str = "",
    today: dt.date | None = None,
) -> Publication:
    """A DRAFT catalog item of the handling agency holding the released copy of ``item``."""
    today = today or _today()
    case = item.case
    if not may_propose(actor, item):
        raise PermissionDenied(f"{actor_label(actor)} may not publish what {case} released")
    title = " ".join(title.split())
    if not title:
        raise CaseError({"title": _("Give the catalog item a title.")}, code="title")
    if len(title) > MAX_TITLE:
        raise CaseError({"title": _("The title is too long.")}, code="title")
    if not proposable(item):
        raise CaseError(
            _("Only a released PDF of a decided application can be proposed for publication."),
            code="not_released",
        )
    if item.pk in drafts_of(case.pk):
        raise CaseError(
            _("This file has already been proposed for publication."), code="already_proposed"
        )
    # The released copy only, its metadata scrubbed again (no author or producer names); read
    # and cleaned before the write transaction.
    with item.file.open("rb") as handle:
        content = redact.apply_redactions(bytes(handle.read()), [])
    with transaction.atomic():
        case = _locked(case)
        publication = catalog.create_draft(
            actor=actor,
            agency=case.agency,
            title=title,
            summary=summary.strip(),
            written_on=today,
        )
        catalog.add_attachment(
            actor=actor,
            publication=publication,
            name=f"{title[:150]}.pdf",
            content=content,
            content_type=convert.PDF,
        )
        if item.pk in drafts_of(case.pk):  # proposed meanwhile by a colleague
            raise CaseError(
                _("This file has already been proposed for publication."),
                code="already_proposed",
            )
        record_event(
            CaseEvent,
            actor=actor,
            kind=K.PROACTIVE_DRAFT,
            before=case.status,
            after=case.status,
            on=today,
            data={
                "name": item.name,
                "item": item.pk,
                "publication": publication.pk,
                "index_number": publication.index_number,
            },
            case=case,
        )
    return publication

"""What the decision provides (答复材料): files released whole, redacted or withheld, and
published items pointed at — added and removed while the application is handled; the decision
freezes the list into the reply letter (第三十六条, 第三十七条).

None of these changes the status, so they are not rows of the transition table: they are allowed
in ``transitions.RELEASE_EDITABLE`` to whoever handles the agency's cases.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Capability, Viewer, actor_label, actor_user, can
from gongkai.agencies.lifecycle import record_event
from gongkai.cases import convert, redact
from gongkai.cases.actions._common import CaseError, _locked, _today
from gongkai.cases.choices import CaseEventKind as K
from gongkai.cases.choices import Disclosure
from gongkai.cases.models import Case, CaseEvent, ReleasedItem, ReleaseDownload
from gongkai.cases.transitions import RELEASE_EDITABLE
from gongkai.core import outcomes
from gongkai.core.outcomes import WITHHOLDING_ROWS


def _editable(actor: Actor, case: Case) -> None:
    if not can(actor, Capability.HANDLE_CASES, case.agency):
        raise PermissionDenied(f"{actor_label(actor)} may not change what {case} releases")
    if case.status not in RELEASE_EDITABLE:
        raise CaseError(
            _("What is provided can only be changed before the decision."), code="transition"
        )


def _check_reason(disclosure: str, reason: str) -> None:
    if disclosure in {Disclosure.WITHHELD, Disclosure.REDACTED} and reason not in WITHHOLDING_ROWS:
        raise CaseError(
            {"reason": _("Choose the article under which it is withheld.")}, code="reason"
        )


def reason_article(reason: str, other_law: str = "") -> str:
    """The article the letter cites for a withholding row (第十四条, 第十五条, 第十六条…)."""
    if other_law.strip():
        return other_law.strip()
    if reason in WITHHOLDING_ROWS:
        return outcomes.get(reason).articles[0]
    return ""


def _record(actor: Actor, case: Case, kind: K, item: ReleasedItem, **extra: Any) -> None:
    record_event(
        CaseEvent,
        actor=actor,
        kind=kind,
        before=case.status,
        after=case.status,
        data={"name": item.name, "disclosure": item.disclosure, **extra},
        case=case,
    )


def add_released_file(
    *,
    actor: Actor,
    case: Case,
    upload: UploadedFile[Any],
    disclosure: Disclosure | str = Disclosure.WHOLE,
    reason: str = "",
    other_law: str = "",
    name: str = "",
    today: dt.date | None = None,
) -> tuple[ReleasedItem, str]:
    """A file provided whole (converted to PDF where possible) or withheld with its article.

    Returns the item and a note for the officer ("" or why it was not converted). A redacted
    copy is made from a whole PDF by ``redact_item``, never uploaded as such.
    """
    today = today or _today()
    if disclosure not in {Disclosure.WHOLE, Disclosure.WITHHELD}:
        raise CaseError({"disclosure": _("Choose one of the options.")})
    _check_reason(disclosure, reason)
    filename = (upload.name or "file")[-200:]
    if (upload.size or 0) > settings.GONGKAI_UPLOAD_MAX_MB * 1024 * 1024:
        raise CaseError(
            {
                "file": _("%(name)s is larger than %(limit)s MB.")
                % {"name": filename, "limit": settings.GONGKAI_UPLOAD_MAX_MB}
            },
            code="file_size",
        )
    upload.seek(0)
    content = upload.read()
    content_type = convert.content_type_of(filename, content[:16])
    if content_type is None:
        raise CaseError(
            {
                "file": _("%(name)s: only PDF, Word, Excel, JPEG or PNG files are accepted.")
                % {"name": filename}
            },
            code="file_type",
        )
    title = (name.strip() or filename.rsplit(".", 1)[0])[:200]
    note = ""
    with transaction.atomic():
        case = _locked(case)
        _editable(actor, case)
        item = ReleasedItem(
            case=case,
            disclosure=disclosure,
            name=title,
            reason=reason if disclosure == Disclosure.WITHHELD else "",
            other_law=other_law.strip()[:200] if disclosure == Disclosure.WITHHELD else "",
            added_by=actor_user(actor),
            original_name=filename,
        )
        token = secrets.token_hex(8)
        suffix = filename[filename.rfind(".") :].lower()
        item.original.save(f"{token}-original{suffix}", ContentFile(content), save=False)
        if disclosure == Disclosure.WHOLE:
            released = convert.to_pdf(filename, content_type, content)
            note = released.note
            item.file.save(f"{token}{released.suffix}", ContentFile(released.content), save=False)
            item.content_type = released.content_type
            item.size = len(released.content)
            if released.content_type == convert.PDF:
                item.pages = convert.page_count(released.content)
        item.save()
        _record(actor, case, K.RELEASE_ADDED, item)
    return item, note


def link_publication(
    *, actor: Actor, case: Case, publication: Any, today: dt.date | None = None
) -> ReleasedItem:
    """第三十六条第一项 / 3.2: the information is already published — point at it by 索引号."""
    if getattr(publication, "status", "") != "published":
        raise CaseError(
            {"publication": _("Only a published item can be pointed at.")}, code="publication"
        )
    with transaction.atomic():
        case = _locked(case)
        _editable(actor, case)
        item = ReleasedItem.objects.create(
            case=case,
            disclosure=Disclosure.PUBLISHED,
            name=publication.title[:200],
            publication=publication,
            index_number=publication.index_number,
            added_by=actor_user(actor),
        )
        _record(actor, case, K.RELEASE_ADDED, item, index_number=item.index_number)
    return item


def remove_released(*, actor: Actor, item: ReleasedItem, today: dt.date | None = None) -> None:
    with transaction.atomic():
        case = _locked(item.case)
        _editable(actor, case)
        _record(actor, case, K.RELEASE_REMOVED, item)
        files = [(f.storage, f.name) for f in (item.file, item.original) if f and f.name]
        item.delete()

        def delete_files() -> None:
            for storage, stored in files:
                storage.delete(str(stored))

        transaction.on_commit(delete_files)


def redact_item(
    *,
    actor: Actor,
    item: ReleasedItem,
    boxes: Sequence[redact.Box],
    today: dt.date | None = None,
) -> ReleasedItem:
    """区分处理 (第三十七条): a new released copy with the content under ``boxes`` removed.

    The boxes apply to the current released copy (a second pass adds to the first); the
    original stays private and untouched. Each box joins the redaction log (what, where, which
    article, who, when), which the reply letter's statement of reasons and the timeline read.
    """
    if not boxes:
        raise CaseError({"boxes": _("Mark at least one area to remove.")}, code="boxes")
    for box in boxes:
        _check_reason(Disclosure.REDACTED, box.reason)
    with transaction.atomic():
        case = _locked(item.case)
        _editable(actor, case)
        item = ReleasedItem.objects.select_for_update().get(pk=item.pk)
        if item.disclosure not in {Disclosure.WHOLE, Disclosure.REDACTED} or (
            item.content_type != convert.PDF
        ):
            raise CaseError(
                {"boxes": _("Only a PDF released to the applicant can be redacted.")},
                code="not_pdf",
            )
        with item.file.open("rb") as handle:
            source = handle.read()
        try:
            redacted = redact.apply_redactions(source, boxes)
        except (redact.NotAPdf, ValueError) as exc:
            raise CaseError({"boxes": str(exc)}, code="boxes") from exc
        previous = (item.file.storage, str(item.file.name))
        item.file.save(f"{secrets.token_hex(8)}-redacted.pdf", ContentFile(redacted), save=False)
        item.size = len(redacted)
        item.disclosure = Disclosure.REDACTED
        by, at = actor_label(actor), timezone.now().isoformat(timespec="seconds")
        item.redactions = [
            *item.redactions,
            *(
                {
                    **box.as_dict(),
                    "article": reason_article(box.reason),
                    "by": by,
                    "at": at,
                }
                for box in boxes
            ),
        ]
        item.save()
        _record(
            actor,
            case,
            K.REDACTED,
            item,
            boxes=len(boxes),
            articles=sorted({reason_article(box.reason) for box in boxes}),
        )
        transaction.on_commit(lambda: previous[0].delete(previous[1]))
    return item


def record_download(*, actor: Viewer, item: ReleasedItem, channel: str = "web") -> ReleaseDownload:
    """Each download by the applicant is kept; the first of each file is on the timeline.

    The caller has checked that ``actor`` may have it (``lookup.released_to_applicant``).
    """
    user = actor_user(actor)
    with transaction.atomic():
        first = not item.downloads.exists()
        download = ReleaseDownload.objects.create(
            item=item, by_user=user if user is not None and user.pk else None, channel=channel
        )
        case = item.case
        from gongkai.cases.actions.service import delivered_by_download

        delivered_by_download(case, timezone.localdate())
        if first:
            record_event(
                CaseEvent,
                actor=actor,
                kind=K.RELEASE_DOWNLOADED,
                before=case.status,
                after=case.status,
                data={"name": item.name, "channel": channel},
                case=case,
            )
    return download


def released_facts(case: Case) -> list[dict[str, Any]]:
    """What the reply letter lists (frozen into ``Letter.data["released"]`` at the decision)."""
    facts = []
    for item in case.released.all():
        facts.append(
            {
                "name": item.name,
                "disclosure": item.disclosure,
                "pages": item.pages,
                "format": "PDF" if item.content_type == convert.PDF else "",
                "article": reason_article(item.reason, item.other_law),
                "index_number": item.index_number,
                "removed": sorted(
                    {str(r.get("article", "")) for r in item.redactions if r.get("article")}
                ),
            }
        )
    return facts

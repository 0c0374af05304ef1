"""政府公报: compose an issue (year, number, contents under section headings), its PDF, publish.

条例第二十四条: the 政府公报 is one of the channels of proactive disclosure. An issue lists
items already published in the catalog (a gazette re-publishes, it never discloses first); its
PDF is the one uploaded, or generated from the contents at publication (WeasyPrint and the
bundled font, as the other documents of the platform).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, actor_user
from gongkai.agencies.lifecycle import TransitionRefused, record_event
from gongkai.agencies.models import Agency
from gongkai.agencies.params import FIRST_YEAR, LAST_YEAR, MAX_ID
from gongkai.core.deadlines.result import cn
from gongkai.publications.access import public_publications
from gongkai.publications.models import Publication
from gongkai.publications.models.gazette import (
    GazetteEntry,
    GazetteEvent,
    GazetteEventKind,
    GazetteIssue,
)
from gongkai.publications.participation_transitions import GAZETTE_TABLE as TABLE

K = GazetteEventKind
MAX_PDF = 50 * 1024 * 1024
MAX_ENTRIES = 200


def _lock(issue: GazetteIssue) -> GazetteIssue:
    return GazetteIssue.objects.select_for_update().select_related("agency").get(pk=issue.pk)


def _event(issue: GazetteIssue, actor: Actor, kind: str, before: str, **data: object) -> None:
    record_event(
        GazetteEvent, actor=actor, kind=kind, before=before, after=issue.status, data=data,
        issue=issue,
    )  # fmt: skip


def next_number(agency: Agency, year: int) -> int:
    last = GazetteIssue.objects.filter(agency=agency, year=year).aggregate(n=Max("number"))["n"]
    return int(last or 0) + 1


@transaction.atomic
def create_issue(
    *, actor: Actor, agency: Agency, year: int, number: int | None = None
) -> GazetteIssue:
    issue = GazetteIssue(agency=agency, year=year, created_by=actor_user(actor))
    TABLE.check(actor, issue, "edit", timezone.localdate())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("The year must be from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    issue.number = number or next_number(agency, year)
    if GazetteIssue.objects.filter(agency=agency, year=year, number=issue.number).exists():
        raise ValidationError(_("%(label)s already exists.") % {"label": issue.label})
    issue.save()
    _event(issue, actor, K.CREATED, "")
    return issue


def _id(item: Publication | int | str) -> int:
    """An item's id; one that no table can hold (an SQLite integer is 64 bits) is refused."""
    try:
        pk = item.pk if isinstance(item, Publication) else int(item)
    except (TypeError, ValueError):
        pk = 0
    if not 1 <= pk <= MAX_ID:
        raise ValidationError(
            _("Only published documents can be included; these numbers cannot be used: %(ids)s")
            % {"ids": item}
        )
    return int(pk)


@transaction.atomic
def set_contents(
    *, actor: Actor, issue: GazetteIssue, entries: Sequence[tuple[str, Publication | int]]
) -> GazetteIssue:
    """The contents, in order: (section heading, item); only items the public can read."""
    issue = _lock(issue)
    TABLE.check(actor, issue, "edit", timezone.localdate())
    if len(entries) > MAX_ENTRIES:
        raise ValidationError(
            _("An issue of the gazette holds at most %(n)d documents.") % {"n": MAX_ENTRIES}
        )
    ids = [_id(p) for _s, p in entries]
    public = set(public_publications().filter(pk__in=ids).values_list("pk", flat=True))
    missing = [str(i) for i in ids if i not in public]
    if missing:
        raise ValidationError(
            _("Only published documents can be included; these numbers cannot be used: %(ids)s")
            % {"ids": "、".join(missing)}
        )
    sections = [section.strip() for section, _p in entries]
    if any(not s or len(s) > 50 for s in sections):
        raise ValidationError(_("Every document needs a section name (at most 50 characters)."))
    issue.entries.all().delete()
    GazetteEntry.objects.bulk_create(
        GazetteEntry(issue=issue, position=i, section=s, publication_id=pk)
        for i, (s, pk) in enumerate(zip(sections, ids, strict=True), start=1)
    )
    if issue.pdf_generated and issue.pdf:
        issue.pdf.delete(save=False)  # generated from the old contents: made again on publish
        issue.pdf_generated = False
    issue.save()
    _event(issue, actor, K.EDITED, issue.status, entries=len(ids))
    return issue


def render_pdf(issue: GazetteIssue) -> bytes:
    """The issue's cover and contents as a PDF (the documents' own layout and font)."""
    from weasyprint import HTML

    from gongkai.core.report.render.pdf import font_path

    entries = issue.entries.filter(publication__in=public_publications()).select_related(
        "publication", "publication__agency"
    )  # an item withdrawn since it was filed is left out
    sections: list[tuple[str, list[Publication]]] = []
    for entry in entries:
        if not sections or sections[-1][0] != entry.section:
            sections.append((entry.section, []))
        sections[-1][1].append(entry.publication)
    html = render_to_string(
        "publications/gazette.html",
        {
            "issue": issue,
            "sections": sections,
            "date": cn(issue.published_on or timezone.localdate()),
            "font_uri": font_path().as_uri(),
        },
    )
    return bytes(HTML(string=html).write_pdf())


@transaction.atomic
def upload_pdf(*, actor: Actor, issue: GazetteIssue, name: str, content: bytes) -> GazetteIssue:
    issue = _lock(issue)
    TABLE.check(actor, issue, "edit", timezone.localdate())
    if not content.startswith(b"%PDF-") or len(content) > MAX_PDF:
        raise ValidationError(_("Please upload a PDF file of at most 50 MB."))
    issue.pdf.save(f"{issue.year}-{issue.number:02d}.pdf", ContentFile(content), save=False)
    issue.pdf_generated = False
    issue.save()
    _event(issue, actor, K.PDF, issue.status, name=name[:200])
    return issue


def publish_issue(*, actor: Actor, issue: GazetteIssue, on: dt.date | None = None) -> GazetteIssue:
    """Publish on ``on`` (today, or an earlier day for an issue entered late).

    The PDF (when none was uploaded) is rendered first, outside any transaction: WeasyPrint
    takes seconds and would hold SQLite's write lock. The short transaction then checks that the
    issue is still the one rendered (contents, PDF, status untouched meanwhile), or refuses with
    "no longer possible" and writes nothing.
    """
    today = timezone.localdate()
    read = GazetteIssue.objects.select_related("agency").get(pk=issue.pk)
    TABLE.check(actor, read, "publish", today)
    on = on or today
    if on > today or on.year != read.year:
        raise ValidationError(
            _("The publication date must be within the issue year and not later than today.")
        )
    rendered: bytes | None = None
    if not read.pdf:
        read.published_on = on  # the date printed on the cover
        rendered = render_pdf(read)
    with transaction.atomic():
        issue = _lock(issue)
        before = TABLE.check(actor, issue, "publish", today).apply(issue)
        if (issue.updated_at, issue.pdf.name) != (read.updated_at, read.pdf.name):
            raise TransitionRefused(
                _("Publishing is no longer possible: the issue has changed meanwhile."),
                code="changed",
            )
        issue.published_on = on
        if rendered is not None:
            name = f"{issue.year}-{issue.number:02d}.pdf"
            issue.pdf.save(name, ContentFile(rendered), save=False)
            issue.pdf_generated = True
        issue.save()
        _event(issue, actor, K.PUBLISHED, before)
    return issue

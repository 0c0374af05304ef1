"""A case's letter turned into ``core.letters`` data, rendered to DOCX and PDF, and stored.

The facts a letter states are frozen into ``Letter.data`` when the action issues it (what the
officer decided that day); the case supplies the rest (applicant, receipt, deadline) as it
stands when the worker renders it, and the agency its header, seal and remedy bodies.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from gongkai.agencies.choices import GOVERNMENTS
from gongkai.agencies.models import Agency
from gongkai.cases.choices import ApplicantType, LetterState
from gongkai.cases.models import Case, Letter, LetterTemplate
from gongkai.core import deadlines as d
from gongkai.core import letters as core

_CHANNELS = {channel.value: channel for channel in d.Channel}


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def reconsideration_body(agency: Agency) -> str:
    """The agency's setting, else the government above it (since the 2023 行政复议法 revision
    the same-level people's government for a department; the next government up for a
    government)."""
    if agency.reconsideration_body:
        return agency.reconsideration_body
    parent = agency.parent
    while parent is not None and parent.kind not in GOVERNMENTS:
        parent = parent.parent
    return parent.name if parent is not None else ""


def letter_data(letter: Letter) -> core.LetterData:
    case: Case = letter.case
    agency = case.agency
    facts: dict[str, Any] = dict(letter.data)
    seal = None
    if agency.seal_image:
        with agency.seal_image.open("rb") as handle:
            seal = handle.read()
    correction = getattr(case, "correction", None)
    extension = getattr(case, "extension", None)
    fee = getattr(case, "fee", None)
    consultee = str(facts.get("consultee", ""))
    respond_by = None
    if letter.kind in {
        core.LetterKind.THIRD_PARTY_CONSULTATION,
        core.LetterKind.CO_PRODUCER_CONSULTATION,
    }:
        from gongkai.agencies.queries import calendar_for

        calendar = calendar_for(letter.issued_on)
        # 第三十二条 / 第三十四条: 15 working days from receiving the letter.
        respond_by = calendar.add_workdays(letter.issued_on, d.CONSULTATION_WORKDAYS)
    respond_by = _date(facts.get("respond_by")) or respond_by
    articles = tuple(facts.get("articles", ()))
    outcome = str(facts.get("outcome", ""))
    if outcome:
        from gongkai.core import outcomes

        # The outcome's own articles are cited by compose(); pass only what the officer added.
        own = set(outcomes.get(outcome).articles)
        articles = tuple(a for a in articles if a not in own)
    return core.LetterData(
        agency=agency.letter_header or agency.name,
        issue_date=letter.issued_on,
        number=letter.number,
        agency_address=agency.address,
        agency_phone=agency.phone,
        seal_png=seal,
        applicant=case.applicant_name,
        organisation=case.applicant_type != ApplicantType.NATURAL,
        case_number=case.number,
        received=case.received_on,
        channel=core.CHANNEL_WORDING[_CHANNELS[case.channel]],
        request=case.description,
        due_date=case.due_on,
        outcome=outcome,
        reasons=_reasons(letter, facts, extension),
        articles=articles,
        correction_date=correction.requested_on if correction else None,
        fee_notice_date=fee.notice_on if fee else None,
        new_due_date=_date(facts.get("new_due")) or (case.due_on if extension else None),
        extension_days=extension.workdays if extension else None,
        correction_items=tuple(facts.get("items", ())),
        correction_deadline=_date(facts.get("deadline")),
        consultee=consultee,
        respond_by=respond_by,
        fee_basis=core.FeeBasis(facts["basis"]) if facts.get("basis") else None,
        fee_amount=Decimal(facts["amount"]) if facts.get("amount") is not None else None,
        fee_breakdown=str(facts.get("explanation", "")),
        payment_due=_date(facts.get("pay_by")),
        payment_method=str(facts.get("payment_method", "")),
        provision=str(facts.get("provision", "")),
        published_at=str(facts.get("published_at", "")),
        released=tuple(
            core.Released(**{**entry, "removed": tuple(entry.get("removed", ()))})
            for entry in facts.get("released", ())
        ),
        reconsideration_body=reconsideration_body(agency),
    )


def _reasons(letter: Letter, facts: dict[str, Any], extension: Any) -> str:
    """The letter's statement of reasons: the officer's ``reasons`` (decisions), else the
    ``reason`` the action froze (the head's written reason for an extension, 第三十三条第二款:
    "经…负责人同意" states why), else a ``note``."""
    text = str(facts.get("reasons", "") or facts.get("reason", "") or facts.get("note", ""))
    if not text and letter.kind == core.LetterKind.EXTENSION and extension is not None:
        text = extension.reason  # letters issued before the reason was frozen into the facts
    return text


def render_letter(letter: Letter) -> Letter:
    """Compose, render both files, store them; raises on bad data (the task records it)."""
    from gongkai.core.letters.docx import render_docx
    from gongkai.core.letters.pdf import render_pdf

    kind = core.LetterKind(letter.kind)
    composed = core.compose(kind, letter_data(letter))
    custom = LetterTemplate.objects.filter(agency=letter.case.agency, kind=letter.kind).first()
    template = custom.file.read() if custom else None
    docx = render_docx(composed, template)
    pdf = render_pdf(composed)
    stem = f"{letter.case.number}-{letter.kind}-{letter.pk}"
    letter.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    letter.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    letter.state = LetterState.READY
    letter.error = ""
    letter.save(update_fields=["docx", "pdf", "state", "error"])
    return letter


_on_demand = contextvars.ContextVar("gongkai_letters_on_demand", default=False)


@contextmanager
def rendered_on_demand() -> Iterator[None]:
    """Issue letters without queueing their rendering (bulk imports, the demo's history):
    each is rendered when someone first downloads it (``ensure_rendered``)."""
    token = _on_demand.set(True)
    try:
        yield
    finally:
        _on_demand.reset(token)


def queue_rendering() -> bool:
    return not _on_demand.get()


class LetterUnavailable(Exception):
    """The letter's files could not be rendered (the error is recorded on the letter)."""


def ensure_rendered(letter: Letter) -> Letter:
    """The letter with its files, rendering it now if the worker has not (yet) done so.

    Every download goes through here, so a letter issued in bulk (``rendered_on_demand``) or
    still waiting for the worker is rendered on the spot rather than missing."""
    if letter.state == LetterState.READY and letter.docx and letter.pdf:
        return letter
    try:
        return render_letter(letter)
    except Exception as exc:  # any failure is recorded and shown to the officer, who retries
        Letter.objects.filter(pk=letter.pk).update(state=LetterState.FAILED, error=str(exc)[:2000])
        raise LetterUnavailable(str(exc)) from exc

"""The annual report's workflow: draft → reviewed → published (the only place that changes it).

Each action takes a keyword-only ``actor``, checks ``transitions.TABLE`` (the right in the
report's agency: ``EDIT_REPORTS`` to recompute and edit; ``REVIEW_REPORTS`` to mark reviewed —
someone other than its last editor; ``PUBLISH_REPORTS`` to publish) and applies its target
status; drafting and import need ``EDIT_REPORTS``. Each runs in a transaction and appends a
``ReportEvent`` through ``lifecycle.record_event``. Publishing freezes the numbers
(``snapshot``) and stores the renders (HTML, DOCX, PDF, XLSX, JSON), rendered before its short
transaction so no writer waits on them; a published report never
changes (条例第五十条: the report is published by 31 January for a department, 31 March for a
government).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Capability, actor_label, actor_user, require
from gongkai.agencies.lifecycle import Transition, TransitionRefused, record_event
from gongkai.agencies.models import Agency
from gongkai.annual_reports import queries, submissions
from gongkai.annual_reports.choices import (
    DOCUMENT_KINDS,
    NARRATIVE_SECTIONS,
    EventKind,
    FileKind,
    Source,
    Status,
)
from gongkai.annual_reports.models import AnnualReport, NarrativeVersion, ReportEvent, ReportFile
from gongkai.annual_reports.transitions import TABLE
from gongkai.core.reader import read_text
from gongkai.core.reader.rows import Finding as ReaderFinding
from gongkai.core.report import charts, narrative
from gongkai.core.report.checks import check
from gongkai.core.report.compute import CarryOverError
from gongkai.core.report.formats import first_reporting_year
from gongkai.core.report.model import Report, ReportError
from gongkai.core.report.render import render

log = logging.getLogger(__name__)


class AnnualReportError(ValidationError):
    """A step not possible now, or bad input; nothing was written."""


class StepRefused(AnnualReportError, TransitionRefused):
    """The transition table refuses the step now (both an AnnualReportError and a refusal)."""


def _today() -> dt.date:
    return timezone.localdate()


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)


def _step(actor: Actor, report: AnnualReport, action: str) -> Transition[AnnualReport]:
    """The table's transition for ``action`` now; PermissionDenied or StepRefused."""
    try:
        return TABLE.check(actor, report, action, _today())
    except TransitionRefused as exc:
        if report.status == Status.PUBLISHED:
            raise StepRefused(
                _("The report for %(year)s is published and can no longer change.")
                % {"year": report.year},
                code="published",
            ) from exc
        raise StepRefused(exc.messages, code="status") from exc


def _apply_edit(actor: Actor, report: AnnualReport, edit: Transition[AnnualReport]) -> None:
    """An edit (text, or numbers that changed): the table's target, draft; the review lapses."""
    if edit.apply(report) == Status.REVIEWED:
        report.reviewed_by = None
        report.reviewed_at = None
    report.edited_by = actor_user(actor)


def _findings(report: Report, agency: Agency, units: list[int]) -> list[dict[str, Any]]:
    previous = queries.previous_report(agency, report.year, units or None)
    return [f.to_dict() for f in check(report, previous)]


def _compute(agency: Agency, year: int, units: list[int], texts: dict[str, str]) -> Report:
    try:
        return queries.compute(agency, year, units=units or None, narrative_texts=texts)
    except CarryOverError as exc:
        raise AnnualReportError(str(exc), code="carry_over") from exc


def _count(
    agency: Agency, year: int, units: list[int], texts: dict[str, str]
) -> tuple[Report, list[dict[str, Any]]]:
    """The report counted from the records, and its findings: reads only, so the actions run it
    before their write transaction (on SQLite a transaction holds the write lock throughout)."""
    computed = _compute(agency, year, units, texts)
    return computed, _findings(computed, agency, units)


def _store(report: AnnualReport, counted: tuple[Report, list[dict[str, Any]]]) -> None:
    computed, findings = counted
    report.data = computed.to_dict()
    report.format_key = computed.format
    report.findings = findings


def create_draft(
    *,
    actor: Actor,
    agency: Agency,
    year: int,
    units: Iterable[Agency | int] | None = None,
    rollup: bool = False,
    today: dt.date | None = None,
) -> AnnualReport:
    """Compute a first draft of ``agency``'s report for ``year``.

    ``rollup`` counts the agency's whole subtree (a government's report); ``units`` chooses the
    units instead. Without either, the agency's own records.
    """
    today = today or _today()
    require(actor, Capability.EDIT_REPORTS, agency)
    if year > today.year or year < first_reporting_year():
        raise AnnualReportError(
            {
                "year": _("Choose a year from %(first)d to this year.")
                % {"first": first_reporting_year()}
            }
        )
    if units is not None:
        unit_ids = sorted({u.pk if isinstance(u, Agency) else int(u) for u in units})
    elif rollup:
        unit_ids = queries.rollup_units(agency)
    else:
        unit_ids = []
    exists = AnnualReportError(
        _("There is already a report of %(agency)s for %(year)s.")
        % {"agency": agency.name, "year": year},
        code="exists",
    )
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        raise exists
    counted = _count(agency, year, unit_ids, {})
    with transaction.atomic():
        if AnnualReport.objects.filter(agency=agency, year=year).exists():
            raise exists  # drafted by someone else meanwhile
        report = AnnualReport(agency=agency, year=year, units=unit_ids, edited_by=actor_user(actor))
        _store(report, counted)
        report.save()
        record_event(
            ReportEvent,
            actor=actor,
            kind=EventKind.DRAFTED,
            after=report.status,
            data={"units": unit_ids},
            report=report,
        )
    return report


def recompute(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """Count again from the records (the office's narrative edits are kept). A reviewed report
    goes back to draft when a number changed: what is published must be what was reviewed.

    The counting runs before the write transaction; a text edited meanwhile is counted again
    under the lock (rare), so no edit is lost."""
    report = AnnualReport.objects.select_related("agency").get(pk=report.pk)
    _step(actor, report, "recompute")
    texts = queries.latest_narrative(report)
    counted = _count(report.agency, report.year, list(report.units), texts)
    with transaction.atomic():
        report = _locked(report)
        _step(actor, report, "recompute")
        before = report.status
        old = report.data
        if queries.latest_narrative(report) != texts:
            texts = queries.latest_narrative(report)
            counted = _count(report.agency, report.year, list(report.units), texts)
        _store(report, counted)
        changed = report.data != old
        if changed:
            # Numbers that changed are an edit: a reviewed report goes back to draft.
            _apply_edit(actor, report, TABLE["edit"])
        report.save()
        record_event(
            ReportEvent,
            actor=actor,
            kind=EventKind.RECOMPUTED,
            before=before,
            after=report.status,
            data={"changed": changed},
            report=report,
        )
    return report


def edit_narrative(
    *, actor: Actor, report: AnnualReport, section: str, text: str
) -> NarrativeVersion:
    """A new version of one prose section (the earlier versions are kept)."""
    if section not in NARRATIVE_SECTIONS:
        raise AnnualReportError({"section": _("Choose one of the options.")})
    text = text.strip()
    if not text:
        raise AnnualReportError({"text": _("The section cannot be empty.")})
    with transaction.atomic():
        report = _locked(report)
        transition = _step(actor, report, "edit")
        before = report.status
        last = report.narrative_versions.filter(section=section).order_by("-number").first()
        version = NarrativeVersion.objects.create(
            report=report,
            section=section,
            number=(last.number + 1) if last else 1,
            text=text,
            author=actor_user(actor),
            author_label=actor_label(actor),
        )
        data = dict(report.data)
        data["narrative"] = {**data.get("narrative", {}), section: text}
        report.data = data
        _apply_edit(actor, report, transition)
        report.save()
        record_event(
            ReportEvent,
            actor=actor,
            kind=EventKind.NARRATIVE_EDITED,
            before=before,
            after=report.status,
            data={"section": section, "version": version.number},
            report=report,
        )
    return version


def import_prior_year(
    *,
    actor: Actor,
    agency: Agency,
    json: str | bytes | None = None,
    text: str | None = None,
    year: int | None = None,
) -> AnnualReport:
    """Last year's *published* report brought onto the platform (the migration path).

    Give its JSON (``gongkai/annual-report@1``) or its published text or HTML, which the reader
    reads; the prose sections are taken from the text as published (a section the text lacks
    says so: ``narrative.IMPORTED_MISSING``). Its row ``4`` becomes the first platform year's
    row ``2`` (``carry.continuity``).
    """
    require(actor, Capability.EDIT_REPORTS, agency)
    if (json is None) == (text is None):
        raise AnnualReportError(_("Give the report's JSON or its published text."))
    said: list[dict[str, Any]] = []  # what the reader says of the text, kept with the checks
    if json is not None:
        try:
            report = Report.from_json(json)
        except (ReportError, ValueError) as exc:
            raise AnnualReportError(
                _("Not a valid report: %(error)s") % {"error": exc}, code="invalid"
            ) from exc
    else:
        assert text is not None
        reading = read_text(text)
        if reading.report is None:
            raise AnnualReportError(
                _("The text could not be read as an annual report."), code="unreadable"
            )
        report = reading.report
        said = [_reader_finding(f) for f in reading.findings]
        # The prose as published (一, 五, 六 and the opening): the tables alone leave 一 empty.
        plain = reading.text if text.lstrip().startswith("<") else text
        report.extra["narrative"] = narrative.sections_from_text(plain)
    texts = dict(report.extra.get("narrative") or {})
    for section in narrative.SECTION_TITLES:
        if not str(texts.get(section) or "").strip():
            texts[section] = narrative.IMPORTED_MISSING  # marked, never silently empty
    report.extra["narrative"] = texts
    if year is not None and report.year != year:
        raise AnnualReportError(
            _("The report is for %(found)s, not %(year)s.") % {"found": report.year, "year": year},
            code="year",
        )
    if not report.applications or "4" not in report.applications:
        raise AnnualReportError(
            _("The report has no row 4 (carried forward) to carry over."), code="no_carry"
        )
    with transaction.atomic():
        if AnnualReport.objects.filter(agency=agency, year=report.year).exists():
            raise AnnualReportError(
                _("There is already a report of %(agency)s for %(year)s.")
                % {"agency": agency.name, "year": report.year},
                code="exists",
            )
        data = report.to_dict()
        record = AnnualReport(
            agency=agency,
            year=report.year,
            format_key=report.format,
            source=Source.IMPORTED,
            status=Status.PUBLISHED,
            data=data,
            snapshot=data,
            findings=said + [f.to_dict() for f in check(report)],
            imported_text=text or "",
            edited_by=actor_user(actor),
        )
        record.save()
        record_event(
            ReportEvent,
            actor=actor,
            kind=EventKind.IMPORTED,
            after=record.status,
            data={"from": "text" if text is not None else "json"},
            report=record,
        )
    return record


def _reader_finding(finding: ReaderFinding) -> dict[str, Any]:
    """A reader finding in the shape of a check finding (what the console's table shows): a
    warning, its ``raw`` text (what the text prints there, unread) as the printed value.

    Kept for good: an imported report is the published text, never recomputed (``transitions``:
    ``recompute`` and ``edit`` are only for computed reports, and a published report is frozen),
    so nothing re-checks it and drops these. Were it ever re-checked, they should survive: they
    say what the imported text (``imported_text``, unchanged) does not decide, which no check of
    the numbers can say again."""
    return {
        "code": finding.code,
        "level": "warning",
        "where": finding.where,
        "expected": None,
        "actual": finding.raw,
        "message": finding.message,
        "message_en": finding.message_en,
    }


def mark_reviewed(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """Cleared for publication, by someone other than its last editor; no failing check."""
    with transaction.atomic():
        report = _locked(report)
        transition = _step(actor, report, "review")
        user = actor_user(actor)
        if user is not None and report.edited_by_id == user.pk:
            raise AnnualReportError(
                _("The report must be reviewed by someone other than its editor."),
                code="same_person",
            )
        if any(f.get("level") == "error" for f in report.findings):
            raise AnnualReportError(_("The report fails a check."), code="checks")
        before = transition.apply(report)
        report.reviewed_by = user
        report.reviewed_at = timezone.now()
        report.save()
        record_event(
            ReportEvent,
            actor=actor,
            kind=EventKind.REVIEWED,
            before=before,
            after=report.status,
            report=report,
        )
    return report


def placeholders(report: AnnualReport) -> list[str]:
    """The 【…】 placeholders the prose still has (publishing waits until there are none)."""
    texts = report.data.get("narrative", {})
    return [
        p for section in NARRATIVE_SECTIONS for p in narrative.placeholders(texts.get(section, ""))
    ]


def publish(
    *, actor: Actor, report: AnnualReport, allow_placeholders: bool = False
) -> AnnualReport:
    """Freeze the reviewed report and store it rendered as HTML, DOCX, PDF, XLSX and JSON, with
    its charts (图解: outcomes, and this year against last year) as SVG.

    Rendering takes seconds, so it runs outside any transaction (no writer waits on it), from
    the numbers as read; then one short transaction checks that the report is still that
    reviewed report, stores the files and the snapshot and publishes. A report that changed
    meanwhile (edited, recomputed, published by someone else) is refused with "no longer
    possible" and the files rendered for it are removed; a render that fails writes nothing.
    """
    report = AnnualReport.objects.select_related("agency").get(pk=report.pk)
    _step(actor, report, "publish")
    left = placeholders(report)
    if left and not allow_placeholders:
        raise AnnualReportError(
            _("The text still has placeholders to fill in: %(list)s")
            % {"list": "、".join(left[:5])},
            code="placeholders",
        )
    read = report.data
    frozen = Report.from_dict(read)
    previous = queries.previous_report(report.agency, report.year, list(report.units) or None)
    outputs = {kind.value: render(frozen, kind.value) for kind in DOCUMENT_KINDS}
    outputs[FileKind.OUTCOMES_SVG] = charts.outcome_chart(frozen).encode("utf-8")
    outputs[FileKind.YOY_SVG] = charts.yoy_chart(frozen, previous).encode("utf-8")
    stored = _write_files(report, outputs)
    try:
        with transaction.atomic():
            report = _locked(report)
            transition = _step_again(actor, report, "publish")
            if report.data != read:
                raise _changed()
            for record in stored:
                record.report = report
                record.save()
            report.snapshot = frozen.to_dict()
            before = transition.apply(report)
            report.published_by = actor_user(actor)
            report.published_at = timezone.now()
            report.save()
            record_event(
                ReportEvent,
                actor=actor,
                kind=EventKind.PUBLISHED,
                before=before,
                after=report.status,
                # 条例第四十九条: publishing submits it to the supervising office.
                data={"files": sorted(outputs), "submitted_to": _office_name(report.agency)},
                report=report,
            )
    except BaseException:
        _remove_files(stored)
        raise
    return report


def _office_name(agency: Agency) -> str | None:
    office = submissions.supervising_office(agency)
    return office.name if office is not None else None


def _changed() -> StepRefused:
    return StepRefused(
        _("Publishing is no longer possible: the report has changed meanwhile."),
        code="changed",
    )


def _step_again(actor: Actor, report: AnnualReport, action: str) -> Transition[AnnualReport]:
    """The table asked again under the lock: a refusal now means another step came first."""
    try:
        return TABLE.check(actor, report, action, _today())
    except TransitionRefused as exc:
        raise _changed() from exc


def _write_files(report: AnnualReport, outputs: dict[str, bytes]) -> list[ReportFile]:
    """The rendered files written to storage (rows not saved yet); all or none."""
    stored: list[ReportFile] = []
    try:
        for kind, content in outputs.items():
            suffix = "svg" if kind.startswith("svg_") else kind
            record = ReportFile(
                report=report,
                kind=kind,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
            )
            name = f"{report.agency_id}-{report.year}-{kind}.{suffix}"
            record.file.save(name, ContentFile(content), save=False)
            stored.append(record)
    except BaseException:
        _remove_files(stored)
        raise
    return stored


def _remove_files(stored: Iterable[ReportFile]) -> None:
    for record in stored:
        if not record.file.name:
            continue
        try:
            record.file.storage.delete(record.file.name)
        except OSError:
            log.warning("could not remove %s", record.file.name, exc_info=True)

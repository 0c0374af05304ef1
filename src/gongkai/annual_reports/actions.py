"""The annual report's workflow: draft → reviewed → published (the only place that changes it).

Each action takes a keyword-only ``actor``, checks the right in the report's agency
(``EDIT_REPORTS`` to draft, recompute, edit and import; ``REVIEW_REPORTS`` to mark reviewed —
someone other than its last editor; ``PUBLISH_REPORTS`` to publish), runs in a transaction and
appends a ``ReportEvent``. Publishing freezes the numbers (``snapshot``) and stores the renders
(HTML, DOCX, PDF, XLSX, JSON); a published report never changes (条例第五十条: the report is
published by 31 January for a department, 31 March for a government).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, Capability, actor_label, actor_user, require
from gongkai.agencies.models import Agency
from gongkai.annual_reports import queries
from gongkai.annual_reports.choices import (
    DOCUMENT_KINDS,
    NARRATIVE_SECTIONS,
    FileKind,
    Source,
    Status,
)
from gongkai.annual_reports.models import AnnualReport, NarrativeVersion, ReportEvent, ReportFile
from gongkai.core.reader import read_text
from gongkai.core.report import charts, narrative
from gongkai.core.report.checks import check
from gongkai.core.report.compute import CarryOverError
from gongkai.core.report.model import Report, ReportError
from gongkai.core.report.render import render


class AnnualReportError(ValidationError):
    """A step not possible now, or bad input; nothing was written."""


def _today() -> dt.date:
    return timezone.localdate()


def _event(
    actor: Actor,
    report: AnnualReport,
    kind: str,
    before: str = "",
    data: Mapping[str, Any] | None = None,
) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report,
        actor=actor_user(actor),
        actor_label=actor_label(actor),
        kind=kind,
        status_before=before,
        status_after=report.status,
        data=dict(data or {}),
    )


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)


def _not_published(report: AnnualReport) -> None:
    if report.status == Status.PUBLISHED:
        raise AnnualReportError(
            _("The report for %(year)s is published and can no longer change.")
            % {"year": report.year},
            code="published",
        )


def _findings(report: Report, agency: Agency, units: list[int]) -> list[dict[str, Any]]:
    previous = queries.previous_report(agency, report.year, units or None)
    return [f.to_dict() for f in check(report, previous)]


def _compute(agency: Agency, year: int, units: list[int], texts: dict[str, str]) -> Report:
    try:
        return queries.compute(agency, year, units=units or None, narrative_texts=texts)
    except CarryOverError as exc:
        raise AnnualReportError(str(exc), code="carry_over") from exc


def _store(report: AnnualReport, computed: Report) -> None:
    report.data = computed.to_dict()
    report.format_key = computed.format
    report.findings = _findings(computed, report.agency, list(report.units))


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
    if year > today.year or year < 2019:
        raise AnnualReportError({"year": _("Choose a year from 2019 to this year.")})
    if units is not None:
        unit_ids = sorted({u.pk if isinstance(u, Agency) else int(u) for u in units})
    elif rollup:
        unit_ids = queries.rollup_units(agency)
    else:
        unit_ids = []
    with transaction.atomic():
        if AnnualReport.objects.filter(agency=agency, year=year).exists():
            raise AnnualReportError(
                _("There is already a report of %(agency)s for %(year)s.")
                % {"agency": agency.name, "year": year},
                code="exists",
            )
        computed = _compute(agency, year, unit_ids, {})
        report = AnnualReport(agency=agency, year=year, units=unit_ids, edited_by=actor_user(actor))
        _store(report, computed)
        report.save()
        _event(actor, report, "drafted", data={"units": unit_ids})
    return report


def recompute(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """Count again from the records (the office's narrative edits are kept). A reviewed report
    goes back to draft when a number changed: what is published must be what was reviewed."""
    with transaction.atomic():
        report = _locked(report)
        require(actor, Capability.EDIT_REPORTS, report.agency)
        _not_published(report)
        if report.source == Source.IMPORTED:
            raise AnnualReportError(_("An imported report is not computed."), code="imported")
        before = report.status
        old = report.data
        computed = _compute(
            report.agency, report.year, list(report.units), queries.latest_narrative(report)
        )
        _store(report, computed)
        changed = report.data != old
        if changed and report.status == Status.REVIEWED:
            report.status = Status.DRAFT
            report.reviewed_by = None
            report.reviewed_at = None
        if changed:
            report.edited_by = actor_user(actor)
        report.save()
        _event(actor, report, "recomputed", before, data={"changed": changed})
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
        require(actor, Capability.EDIT_REPORTS, report.agency)
        _not_published(report)
        if report.source == Source.IMPORTED:
            raise AnnualReportError(_("An imported report is not edited."), code="imported")
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
        report.edited_by = actor_user(actor)
        if report.status == Status.REVIEWED:
            report.status = Status.DRAFT
            report.reviewed_by = None
            report.reviewed_at = None
        report.save()
        _event(
            actor,
            report,
            "narrative_edited",
            before,
            {"section": section, "version": version.number},
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
    reads. Its row ``4`` becomes the first platform year's row ``2`` (``carry.continuity``).
    """
    require(actor, Capability.EDIT_REPORTS, agency)
    if (json is None) == (text is None):
        raise AnnualReportError(_("Give the report's JSON or its published text."))
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
            findings=[f.to_dict() for f in check(report)],
            imported_text=text or "",
            edited_by=actor_user(actor),
        )
        record.save()
        _event(actor, record, "imported", data={"from": "text" if text is not None else "json"})
    return record


def mark_reviewed(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """Cleared for publication, by someone other than its last editor; no failing check."""
    with transaction.atomic():
        report = _locked(report)
        require(actor, Capability.REVIEW_REPORTS, report.agency)
        if report.status != Status.DRAFT:
            raise AnnualReportError(_("Only a draft can be marked reviewed."), code="status")
        user = actor_user(actor)
        if user is not None and report.edited_by_id == user.pk:
            raise AnnualReportError(
                _("The report must be reviewed by someone other than its editor."),
                code="same_person",
            )
        if any(f.get("level") == "error" for f in report.findings):
            raise AnnualReportError(_("The report fails a check."), code="checks")
        before = report.status
        report.status = Status.REVIEWED
        report.reviewed_by = user
        report.reviewed_at = timezone.now()
        report.save()
        _event(actor, report, "reviewed", before)
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
    its charts (图解: outcomes, and this year against last year) as SVG."""
    with transaction.atomic():
        report = _locked(report)
        require(actor, Capability.PUBLISH_REPORTS, report.agency)
        if report.status != Status.REVIEWED:
            raise AnnualReportError(_("Only a reviewed report can be published."), code="status")
        left = placeholders(report)
        if left and not allow_placeholders:
            raise AnnualReportError(
                _("The text still has placeholders to fill in: %(list)s")
                % {"list": "、".join(left[:5])},
                code="placeholders",
            )
        frozen = Report.from_dict(report.data)
        before = report.status
        previous = queries.previous_report(report.agency, report.year, list(report.units) or None)
        outputs = {kind.value: render(frozen, kind.value) for kind in DOCUMENT_KINDS}
        outputs[FileKind.OUTCOMES_SVG] = charts.outcome_chart(frozen).encode("utf-8")
        outputs[FileKind.YOY_SVG] = charts.yoy_chart(frozen, previous).encode("utf-8")
        for kind, content in outputs.items():
            suffix = "svg" if kind.startswith("svg_") else kind
            stored = ReportFile(
                report=report,
                kind=kind,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
            )
            name = f"{report.agency_id}-{report.year}-{kind}.{suffix}"
            stored.file.save(name, ContentFile(content), save=False)
            stored.save()
        report.snapshot = frozen.to_dict()
        report.status = Status.PUBLISHED
        report.published_by = actor_user(actor)
        report.published_at = timezone.now()
        report.save()
        _event(actor, report, "published", before, {"files": sorted(outputs)})
    return report

"""行政复议 / 行政诉讼: recording, deciding (a 纠正 reopens the case), documents, rights, and
section 四 counted by the year of filing (annual-report.md, section 四)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from gongkai.annual_reports.tests.factories import case as make_case
from gongkai.cases.choices import Status
from gongkai.cases.models import Case
from gongkai.conftest import Personas
from gongkai.disputes import actions, queries
from gongkai.disputes.access import get_dispute_for_staff, get_document_for_staff
from gongkai.disputes.actions import DisputeError
from gongkai.disputes.models import Dispute, DisputeEvent

TODAY = dt.date(2026, 6, 1)
D = dt.date


RECEIVED = D(2024, 3, 1)


def _concluded(personas: Personas, received: dt.date = RECEIVED) -> Case:
    return make_case(personas.agency_a, received, concluded=received + dt.timedelta(days=10))


def _review(personas: Personas, case: Case, filed: dt.date, **kw: object) -> Dispute:
    return actions.record_dispute(
        actor=personas.officer_a,
        case=case,
        kind="review",
        body="温州市瓯海区人民政府",
        filed_on=filed,
        today=TODAY,
        **kw,  # type: ignore[arg-type]
    )


def test_an_officer_records_a_review_and_the_timeline_says_so(personas: Personas) -> None:
    case = _concluded(personas)
    dispute = _review(personas, case, D(2024, 4, 2), reference="瓯政复〔2024〕7号")
    assert dispute.outcome == "pending" and dispute.stage == "filed"
    event = DisputeEvent.objects.get(dispute=dispute)
    assert (event.kind, event.on, event.actor) == ("filed", D(2024, 4, 2), personas.officer_a)
    with pytest.raises(ValueError, match="immutable"):
        event.save()


def test_a_correction_reopens_the_case_which_keeps_its_first_conclusion(
    personas: Personas,
) -> None:
    case = _concluded(personas)
    dispute = _review(personas, case, D(2024, 4, 2))
    actions.record_decision(
        actor=personas.officer_a,
        dispute=dispute,
        outcome="corrected",
        decided_on=D(2024, 6, 3),
        today=TODAY,
    )
    case.refresh_from_db()
    assert case.status == Status.OPEN and case.reopened_count == 1
    assert (case.first_concluded_on, case.first_outcome) == (D(2024, 3, 11), "3.1")
    assert case.events.filter(kind="reopen").count() == 1
    dispute.refresh_from_db()
    assert (dispute.outcome, dispute.stage, dispute.decided_on) == (
        "corrected",
        "decided",
        D(2024, 6, 3),
    )


def test_an_upheld_decision_leaves_the_case_alone_and_a_decision_is_final(
    personas: Personas,
) -> None:
    case = _concluded(personas)
    dispute = _review(personas, case, D(2024, 4, 2))
    actions.record_decision(
        actor=personas.officer_a,
        dispute=dispute,
        outcome="upheld",
        decided_on=D(2024, 5, 1),
        today=TODAY,
    )
    case.refresh_from_db()
    assert case.status == Status.SERVED
    with pytest.raises(DisputeError):
        actions.record_decision(
            actor=personas.officer_a,
            dispute=dispute,
            outcome="corrected",
            decided_on=D(2024, 5, 2),
            today=TODAY,
        )


def test_a_suit_after_review_names_the_review_of_the_same_case(personas: Personas) -> None:
    case = _concluded(personas)
    other = _concluded(personas)
    review = _review(personas, case, D(2024, 4, 2))
    with pytest.raises(DisputeError):
        actions.record_dispute(
            actor=personas.officer_a,
            case=case,
            kind="litigation_after_review",
            body="温州市瓯海区人民法院",
            filed_on=D(2024, 7, 1),
            today=TODAY,
        )
    with pytest.raises(DisputeError):
        actions.record_dispute(
            actor=personas.officer_a,
            case=other,
            kind="litigation_after_review",
            body="温州市瓯海区人民法院",
            filed_on=D(2024, 7, 1),
            follows=review,
            today=TODAY,
        )
    suit = actions.record_dispute(
        actor=personas.officer_a,
        case=case,
        kind="litigation_after_review",
        body="温州市瓯海区人民法院",
        filed_on=D(2024, 7, 1),
        follows=review,
        today=TODAY,
    )
    assert suit.follows == review


def test_dates_in_the_future_or_before_receipt_are_refused(personas: Personas) -> None:
    case = _concluded(personas)
    with pytest.raises(DisputeError):
        _review(personas, case, D(2026, 6, 2))
    with pytest.raises(DisputeError):
        _review(personas, case, D(2024, 2, 1))
    dispute = _review(personas, case, D(2024, 4, 2))
    with pytest.raises(DisputeError):
        actions.record_decision(
            actor=personas.officer_a,
            dispute=dispute,
            outcome="upheld",
            decided_on=D(2024, 4, 1),
            today=TODAY,
        )
    with pytest.raises(DisputeError):
        actions.record_decision(
            actor=personas.officer_a,
            dispute=dispute,
            outcome="pending",
            decided_on=D(2024, 5, 1),
            today=TODAY,
        )


@pytest.mark.parametrize(
    "who", ["officer_b", "reviewer_a", "head_a", "admin_a", "supervisor", "applicant", "anonymous"]
)
def test_only_a_case_officer_of_the_respondent_records_disputes(
    personas: Personas, who: str
) -> None:
    case = _concluded(personas)
    with pytest.raises(PermissionDenied):
        actions.record_dispute(
            actor=personas.named(who),  # type: ignore[arg-type]
            case=case,
            kind="review",
            body="复议机关",
            filed_on=D(2024, 4, 2),
            today=TODAY,
        )


def test_staff_who_read_cases_read_disputes_and_others_get_404(personas: Personas) -> None:
    dispute = _review(personas, _concluded(personas), D(2024, 4, 2))
    for who in ("officer_a", "reviewer_a", "head_a", "supervisor"):
        assert get_dispute_for_staff(personas.named(who), dispute.pk) == dispute
    for who in ("officer_b", "admin_a", "platform_admin", "applicant", "anonymous"):
        with pytest.raises(Http404):
            get_dispute_for_staff(personas.named(who), dispute.pk)


def test_documents_are_checked_and_stored_privately(
    personas: Personas, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    dispute = _review(personas, _concluded(personas), D(2024, 4, 2))
    upload = SimpleUploadedFile("决定书.pdf", b"%PDF-1.4 decision", "application/pdf")
    document = actions.attach_document(actor=personas.officer_a, dispute=dispute, upload=upload)
    assert str(document.file.name).startswith(f"disputes/{personas.agency_a.pk}/{dispute.pk}/")
    assert get_document_for_staff(personas.reviewer_a, document.pk) == document
    with pytest.raises(Http404):
        get_document_for_staff(personas.officer_b, document.pk)
    fake = SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")
    with pytest.raises(DisputeError):
        actions.attach_document(actor=personas.officer_a, dispute=dispute, upload=fake)
    with pytest.raises(PermissionDenied):
        actions.attach_document(actor=personas.officer_b, dispute=dispute, upload=upload)


def test_section_four_counts_by_year_of_filing_with_undecided_ones_pending(
    personas: Personas,
) -> None:
    a = personas.agency_a
    case = _concluded(personas)

    def filed(
        kind: str,
        on: dt.date,
        outcome: str | None = None,
        decided: dt.date | None = None,
        follows: Dispute | None = None,
    ) -> Dispute:
        d = actions.record_dispute(
            actor=personas.officer_a,
            case=case,
            kind=kind,
            body="机关",
            filed_on=on,
            follows=follows,
            today=TODAY,
        )
        if outcome:
            assert decided is not None
            actions.record_decision(
                actor=personas.officer_a,
                dispute=d,
                outcome=outcome,
                decided_on=decided,
                today=TODAY,
            )
        return d

    r1 = filed("review", D(2024, 4, 2), "upheld", D(2024, 6, 1))
    filed("review", D(2024, 5, 2), "other", D(2024, 5, 20))
    filed("review", D(2024, 12, 20), "upheld", D(2025, 2, 1))  # decided next year: pending in 2024
    filed("review", D(2024, 11, 1))  # still undecided
    filed("litigation_direct", D(2024, 8, 1), "corrected", D(2024, 10, 1))
    filed("litigation_after_review", D(2024, 7, 1), follows=r1)
    filed("review", D(2025, 1, 5), "upheld", D(2025, 3, 1))  # another year
    assert queries.section_four([a.pk], 2024) == {
        "review": [1, 0, 1, 2, 4],
        "litigation_direct": [0, 1, 0, 0, 1],
        "litigation_after_review": [0, 0, 0, 1, 1],
    }
    assert queries.section_four([a.pk], 2025) == {
        "review": [1, 0, 0, 0, 1],
        "litigation_direct": [0, 0, 0, 0, 0],
        "litigation_after_review": [0, 0, 0, 0, 0],
    }
    # The grouped count and the per-dispute facts place every dispute in the same cell.
    from gongkai.core.report.compute import compute_disputes

    assert compute_disputes((f for _, f in queries.facts([a.pk], 2024)), 2024) == (
        queries.section_four([a.pk], 2024)
    )
    assert queries.section_four([personas.agency_b.pk], 2024)["review"] == [0, 0, 0, 0, 0]
    assert "尚未审结" in queries.COUNTING_RULE

"""纳入主动公开 (条例第四十四条): a released file becomes a draft catalog item, the released copy
only, and goes through the catalog's normal review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.cases import actions, redact
from gongkai.cases.actions.proactive import drafts_of
from gongkai.cases.choices import CaseEventKind
from gongkai.cases.models import Case, CaseEvent, ReleasedItem
from gongkai.cases.tests.factories import ID_NUMBER, online_case
from gongkai.cases.tests.pdfs import pdf_with_lines
from gongkai.conftest import PERSONA_NAMES, Personas
from gongkai.publications import actions as catalog
from gongkai.publications.models import Publication, PublicationEvent

pytestmark = pytest.mark.django_db
D = dt.date
LINES = ["瓯海区2024年征地补偿标准", f"联系人：李四 身份证号 {ID_NUMBER}", "补偿标准每亩五万元"]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _text(content: bytes) -> str:
    with pymupdf.open(stream=content, filetype="pdf") as doc:
        return "".join(page.get_text() for page in doc)


def decided_with_redacted_file(personas: Personas) -> tuple[Case, ReleasedItem]:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    item, _note = actions.add_released_file(
        actor=personas.officer_a,
        case=case,
        upload=SimpleUploadedFile("标准.pdf", pdf_with_lines(LINES)),
    )
    with item.file.open("rb") as handle:
        content = handle.read()
    boxes = redact.find_terms(content, [ID_NUMBER, "李四"], redact.PERSONAL_DATA_ROW)
    item = actions.redact_item(actor=personas.officer_a, item=item, boxes=boxes)
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.2",
        reasons="部分内容涉及个人隐私",
        decided_on=D(2025, 3, 20),
        today=D(2025, 3, 20),
    )
    item.refresh_from_db()
    case.refresh_from_db()
    return case, item


def test_the_draft_holds_the_redacted_copy_and_goes_through_review(personas: Personas) -> None:
    case, item = decided_with_redacted_file(personas)
    draft = actions.propose_for_publication(
        actor=personas.officer_a,
        item=item,
        title="瓯海区2024年征地补偿标准",
        summary="依申请公开后纳入主动公开",
        today=D(2025, 3, 25),
    )
    assert (draft.status, draft.agency, draft.written_on) == ("draft", case.agency, D(2025, 3, 25))
    [attachment] = draft.attachments.all()
    with attachment.file.open("rb") as handle:
        released = handle.read()
    text = _text(released)
    assert "补偿标准每亩五万元" in text
    assert ID_NUMBER not in text and "李四" not in text  # the released copy, never the original
    assert ID_NUMBER not in attachment.text and "李四" not in attachment.text
    with item.original.open("rb") as handle:
        assert ID_NUMBER in _text(handle.read())  # (the original did have them)
    # Nothing of the applicant in the draft or its events.
    blob = " ".join(
        [draft.title, draft.summary, draft.body_text]
        + [str(e.data) for e in PublicationEvent.objects.filter(publication=draft)]
    )
    for personal in (case.applicant_name, case.phone, case.description, ID_NUMBER):
        assert personal not in blob
    # The case's timeline links the draft; the catalog knows nothing of the case.
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.PROACTIVE_DRAFT)
    assert event.data["publication"] == draft.pk
    assert event.data["index_number"] == draft.index_number
    assert drafts_of(case.pk)[item.pk]["publication"] == draft.pk
    # The normal review follows: submitted, signed off twice, published.
    catalog.submit(actor=personas.officer_a, publication=draft)
    for kind in ("content", "confidentiality"):
        catalog.sign_off(actor=personas.reviewer_a, publication=draft, kind=kind)
    catalog.publish(actor=personas.officer_a, publication=draft)
    draft.refresh_from_db()
    assert draft.status == "published"


def test_once_per_file_and_only_after_the_decision(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    item, _note = actions.add_released_file(
        actor=personas.officer_a,
        case=case,
        upload=SimpleUploadedFile("a.pdf", pdf_with_lines(["甲"])),
    )
    with pytest.raises(ValidationError):  # not decided yet
        actions.propose_for_publication(actor=personas.officer_a, item=item, title="甲")
    case, item = decided_with_redacted_file(personas)
    with pytest.raises(ValidationError):  # no title
        actions.propose_for_publication(actor=personas.officer_a, item=item, title="  ")
    actions.propose_for_publication(actor=personas.officer_a, item=item, title="标准")
    with pytest.raises(ValidationError):
        actions.propose_for_publication(actor=personas.officer_a, item=item, title="标准")
    assert Publication.objects.count() == 1


@pytest.mark.parametrize("name", [n for n in PERSONA_NAMES if n != "officer_a"])
def test_only_the_handling_agency_may_propose(personas: Personas, name: str) -> None:
    _case, item = decided_with_redacted_file(personas)
    with pytest.raises(PermissionDenied):
        actor: Any = personas.named(name)  # the anonymous visitor too
        actions.propose_for_publication(actor=actor, item=item, title="标准")
    assert not Publication.objects.exists()
    assert not CaseEvent.objects.filter(kind=CaseEventKind.PROACTIVE_DRAFT).exists()

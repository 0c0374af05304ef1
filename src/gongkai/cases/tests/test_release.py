"""What a decision provides: files released whole or withheld, published items pointed at, and
the reply letter that lists exactly them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.cases import actions, convert
from gongkai.cases.choices import CaseEventKind, Disclosure, LetterKind
from gongkai.cases.letters import letter_data
from gongkai.cases.models import Case, CaseEvent, Letter, ReleasedItem
from gongkai.cases.tests.factories import online_case
from gongkai.cases.tests.pdfs import pdf_with_lines, png_image
from gongkai.conftest import Personas
from gongkai.core import letters as core_letters

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _published(personas: Personas, title: str = "2024年部门预算公开") -> Any:
    from gongkai.publications.models import Publication

    return Publication.objects.create(
        agency=personas.agency_a,
        index_number="002345678/2024-00012",
        title=title,
        written_on=D(2024, 2, 1),
        published_on=D(2024, 2, 5),
        status="published",
    )


def test_a_pdf_is_released_as_it_is_and_an_image_becomes_a_pdf(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    pdf, note = actions.add_released_file(
        actor=personas.officer_a, case=case, upload=_upload("预算.pdf", pdf_with_lines(["甲"]))
    )
    assert (pdf.content_type, pdf.pages, note, pdf.name) == (convert.PDF, 1, "", "预算")
    image, note = actions.add_released_file(
        actor=personas.officer_a, case=case, upload=_upload("照片.png", png_image())
    )
    assert image.content_type == convert.PDF and image.file.read().startswith(b"%PDF-")
    assert str(image.original.name).endswith(".png")
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds.count(CaseEventKind.RELEASE_ADDED) == 2


def test_word_is_released_in_its_own_format_without_libreoffice(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(convert, "soffice", lambda: None)
    case = online_case(personas.agency_a, D(2025, 3, 3))
    item, note = actions.add_released_file(
        actor=personas.officer_a, case=case, upload=_upload("说明.docx", b"PK\x03\x04rest")
    )
    assert item.content_type == convert.DOCX and "LibreOffice" in note


def test_bad_files_and_a_withholding_without_its_article_are_refused(
    personas: Personas,
) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    for name, content in [("a.exe", b"MZ"), ("a.pdf", b"MZ not a pdf")]:
        with pytest.raises(actions.CaseError) as raised:
            actions.add_released_file(
                actor=personas.officer_a, case=case, upload=_upload(name, content)
            )
        assert "file" in raised.value.message_dict
    with pytest.raises(actions.CaseError) as raised:
        actions.add_released_file(
            actor=personas.officer_a,
            case=case,
            upload=_upload("a.pdf", pdf_with_lines(["x"])),
            disclosure=Disclosure.WITHHELD,
        )
    assert "reason" in raised.value.message_dict
    assert not ReleasedItem.objects.exists()


def test_only_the_handling_agency_changes_it_and_only_before_the_decision(
    personas: Personas,
) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    with pytest.raises(PermissionDenied):
        actions.add_released_file(
            actor=personas.officer_b, case=case, upload=_upload("a.pdf", pdf_with_lines(["x"]))
        )
    item, _note = actions.add_released_file(
        actor=personas.officer_a, case=case, upload=_upload("a.pdf", pdf_with_lines(["x"]))
    )
    actions.remove_released(actor=personas.officer_a, item=item)
    assert not ReleasedItem.objects.exists()
    item, _note = actions.add_released_file(
        actor=personas.officer_a, case=case, upload=_upload("a.pdf", pdf_with_lines(["x"]))
    )
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.1",
        decided_on=D(2025, 3, 20),
        today=D(2025, 3, 20),
    )
    with pytest.raises(actions.CaseError):
        actions.remove_released(actor=personas.officer_a, item=item)


def test_only_a_published_item_can_be_pointed_at(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    draft = _published(personas)
    draft.status = "draft"
    with pytest.raises(actions.CaseError):
        actions.link_publication(actor=personas.officer_a, case=case, publication=draft)


def test_the_reply_letter_lists_exactly_what_is_provided(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    actions.add_released_file(
        actor=personas.officer_a,
        case=case,
        upload=_upload("预算表.pdf", pdf_with_lines(["甲"], ["乙"])),
    )
    actions.add_released_file(
        actor=personas.officer_a,
        case=case,
        upload=_upload("会议纪要.pdf", pdf_with_lines(["丙"])),
        disclosure=Disclosure.WITHHELD,
        reason="3.3.6",
    )
    actions.link_publication(actor=personas.officer_a, case=case, publication=_published(personas))
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.2",
        reasons="会议纪要属于过程性信息。",
        decided_on=D(2025, 3, 20),
        today=D(2025, 3, 20),
    )
    reply = Letter.objects.get(case=Case.objects.get(pk=case.pk), kind=LetterKind.REPLY)
    text = "\n".join(core_letters.compose(core_letters.LetterKind.REPLY, letter_data(reply)).body)
    assert "1. 《预算表》（PDF、共2页），全文提供。" in text
    assert "2. 《会议纪要》（）" not in text
    assert "《会议纪要》，依据《中华人民共和国政府信息公开条例》第十六条第二款不予公开。" in text
    assert "《2024年部门预算公开》，已经主动公开，索引号：002345678/2024-00012。" in text
    assert "提供方式" not in text


def test_a_31_reply_may_rest_on_the_files_alone(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    with pytest.raises(actions.CaseError) as raised:
        actions.decide(
            actor=personas.officer_a,
            case=case,
            outcome="3.1",
            decided_on=D(2025, 3, 20),
            today=D(2025, 3, 20),
        )
    assert "provision" in raised.value.message_dict
    actions.add_released_file(
        actor=personas.officer_a, case=case, upload=_upload("a.pdf", pdf_with_lines(["x"]))
    )
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.1",
        decided_on=D(2025, 3, 20),
        today=D(2025, 3, 20),
    )
    reply = Letter.objects.get(case=case, kind=LetterKind.REPLY)
    assert [r["name"] for r in reply.data["released"]] == ["a"]


def test_service_by_post_keeps_its_tracking_number(personas: Personas) -> None:
    case = online_case(personas.agency_a, D(2025, 3, 3))
    actions.add_released_file(
        actor=personas.officer_a, case=case, upload=_upload("a.pdf", pdf_with_lines(["x"]))
    )
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.1",
        decided_on=D(2025, 3, 20),
        today=D(2025, 3, 20),
    )
    actions.serve(
        actor=personas.officer_a,
        case=case,
        method="post",
        served_on=D(2025, 3, 21),
        reference=" EMS1234567890CN ",
        today=D(2025, 3, 21),
    )
    decision = case.decisions.get()
    assert (decision.service_method, decision.service_reference) == ("post", "EMS1234567890CN")

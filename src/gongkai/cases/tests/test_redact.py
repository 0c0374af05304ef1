"""区分处理: suggestions of personal data, redaction that removes it (text and metadata), a log
that feeds the letter, and the original kept private."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.cases import actions, lookup, redact
from gongkai.cases.choices import Disclosure, LetterKind
from gongkai.cases.letters import letter_data
from gongkai.cases.models import Letter
from gongkai.cases.tests.factories import ID_NUMBER, online_case
from gongkai.cases.tests.pdfs import pdf_with_lines, text_of
from gongkai.conftest import Personas
from gongkai.core import letters as core_letters

D = dt.date
LINES = [
    f"申请人：李四海，公民身份号码{ID_NUMBER}",
    "联系电话：13812345678，办公电话0577-88123456",
    "征收补偿款已于2024年5月发放。",
]


def test_the_suggestions_find_the_id_number_phone_and_name() -> None:
    boxes = redact.suggest(pdf_with_lines(LINES))
    found = {(b.kind, b.text) for b in boxes}
    assert {
        ("id_number", ID_NUMBER),
        ("mobile", "13812345678"),
        ("landline", "0577-88123456"),
        ("name", "李四海"),
    } <= found
    assert all(b.reason == "3.3.4" for b in boxes)


def test_an_id_number_with_a_wrong_check_digit_is_not_suggested() -> None:
    wrong = ID_NUMBER[:-1] + ("1" if ID_NUMBER[-1] != "1" else "2")
    assert redact.find_personal_data(f"号码{wrong}") == []


def test_applying_removes_the_text_and_the_metadata_not_just_covers_them() -> None:
    original = pdf_with_lines(LINES)
    out = redact.apply_redactions(original, redact.suggest(original))
    text = text_of(out)
    for secret in (ID_NUMBER, "13812345678", "0577-88123456", "李四海", "张三"):
        assert secret not in text and secret.encode() not in out
    assert "征收补偿款已于2024年5月发放。" in text
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        assert not any(doc.metadata[k] for k in ("title", "author", "producer", "creator"))
    assert ID_NUMBER in text_of(original)  # the input is untouched


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_an_area_drawn_on_a_turned_page_removes_what_is_seen_under_it(rotation: int) -> None:
    # The officer types an area as the preview shows the page (turned by its /Rotate): the
    # text seen under it is removed, not whatever lies there on the page unturned.
    with pymupdf.open(stream=pdf_with_lines(LINES), filetype="pdf") as doc:
        doc[0].set_rotation(rotation)
        original = doc.tobytes()
        page = doc[0]
        seen = page.search_for(ID_NUMBER)[0] * page.rotation_matrix
    area = redact.Box(0, seen.x0, seen.y0, seen.x1, seen.y1, kind="area")
    text = text_of(redact.apply_redactions(original, [area]))
    assert ID_NUMBER not in text
    assert "征收补偿款已于2024年5月发放。" in text


def test_a_file_that_is_not_a_pdf_is_refused() -> None:
    with pytest.raises(redact.NotAPdf):
        redact.suggest(b"MZ\x90\x00 not a pdf")


def test_a_png_preview_is_rendered_on_the_server() -> None:
    assert redact.preview_png(pdf_with_lines(LINES), 0).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_the_released_copy_is_redacted_the_original_kept_and_the_letter_says_why(
    personas: Personas, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    case = online_case(personas.agency_a, D(2025, 3, 3))
    item, _note = actions.add_released_file(
        actor=personas.officer_a,
        case=case,
        upload=SimpleUploadedFile("补偿名单.pdf", pdf_with_lines(LINES)),
    )
    content = item.original.read()
    boxes = [b for b in redact.suggest(content) if b.kind in {"id_number", "name"}]
    with pytest.raises(actions.CaseError):
        actions.redact_item(
            actor=personas.officer_a, item=item, boxes=[redact.Box(0, 1, 1, 2, 2, reason="x")]
        )
    item = actions.redact_item(actor=personas.officer_a, item=item, boxes=boxes)
    assert item.disclosure == Disclosure.REDACTED
    released = text_of(item.file.read())
    assert ID_NUMBER not in released and "李四海" not in released
    assert "13812345678" in released  # not marked, not removed
    with item.original.open("rb") as handle:
        assert ID_NUMBER in text_of(handle.read())
    log = item.redactions
    assert {e["article"] for e in log} == {"第十五条"} and all(e["by"] and e["at"] for e in log)
    actions.decide(
        actor=personas.officer_a,
        case=case,
        outcome="3.2",
        reasons="名单中的身份证号码和姓名属于个人隐私。",
        decided_on=D(2025, 3, 20),
        today=D(2025, 3, 20),
    )
    case = actions.serve(
        actor=personas.officer_a,
        case=case,
        method="online",
        served_on=D(2025, 3, 21),
        today=D(2025, 3, 21),
    )
    reply = Letter.objects.get(case=case, kind=LetterKind.REPLY)
    body = "\n".join(core_letters.compose(core_letters.LetterKind.REPLY, letter_data(reply)).body)
    assert (
        "《补偿名单》（PDF、共1页），经区分处理后提供，依据《中华人民共和国政府信息公开条例》第十五条"
        in body
    )
    served = lookup.released_to_applicant(case).get()
    assert served.file.name == item.file.name != item.original.name
    assert ID_NUMBER not in text_of(served.file.read())

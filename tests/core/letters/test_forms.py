"""The internal forms: printed by the letters' renderers, read back from DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from docx import Document

from gongkai.core.letters import Form, FormKind, render_form_docx, render_form_pdf
from gongkai.core.letters.forms import BLANK, FORM_TITLES

ISSUED = dt.date(2025, 10, 20)


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return re.sub(r"\s+", "", "\n".join(parts))


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _search_form() -> Form:
    return Form(
        kind=FormKind.SEARCH,
        agency="温州市瓯海区自然资源局",
        issue_date=ISSUED,
        case_number="瓯自然依申〔2025〕7号",
        fields=(
            ("申请人", "张三"),
            ("申请获取的政府信息", "2019年娄桥街道征地补偿方案"),
            ("备注", ""),
        ),
        grid_title="检索记录",
        grid_header=("检索日期及检索人", "检索范围", "检索词", "检索结果"),
        grid=(
            ("2025年10月9日 李四", "档案室纸质档案\n国土空间规划系统", "娄桥、征地补偿", "未找到"),
        ),
        notes=("经检索，本机关未制作或获取该政府信息。",),
        signatures=("经办人（签字）：李四", "审核人（签字）：＿＿＿＿"),
    )


@pytest.mark.parametrize("render", [render_form_docx, render_form_pdf])
def test_a_form_reads_back_with_every_field_row_note_and_signature(render: object) -> None:
    form = _search_form()
    data = render(form)  # type: ignore[operator]
    text = _docx_text(data) if render is render_form_docx else _pdf_text(data)
    for expected in (
        "政府信息公开申请内部检索单",
        "温州市瓯海区自然资源局",
        "瓯自然依申〔2025〕7号",
        "2019年娄桥街道征地补偿方案",
        "检索记录",
        "检索范围",
        "档案室纸质档案",
        "国土空间规划系统",
        "娄桥、征地补偿",
        "未找到",
        "经检索，本机关未制作或获取该政府信息。",
        "经办人（签字）：李四",
        BLANK,  # the empty 备注 prints a line to write on
    ):
        assert expected in text, expected


def test_a_form_without_a_table_drops_it_and_docx_is_deterministic() -> None:
    form = Form(
        kind=FormKind.WITHDRAWAL_RECEIPT,
        agency="某机关",
        issue_date=ISSUED,
        fields=(("申请人", "王五"),),
    )
    data = render_form_docx(form)
    assert data == render_form_docx(form)
    document = Document(io.BytesIO(data))
    assert len(document.tables) == 1
    assert "王五" in _docx_text(data) and "{%" not in _docx_text(data)
    assert "王五" in _pdf_text(render_form_pdf(form))


def test_a_narrower_table_is_padded_and_a_wider_one_refused() -> None:
    form = Form(
        kind=FormKind.PROCESSING,
        agency="某机关",
        issue_date=ISSUED,
        grid_header=("环节", "办理人", "日期"),
        grid=(("受理",),),
    )
    assert form.padded_grid() == (("受理", "", ""),)
    assert "环节｜办理人｜日期" in form.text
    assert "受理" in _docx_text(render_form_docx(form))
    with pytest.raises(ValueError, match="at most 4"):
        Form(
            kind=FormKind.PROCESSING,
            agency="x",
            issue_date=ISSUED,
            grid=(("1", "2", "3", "4", "5"),),
        )


def test_every_kind_has_its_title() -> None:
    assert set(FORM_TITLES) == set(FormKind)
    assert (
        Form(kind=FormKind.APPLICATION, agency="某机关", issue_date=ISSUED).subtitle
        == "单位：某机关"
    )


def test_the_plain_text_and_date_and_a_missing_font_is_named() -> None:
    form = _search_form()
    assert form.date == "2025年10月20日"
    assert "检索记录" in form.text and "备注：＿" in form.text
    from gongkai.core.letters import pdf

    with pytest.raises(FileNotFoundError, match="missing"):
        pdf.letter_font_path("NoSuchFont.ttf")

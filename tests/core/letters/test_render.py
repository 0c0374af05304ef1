"""render_docx / render_pdf: every letter printed, read back with python-docx and pypdf."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import pypdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.core import outcomes
from gongkai.core.letters import (
    DECISION_KINDS,
    Letter,
    LetterKind,
    check_template,
    compose,
    default_template,
    layout,
    outcomes_for,
    render_docx,
    render_pdf,
)
from gongkai.core.letters.docx import TemplateProblem
from tests.conftest import load_script

from .conftest import (
    CASE_NUMBER,
    COURT,
    ISSUED,
    LETTER_NUMBER,
    RECEIVED,
    RECONSIDERATION,
    full_data,
)

CASES = [(kind, code) for kind in LetterKind for code in (outcomes_for(kind) or ("",))]
A4_POINTS = (595.28, 841.89)


def _letter(kind: LetterKind, code: str) -> Letter:
    return compose(kind, full_data(outcome=code))


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    # Lines wrap anywhere in Chinese, and each page ends with its number ("— 1 —").
    text = re.sub(r"\s+", "", text)
    return re.sub(r"—\d+—", "", text)


@pytest.fixture(scope="module")
def docx_files() -> dict[tuple[LetterKind, str], bytes]:
    return {case: render_docx(_letter(*case)) for case in CASES}


@pytest.fixture(scope="module")
def pdf_files() -> dict[tuple[LetterKind, str], bytes]:
    # About 0.2 s each once the font is loaded: every letter is printed once for the module.
    return {case: render_pdf(_letter(*case)) for case in CASES}


def _expect_contents(kind: LetterKind, code: str, text: str) -> None:
    text = re.sub(r"\s+", "", text)
    letter = _letter(kind, code)
    assert re.sub(r"\s+", "", letter.title) in text
    for expected in (CASE_NUMBER, LETTER_NUMBER, ISSUED, RECEIVED):
        assert expected in text
    if code:
        for article in outcomes.get(code).articles:
            assert article in text
    if kind in DECISION_KINDS:
        assert RECONSIDERATION in text and COURT in text
        assert "60日内" in text and "6个月内" in text
    else:
        assert "行政复议" not in text
    # Every paragraph arrives whole and in order.
    position = 0
    for paragraph in letter.body:
        found = text.find(re.sub(r"\s+", "", paragraph), position)
        assert found >= 0, paragraph
        position = found


@pytest.mark.parametrize(("kind", "code"), CASES)
def test_every_letter_prints_to_docx_with_its_numbers_dates_citations_and_remedy(
    kind: LetterKind, code: str, docx_files: dict[tuple[LetterKind, str], bytes]
) -> None:
    _expect_contents(kind, code, docx_text(docx_files[kind, code]))


@pytest.mark.parametrize(("kind", "code"), CASES)
def test_every_letter_prints_to_pdf_with_its_numbers_dates_citations_and_remedy(
    kind: LetterKind, code: str, pdf_files: dict[tuple[LetterKind, str], bytes]
) -> None:
    _expect_contents(kind, code, pdf_text(pdf_files[kind, code]))


def test_the_state_secret_reply_reads_back_with_article_fourteen(
    docx_files: dict[tuple[LetterKind, str], bytes],
    pdf_files: dict[tuple[LetterKind, str], bytes],
) -> None:
    for text in (
        docx_text(docx_files[LetterKind.REPLY, "3.3.1"]),
        pdf_text(pdf_files[LetterKind.REPLY, "3.3.1"]),
    ):
        assert "第十四条" in text and "不予公开" in text


def test_the_docx_is_a4_with_the_gb_t_9704_margins_and_fonts(
    docx_files: dict[tuple[LetterKind, str], bytes],
) -> None:
    document = Document(io.BytesIO(docx_files[LetterKind.REPLY, "3.1"]))
    section = document.sections[0]
    for actual, mm in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ):
        assert actual is not None and abs(actual - Mm(mm)) < Mm(0.1)
    title = document.paragraphs[0]
    assert title.text == "政府信息公开申请答复书"
    assert title.runs[0].font.size is not None and title.runs[0].font.size.pt == 22
    body = document.styles["Normal"]
    assert body.font.size is not None and body.font.size.pt == 16
    xml = document.element.xml
    assert 'w:eastAsia="方正小标宋简体"' in xml and 'w:eastAsia="仿宋_GB2312"' in xml
    assert 'w:lineRule="exact"' in document.styles.element.xml
    assert 'w:line="579"' in document.styles.element.xml  # 28.95 pt: 22 lines a page


def test_every_pdf_page_is_a4(pdf_files: dict[tuple[LetterKind, str], bytes]) -> None:
    for data in pdf_files.values():
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            box = page.mediabox
            assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS


def test_the_pdf_embeds_the_bundled_font(pdf_files: dict[tuple[LetterKind, str], bytes]) -> None:
    page = pypdf.PdfReader(io.BytesIO(pdf_files[LetterKind.RECEIPT, ""])).pages[0]
    fonts: Any = page["/Resources"]["/Font"]  # type: ignore[index]
    names = {str(fonts[key].get_object()["/BaseFont"]) for key in fonts}
    # 仿宋 body and 小标宋-style title from fonts/, the GBK serif for the page number.
    faces = {name.split("+")[-1] for name in names}
    assert faces == {"Gongkai-Fangsong", "Gongkai-Title-Song-Bold", "Gongkai-Serif-SC"}


def test_the_bundled_letter_fonts_are_small_subsets_with_their_licences() -> None:
    from fontTools.ttLib import TTFont

    from gongkai.core.letters.pdf import BODY_FONT, TITLE_FONT, letter_font_path

    gb2312_level1 = {bytes((0xB0, 0xA1)).decode("gb2312"), "政", "府", "息", "申", "请"}
    for family, file in (BODY_FONT, TITLE_FONT):
        path = letter_font_path(file)
        assert path.stat().st_size < 6_000_000
        font = TTFont(path)
        assert font["name"].getDebugName(1) == family
        cmap = font.getBestCmap()
        assert all(ord(c) in cmap for c in gb2312_level1)
        assert (path.parent / "README.md").is_file()
    assert (path.parent / "OFL-ZhuqueFangsong.txt").read_text().count("Open Font License") >= 1


def test_docx_bytes_are_the_same_for_the_same_letter(seal: bytes) -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.3.1", seal_png=seal))
    assert render_docx(letter) == render_docx(letter)
    other = dataclasses.replace(letter, date="2025年10月21日")
    assert render_docx(other) != render_docx(letter)
    with zipfile.ZipFile(io.BytesIO(render_docx(letter))) as package:
        assert {item.date_time[:3] for item in package.infolist()} == {(2025, 10, 20)}


def test_the_seal_floats_over_the_signature_in_docx_and_pdf(seal: bytes) -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.3.1", seal_png=seal))
    document = Document(io.BytesIO(render_docx(letter)))
    signature = next(p for p in document.paragraphs if p.text.strip() == letter.signature)
    anchors = signature._p.xpath(".//wp:anchor")
    assert len(anchors) == 1
    assert anchors[0].get("behindDoc") == "0"
    assert [part.content_type for part in document.part.package.image_parts] == ["image/png"]
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(letter)))
    assert len(pdf.pages[0].images) == 1


def test_without_a_seal_no_picture_is_printed() -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.1"))
    document = Document(io.BytesIO(render_docx(letter)))
    assert not document.element.xpath("//w:drawing")


def test_the_note_and_number_disappear_when_empty() -> None:
    letter = compose(
        LetterKind.RECEIPT,
        full_data(number="", contact_person="", agency_phone="", agency_address=""),
    )
    text = docx_text(render_docx(letter))
    assert "{%" not in text and "（联系人" not in text and "邮政编码" in text
    bare = compose(
        LetterKind.RECEIPT,
        full_data(
            number="", contact_person="", agency_phone="", agency_address="", agency_postcode=""
        ),
    )
    paragraphs = [p for p in docx_text(render_docx(bare)).split("\n") if p.strip()]
    assert paragraphs[1] == "张三："  # no number line under the title
    assert paragraphs[-1].endswith(ISSUED)


def test_markup_in_the_text_is_printed_as_text() -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.3.2", reasons="依据A&B条款<不予公开>"))
    assert "依据A&B条款<不予公开>。" in docx_text(render_docx(letter))
    assert "依据A&B条款<不予公开>" in pdf_text(render_pdf(letter))


def _template(*paragraphs: str) -> bytes:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_agencys_own_template_is_used() -> None:
    template = _template(
        "瓯海区自定义抬头",
        "{{ title }}（{{ number }}）",
        "{%p for paragraph in body %}",
        "{{ paragraph }}",
        "{%p endfor %}",
        "申请编号 {{ case_number }}，{{ signature }}，{{ date }}",
    )
    assert check_template(template) == []
    letter = compose(LetterKind.REPLY, full_data(outcome="3.3.1"))
    text = docx_text(render_docx(letter, template))
    assert text.startswith("瓯海区自定义抬头\n政府信息公开申请答复书（瓯政公开〔2025〕12号）")
    assert f"申请编号 {CASE_NUMBER}" in text
    assert letter.remedy in text


def test_a_template_cannot_reach_python_internals() -> None:
    template = _template("{{ title.__class__.__mro__ }}")
    letter = compose(LetterKind.RECEIPT, full_data())
    with pytest.raises(TemplateProblem, match="unsafe"):
        render_docx(letter, template)
    [problem] = check_template(template)
    assert "unsafe" in problem


@pytest.mark.parametrize("expression", ["'x' * 10 ** 9", "body * 100000", "2 ** 100000"])
def test_a_template_cannot_exhaust_the_workers_memory(expression: str) -> None:
    template = _template("{{ " + expression + " }}")
    with pytest.raises(TemplateProblem):
        render_docx(compose(LetterKind.RECEIPT, full_data()), template)
    assert check_template(template) != []


BROKEN: list[tuple[str, Callable[[], bytes], str]] = [
    ("not a zip", lambda: b"%PDF-1.7 not a word file", "not a DOCX"),
    ("a zip without a document", lambda: _zip({"a.txt": "x"}), "no word/document.xml"),
    ("a damaged zip", lambda: b"PK\x03\x04garbage", "bad ZIP"),
    ("an unclosed tag", lambda: _template("{{ title "), "syntax error"),
    ("an unclosed loop", lambda: _template("{%p for p in body %}", "{{ p }}"), "syntax error"),
    ("an unknown variable", lambda: _template("{{ applicant_phone }}"), "applicant_phone"),
]


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(("what", "make", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_template_is_reported_by_check_template(
    what: str, make: Callable[[], bytes], expected: str
) -> None:
    problems = check_template(make())
    assert len(problems) == 1
    assert expected in problems[0]


def test_rendering_with_a_broken_template_raises() -> None:
    letter = compose(LetterKind.RECEIPT, full_data())
    with pytest.raises(TemplateProblem, match="not a DOCX"):
        render_docx(letter, b"plain text")


def test_every_default_template_passes_its_own_check() -> None:
    for kind in LetterKind:
        assert check_template(default_template(kind)) == []


def test_the_committed_templates_are_what_make_templates_writes() -> None:
    # Regenerate with: uv run scripts/make_letter_templates.py
    make_templates = load_script("make_letter_templates")
    assert make_templates.TEMPLATES[layout.GENERIC_TEMPLATE]() == default_template(LetterKind.REPLY)


def test_a_long_signature_moves_left_to_end_one_character_from_the_margin(seal: bytes) -> None:
    name = "某某省某某市某某区人民政府办公室政府信息公开科"  # 23 characters
    letter = compose(LetterKind.REPLY, full_data(agency=name, seal_png=seal))
    document = Document(io.BytesIO(render_docx(letter)))
    signature = next(p for p in document.paragraphs if p.text.strip() == name)
    [tab] = signature._p.xpath("./w:pPr/w:tabs/w:tab")
    assert int(tab.get(qn("w:pos"))) == round((layout.TEXT_WIDTH - 16 - 23 * 16 / 2) * 20)
    [offset] = signature._p.xpath(".//wp:anchor/wp:positionH/wp:posOffset")
    assert int(offset.text) == int(Pt(layout.signature_axis(name, ISSUED))) - int(Mm(42)) // 2
    short = compose(LetterKind.REPLY, full_data())
    assert layout.signature_axis(short.signature, short.date) == pytest.approx(
        layout.SIGNATURE_AXIS
    )


def test_a_template_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.core.letters import docx as letters_docx

    template = default_template(LetterKind.REPLY)
    monkeypatch.setattr(letters_docx, "MAX_UNPACKED_BYTES", len(template))
    [problem] = check_template(template)
    assert "MB" in problem


def test_signature_and_date_never_stand_alone_on_the_last_page() -> None:
    # GB/T 9704 7.3.5.1. A page holds 22 lines; adding one line of text at a time walks the end
    # of the text through a whole page, so one of these letters would end with the signature
    # and date alone on a new page if they were not kept with the last paragraph.
    line = "经检索，本机关对相关档案、业务系统和内设机构逐一进行了查找核实。"  # about a line
    ends_alone = 0
    for extra in range(10, 34):
        reasons = "\n".join(f"{n}.{line}" for n in range(extra))
        letter = compose(LetterKind.REPLY, full_data(outcome="3.3.5", reasons=reasons))
        reader = pypdf.PdfReader(io.BytesIO(render_pdf(letter)))
        last = re.sub(r"\s+", "", reader.pages[-1].extract_text())
        assert letter.signature in last and letter.date in last
        # Body text above the signature on the same page: at least the closing formula.
        assert letter.closing in last, (extra, last)
        without = last.replace(letter.signature, "").replace(letter.date, "")
        without = re.sub(r"—\d+—", "", without).replace(re.sub(r"\s+", "", letter.note), "")
        ends_alone += without == ""
    assert ends_alone == 0


def test_the_docx_keeps_the_last_paragraph_with_signature_and_date() -> None:
    letter = compose(LetterKind.REPLY, full_data(outcome="3.3.5", reasons="一\n二\n三"))
    document = Document(io.BytesIO(render_docx(letter)))
    texts = [p.text for p in document.paragraphs]
    last = document.paragraphs[texts.index(letter.body[-1])]
    assert last.paragraph_format.keep_with_next is True
    assert letter.body[-2] in texts  # every paragraph before it is printed too
    before = document.paragraphs[texts.index(letter.body[-2])]
    assert before.paragraph_format.keep_with_next is not True


def test_a_letters_core_properties_name_it_and_its_day_and_nothing_else() -> None:
    """``render_docx`` finishes the document as the internal forms do (``_finish``)."""
    letter = _letter(LetterKind.RECEIPT, "")
    data = render_docx(letter)
    props = Document(io.BytesIO(data)).core_properties
    assert (props.title, props.subject, props.author, props.keywords) == (
        letter.title,
        letter.number,
        letter.signature,
        letter.case_number,
    )
    assert props.created is not None and props.created.date() == letter.issue_date
    assert (props.last_modified_by, props.comments, props.revision) == ("", "", 1)
    assert render_docx(letter) == data  # byte-stable

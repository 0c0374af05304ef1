"""Write the default letter templates (``templates/*.docx``) from code, deterministically.

Run ``uv run scripts/make_letter_templates.py`` after changing this file and commit the result
(``src/gongkai/core/letters/templates/``); ``tests/core/letters`` fails when the committed
templates differ from what this script writes. The templates are ordinary Word files with
docxtpl (Jinja) tags, so an agency can open one in Word, change the layout and upload it as its
own (variables: see the package docstring of ``gongkai.core.letters``).

Layout (GB/T 9704-2012, values in ``gongkai/core/letters/layout.py``): A4; margins 37 / 35 /
28 / 26 mm; title 2号 小标宋 centred; body 3号 仿宋 at a fixed 28.95 pt line pitch (22 lines of
28 characters), paragraphs indented two characters; signature and date centred on a tab stop
four characters plus half a date from the right margin; 附注 under the date; page number
"— 1 —" in 4号.
"""

from __future__ import annotations

import argparse
import datetime as dt
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from gongkai.core import letters
from gongkai.core.letters import layout
from gongkai.core.report.render.docx import (
    BODY_FONT,
    LATIN_FONT,
    TITLE_FONT,
    _register_fonts,
    _set_run_font,
    _style_fonts,
)
from gongkai.core.report.render.ooxml import rezip

# The templates ship inside the package (letters render from them); this script does not.
TEMPLATES_DIR = Path(letters.__file__).resolve().parent / "templates"
# Any fixed date keeps the template bytes stable; rendered letters carry their issue date.
STAMP = dt.datetime(2025, 1, 1)
GENERIC = layout.GENERIC_TEMPLATE


def generic_template() -> bytes:
    """One template for every kind: the body is a loop over the composed paragraphs."""
    document = Document()
    _set_up(document)
    _paragraph(document, "{{ title }}", font=TITLE_FONT, size=layout.TITLE_SIZE, centre=True)
    _tag(document, "{%p if number %}")
    _paragraph(document, "{{ number }}", centre=True)
    _tag(document, "{%p endif %}")
    # 主送: one blank line under the title, flush left (GB/T 9704 7.3.3).
    addressee = _paragraph(document, "{{ addressee }}")
    addressee.paragraph_format.space_before = Pt(layout.LINE)
    _tag(document, "{%p for paragraph in body[:-1] %}")
    _paragraph(document, "{{ paragraph }}", indent=True, justify=True)
    _tag(document, "{%p endfor %}")
    # GB/T 9704 7.3.5.1: the last paragraph goes over with signature and date, which never
    # stand on a page of their own.
    last = _paragraph(document, "{{ body[-1] }}", indent=True, justify=True)
    last.paragraph_format.keep_with_next = True
    # One blank line, then signature and date kept together with it on one page.
    spacer = _paragraph(document, "")
    spacer.paragraph_format.keep_with_next = True
    # The seal gets a run of its own: docxtpl closes the run around a picture, and the
    # signature's run keeps its font.
    signature = _paragraph(document, "{{ seal }}", tab=True)
    _set_run_font(signature.add_run("\t{{ signature }}"), BODY_FONT, size=Pt(layout.BODY_SIZE))
    signature.paragraph_format.keep_with_next = True
    _paragraph(document, "\t{{ date }}", tab=True)
    _tag(document, "{%p if note %}")
    # 附注: two characters in, on the line under the date (GB/T 9704 7.3.6).
    _paragraph(document, "{{ note }}", indent=True)
    _tag(document, "{%p endif %}")
    return _save(document)


def form_template() -> bytes:
    """The internal forms (``core/letters/forms.py``): title, agency line, a table of labelled
    fields, an optional table of up to four columns, notes and the lines people sign."""
    document = Document()
    _set_up(document)
    _paragraph(document, "{{ title }}", font=TITLE_FONT, size=layout.TITLE_SIZE, centre=True)
    _paragraph(document, "{{ subtitle }}", centre=True, size=layout.FORM_SIZE)
    _tag(document, "{%p if fields %}")
    table = _table(document, 2, (0.28, 0.72))
    _row(table, ["{%tr for row in fields %}", ""])
    _row(table, ["{{ row[0] }}", "{{ row[1] }}"])
    _row(table, ["{%tr endfor %}", ""])
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if grid_header %}")
    heading = _paragraph(document, "{{ grid_title }}", size=layout.FORM_SIZE)
    heading.paragraph_format.space_before = Pt(layout.FORM_SIZE)
    grid = _table(document, 4, (0.2, 0.22, 0.22, 0.36))
    _row(grid, [f"{{{{ grid_header[{n}] }}}}" for n in range(4)])
    _row(grid, ["{%tr for row in grid %}", "", "", ""])
    _row(grid, [f"{{{{ row[{n}] }}}}" for n in range(4)])
    _row(grid, ["{%tr endfor %}", "", "", ""])
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for note in notes %}")
    _paragraph(document, "{{ note }}", indent=True, justify=True, size=layout.FORM_SIZE)
    _tag(document, "{%p endfor %}")
    spacer = _paragraph(document, "")
    spacer.paragraph_format.keep_with_next = True
    _tag(document, "{%p for line in signatures %}")
    signature = _paragraph(document, "{{ line }}", size=layout.FORM_SIZE)
    signature.paragraph_format.keep_with_next = True
    _tag(document, "{%p endfor %}")
    return _save(document)


def _table(document: DocumentObject, columns: int, widths: tuple[float, ...]) -> Table:
    table = document.add_table(rows=0, cols=columns)
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for column, share in zip(table.columns, widths, strict=True):
        column.width = Pt(layout.TEXT_WIDTH * share)
    return table


def _row(table: Table, texts: list[str]) -> None:
    cells = table.add_row().cells
    for cell, text, column in zip(cells, texts, table.columns, strict=True):
        cell.width = column.width
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if text:
            _set_run_font(paragraph.add_run(text), BODY_FONT, size=Pt(layout.FORM_SIZE))


def _set_up(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = (
        Mm(layout.MARGIN_TOP_MM),
        Mm(layout.MARGIN_BOTTOM_MM),
    )
    section.left_margin, section.right_margin = (
        Mm(layout.MARGIN_LEFT_MM),
        Mm(layout.MARGIN_RIGHT_MM),
    )
    # The page number sits 7 mm under the type area (GB/T 9704 7.5).
    section.footer_distance = Mm(layout.MARGIN_BOTTOM_MM - 7) - Pt(layout.PAGE_NUMBER_SIZE)
    # A line grid of the fixed pitch, so Word lays out 22 lines per page.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(layout.LINE * 20)))

    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.size = Pt(layout.BODY_SIZE)
    _style_fonts(normal, BODY_FONT, LATIN_FONT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(layout.LINE)
    fmt.widow_control = True

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _page_number(footer)

    props = document.core_properties
    props.title = "{{ title }}"
    props.author = "{{ signature }}"
    props.comments = ""
    props.last_modified_by = ""
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = STAMP


def _paragraph(
    document: DocumentObject,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = layout.BODY_SIZE,
    centre: bool = False,
    indent: bool = False,
    justify: bool = False,
    tab: bool = False,
) -> Paragraph:
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    if centre:
        paragraph.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    elif justify:
        paragraph.alignment = WD_PARAGRAPH_ALIGNMENT.JUSTIFY
    if indent:
        fmt.first_line_indent = Pt(layout.INDENT)
    if tab:
        fmt.tab_stops.add_tab_stop(Pt(layout.SIGNATURE_AXIS), WD_TAB_ALIGNMENT.CENTER)
    if text:
        _set_run_font(paragraph.add_run(text), font, size=Pt(size))
    return paragraph


def _tag(document: DocumentObject, tag: str) -> None:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag: it disappears when rendered."""
    _paragraph(document, tag)


def _page_number(paragraph: Paragraph) -> None:
    def run(text: str = "") -> None:
        r = paragraph.add_run(text)
        # 4号 半角宋体 Arabic numerals with a dash on either side (GB/T 9704 7.5).
        _set_run_font(r, "宋体", size=Pt(layout.PAGE_NUMBER_SIZE))

    run("— ")
    field = paragraph.add_run()
    _set_run_font(field, "宋体", size=Pt(layout.PAGE_NUMBER_SIZE))
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            field._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            field._r.append(instr)
    number = paragraph.add_run("1")
    _set_run_font(number, "宋体", size=Pt(layout.PAGE_NUMBER_SIZE))
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    run(" —")


def _save(document: DocumentObject) -> bytes:
    # python-docx's stock template carries a thumbnail of some other page; file browsers
    # would show it as the letter's preview.
    package = document.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]
    buffer = BytesIO()
    document.save(buffer)
    return rezip(buffer.getvalue(), STAMP, _register_fonts)


TEMPLATES = {GENERIC: generic_template, layout.FORM_TEMPLATE: form_template}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=TEMPLATES_DIR)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in TEMPLATES.items():
        (args.out / name).write_bytes(make())
        print(args.out / name)


if __name__ == "__main__":
    main()

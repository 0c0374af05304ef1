"""Every corpus report renders in every format, and the numbers read back out of the files."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.core.report import Report
from gongkai.core.report.formats import BALANCE_NOTE
from gongkai.core.report.model import loads
from gongkai.core.report.render import RENDERERS, render
from gongkai.core.report.render.layout import layout
from tests.conftest import TRUTH_FILES, corpus_ids
from tests.core import readback

TABLE_READERS: dict[str, Callable[[bytes], list[readback.Rows]]] = {
    "html": readback.html_tables,
    "md": readback.markdown_tables,
    "docx": readback.docx_tables,
    "xlsx": readback.xlsx_tables,
}


def _tables_for(report: Report, to: str, data: bytes) -> list[readback.Rows]:
    tables = TABLE_READERS[to](data)
    if to in {"html", "docx"}:
        # Missing sections render as a note, not a table; line the rest up by section.
        # (XLSX keeps one sheet per section, Markdown one heading per section.)
        present = iter(tables)
        tables = [[] if t.missing else next(present) for t in layout(report)]
    return tables


def _expected(report: Report) -> Report:
    """What reading back must give: absent dispute groups read as blanks."""
    out = Report(report.agency, report.year, report.format)
    out.proactive = report.proactive
    out.applications = report.applications
    if report.disputes is not None:
        out.disputes = {
            g: report.disputes.get(g, [None] * 5)
            for g in ("review", "litigation_direct", "litigation_after_review")
        }
    return out


@pytest.mark.parametrize("to", sorted(TABLE_READERS))
@pytest.mark.parametrize("path", TRUTH_FILES, ids=corpus_ids())
def test_numbers_read_back_from_each_rendered_table(path: Path, to: str) -> None:
    report = Report.from_json(path.read_text(encoding="utf-8"))
    data = render(report, to)
    read = readback.cells_by_label(report, _tables_for(report, to, data))
    expected = _expected(report)
    assert read.proactive == expected.proactive
    assert read.applications == expected.applications
    assert read.disputes == expected.disputes


@pytest.mark.parametrize("path", TRUTH_FILES, ids=corpus_ids())
def test_json_output_is_the_schema_form(path: Path) -> None:
    report = Report.from_json(path.read_text(encoding="utf-8"))
    assert loads(render(report, "json")) == loads(path.read_text(encoding="utf-8"))


def test_html_lays_out_the_official_merged_cells() -> None:
    report = Report.from_json((TRUTH_FILES[0].parent / "real-001.truth.json").read_text())
    html = render(report, "html").decode()
    assert f'<th class="note" rowspan="3" colspan="3">{BALANCE_NOTE}</th>' in html
    assert '<th class="group" rowspan="20" scope="row">三、本年度办理结果</th>' in html
    assert '<th class="group" rowspan="8" scope="row">（三）不予公开</th>' in html
    assert '<th class="head" colspan="5" scope="col">法人或其他组织</th>' in html
    assert '<th class="head" colspan="10" scope="col">行政诉讼</th>' in html
    assert "<!DOCTYPE html>" in html and "<style>" in html


def test_the_2021_result_group_spans_22_rows() -> None:
    report = Report.from_json((TRUTH_FILES[0].parent / "xishan-2021.truth.json").read_text())
    html = render(report, "html").decode()
    assert 'rowspan="22" scope="row">三、本年度办理结果</th>' in html
    assert 'rowspan="3" scope="row">（六）其他处理</th>' in html


def test_a_report_without_tables_renders_a_note_instead() -> None:
    report = Report.from_json((TRUTH_FILES[0].parent / "hefei-jingkai-2020.truth.json").read_text())
    for to in RENDERERS:
        assert render(report, to)
    assert "本部分数据未在报告中提供" in render(report, "html").decode()


def test_only_the_rows_a_partial_report_has_are_rendered() -> None:
    report = Report.from_json((TRUTH_FILES[0].parent / "real-007.truth.json").read_text())
    assert report.applications is not None
    html = render(report, "html").decode()
    rendered = set(re.findall(r'data-key="applications\.([0-9.]+)\.total"', html))
    assert rendered == set(report.applications)


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@pytest.mark.parametrize("path", TRUTH_FILES, ids=corpus_ids())
def test_pdf_text_carries_every_label_and_number_in_reading_order(path: Path) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from gongkai.core.report.render.layout import MISSING_NOTE, report_title

    report = Report.from_json(path.read_text(encoding="utf-8"))
    data = render(report, "pdf")
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    expected = [report_title(report)]
    for table in layout(report):
        expected.append(table.title)
        expected.extend(c.text for row in table.rows() for c in row)
        if table.missing:
            expected.append(MISSING_NOTE)
    flat = re.sub(r"\s+", "", text)
    for piece in expected:
        # Labels wrap inside their cells; compare without whitespace.
        assert re.sub(r"\s+", "", piece) in flat, piece
    assert NUMBER.findall(text) == NUMBER.findall("".join(e + " " for e in expected))

"""A report with its prose renders the prose in every format, and reads back unchanged."""

from __future__ import annotations

import dataclasses
import io

import pytest
from docx import Document

from gongkai.core.reader import read_bytes
from gongkai.core.report import Report
from gongkai.core.report.compute import compute_report
from gongkai.core.report.narrative import draft
from gongkai.core.report.render import render
from tests.core.report.test_compute import DISPUTES, WORLD


@pytest.fixture(scope="module")
def report() -> Report:
    bare = compute_report("瓯江区财政局", 2024, WORLD, DISPUTES)
    prose = draft(bare)
    texts = {
        "opening": prose.opening,
        "一": prose.overview,
        "五": prose.problems,
        "六": prose.other,
    }
    return dataclasses.replace(bare, extra={**bare.extra, "narrative": texts})


def _text(report: Report, kind: str) -> str:
    content = render(report, kind)
    if kind == "docx":
        return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    return content.decode("utf-8")


@pytest.mark.parametrize("kind", ["html", "md", "docx"])
def test_the_prose_sections_surround_the_tables_in_order(report: Report, kind: str) -> None:
    text = _text(report, kind)
    order = [
        text.index("一、总体情况"),
        text.index("二、主动公开政府信息情况"),
        text.index("四、政府信息公开行政复议、行政诉讼情况"),
        text.index("五、存在的主要问题及改进情况"),
        text.index("六、其他需要报告的事项"),
    ]
    assert order == sorted(order)
    first_sentence = report.extra["narrative"]["一"].splitlines()[0][:20]
    assert first_sentence in text


@pytest.mark.parametrize("kind", ["html", "md", "docx"])
def test_a_rendered_report_with_prose_reads_back_to_the_same_tables(
    report: Report, kind: str
) -> None:
    name = {"html": "r.html", "md": "r.md", "docx": "r.docx"}[kind]
    reading = read_bytes(render(report, kind), name)
    assert reading.report is not None
    assert reading.report.applications == report.applications
    assert reading.report.disputes == report.disputes
    assert not [f.code for f in reading.findings if f.code.startswith(("narrative.", "layout."))]


def test_a_report_without_prose_renders_its_tables_only() -> None:
    bare = compute_report("瓯江区财政局", 2024, WORLD, DISPUTES)
    assert "一、总体情况" not in _text(bare, "html")

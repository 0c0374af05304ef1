"""A report format is data: a third national format, defined only here, works end to end.

The hypothetical format 2026 differs from 2021 as a new format would: it is in force from a
later year, section 二 has a row the reader's tuned labels have never seen (行政确认), section
三 a new result row (3.4.4), and its own cues. It is registered for the test only (the registry
``FORMATS`` and the schema's validator are patched); computing, checking, every renderer, the
reader and the roll-up must then handle it without a line of code outside ``formats.py``.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from gongkai.core import outcomes
from gongkai.core.reader import read_bytes, read_text
from gongkai.core.report import Report, check, model
from gongkai.core.report.compute import CaseFact, DisputeFact, compute_report
from gongkai.core.report.formats import (
    FORMAT_2021,
    FORMATS,
    ApplicationLine,
    Cue,
    ProactiveBlock,
    ProactiveRow,
    format_for_year,
)
from gongkai.core.report.narrative import draft, proactive_paragraph
from gongkai.core.report.render import RENDERERS, render
from gongkai.core.report.render.layout import layout
from gongkai.core.report.render.markdown import table_markdown
from gongkai.core.report.rollup import rollup
from tests.core import readback

_licensing = FORMAT_2021.proactive[1]
_lines = list(FORMAT_2021.application_lines)
_after_343 = next(i for i, line in enumerate(_lines) if line.key == "3.4.3") + 1

FORMAT_2026 = dataclasses.replace(
    FORMAT_2021,
    key="2026",
    name="政府信息公开工作年度报告格式（2026年版）",
    issued_by="国办公开办函〔2026〕1号",
    first_year=2026,
    implied_year=2026,
    cues=(
        *FORMAT_2021.cues,
        Cue(("行政确认",), whole=True),
        Cue(("移交国家档案馆",), shorter_than=50),
    ),
    proactive=(
        FORMAT_2021.proactive[0],
        ProactiveBlock(
            _licensing.title,
            _licensing.columns,
            (*_licensing.rows, ProactiveRow("confirmation", "行政确认")),
        ),
        *FORMAT_2021.proactive[2:],
    ),
    application_lines=(
        *_lines[:_after_343],
        ApplicationLine("3.4.4", "4.申请的信息已移交国家档案馆", 2, True),
        *_lines[_after_343:],
    ),
)


def _schema_2026() -> dict[str, Any]:
    """The schema as the new format would extend it: its key, its section 二, its new row."""
    schema = copy.deepcopy(model.schema())
    schema["properties"]["format"]["enum"].append("2026")
    names = schema["properties"]["applications"]["propertyNames"]
    names["pattern"] = names["pattern"].replace(r"3\.4\.[1-3]", r"3\.4\.[1-4]")
    branch_2021 = next(
        b for b in schema["allOf"] if b["if"]["properties"]["format"]["const"] == "2021"
    )
    branch = copy.deepcopy(branch_2021)
    branch["if"]["properties"]["format"]["const"] = "2026"
    proactive = branch["then"]["properties"]["proactive"]["properties"]
    proactive["confirmation"] = {"$ref": "#/$defs/decisions"}
    schema["allOf"].append(branch)
    # The older formats have no row 3.4.4.
    for old in schema["allOf"][:-1]:
        apps = old["then"]["properties"]["applications"]
        apps["propertyNames"] = {"allOf": [apps["propertyNames"], {"not": {"const": "3.4.4"}}]}
    return schema


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(_schema_2026())
    monkeypatch.setitem(FORMATS, "2026", FORMAT_2026)
    monkeypatch.setattr(model, "_validator", lambda: validator)
    yield


FIGURES: dict[str, dict[str, Any]] = {
    "rules": {"issued": 1, "repealed": 0, "in_force": 12},
    "normative": {"issued": 5, "repealed": 2, "in_force": 40},
    "licensing": {"decisions": 120},
    "confirmation": {"decisions": 33},
    "penalty": {"decisions": 7},
    "coercion": {"decisions": 0},
    "fees": {"amount_wan_yuan": 2.5},
}


def _cases(year: int) -> list[CaseFact]:
    codes = ["3.1", "3.2", "3.3.4", "3.4.1", "3.5.2", "3.6.1", "3.6.2", "3.6.3"]
    facts = [
        CaseFact(date(year, 1 + i, 3), "自然人", date(year, 1 + i, 20), code, id=i)
        for i, code in enumerate(codes)
    ]
    facts.append(CaseFact(date(year - 1, 12, 20), "商业企业", date(year, 1, 10), "3.1", id=100))
    facts.append(CaseFact(date(year, 12, 28), "科研机构", None, None, id=101))
    return facts


def _report(agency: str = "某市人民政府办公室", year: int = 2026) -> Report:
    disputes = [
        DisputeFact("review", date(year, 3, 1), date(year, 5, 1), "upheld", id=1),
        DisputeFact("litigation_direct", date(year, 6, 1), None, None, id=2),
    ]
    return compute_report(agency, year, _cases(year), disputes, proactive=FIGURES)


def _tables(report: Report | None) -> tuple[Any, Any, Any]:
    assert report is not None
    return report.proactive, report.applications, report.disputes


def test_the_format_in_force_follows_each_formats_first_year() -> None:
    assert format_for_year(2020).key == "2019"
    assert format_for_year(2025) is FORMAT_2021
    assert format_for_year(2026) is FORMAT_2026
    assert format_for_year(2040) is FORMAT_2026


def test_a_report_for_its_years_is_computed_in_the_new_format_and_checks_clean() -> None:
    report = _report()
    assert report.format == "2026"
    assert list(report.applications or {}) == list(FORMAT_2026.application_keys)
    assert (report.proactive or {})["confirmation"] == {"decisions": 33}
    apps = report.applications or {}
    assert apps["3.4.4"] == [0] * 7
    assert apps["3.6.1"][6] == 1  # outcome codes land in the format's own rows
    assert [f for f in check(report) if f.level == "error"] == []
    assert Report.from_json(report.to_json()).to_dict() == report.to_dict()


def test_outcomes_count_in_the_new_formats_rows() -> None:
    for code in outcomes.OUTCOMES:
        assert outcomes.report_row(code, "2026") in FORMAT_2026.leaf_result_keys


def test_the_results_sum_covers_the_new_result_row() -> None:
    report = _report()
    apps = report.applications or {}
    apps["3.4.4"] = [1, 0, 0, 0, 0, 0, 1]
    codes = {f.code for f in check(report)}
    assert "apps.results_sum" in codes


def test_in_force_continues_from_a_2021_format_year() -> None:
    previous = compute_report(
        "某市人民政府办公室",
        2025,
        _cases(2025),
        proactive={"normative": {"in_force": 30}, "rules": {"in_force": 11}},
    )
    assert previous.format == "2021"
    findings = [f for f in check(_report(), previous) if f.code == "proactive.in_force"]
    # rules: 11 + 1 − 0 = 12 as printed; normative: 30 + 5 − 2 = 33, printed 40.
    assert [(f.where, f.expected, f.actual) for f in findings] == [("normative", 33, 40)]


TABLE_READERS = {
    "html": readback.html_tables,
    "md": readback.markdown_tables,
    "docx": readback.docx_tables,
    "xlsx": readback.xlsx_tables,
}


def test_every_renderer_is_tried_here() -> None:
    assert set(RENDERERS) == {*TABLE_READERS, "pdf", "json"}


@pytest.mark.parametrize("to", sorted(TABLE_READERS))
def test_every_table_renderer_prints_the_new_rows_with_their_numbers(to: str) -> None:
    report = _report()
    read = readback.cells_by_label(report, TABLE_READERS[to](render(report, to)))
    assert _tables(read) == _tables(report)


def test_the_json_and_pdf_renderers_take_the_new_format() -> None:
    report = _report()
    assert Report.from_json(render(report, "json")).to_dict() == report.to_dict()
    assert render(report, "pdf").startswith(b"%PDF")


@pytest.mark.parametrize("to", ["html", "md", "docx", "pdf"])
def test_the_reader_reads_a_rendered_report_back_in_the_new_format(to: str) -> None:
    report = _report()
    reading = read_bytes(render(report, to), f"report.{to}")
    read = reading.report
    assert read is not None
    assert (read.agency, read.year, read.format) == (report.agency, 2026, "2026")
    assert _tables(read) == _tables(report)
    assert not {f.code for f in reading.findings} & {"format_guessed", "cell_unreadable"}


def test_a_text_without_a_year_is_read_as_the_year_its_format_implies() -> None:
    report = _report()
    text = "\n\n".join(f"{t.title}\n\n{table_markdown(t)}" for t in layout(report))
    reading = read_text(text)
    assert reading.report is not None
    assert (reading.report.format, reading.report.year) == ("2026", 2026)
    assert "year_guessed" in {f.code for f in reading.findings}
    assert _tables(reading.report) == _tables(report)


def test_units_roll_up_in_the_new_format() -> None:
    a, b = _report("甲局"), _report("乙局")
    total = rollup([a, b], "某市")
    assert total.format == "2026"
    assert (total.proactive or {})["confirmation"] == {"decisions": 66}
    assert (total.applications or {})["3.7"] == [2 * n for n in (a.applications or {})["3.7"]]
    assert Report.from_dict(total.to_dict()).format == "2026"
    assert [f for f in check(total) if f.level == "error"] == []


def test_the_draft_names_the_documents_with_the_formats_labels() -> None:
    paragraph = proactive_paragraph(_report())
    assert "制发行政规范性文件5件、废止2件、现行有效40件" in paragraph
    assert draft(_report()).overview


def test_the_old_formats_reject_the_new_row() -> None:
    data = _report(year=2026).to_dict()
    data["format"], data["year"] = "2021", 2025
    data["proactive"].pop("confirmation")
    with pytest.raises(model.ReportError, match=re.escape("3.4.4")):
        Report.from_dict(data)

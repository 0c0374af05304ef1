"""Report texts saved in every encoding Chinese sites use decode to the same text and tables.

Big5 bytes decode as GB18030 without an error; the reader must still pick Big5 (issue 16,
class 6). Texts are generated: reports rendered as text or HTML, in simplified characters or
turned traditional (as Taiwan and Hong Kong mirrors print them), then encoded.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_bytes, read_text
from gongkai.core.reader.normalize import decode, plausibility
from gongkai.core.report import Report
from gongkai.core.report.render import render
from tests.core.strategies import full_report

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "cp950", "utf-16", "utf-16-le"]
ENCODINGS += ["utf-16-be"]
SIMPLIFIED_ONLY = {"gbk"}  # GBK holds traditional characters too, but pages in it are simplified


@cache
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _encodable(text: str, encoding: str) -> str:
    """The text less the characters the encoding lacks (a page in Big5 has none of them)."""
    out = []
    for c in text:
        try:
            c.encode(encoding)
        except UnicodeEncodeError:
            continue
        out.append(c)
    return "".join(out)


def _tables(report: Report | None) -> tuple[Any, ...]:
    assert report is not None
    return (report.agency, report.year, report.proactive, report.applications, report.disputes)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    full_report(),
    st.sampled_from(["md", "html"]),
    st.sampled_from(ENCODINGS),
    st.booleans(),
)
def test_a_report_in_any_encoding_decodes_to_its_text_and_reads_the_same(
    report: Report, to: str, encoding: str, traditional: bool
) -> None:
    text = render(report, to).decode("utf-8")
    if (traditional and encoding not in SIMPLIFIED_ONLY) or encoding in {"big5", "cp950"}:
        text = _s2t().convert(text)
    if to == "html":
        # The page's own declaration, when it has one, is UTF-8 (often wrong after a re-save).
        text = text.replace('charset="utf-8"', "").replace("charset=utf-8", "")
    text = _encodable(text, encoding)
    data = text.encode(encoding)
    assert decode(data) == text.removeprefix("\ufeff")
    name = f"report.{'html' if to == 'html' else 'txt'}"
    assert _tables(read_bytes(data, name).report) == _tables(
        read_text(text, html=to == "html").report
    )


@pytest.mark.parametrize("encoding", ["big5", "cp950"])
def test_big5_is_not_taken_for_gb18030(encoding: str) -> None:
    text = "某縣統計局2021年政府資訊公開工作年度報告\n一、總體情況\n本年新收申請數量 3 件。"
    data = text.encode(encoding)
    assert data.decode("gb18030") != text  # decodes without an error, into mojibake
    assert decode(data) == text
    assert plausibility(text) > plausibility(data.decode("gb18030"))


def test_a_declared_charset_that_lies_does_not_win() -> None:
    page = '<meta charset="gb2312"><p>某縣2022年政府資訊公開工作年度報告：申請、辦理、複議情況</p>'
    assert decode(page.encode("cp950")) == page


def test_binary_data_is_still_not_a_report() -> None:
    data = bytes(range(256)) * 8
    reading = read_bytes(data, "x.bin")
    assert reading.report is None
    assert [f.code for f in reading.findings] == ["not_a_report"]

"""A PDF page holding a ruled table and text below it: each line of text is placed where it
stands on the page, whatever lines it holds that are no cells (a page number, "- 5 -"). Read
as real PDFs print section 四 (its heading, the table, then section 五's heading and text), and
as offices print a whole report: a running head and page numbers on every page."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_bytes
from gongkai.core.report import Report
from gongkai.core.report.render.pdf import _font_config, _print_css
from tests.core.reader import extracted
from tests.core.reader.test_reader_damaged import SLOW_OK
from tests.core.reader.test_reader_roundtrip import _complete, _has_tables, _same
from tests.core.strategies import any_report, balanced_report

_GROUPS = ("review", "litigation_direct", "litigation_after_review")
_HEADER = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _pdf(figures: list[int], footer: str) -> bytes:
    from weasyprint import HTML

    header = "".join(f"<td>{h}</td>" for h in _HEADER * 3)
    row = "".join(f"<td>{n}</td>" for n in figures)
    html = f"""<html><head><style>{_print_css()}
      td {{ border: 1px solid black; padding: 2px; }} table {{ border-collapse: collapse; }}
    </style></head><body class="gk-report">
    <h1>临江县人民政府2024年政府信息公开工作年度报告</h1>
    <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
    <table>
      <tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
      <tr><td colspan="5"></td>
        <td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
      <tr>{header}</tr>
      <tr>{row}</tr>
    </table>
    <h2>五、存在的主要问题及改进情况</h2>
    <p>对照上级新要求和公众新期待，还有一些需要加强和改进的地方。</p>
    <p style="text-align: center">{footer}</p>
    </body></html>"""
    data: bytes = HTML(string=html).write_pdf(font_config=_font_config())
    return data


group = st.lists(st.integers(0, 40), min_size=4, max_size=4).map(lambda g: [*g, sum(g)])


@settings(max_examples=4, deadline=None)
@given(st.lists(group, min_size=3, max_size=3), st.sampled_from(["- 5 -", "— 12 —", "第 3 页"]))
def test_the_table_below_its_heading_is_read_before_the_next_section(
    groups: list[list[int]], footer: str
) -> None:
    reading = read_bytes(_pdf([n for g in groups for n in g], footer), "report.pdf")
    assert reading.report is not None
    assert reading.report.disputes == dict(zip(_GROUPS, groups, strict=True))


@settings(max_examples=3, suppress_health_check=SLOW_OK, deadline=None)
@given(any_report().filter(_has_tables), st.sampled_from(extracted.PAGE_NUMBERS))
def test_a_report_printed_with_a_running_head_and_page_numbers_reads_back(
    report: Report, number: str
) -> None:
    report = _complete(report)
    _same(extracted.printed(report, number), "report.pdf", report)


@settings(max_examples=3, suppress_health_check=SLOW_OK, deadline=None)
@given(balanced_report(), st.sampled_from(extracted.PAGE_NUMBERS))
def test_a_report_printed_with_unruled_tables_reads_back(report: Report, number: str) -> None:
    # Lines of text (the reader's PDF library finds no table): a group's label beside its
    # first row's, "（六）其他 2.申请人逾期未按收费通知要求缴纳", that label wrapped. (Every
    # cell filled: a blank cell of an unruled table prints nothing, and its row is left out.)
    _same(extracted.printed(report, number, ruled=False), "report.pdf", report)

"""Honest findings (issue 16, class 7): what a reading claims follows from the text itself."""

from __future__ import annotations

import random

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.report import Report
from tests.core.reader import damaged
from tests.core.reader.layouts import page
from tests.core.strategies import balanced_report

FEW = settings(max_examples=10, deadline=None)


def _page(report: Report) -> str:
    return page(report, "pipe", random.Random(0))


@FEW
@given(balanced_report())
def test_a_text_that_stops_before_its_tables_is_not_read_fully(report: Report) -> None:
    text = _page(report).split("二、主动公开政府信息情况")[0]
    reading = read_text(text)
    assert reading.report is not None
    assert reading.coverage == "tables_missing"


@FEW
@given(balanced_report())
def test_a_complete_table_followed_by_prose_is_not_called_cut_off(report: Report) -> None:
    text = _page(report).split("五、存在的主要问题")[0] + "本机关将进一步加强政府信息公开工作。\n"
    reading = read_text(text)
    assert not [f for f in reading.findings if f.code == "truncated"]
    assert reading.coverage == "full"


@FEW
@given(balanced_report())
def test_checks_on_a_cell_the_reader_could_not_read_are_kept_apart(report: Report) -> None:
    assert report.applications is not None
    assume(report.applications["3.1"][4] != 0)
    lines = _page(report).split("\n")
    n = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("（一）予以公开") or "予以公开 |" in line
    )
    cells = lines[n].split(" | ")
    cells[-3] = "? " + cells[-3][-1:]  # a mirror lost a character of one figure
    lines[n] = " | ".join(cells)
    reading = read_text("\n".join(lines))
    assert any(
        f.code == "cell_unreadable" and f.where.startswith("applications.3.1")
        for f in reading.findings
    )
    # The row no longer adds up, but that is the reader's doubt, not the publisher's error.
    assert not [
        f for f in reading.check_findings if f.code == "apps.row_total" and f.where == "3.1"
    ]
    assert [f for f in reading.doubted_checks if f.code == "apps.row_total" and f.where == "3.1"]
    assert all(i.get("reader_doubt") for i in reading.issues() if i["code"] == "apps.row_total")
    assert reading.coverage == "partial"


@settings(max_examples=20, deadline=None)
@given(st.integers(2008, 2018), st.booleans())
def test_a_report_before_the_2019_form_is_said_to_follow_no_known_form(
    year: int, old_form: bool
) -> None:
    # The 2008 条例's reports print tables of their own making ("（一）主动公开政府信息的情况 … 共
    # 公开信息1234条"): no figure is read from them, and a finding says why. The same year over
    # the 2019 form's tables is read as such, with no such finding.
    head = f"东江县统计局{year}年政府信息公开工作年度报告\n一、概述\n本局认真贯彻落实《条例》。\n"
    if old_form:
        text = head + "二、主动公开政府信息的情况\n全年共主动公开信息1234条，其中规范性文件12条。\n"
    else:
        text = head + "二、主动公开政府信息情况\n第二十条第（一）项\n"
        text += (
            "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 0 | 0 | 3 |\n"
        )
    reading = read_text(text)
    said = [f for f in reading.findings if f.code == "format_unknown"]
    assert reading.report is not None and reading.report.year == year
    assert len(said) == old_form
    assert bool(reading.report.proactive) != old_form


@FEW
@given(st.lists(st.integers(0, 99), min_size=6, max_size=6))
def test_rows_no_label_names_are_each_quoted_and_a_cut_table_is_said_cut_inside(
    figures: list[int],
) -> None:
    # Items listed under 其他对外管理服务事项 ("行政检查", "行政确认"), one cell to a line, then the
    # text stops at the next item's header: each row left out is quoted (two findings, told
    # apart), and the table is said to stop inside, not after the last row read.
    first, second = (" ".join(map(str, figures[:3])), " ".join(map(str, figures[3:])))
    lines = ["二、主动公开政府信息情况", "第二十条第(五)项 |", "信息内容 |", "上一年项目数量 |"]
    lines += ["本年增/减 |", "处理决定数量 |", "行政许可 |", "0 |", "0 |", "0 |", "||"]
    lines += ["其他对外管理服务事项 |", "行政检查 |", *(f"{n} |" for n in figures[:3]), "|"]
    lines += ["行政确认 |", *(f"{n} |" for n in figures[3:]), "||", "第二十条第(六)项 |"]
    reading = read_text("\n".join(lines))
    unlabeled = [
        f.message
        for f in reading.findings
        if f.code == "cell_unreadable" and f.where == "proactive"
    ]
    assert len(unlabeled) == 2 and unlabeled[0] != unlabeled[1]
    assert f"“{first}" in unlabeled[0] and f"“{second}" in unlabeled[1]
    (cut,) = [
        f.message for f in reading.findings if f.where == "proactive" and f.code == "truncated"
    ]
    assert "文本在表格中途中断" in cut


@FEW
@given(balanced_report())
def test_a_section_saying_none_in_a_word_is_no_table_misread(report: Report) -> None:
    # "四、…情况\n无": the section prints no table — not a row of cells the reader failed to place.
    text = _page(report).split("四、")[0] + "四、政府信息公开行政复议、行政诉讼情况\n无\n五、其他\n"
    reading = read_text(text)
    assert reading.report is not None and reading.report.disputes is None
    said = [(f.code, f.message) for f in reading.findings if f.where == "disputes"]
    assert said == [
        (
            "tables_missing",
            "“四、政府信息公开行政复议、行政诉讼情况”表格：该部分只写明“无”，未印出表格的数字",
        )
    ]


@FEW
@given(
    balanced_report(), st.sampled_from(["五、存在的主要问题及改进情况", "六、其他需要报告的事项"])
)
def test_a_heading_running_into_its_prose_ends_the_table_before_it(
    report: Report, after: str
) -> None:
    # Tables printed as images: headings alone, then "五、存在的主要问题及改进情况 2021年,我局的
    # 政府信息公开工作取得了一定的成效,…" on one line. Section 四 is missing, not cut off.
    head = _page(report).split("二、主动公开政府信息情况")[0]
    text = (
        head + "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        f"{after} {report.year}年,我局的政府信息公开工作取得了一定的成效,但与要求相比还存在差距,"
        "主要表现在:一是公开服务质量还不够高。"
    )
    reading = read_text(text)
    assert not [f for f in reading.findings if f.code == "truncated"]
    assert reading.coverage == "tables_missing"


@FEW
@given(
    balanced_report(),
    st.sampled_from(["其他主动公开文件", "其他主动公开文件（含以本单位名义签发的文件）"]),
)
def test_figures_under_a_name_the_form_has_no_row_of_are_said_to_be_so(
    report: Report, name: str
) -> None:
    # A province's extra row, its cells one a line ("其他主动公开文件 |", "3 |", "3 |", "3 |"):
    # left out, the finding naming it, never "a row without a name".
    lines = page(report, "pipe_cell_per_line", random.Random(0)).split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("第二十条第（五）项"))
    lines[at:at] = [f"{name} |", "3 |", "3 |", "3 |"]
    reading = read_text("\n".join(lines))
    said = [f.message for f in reading.findings if f.code == "cell_unreadable"]
    assert any("“其他主动公开文件”不是本表的行名称" in m for m in said), said
    assert not any("没有本表的行名称" in m for m in said), said


@FEW
@given(balanced_report(), st.sampled_from(["其他主动公开文件", "部门文件"]))
def test_a_row_the_form_has_not_is_left_out_and_said_so(report: Report, name: str) -> None:
    # "其他主动公开文件 | 9 | 9 | 9 |" between section 二's blocks: its figures are no cell of
    # the report, and not silently dropped either; the report is still read fully.
    lines = _page(report).split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("第二十条第（五）项"))
    lines.insert(at, f"{name} | 9 | 9 | 9 |")
    reading = read_text("\n".join(lines))
    said = [f for f in reading.findings if f.code == "row_not_in_form"]
    assert [(f.where, f.raw) for f in said] == [("proactive", "9 9 9")]
    assert f"“{name}”不是本表格式的行" in said[0].message
    assert reading.coverage == "full"


# (… some of them a row of the form's by name: "规范性文件", "行政许可")
_OWN_ITEMS = ["组织机构类", "部门文件类", "动态类信息", "办事指南类", "财政预决算类", "其他",
              "政府信息公开工作年度报告", "规划计划类", "人事信息类", "公告公示类", "规范性文件",
              "行政许可"]  # fmt: skip


@FEW
@given(
    st.lists(st.tuples(st.sampled_from(_OWN_ITEMS), st.integers(0, 99)), min_size=3, max_size=9),
    st.sampled_from(["pipe", "pipe_cell_per_line"]),
    st.integers(2009, 2025),
    st.sampled_from([None, ("类别", "条数"), ("项目", "数量(条)"), ("栏目", "信息数")]),
)
def test_a_table_of_its_own_making_under_the_forms_heading_gives_no_figure(
    items: list[tuple[str, int]], style: str, year: int, columns: tuple[str, str] | None
) -> None:
    # A 2018 report's count list under "二、主动公开政府信息情况" ("序号 | 项目 | 数量(条)",
    # "4 | 办事指南类 | 1"): a report before the 2019 form printing none of its headers prints
    # tables of its own making, as does one of any year printing a "序号" column and no form's
    # headers; its row numbers and counts were read as label-lost rows of the form (four wrong
    # figures), a "规范性文件 | 62" or "行政许可 | 85" as the form's row.
    # (… or no "序号" column: a column of kinds beside one of counts, "类别 | 条数")
    rows = (
        [["序号", "项目", "数量(条)"]] + [[str(n), name, str(count)]
                                         for n, (name, count) in enumerate(items, 1)]
        if columns is None
        else [list(columns)] + [[name, str(count)] for name, count in items]
    )  # fmt: skip
    if style == "pipe":
        table = [" | ".join(row) + " |" for row in rows]
    else:
        table = [line for row in rows for line in (row[0], *(f"| {cell}" for cell in row[1:]), "|")]
    text = (
        f"X县统计局{year}年政府信息公开工作年度报告\n一、概述\n本局认真贯彻落实《条例》。\n"
        f"二、主动公开政府信息情况\n{year}年,本局主动公开政府信息{sum(c for _, c in items)}条。\n"
        + "\n".join(table)
        + "\n三、依申请公开政府信息情况\n本局未收到申请。\n"
    )
    reading = read_text(text)
    assert reading.report is not None
    assert not reading.report.proactive, reading.report.proactive
    assert [f.code for f in reading.findings if f.where == "format"] == ["format_unknown"]


@FEW
@given(balanced_report())
def test_a_label_floated_above_rows_the_form_puts_before_it_names_none_of_them(
    report: Report,
) -> None:
    # A PDF converted to Markdown floats "1.本机关不掌握相关政府信息" (row 3.4.1's label) over a
    # table of the figures of "5.属于三类内部事务信息" (its label lost), above "| 6.属于四类过程性
    # 信息 | …" printed whole: those figures are not row 3.4.1's (hunt 151/002: four wrong).
    lines = [f"| {line}" if line.endswith("|") else line for line in _page(report).split("\n")]
    internal = [i for i, line in enumerate(lines) if line.startswith("| 5.属于三类内部事务信息 |")]
    unable = [i for i, line in enumerate(lines) if "| 1.本机关不掌握相关政府信息 |" in line]
    assume(internal and unable)
    figures = lines[internal[0]].split(" | ", 1)[1]
    lines[internal[0] : internal[0] + 1] = [
        "1.本机关不掌握相关政府信息",
        f"| {figures}",
        "|---" * 7 + "|",
    ]
    at = unable[0] + 2
    lines[at] = lines[at].replace("| 1.本机关不掌握相关政府信息 |", "|")
    reading = read_text("\n".join(lines))
    assert reading.report is not None and reading.report.applications is not None
    printed = [int(f) if f.strip() else None for f in figures.rstrip(" |").split(" | ")]
    assume(printed != (report.applications or {}).get("3.4.1"))  # (else the two print alike)
    assert reading.report.applications.get("3.4.1") != printed


@FEW
@given(balanced_report(), st.integers(0, 2**16))
def test_a_page_one_line_long_is_not_said_to_lack_its_sections(report: Report, at: int) -> None:
    # (hunt 152: a web archive's page, the whole report on one line; its headings stand inside
    # that line, not at the start of one of their own)
    reading = read_text(damaged.one_line(report, random.Random(at)))
    said = [c for c in reading.check_findings + reading.doubted_checks if c.code == "layout.order"]
    assert not said, said

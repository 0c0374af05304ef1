"""Section 四 as pages print it apart from the form's one wide table."""

from __future__ import annotations

import random

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.report import Report
from gongkai.core.report.formats import DISPUTE_COLUMNS, DISPUTE_GROUPS
from tests.core.reader.layouts import page
from tests.core.strategies import balanced_report

FEW = settings(max_examples=10, deadline=None)

figure = st.integers(0, 99)


@given(
    st.lists(st.lists(figure, min_size=4, max_size=4), min_size=3, max_size=3),
    st.sampled_from(["### ", "", "**"]),
    st.booleans(),
)
def test_three_small_tables_each_under_its_groups_title_are_read(
    parts: list[list[int]], mark: str, parent: bool
) -> None:
    # A PDF converted to Markdown (hunt 151/001): "### 行政复议", then a table of its own with
    # the five column headers; "### 行政诉讼（未经复议直接起诉）", another; and so on. The
    # litigation groups' titles carry their parent's name, or not.
    header = "| " + " | ".join(c.label for c in DISPUTE_COLUMNS) + " |"
    lines = [
        "X县人民政府2025年政府信息公开工作年度报告",
        "## 四、政府信息公开行政复议、行政诉讼情况",
    ]
    for group, figures in zip(DISPUTE_GROUPS, parts, strict=True):
        title = f"{group.parent}（{group.label}）" if group.parent and parent else group.label
        row = [*figures, sum(figures)]
        lines += [f"{mark}{title}{mark[:2] if mark == '**' else ''}", header, "|---" * 5 + "|"]
        lines.append("| " + " | ".join(map(str, row)) + " |")
    lines.append("## 五、存在的主要问题及改进情况")
    reading = read_text("\n".join(lines) + "\n")
    assert reading.report is not None
    assert reading.report.disputes == {
        group.key: [*figures, sum(figures)]
        for group, figures in zip(DISPUTE_GROUPS, parts, strict=True)
    }


@FEW
@given(balanced_report())
def test_section_four_under_its_title_misnumbered_is_read(report: Report) -> None:
    # "三、政府信息公开行政复议、行政诉讼情况" (hunt 151/002: the page numbered its sections
    # one short), its first header row run together ("行政复议行政诉讼"): the title whole
    # names the table; its figures were taken into section 三's.
    text = page(report, "pipe", random.Random(0))
    assume("四、政府信息公开行政复议" in text and report.disputes)
    text = text.replace("四、政府信息公开行政复议", "三、政府信息公开行政复议")
    reading = read_text(text.replace("\n行政复议 | 行政诉讼 |\n", "\n行政复议行政诉讼\n"))
    assert reading.report is not None
    assert reading.report.disputes == report.disputes

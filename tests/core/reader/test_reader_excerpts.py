"""The reader on pages cut or filled unlike the form (issue 16): an excerpt that begins inside
section 三's table, a row that lists items where its figures stand, a list in prose.

Every number returned is the report's number in its place; what the text does not hold is said
to be missing, never made up.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.report import Report
from tests.core.reader import damaged
from tests.core.reader.test_reader_damaged import REPORTS, SLOW_OK, _never_wrong
from tests.core.reader.truth import cells_of


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.integers(0, 2**16))
def test_a_page_beginning_inside_section_three_reads_its_rows_from_there(
    report: Report, at: int
) -> None:
    # "（续表）" / "（四）无法提供 | 1.本机关不掌握相关政府信息 | 87 | …": no heading, no column
    # headers, the rows' labels open the table; every row printed comes back whole, the rows
    # before it are said to be missing, never made up.
    text, before = damaged.begins_inside(report, random.Random(at))
    _never_wrong(text, report)
    reading = read_text(text)
    got, want = cells_of(reading.report), cells_of(report)
    printed = {k for k in want if k.startswith("applications.") and k not in before}
    assert {k for k in printed if got.get(k) != want[k]} == set()
    assert not any(k in got for k in before)
    if all(want[k] is None for k in printed):
        return  # (rows of blanks only: no figure to read)
    first = min(printed, key=list(want).index).split(".", 1)[1].rsplit(".", 1)[0]
    said = [f.message for f in reading.findings if f.code == "truncated"]
    assert f"applications: the text begins at row {first}; earlier rows are not read" in said


def test_a_list_in_prose_opens_no_table() -> None:
    text = (
        "某县民政局2022年政府信息公开工作年度报告\n一、总体情况\n2022年共收到申请12件，办理结果如下：\n"
        "（一）予以公开 5\n（二）部分公开 3\n（三）不予公开 1\n四、结转下年度继续办理 3\n"
        "五、存在的主要问题及改进情况\n无。\n"
    )
    reading = read_text(text)
    assert reading.report is not None and not reading.report.applications


@settings(max_examples=30, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS.filter(lambda r: r.format == "2019"), st.integers(0, 2**16))
def test_a_row_listing_items_where_its_figures_stand_is_left_blank_and_said_so(
    report: Report, at: int
) -> None:
    # "政府集中采购 | 阎良区公务用车10辆 | 1530000元 |" once per item: the row's cells are no
    # item's amount; it is left blank with a finding (so no check blames the publisher for
    # blank cells), every other cell read as without it.
    rng = random.Random(at)
    text = damaged.page(report, "pipe", rng)
    items = [
        f"{n}号楼物业管理服务项目 | {rng.randint(1, 10**6)}元 |" for n in range(rng.randint(1, 4))
    ]
    lines = text.split("\n")
    at_row = next(i for i, line in enumerate(lines) if line.startswith("政府集中采购"))
    lines[at_row : at_row + 1] = [f"政府集中采购 | {item}" for item in items]
    listed = read_text("\n".join(lines))
    assert listed.report is not None and "procurement" not in (listed.report.proactive or {})
    assert any(
        f.code == "cell_unreadable" and f.where == "proactive.procurement" for f in listed.findings
    )
    assert not any(f.where.startswith("proactive.procurement") for f in listed.check_findings)
    whole = cells_of(read_text(text).report)
    assert {k: v for k, v in whole.items() if "procurement" not in k} == cells_of(listed.report)

"""The reader on pages cut or filled unlike the form (issue 16): an excerpt that begins inside
section 三's table, a list in prose, a row that lists items where its figures stand, short rows
pinned by a signed 本年增/减, a change printed as its word alone.

Every number returned is the report's number in its place; what the text does not hold is said
to be missing, never made up.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.report import Report
from gongkai.core.report.formats import FORMATS
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
    said = [f.message_en for f in reading.findings if f.code == "truncated"]
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
def test_a_row_listing_items_where_its_figures_stand_is_left_out_and_said_so(
    report: Report, at: int
) -> None:
    # "政府集中采购 | 阎良区公务用车10辆 | 1530000元 |" once per item: the row's cells are no
    # item's amount; it is left out with a finding (so no check blames the publisher for blank
    # cells), every other cell read as without it.
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


ITEM_ROWS = {
    "行政许可": "licensing",
    "其他对外管理服务事项": "other_services",
    "行政处罚": "penalty",
    "行政强制": "coercion",
    "行政事业性收费": "fees",
}


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS.filter(lambda r: r.format == "2019"), st.integers(0, 2**16))
def test_a_signed_change_pins_a_short_rows_figures_where_blanks_are_dropped(
    report: Report, at: int
) -> None:
    # "行政许可" / "" / "19" / "" / "+4": one cell to a line between empty lines, blank cells
    # not printed, 本年增/减 printed with its sign ("+4", "-3", "增4"). The signed figure can only
    # be the change; the figures before it stand in the columns before it. Never a wrong number;
    # every such row the sign decides comes back whole.
    rng = random.Random(at)
    decided: set[str] = set()

    def row_lines(title: str, row: list[str]) -> list[str]:
        key = ITEM_ROWS.get(row[0])
        if "主动公开" in title and key is not None and row[2] not in ("", "0", "-"):
            value = int(row[2])
            row[2] = rng.choice((f"{value:+d}", f"增{value}" if value > 0 else f"减{-value}"))
            printed = [i for i, cell in enumerate(row[1:], 1) if cell]
            before, after = [i for i in printed if i < 2], [i for i in printed if i > 2]
            if len(before) in (0, 1) and len(after) in (0, len(row) - 3):
                decided.add(key)
        return [line for cell in row if cell for line in (cell, "")]

    text = damaged._page_by_rows(report, row_lines)
    _never_wrong(text, report)
    got = (read_text(text).report.proactive or {}) if decided else {}
    for key in decided:
        assert got.get(key) == report.proactive[key], key  # type: ignore[index]


@settings(max_examples=30, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS.filter(lambda r: r.format == "2019"), st.integers(0, 2**16))
def test_a_change_printed_as_its_word_alone_holds_its_column(report: Report, at: int) -> None:
    # "行政许可" / "" / "990" / "" / "减" / "" / "711": the 本年增/减 cell lost its figure, its
    # word still stands in its column: the row's other figures are read, the change is blank
    # with a finding (so the checks' blank cell is the reader's doubt, not the publisher's).
    rng = random.Random(at)
    worded: set[str] = set()

    def row_lines(title: str, row: list[str]) -> list[str]:
        key = ITEM_ROWS.get(row[0])
        if "主动公开" in title and key is not None and all(row[1:]):
            row[2] = rng.choice(("减", "增", "减少", "增加"))
            worded.add(key)
        return [line for cell in row for line in (cell or "-", "")]  # ("-": a blank)

    text = damaged._page_by_rows(report, row_lines)
    _never_wrong(text, report)
    reading = read_text(text)
    got = (reading.report.proactive if reading.report else None) or {}
    for key in worded:
        want = {**report.proactive[key], "change": None}  # type: ignore[index]
        assert got.get(key) == want, key
        assert any(f.where == f"proactive.{key}.change" for f in reading.findings), key


@settings(max_examples=30, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS.filter(lambda r: r.format == "2019"), st.integers(0, 2**16))
def test_a_change_that_says_the_count_it_came_to_is_read(report: Report, at: int) -> None:
    # "行政许可 |" / "13 |" / "减少1,共12 |" / "0 |": the 本年增/减 cell says the change and, again,
    # the count it came to; the change is the cell's figure, the row read whole.
    rng = random.Random(at)
    said: set[str] = set()

    def row_lines(title: str, row: list[str]) -> list[str]:
        key = ITEM_ROWS.get(row[0])
        counts = row[1:3] if len(row) == 4 and all(row[1:]) else []
        if "主动公开" in title and key is not None and counts and sum(map(int, counts)) >= 0:
            before, change = map(int, counts)
            word = rng.choice(("减少", "减")) if change < 0 else rng.choice(("增加", "增"))
            mark = rng.choice((",", "，", ""))
            row[2] = f"{word}{abs(change)}{mark}共{before + change}{rng.choice(('', '项'))}"
            said.add(key)
        return [f"{cell} |" for cell in row]

    text = damaged._page_by_rows(report, row_lines)
    _never_wrong(text, report)
    got = (read_text(text).report.proactive or {}) if said else {}
    for key in said:
        assert got.get(key) == report.proactive[key], key  # type: ignore[index]


@settings(max_examples=30, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS.filter(lambda r: r.format == "2019"), st.integers(0, 2**16), st.sampled_from("|\n"))
def test_a_row_whose_figures_stand_under_items_below_it_is_left_out_and_said_so(
    report: Report, at: int, style: str
) -> None:
    # "其他对外管理服务事项 |" with nothing of its own, then "行政检查 | 0 | 0 | 0 |", "行政确认 |
    # …" (or one cell to a line): the figures are the items', the row's own none of them — left
    # out with a finding, never read as blank; every other cell read as without the items.
    rng = random.Random(at)
    text = damaged.page(report, "pipe", rng)
    lines = text.split("\n")
    at_row = next(i for i, line in enumerate(lines) if line.startswith("其他对外管理服务事项"))
    items = [["行政检查", "行政确认", "行政奖励"][n] for n in range(rng.randint(1, 3))]
    rows = [[item, *(str(rng.randint(0, 90)) for _ in range(3))] for item in items]
    if style == "|":
        printed = [" | ".join(row) + " |" for row in rows]
    else:
        printed = [f"{cell} |" for row in rows for cell in row]
    lines[at_row : at_row + 1] = ["其他对外管理服务事项 |", *printed]
    items_read = read_text("\n".join(lines))
    assert items_read.report is not None
    assert "other_services" not in (items_read.report.proactive or {})
    assert any(
        f.code == "cell_unreadable" and f.where == "proactive.other_services"
        for f in items_read.findings
    )
    whole = cells_of(read_text(text).report)
    rest = {k: v for k, v in whole.items() if "other_services" not in k}
    assert rest == cells_of(items_read.report)


# The first block's column header of each form, as the other form's page may print it.
_FIRST_HEADERS = {
    "2019": "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
    "2021": "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
}


@settings(max_examples=30, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.integers(0, 2**16))
def test_rows_under_the_other_forms_header_are_left_out_and_said_so(
    report: Report, at: int
) -> None:
    # A page mixing the two forms: the first block's header is the other form's ("本年新 |
    # 本年新 | 对外公开总数量" over 规章 in a 2021 report). Its columns are not this form's: its
    # rows are left out with a finding, every other cell read as on the page printed alike.
    text = damaged.page(report, "pipe", random.Random(at))
    other = next(k for k in _FIRST_HEADERS if k != report.format)
    mixed = text.replace(_FIRST_HEADERS[report.format], _FIRST_HEADERS[other])
    reading = read_text(mixed)
    assert reading.report is not None and reading.report.format == report.format
    assert not {"rules", "normative"} & set(reading.report.proactive or {})
    said = {f.where for f in reading.findings if f.code == "cell_unreadable"}
    assert {"proactive.rules", "proactive.normative"} <= said
    whole = cells_of(read_text(text).report)
    kept = {
        k: v
        for k, v in whole.items()
        if not k.startswith(("proactive.rules", "proactive.normative"))
    }
    assert cells_of(reading.report) == kept


@settings(max_examples=20, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS.filter(lambda r: r.format == "2019"), st.integers(0, 2**16))
def test_rows_under_one_header_where_the_form_has_three_are_left_out(
    report: Report, at: int
) -> None:
    # A 2019 page printing the 2021 form's one-column blocks in its own words ("信息内容 |
    # 处理决定数量 |" over "行政许可 | 117 |"): the one figure is not the form's first column —
    # those rows are left out, said so; never a figure in another column.
    text = damaged.page(report, "pipe", random.Random(at))
    lines = text.split("\n")
    three = [
        b
        for b in FORMATS["2019"].proactive
        if len(b.columns) == 3 and b.columns[1].kind == "signed"
    ]
    header = "信息内容 | " + " | ".join(c.label for c in three[0].columns) + " |"
    under: set[str] = set()
    lines = ["信息内容 | 处理决定数量 |" if line == header else line for line in lines]
    keys = {row.label: row.key for block in three for row in block.rows}
    for i, line in enumerate(lines):
        label = line.split(" | ", 1)[0]
        if label in keys:
            cells = line.rstrip(" |").split(" | ")
            lines[i] = f"{label} | {cells[-1]} |"
            under.add(keys[label])
    reading = read_text("\n".join(lines))
    _never_wrong("\n".join(lines), report)
    assert reading.report is not None
    assert not under & set(reading.report.proactive or {})
    said = {f.where for f in reading.findings if f.code == "cell_unreadable"}
    assert {f"proactive.{key}" for key in under} <= said


@settings(max_examples=40, suppress_health_check=SLOW_OK, deadline=None)
@given(REPORTS, st.integers(0, 2**16))
def test_tables_flattened_onto_one_line_are_read_as_printed(report: Report, at: int) -> None:
    # "二、主动公开政府信息情况 第二十条第(一)项 信息内容 本年制发件数 … 规 章 0 0 0 行政规范性文件
    # 0 0 0 …": a page's text with its rows' breaks lost. Never a wrong figure; every row printed
    # whole comes back. (A row printed without its blank is left open whole, even where its last
    # figure is told as its total: ``flattened`` says which of its cells the text decides.)
    text, left_open = damaged.flattened(report, random.Random(at))
    _never_wrong(text, report)
    got, want = cells_of(read_text(text).report), cells_of(report)
    short_rows = {k.rsplit(".", 1)[0] for k in left_open}
    whole = {k for k in want if k.rsplit(".", 1)[0] not in short_rows and want[k] is not None}
    assert {k for k in whole if got.get(k) != want[k]} == set()


@given(st.integers(2020, 2030), st.integers(1, 3))
def test_an_opening_cut_before_the_tables_says_each_table_is_missing(y: int, kept: int) -> None:
    # An excerpt of the opening alone: no table read, each said missing (the summary's 缺少表格),
    # and the sections the cut left out are not the publisher's omission.
    parts = [
        f"临江县统计局{y}年政府信息公开工作年度报告",
        f"本报告统计期限为{y}年1月1日至{y}年12月31日。",
        "一、总体情况",
        f"{y}年，临江县统计局认真贯彻落实《条例》，全年主动公开政府信息120条。",
        "（一）主动公开",
    ]
    reading = read_text("\n".join(parts[: 2 + kept]))
    assert reading.report is not None and reading.report.year == y
    missing = [f.where for f in reading.findings if f.code == "tables_missing"]
    assert missing == ["proactive", "applications", "disputes"]
    assert not [f for f in reading.check_findings if f.code == "layout.order"]
    assert reading.coverage == "tables_missing"


def _named(text: str) -> tuple[str, int, set[str]]:
    """The agency and year read from ``text``, and the codes of the reader's findings."""
    reading = read_text(text)
    assert reading.report is not None
    return reading.report.agency, reading.report.year, {f.code for f in reading.findings}


@given(st.sampled_from(["局", "委", "办", "镇", "街道", "单位"]), st.integers(2020, 2030))
def test_a_clause_calling_the_body_itself_names_none(kind: str, y: int) -> None:
    # "如对本报告有疑问或对本局政府信息公开工作提出意见和建议，请联系…办公室" (a mirror's spam
    # where the name stood): the clause's words before 政府信息公开工作 are no name.
    text = (
        "根据《中华人民共和国政府信息公开条例》有关要求，编制本报告。如对本报告有疑问或对本"
        f"{kind}政府信息公开工作提出意见和建议，请联系365bet网址办公室。\n一、总体情况\n"
        f"{y}年，我{kind}坚持“以公开为常态、不公开为例外”原则，持续推进政务公开。\n"
    )
    _, year, codes = _named(text)
    assert year == y and "agency_unknown" in codes


_BODIES = st.sampled_from(
    ["东宝区财政局", "临江县统计局", "宜都市自然资源和规划局", "沙洋县后港镇"]
)


@given(_BODIES, st.integers(2020, 2030))
def test_a_body_named_in_the_opening_words_it_was_compiled_by(name: str, y: int) -> None:
    # "本报告根据《条例》…和2024年东宝区财政局政府信息公开工作开展情况编制" (no title line)
    text = (
        "本报告根据《中华人民共和国政府信息公开条例》(以下简称《条例》)和"
        f"{y}年{name}政府信息公开工作开展情况编制。\n一、总体情况\n"
        f"(一)主动公开方面。{y}年,我单位坚持以公开为常态。\n"
    )
    assert _named(text)[:2] == (name, y)


@given(_BODIES, st.integers(2020, 2030))
def test_a_body_named_as_the_subject_of_a_years_work(name: str, y: int) -> None:
    # "2024年,东宝区财政局全年主动公开各类政府信息共计645条" (no title, no other name)
    text = (
        "本报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n"
        f"(一)主动公开方面。{y}年,{name}全年主动公开各类政府信息共计645条。\n"
    )
    assert _named(text)[:2] == (name, y)


@given(st.sampled_from(["袁州区市场监督管理局", "临江县统计局", "宜都市卫生健康委员会"]))
def test_a_report_compiled_by_a_bureaus_information_centre_is_the_bureaus(name: str) -> None:
    # "由袁州区市场监督管理局信息中心结合有关统计数据编制而成": the centre compiled it
    text = (
        "本年度报告根据《中华人民共和国政府信息公开条例》要求，"
        f"由{name}信息中心结合有关统计数据编制而成。\n一、总体情况\n"
        "2019年,我单位坚持以公开为常态。\n"
    )
    assert _named(text)[0] == name


@given(st.integers(0, 999), st.integers(-99, 99), st.integers(0, 999))
def test_a_row_of_blanks_squashed_into_pipes_is_no_label_printed_apart(
    prev: int, change: int, decisions: int
) -> None:
    # "规章 |" / "|||" (its three blank cells, their pipes run together), then a block whose
    # row prints a figure a line: the rows before it printed theirs, no label waits for them.
    text = (
        "临江县人民政府2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "第二十条第(一)项 |\n信息内容 |\n本年新制作数量 |\n本年新公开数量 |\n对外公开总数量 |\n"
        "规章 |\n|||\n规范性文件 |\n|||\n第二十条第(五)项 |\n|||\n信息内容 |\n上一年项目数量 |\n"
        f"本年增/减 |\n处理决定数量 |\n行政许可 |\n{prev} |\n{change} |\n{decisions} |\n"
        "其他对外管理服务事项 |\n|||\n"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.proactive is not None
    assert reading.report.proactive["licensing"] == {
        "prev_items": prev,
        "change": change,
        "decisions": decisions,
    }
    assert reading.report.proactive["rules"] == dict.fromkeys(("made", "published", "total"))


@given(st.integers(1, 50), st.integers(1, 50))
def test_blank_cells_squashed_after_the_last_figure_are_no_cells(a: int, b: int) -> None:
    # "2 |" / "1 |" / "3 | ||||||": the run of pipes is the row's blank cells squashed (nine
    # cells as blanks, for seven columns): the total is the last figure, never a third column.
    text = (
        "临江县生态环境局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
        "申请人情况 | ||||||||\n自然人 |\n法人或其他组织 |\n总计 | |||||||\n商业企业 |\n"
        "科研机构 |\n社会公益组织 |\n法律服务机构 |\n其他 | |||||\n"
        f"一、本年新收政府信息公开申请数量 |\n{a} |\n{b} |\n{a + b} | ||||||\n"
        "二、上年结转政府信息公开申请数量 |\n|||||||||\n"
    )
    reading = read_text(text)
    assert reading.report is not None
    row = (reading.report.applications or {}).get("1")
    assert row is None or (row[2], row[6]) == (None, a + b)


@given(st.sampled_from(["交通运输部", "自然资源部", "商务部"]))
def test_a_ministrys_disclosure_office_answers_for_the_ministry(name: str) -> None:
    # "…编制了本级行政机关2019年…报告…请与交通运输部政府信息公开办公室联系"
    text = (
        "本报告根据《中华人民共和国政府信息公开条例》要求编制。\n一、总体情况\n"
        f"2019年,我部坚持以公开为常态。如对本报告有任何疑问,请与{name}政府信息公开办公室联系。\n"
    )
    assert _named(text)[0] == name

"""The national annual-report formats as data.

Each format is one ``ReportFormat`` value: the sections' titles, the blocks of section 二,
the applicant columns and row lines of section 三, and the groups of section 四, with the
stable JSON keys of ``gongkai/annual-report@1`` and the official labels verbatim (never
translated). A new national format is a new ``ReportFormat`` value here; renderers, checks and
the reader walk these values and need no new code paths.

Everything that differs between formats is here: the years a format is in force
(``first_year``, read by ``format_for_year``), the year a text of the format implies when it
states none (``implied_year``), the reader's cues (``cues``: phrases and labels that identify
the format in a published text), the money columns' units, and the shapes themselves — whether
section 二 carries 现行有效件数 (``in_force_rows``), whether （六）其他处理 is one row or a group
(``result_row``). Code outside this module never compares a format's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CellKind = Literal["int", "signed", "money"]


@dataclass(frozen=True)
class Column:
    """A value column. A money column's ``unit`` is the unit its figures are stored in (元 /
    万元); a figure is printed with it unless the label already names it."""

    key: str
    label: str
    kind: CellKind = "int"
    unit: str = ""

    @property
    def printed_unit(self) -> str:
        return "" if self.unit in self.label else self.unit


@dataclass(frozen=True)
class ProactiveRow:
    key: str
    label: str


@dataclass(frozen=True)
class ProactiveBlock:
    """One 第二十条第（N）项 block of section 二: a title, its columns and its rows."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[ProactiveRow, ...]


@dataclass(frozen=True)
class ApplicationLine:
    """One printed line of section 三.

    ``key`` is the JSON row key, or ``None`` for a group header that carries no numbers
    (三、本年度办理结果, （三）不予公开 …). ``level`` is the nesting: 0 for the top rows
    (一、二、三、四), 1 inside 三 (（一）…（七）), 2 inside a （N） group. A group spans every
    following line of a deeper level.
    """

    key: str | None
    label: str
    level: int
    leaf_result: bool = False  # counted in the sum that row 3.7 (总计) must equal

    @property
    def is_group(self) -> bool:
        return self.key is None


@dataclass(frozen=True)
class DisputeGroup:
    key: str
    label: str
    parent: str | None  # 行政诉讼 for the two litigation groups


@dataclass(frozen=True)
class Cue:
    """Text in a published report that votes for its format (the reader's format guess).

    A text cell of at most ``CUE_CELL_MAX`` characters votes once per cue: when it contains one
    of ``phrases`` (``whole``: is one of them; spaces are ignored), and only when it is shorter
    than ``shorter_than`` characters, if given (a sentence mentioning the phrase is no cue).
    """

    phrases: tuple[str, ...]
    whole: bool = False
    shorter_than: int | None = None


CUE_CELL_MAX = 60


@dataclass(frozen=True)
class ReportFormat:
    key: str
    name: str
    issued_by: str
    first_year: int  # the first reporting year the format is in force for
    implied_year: int  # the reporting year a text in this format implies when it states none
    cues: tuple[Cue, ...]
    title_proactive: str
    title_applications: str
    title_disputes: str
    proactive: tuple[ProactiveBlock, ...]
    application_lines: tuple[ApplicationLine, ...]

    @property
    def proactive_rows(self) -> dict[str, tuple[ProactiveBlock, ProactiveRow]]:
        return {row.key: (block, row) for block in self.proactive for row in block.rows}

    def proactive_columns(self, row_key: str) -> tuple[Column, ...]:
        return self.proactive_rows[row_key][0].columns

    @property
    def application_keys(self) -> tuple[str, ...]:
        return tuple(line.key for line in self.application_lines if line.key is not None)

    @property
    def leaf_result_keys(self) -> tuple[str, ...]:
        return tuple(line.key for line in self.application_lines if line.leaf_result and line.key)

    def application_line(self, key: str) -> ApplicationLine:
        for line in self.application_lines:
            if line.key == key:
                return line
        raise KeyError(key)

    def result_row(self, code: str) -> str:
        """The row a result coded by its finest row (``3.6.1``) counts in: the code itself, or
        the nearest enclosing row the format has (``3.6`` in a format where （六） is one row)."""
        keys = self.application_keys
        row = code
        while row:
            if row in keys:
                return row
            row = row.rpartition(".")[0]
        raise KeyError(f"format {self.key} has no row for {code!r}")

    @property
    def in_force_rows(self) -> tuple[str, ...]:
        """Section 二 rows counting documents in force: 现行有效 = 上年现行有效 + 制发 − 废止."""
        wanted = {"issued", "repealed", "in_force"}
        return tuple(
            key
            for key, (block, _) in self.proactive_rows.items()
            if wanted <= {c.key for c in block.columns}
        )


# ---------------------------------------------------------------------------------------------
# Section 三 and 四: shared by both formats except for （六）其他处理.

APPLICANT_HEADER = "申请人情况"
APPLICANT_GROUP = "法人或其他组织"
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
ROW_LABEL_HEADER = "信息内容"

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other", "其他"),
    Column("total", "总计"),
)
# Columns 1..5 (商业企业 … 其他) sit under the 法人或其他组织 header.
APPLICANT_GROUP_SLICE = slice(1, 6)
TOTAL_INDEX = 6

DISPUTE_GROUPS: tuple[DisputeGroup, ...] = (
    DisputeGroup("review", "行政复议", None),
    DisputeGroup("litigation_direct", "未经复议直接起诉", "行政诉讼"),
    DisputeGroup("litigation_after_review", "复议后起诉", "行政诉讼"),
)
DISPUTE_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)


def _lines(other_handling: tuple[ApplicationLine, ...]) -> tuple[ApplicationLine, ...]:
    L = ApplicationLine
    return (
        L("1", "一、本年新收政府信息公开申请数量", 0),
        L("2", "二、上年结转政府信息公开申请数量", 0),
        L(None, "三、本年度办理结果", 0),
        L("3.1", "（一）予以公开", 1, True),
        L("3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, True),
        L(None, "（三）不予公开", 1),
        L("3.3.1", "1.属于国家秘密", 2, True),
        L("3.3.2", "2.其他法律行政法规禁止公开", 2, True),
        L("3.3.3", "3.危及“三安全一稳定”", 2, True),
        L("3.3.4", "4.保护第三方合法权益", 2, True),
        L("3.3.5", "5.属于三类内部事务信息", 2, True),
        L("3.3.6", "6.属于四类过程性信息", 2, True),
        L("3.3.7", "7.属于行政执法案卷", 2, True),
        L("3.3.8", "8.属于行政查询事项", 2, True),
        L(None, "（四）无法提供", 1),
        L("3.4.1", "1.本机关不掌握相关政府信息", 2, True),
        L("3.4.2", "2.没有现成信息需要另行制作", 2, True),
        L("3.4.3", "3.补正后申请内容仍不明确", 2, True),
        L(None, "（五）不予处理", 1),
        L("3.5.1", "1.信访举报投诉类申请", 2, True),
        L("3.5.2", "2.重复申请", 2, True),
        L("3.5.3", "3.要求提供公开出版物", 2, True),
        L("3.5.4", "4.无正当理由大量反复申请", 2, True),
        L("3.5.5", "5.要求行政机关确认或重新出具已获取信息", 2, True),
        *other_handling,
        L("3.7", "（七）总计", 1),
        L("4", "四、结转下年度继续办理", 0),
    )


TITLE_PROACTIVE = "二、主动公开政府信息情况"
TITLE_APPLICATIONS = "三、收到和处理政府信息公开申请情况"
TITLE_DISPUTES = "四、政府信息公开行政复议、行政诉讼情况"

_ITEMS_CHANGE_DECISIONS = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", "signed"),
    Column("decisions", "处理决定数量"),
)

FORMAT_2019 = ReportFormat(
    key="2019",
    name="政府信息公开工作年度报告格式（试行）",
    issued_by="国办公开办函〔2019〕60号",
    first_year=2019,
    implied_year=2020,
    cues=(
        Cue(("制作数量", "公开数量", "对外公开总数", "上一年项目数量", "采购项目数量")),
        Cue(("其他对外管理服务事项", "政府集中采购"), whole=True),
    ),
    title_proactive=TITLE_PROACTIVE,
    title_applications=TITLE_APPLICATIONS,
    title_disputes=TITLE_DISPUTES,
    proactive=(
        ProactiveBlock(
            "第二十条第（一）项",
            (
                Column("made", "本年新制作数量"),
                Column("published", "本年新公开数量"),
                Column("total", "对外公开总数量"),
            ),
            (ProactiveRow("rules", "规章"), ProactiveRow("normative", "规范性文件")),
        ),
        ProactiveBlock(
            "第二十条第（五）项",
            _ITEMS_CHANGE_DECISIONS,
            (
                ProactiveRow("licensing", "行政许可"),
                ProactiveRow("other_services", "其他对外管理服务事项"),
            ),
        ),
        ProactiveBlock(
            "第二十条第（六）项",
            _ITEMS_CHANGE_DECISIONS,
            (ProactiveRow("penalty", "行政处罚"), ProactiveRow("coercion", "行政强制")),
        ),
        ProactiveBlock(
            "第二十条第（八）项",
            _ITEMS_CHANGE_DECISIONS[:2],
            (ProactiveRow("fees", "行政事业性收费"),),
        ),
        ProactiveBlock(
            "第二十条第（九）项",
            (
                Column("projects", "采购项目数量"),
                Column("amount_yuan", "采购总金额", "money", "元"),
            ),
            (ProactiveRow("procurement", "政府集中采购"),),
        ),
    ),
    application_lines=_lines((ApplicationLine("3.6", "（六）其他处理", 1, True),)),
)

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

FORMAT_2021 = ReportFormat(
    key="2021",
    name="政府信息公开工作年度报告格式",
    issued_by="国办公开办函〔2021〕30号",
    first_year=2021,
    implied_year=2021,
    cues=(
        # (its one-column headers: the 2019 form's say "处理决定数量" under three columns)
        Cue(("制发件数", "废止件数", "现行有效件", "本年处理决定数量", "本年收费金额")),
        Cue(("逾期不补正", "缴纳费用"), shorter_than=50),
    ),
    title_proactive=TITLE_PROACTIVE,
    title_applications=TITLE_APPLICATIONS,
    title_disputes=TITLE_DISPUTES,
    proactive=(
        ProactiveBlock(
            "第二十条第（一）项",
            (
                Column("issued", "本年制发件数"),
                Column("repealed", "本年废止件数"),
                Column("in_force", "现行有效件数"),
            ),
            (ProactiveRow("rules", "规章"), ProactiveRow("normative", "行政规范性文件")),
        ),
        ProactiveBlock("第二十条第（五）项", _DECISIONS, (ProactiveRow("licensing", "行政许可"),)),
        ProactiveBlock(
            "第二十条第（六）项",
            _DECISIONS,
            (ProactiveRow("penalty", "行政处罚"), ProactiveRow("coercion", "行政强制")),
        ),
        ProactiveBlock(
            "第二十条第（八）项",
            (Column("amount_wan_yuan", "本年收费金额（单位：万元）", "money", "万元"),),
            (ProactiveRow("fees", "行政事业性收费"),),
        ),
    ),
    application_lines=_lines(
        (
            ApplicationLine(None, "（六）其他处理", 1),
            ApplicationLine(
                "3.6.1",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                2,
                True,
            ),
            ApplicationLine(
                "3.6.2",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                2,
                True,
            ),
            ApplicationLine("3.6.3", "3.其他", 2, True),
        )
    ),
)

FORMATS: dict[str, ReportFormat] = {f.key: f for f in (FORMAT_2019, FORMAT_2021)}


def format_for_year(year: int) -> ReportFormat:
    """The format in force for reports on ``year``: the latest whose ``first_year`` is not after
    it (2019 for 2019–2020, 2021 from 2021); the earliest format for years before them all."""
    by_start = sorted(FORMATS.values(), key=lambda f: f.first_year)
    current = by_start[0]
    for fmt in by_start:
        if fmt.first_year <= year:
            current = fmt
    return current


def get_format(key: str) -> ReportFormat:
    try:
        return FORMATS[key]
    except KeyError:
        raise KeyError(f"unknown report format {key!r} (known: {', '.join(FORMATS)})") from None


def first_reporting_year() -> int:
    """The first year any national format covers: earlier reports followed local formats."""
    return min(f.first_year for f in FORMATS.values())

"""The reader's results: findings, the rows it collects, the tables it returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.core.reader import labels as L
from gongkai.core.reader import wording as W
from gongkai.core.reader.cells import Cell
from gongkai.core.report.formats import APPLICANT_COLUMNS, DISPUTE_COLUMNS
from gongkai.core.report.model import Cell as Value

UNLABELED = "?"  # the key of a row whose label the page lost
# Every code a reader finding has (``tests/core/reader/test_reader_chinese.py`` reads them from
# the sources, and holds this list to them; the console names each in Chinese) …
CODES = frozenset({
    "agency_unknown", "cell_unreadable", "format_guessed", "format_unknown", "not_a_report",
    "ocr", "ocr_unsure", "row_not_in_form", "scanned_pdf", "tables_missing", "too_large",
    "truncated", "unit_assumed", "unreadable_file", "year_doubtful", "year_given",
    "year_guessed",
})  # fmt: skip
# … and those that come with no report (nothing is read, nothing imported).
WITHOUT_REPORT = frozenset({"not_a_report", "scanned_pdf", "too_large", "unreadable_file"})
# Rows split from figures run together: where → (the run, each column's figures with their
# offsets in the run, the whole readings when few).
Runs = dict[str, tuple[Cell, list[set[tuple[str, int] | None]], list[tuple[str | None, ...]]]]


@dataclass
class Finding:
    """What the reader says of the text: ``message`` in Chinese (what the interfaces show; places
    named by the report's labels, ``wording``), ``message_en`` the same in English, ``where``
    the place as a key, ``raw`` the text it could not read."""

    code: str
    message: str
    message_en: str
    where: str = ""
    raw: str | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message": self.message, "message_en": self.message_en,
               "where": self.where}  # fmt: skip
        if self.raw is not None:
            out["raw"] = self.raw
        return out


def no_numbers(section: str) -> Finding:
    """``tables_missing``: the section's table is named, its numbers are not in the text."""
    return Finding(
        "tables_missing",
        f"{W.table(section)}：文本中没有该表格的数字",
        f"{section}: the table's numbers are not in the text",
        section,
    )


def not_in_form(section: str, label: str, figures: list[Cell]) -> Finding:
    """``row_not_in_form``: figures printed after a name the form has no row of (a province's
    "其他主动公开文件 | 9 | 9 | 9"), left out — not a cell of the report the text fails to give."""
    printed = " ".join(cell.text for cell in figures)
    return Finding(
        "row_not_in_form",
        f"{W.table(section)}：{W.quote(short_label(label))}不是本表格式的行，"
        f"其数字（{W.quote(cut(printed))}）未读取",
        f"{section}: {short_label(label)!r} is no row of the form; its figures ({printed}) "
        "are left out",
        section,
        printed,
    )


QUOTED = 30  # (the characters of a text a finding quotes)


def cut(text: str) -> str:
    """A text as a finding quotes it: cut short."""
    return text if len(text) <= QUOTED else text[: QUOTED - 1] + "…"


def short_label(text: str) -> str:
    """A label as a finding quotes it: its core (no explanation in brackets), cut short."""
    return cut(L.core(text) or text)


@dataclass(slots=True)  # built by the dozen per document: lighter without a __dict__
class Row:
    key: str
    tokens: list[Cell] = field(default_factory=list)
    closed: bool = False  # ended by another anchor (not by the end of the text)
    label_line: int = -1
    label: str = ""
    by_position: bool = False  # its label was lost; its place in the table names it
    pinned: bool = False  # … alone between two labelled rows, printed whole (``by_position``)
    # Its label printed apart, with others, above figures one to a line: its share of them
    # counted off in the labels' order (``apart``).
    counted: bool = False
    label_piped: bool = False  # its label's cell printed with its own pipe ("规章 |")
    ended_by: Cell | None = None  # the unrecognised text that ended it, if one did


def has_cells(row: Row) -> bool:
    """Whether the row holds a cell (a figure or a blank, not only empty lines or spacers)."""
    return any(t.kind in {"text", "blank"} for t in row.tokens)


def spaced_pair(tokens: list[Cell], n: int) -> int | None:
    """Where a row of a cell a line holds two figures on one line, ``n`` lines for ``n + 1``
    figures: a figure printed with a space inside it ("1 6" for 16), the index of its first
    part; else None."""
    if len(tokens) != n + 1 or tokens[0].line == tokens[-1].line:
        return None  # (most rows: a whole row on one line, told first)
    if any(t.kind != "text" for t in tokens):
        return None
    pairs = [i for i in range(n) if tokens[i].line == tokens[i + 1].line]
    if len(pairs) != 1 or len({t.line for t in tokens}) != n:
        return None
    a, b = tokens[pairs[0]].text, tokens[pairs[0] + 1].text
    return pairs[0] if a.isdigit() and b.isdigit() and not a.startswith("0") else None


@dataclass
class Tables:
    proactive: dict[str, dict[str, Value]] | None = None
    applications: dict[str, list[Value]] | None = None
    disputes: dict[str, list[Value]] | None = None
    findings: list[Finding] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # sections whose region was found
    # Where each returned figure stands in the text read: "section.row.column" → (start, end).
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    runs: Runs = field(default_factory=dict)

    def figures(self) -> int:
        """How many figures the tables return (cells not blank)."""
        rows = [list(values.values()) for values in (self.proactive or {}).values()]
        rows += [*(self.applications or {}).values(), *(self.disputes or {}).values()]
        return sum(map(len, rows)) - sum(row.count(None) for row in rows)

    def returned(self) -> set[str]:
        """The span keys ("section.row.column") of the figures the tables return."""
        out = {
            f"proactive.{row}.{column}"
            for row, values in (self.proactive or {}).items()
            for column, value in values.items()
            if value is not None
        }
        for section, rows, columns in (
            ("applications", self.applications, APPLICANT_COLUMNS),
            ("disputes", self.disputes, DISPUTE_COLUMNS),
        ):
            for row, cells in (rows or {}).items():
                out.update(
                    f"{section}.{row}.{c.key}"
                    for c, value in zip(columns, cells, strict=True)
                    if value is not None
                )
        return out


def keep[T](
    found: dict[str, T],
    order: list[str],
    section: str,
    tables: Tables,
    ran_to_end: bool,
    begun_inside: bool = False,
) -> dict[str, T] | None:
    """The section's rows, or None when its numbers are not in the text. (``begun_inside``: the
    text begins inside the table, at its first row found.)"""
    if not found:
        if ran_to_end:
            tables.findings.append(
                Finding(
                    "truncated",
                    f"{W.table(section)}：文本在表格的数据行之前中断",
                    f"{section}: the text stops before the table's rows",
                    section,
                )
            )
        else:
            tables.findings.append(no_numbers(section))
        return None
    last = len(order) - 1  # the place of the last row found
    while order[last] not in found:
        last -= 1
    if len(found) * 2 < last + 1 and not any(_has_value(v) for v in found.values()):
        # A few stray labels of a table whose structure and numbers were lost.
        tables.findings.append(no_numbers(section))
        return None
    if ran_to_end and last < len(order) - 1:
        tables.findings.append(
            Finding(
                "truncated",
                f"{W.table(section)}：文本在表格中途中断，{W.row(section, order[last])}之后各行"
                "未读取",
                f"{section}: the text stops inside the table; rows after {order[last]} are not "
                "read",
                section,
            )
        )
    first = 0
    if begun_inside:
        first = min(order.index(key) for key in found)
        if first:
            tables.findings.append(
                Finding(
                    "truncated",
                    f"{W.table(section)}：文本从{W.row(section, order[first])}开始，此前各行未读取",
                    f"{section}: the text begins at row {order[first]}; earlier rows are not read",
                    section,
                )
            )
    # A row of the table with no word of it said yet (and not before or after where the text
    # starts and stops): its label was not found (lost, or wrapped beyond recognition) — said
    # so, never left out in silence.
    missing = [key for key in order[first : last if ran_to_end else len(order)] if key not in found]
    if missing:
        told = {f.where for f in tables.findings}
        for key in missing:
            where = f"{section}.{key}"
            if not any(w == where or w.startswith(where + ".") for w in told):
                tables.findings.append(
                    Finding(
                        "cell_unreadable",
                        f"文本中未找到{W.place(where)}的行名称，该行未读取",
                        f"{where}: the row's label is not found (left out)",
                        where,
                    )
                )
    return {k: found[k] for k in order if k in found}


def _has_value(value: object) -> bool:
    if isinstance(value, dict):
        return any(v is not None for v in value.values())
    if isinstance(value, list):
        return any(v is not None for v in value)
    return False


def wrapped_pipe(row: Row, cell: Cell) -> bool:
    """``cell`` is a "|" alone on the line under its row's label printed without its pipe."""
    return (
        cell.kind == "blank"
        and not row.label_piped
        and not cell.piped
        and cell.first
        and cell.last
        and cell.line == row.label_line + 1
    )


# A figure with more fused to it ("16368(单位)"), not a label's number ("2.其他…") nor a date.
FIGURE_AND_MORE = re.compile(r"^[+-]?\d+(?![\d.．、年月日]|$)")


def words_instead(row: Row, ended: Cell, where: str) -> tuple[str, str] | None:
    """Why a row holding no cell (or too few, ended by a figure with more), ended by words, is
    left out (Chinese, English), or None."""
    if FIGURE_AND_MORE.match(ended.text):
        # ("18" / "-2" / "16368(单位)": a figure fused with words is not read, nor is it blank)
        return (f"{W.place(where)}：数字之后是无法读取的内容（{W.quote(ended.text)}），该行未读取",
                f"{where}: a figure fused with other text ({ended.text!r}); left out")  # fmt: skip
    if ended.line == row.label_line:
        # Words on its label's line before any cell: items listed, not figures ("政府集中采购
        # | 阎良区公务用车10辆 | 1530000元"), its cells none of them.
        return (f"{W.place(where)}：数字所在位置印的是文字（{W.quote(ended.text)}），该行未读取",
                f"{where}: the row prints words where its figures stand ({ended.text!r}); "
                "left out")  # fmt: skip
    if L.is_proactive_header(ended.text) or L.is_application_header(ended.text):
        # Its label among the header's words (a PDF's text: "本年废止件数" / "规章" / "现行有效
        # 件数" / "402"): the figures after them stand in no row, its own or not.
        return (f"{W.place(where)}：行名称之后是列标题（{W.quote(ended.text)}），该行的数字"
                "不知所在，该行未读取",
                f"{where}: header words follow the label ({ended.text!r}); its figures unknown; "
                "left out")  # fmt: skip
    if all(t.kind in {"gap", "spacer"} for t in row.tokens):
        # Nothing at all, then items below it ("其他对外管理服务事项 |" over "行政检查 | 0 |
        # 0 | 0 |", "行政确认 | …"): its figures are the items', not blanks of its own.
        return (f"{W.place(where)}：其下列出的是具体事项（{W.quote(ended.text)}等），"
                "不是该行的数字，该行未读取",
                f"{where}: items are printed under the row ({ended.text!r}…), not its figures; "
                "left out")  # fmt: skip
    return None

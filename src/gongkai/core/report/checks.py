"""勾稽 checks: a report in, a list of findings out.

Every check of ``annual-report.md`` that can be decided from the tables is here, each with a
stable code. Checks report — where, expected, actual — and never repair published numbers.
Blank cells count as 0 in the sums and produce a ``cells.blank`` warning.

Conventions for a finding: ``where`` names the checked thing (the column key for
``apps.balance`` / ``apps.results_sum`` / ``carry.continuity``, the row key for
``apps.row_total``, the group key for ``disputes.group_total``); ``expected`` is what the
identity implies for the checked cell and ``actual`` is the cell as printed (``None`` if blank).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, Literal, TypeGuard

from gongkai.core.report.formats import (
    APPLICANT_COLUMNS,
    DISPUTE_COLUMNS,
    DISPUTE_GROUPS,
    FORMATS,
    TOTAL_INDEX,
    Column,
    ReportFormat,
)
from gongkai.core.report.model import Cell, Report

Level = Literal["error", "warning"]

# yoy.jump ignores totals below this size: 3 → 16 applications is not a likely unit slip.
YOY_MIN_TOTAL = 20


@dataclass(frozen=True)
class Finding:
    code: str
    level: Level
    where: str
    expected: Any
    actual: Any
    message: str  # Chinese
    message_en: str

    def __init__(
        self, code: str, level: Level, where: str, expected: Any, actual: Any, message: str,
        message_en: str,
    ) -> None:  # fmt: skip
        # The __init__ a frozen dataclass is given sets each field by ``object.__setattr__``, a
        # call per field (four times a plain class's cost): a report may have dozens of findings.
        self.__dict__.update(
            code=code, level=level, where=where, expected=expected, actual=actual,
            message=message, message_en=message_en,
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# A row of numeric cells: (section, row key, columns, values).
_Row = tuple[str, str, Sequence[Column], Sequence[Cell]]


@dataclass(frozen=True)
class Check:
    code: str
    level: Level
    needs_previous: bool
    run: Callable[[Report, Report | None], Iterator[Finding]]
    description: str
    # The same check on the rows ``_rows`` lists, for ``check`` to list them once for all.
    on_rows: Callable[[Sequence[_Row]], Iterator[Finding]] | None = None


@dataclass(frozen=True)
class _Shape:
    """What the checks read of a format, built once per format (its properties build anew)."""

    leaf_result_keys: tuple[str, ...]
    in_force_rows: tuple[str, ...]
    proactive_columns: dict[str, tuple[Column, ...]]  # section 二's row key → its columns


_SHAPES: dict[str, tuple[ReportFormat, _Shape]] = {}


def _shape(fmt: ReportFormat) -> _Shape:
    """``fmt``'s shape, cached by key (and checked by identity: a format built anew, as tests
    do, gets its own)."""
    entry = _SHAPES.get(fmt.key)
    if entry is None or entry[0] is not fmt:
        shape = _Shape(
            fmt.leaf_result_keys,
            fmt.in_force_rows,
            {key: block.columns for key, (block, _) in fmt.proactive_rows.items()},
        )
        entry = _SHAPES[fmt.key] = (fmt, shape)
    return entry[1]


def _n(cell: Cell) -> int | Decimal:
    return 0 if cell is None else cell


def _full(cells: Sequence[Cell]) -> TypeGuard[Sequence[int | Decimal]]:
    """No blank among ``cells`` (told by one C-level scan, as for most rows)."""
    return None not in cells


# -- section 三 ---------------------------------------------------------------------------


def _balance(report: Report, _: Report | None) -> Iterator[Finding]:
    apps = report.applications or {}
    if not all(k in apps for k in ("1", "2", "3.7", "4")):
        return
    for c, column in enumerate(APPLICANT_COLUMNS):
        left = _n(apps["1"][c]) + _n(apps["2"][c])
        right = _n(apps["3.7"][c]) + _n(apps["4"][c])
        if left != right:
            yield Finding(
                "apps.balance",
                "error",
                column.key,
                left,
                right,
                f"“{column.label}”列：第一项加第二项之和为{left}，第三项（总计）加第四项之和为{right}，二者应相等",
                f"column {column.key}: rows 1 + 2 = {left} but rows 3.7 + 4 = {right}",
            )


def _results_sum(report: Report, _: Report | None) -> Iterator[Finding]:
    apps = report.applications or {}
    leaves = _shape(report.spec).leaf_result_keys
    if "3.7" not in apps or not all(k in apps for k in leaves):
        return
    rows = [apps[k] for k in leaves]
    for c, column in enumerate(APPLICANT_COLUMNS):
        expected: int | Decimal = 0
        for row in rows:  # in the rows' order, as ``sum`` adds them
            if (cell := row[c]) is not None:
                expected = expected + cell
        actual = apps["3.7"][c]
        if expected != _n(actual):
            yield Finding(
                "apps.results_sum",
                "error",
                column.key,
                expected,
                actual,
                f"“{column.label}”列：（七）总计为{_show(actual)}，各项办理结果之和为{expected}",
                f"column {column.key}: row 3.7 is {_show(actual)} but the result rows sum to "
                f"{expected}",
            )


def _row_total(report: Report, _: Report | None) -> Iterator[Finding]:
    for key, cells in (report.applications or {}).items():
        counts = cells[:TOTAL_INDEX]
        # (most rows have no blank: summed as they stand, without a filtered copy)
        expected = sum(counts if _full(counts) else [c for c in counts if c is not None], 0)
        actual = cells[TOTAL_INDEX]
        if expected != (0 if actual is None else actual):
            yield Finding(
                "apps.row_total",
                "error",
                key,
                expected,
                actual,
                f"第{key}行：总计为{_show(actual)}，六类申请人之和为{expected}",
                f"row {key}: total is {_show(actual)} but the six applicant columns sum to "
                f"{expected}",
            )


def _continuity(report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None:
        return
    this = (report.applications or {}).get("2")
    last = (previous.applications or {}).get("4")
    if this is None or last is None:
        return
    for c, column in enumerate(APPLICANT_COLUMNS):
        if _n(this[c]) != _n(last[c]):
            yield Finding(
                "carry.continuity",
                "error",
                column.key,
                last[c],
                this[c],
                f"“{column.label}”列：本年上年结转为{_show(this[c])}，"
                f"上年结转下年度继续办理为{_show(last[c])}",
                f"column {column.key}: row 2 is {_show(this[c])} but last year's row 4 is "
                f"{_show(last[c])}",
            )


# -- section 四 ---------------------------------------------------------------------------


def _group_total(report: Report, _: Report | None) -> Iterator[Finding]:
    for group in DISPUTE_GROUPS:
        cells = (report.disputes or {}).get(group.key)
        if cells is None:
            continue
        expected = sum([c for c in cells[:4] if c is not None], 0)
        if expected != _n(cells[4]):
            name = _DISPUTE_NAMES[group.key]
            yield Finding(
                "disputes.group_total",
                "error",
                group.key,
                expected,
                cells[4],
                f"{name}：总计为{_show(cells[4])}，维持、纠正、其他、尚未审结之和为{expected}",
                f"{group.key}: total is {_show(cells[4])} but upheld + corrected + other + "
                f"pending = {expected}",
            )


# -- section 二 ---------------------------------------------------------------------------


def _in_force(report: Report, previous: Report | None) -> Iterator[Finding]:
    """现行有效件数 (the formats whose section 二 counts documents in force): never negative, and
    last year's in force + issued this year − repealed this year."""
    if report.proactive is None:
        return
    last_rows: dict[str, dict[str, Cell] | None] = {}
    if previous is not None and previous.proactive is not None:
        last_rows = {k: previous.proactive.get(k) for k in _shape(previous.spec).in_force_rows}
    for key in _shape(report.spec).in_force_rows:
        row = report.proactive.get(key)
        if row is None:
            continue
        in_force = row.get("in_force")
        if in_force is not None and in_force < 0:
            yield Finding(
                "proactive.in_force",
                "warning",
                key,
                ">= 0",
                in_force,
                f"{_row_name('proactive', key)}：现行有效件数不能为负数",
                f"{key}: in_force is negative",
            )
        last = last_rows.get(key)
        if last is None or in_force is None:
            continue
        expected = _n(last.get("in_force")) + _n(row.get("issued")) - _n(row.get("repealed"))
        if expected != in_force:
            yield Finding(
                "proactive.in_force",
                "warning",
                key,
                expected,
                in_force,
                f"{_row_name('proactive', key)}：现行有效件数为{in_force}，"
                f"按上年现行有效加本年制发减本年废止应为{expected}"
                "（修订可能导致不完全一致）",
                f"{key}: in_force is {in_force}; last year's in_force + issued - repealed = "
                f"{expected} (revisions can make this inexact)",
            )


# -- all sections -------------------------------------------------------------------------


def _rows(report: Report) -> Iterator[_Row]:
    """Every row of numeric cells: (section, row key, columns, values), in the tables' order.
    (The row's path, "section.key", is built by the checks only for a row they report.)"""
    if report.proactive:
        blocks = _shape(report.spec).proactive_columns
        for row_key, row in report.proactive.items():
            columns = [c for c in blocks[row_key] if c.key in row]
            yield "proactive", row_key, columns, [row[c.key] for c in columns]
    for row_key, cells in (report.applications or {}).items():
        yield "applications", row_key, APPLICANT_COLUMNS, cells
    for group_key, cells in (report.disputes or {}).items():
        yield "disputes", group_key, DISPUTE_COLUMNS, cells


# The Chinese messages name rows and columns by their printed labels, never their JSON keys.
_PROACTIVE_LABELS = {
    key: row.label for fmt in FORMATS.values() for key, (_, row) in fmt.proactive_rows.items()
}
_DISPUTE_NAMES = {
    g.key: f"{g.parent}（{g.label}）" if g.parent else g.label for g in DISPUTE_GROUPS
}


def _row_name(section: str, key: str) -> str:
    """A row as its report prints it ("“规章”行", "第3.1行", "行政复议")."""
    if section == "proactive":
        return f"“{_PROACTIVE_LABELS.get(key, key)}”行"
    if section == "disputes":
        return _DISPUTE_NAMES.get(key, key)
    return f"第{key}行"


def _blank(report: Report, _: Report | None) -> Iterator[Finding]:
    return _blank_rows(list(_rows(report)))


def _blank_rows(rows: Sequence[_Row]) -> Iterator[Finding]:
    for section, key, row_columns, cells in rows:
        if None not in cells:
            continue  # (most rows: no blank, told by one C-level scan)
        where = f"{section}.{key}"
        columns = [c for c, cell in zip(row_columns, cells, strict=True) if cell is None]
        yield Finding(
            "cells.blank",
            "warning",
            where,
            None,
            None,
            f"{_row_name(section, key)}：{len(columns)}个单元格为空（核对合计时按0计）："
            f"{'、'.join(c.label for c in columns)}",
            f"{where}: {len(columns)} blank cell(s), counted as 0 in the sums checked: "
            f"{', '.join(c.key for c in columns)}",
        )


def _negative(report: Report, _: Report | None) -> Iterator[Finding]:
    return _negative_rows(list(_rows(report)))


def _negative_rows(rows: Sequence[_Row]) -> Iterator[Finding]:
    for section, key, columns, cells in rows:
        filled = cells if _full(cells) else [c for c in cells if c is not None]
        if not filled or min(filled) >= 0:
            continue  # (most rows: nothing below zero)
        where = f"{section}.{key}"
        for column, cell in zip(columns, cells, strict=True):
            if cell is not None and cell < 0 and column.kind != "signed":
                yield Finding(
                    "cells.negative",
                    "error",
                    f"{where}.{column.key}",
                    ">= 0",
                    cell,
                    f"{_row_name(section, key)}“{column.label}”列：数量不能为负数（{cell}）",
                    f"{where}.{column.key}: a count cannot be negative ({cell})",
                )


def _yoy_jump(report: Report, previous: Report | None) -> Iterator[Finding]:
    if previous is None:
        return
    for row in ("1", "3.7"):
        now = report.application_cell(row, TOTAL_INDEX)
        last = previous.application_cell(row, TOTAL_INDEX)
        if now is None or last is None or max(now, last) < YOY_MIN_TOTAL:
            continue
        if (last == 0 and now > 0) or (last > 0 and not (Decimal("0.2") * last <= now <= 5 * last)):
            yield Finding(
                "yoy.jump",
                "warning",
                row,
                last,
                now,
                f"第{row}行总计由上年{last}变为{now}，变化超过5倍，请核对是否录入或单位有误",
                f"row {row} total went from {last} last year to {now}: more than a 5x change",
            )


def _show(cell: Cell) -> str:
    return "空" if cell is None else str(cell)


CHECKS: tuple[Check, ...] = (
    Check("apps.balance", "error", False, _balance, "row 1 + row 2 = row 3.7 + row 4, per column"),
    Check("apps.results_sum", "error", False, _results_sum, "row 3.7 = sum of the result rows"),
    Check("apps.row_total", "error", False, _row_total, "总计 = sum of the six applicant columns"),
    Check("disputes.group_total", "error", False, _group_total, "维持+纠正+其他+尚未审结 = 总计"),
    Check("carry.continuity", "error", True, _continuity, "row 2 = last year's row 4"),
    Check("proactive.in_force", "warning", False, _in_force, "in_force >= 0 and continuous"),
    Check("cells.negative", "error", False, _negative, "no count below zero", _negative_rows),
    Check("yoy.jump", "warning", True, _yoy_jump, "totals within 0.2x–5x of last year"),
    Check("cells.blank", "warning", False, _blank, "blank cells are counted as 0", _blank_rows),
)


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding for ``report`` (and against ``previous``, last year's report, if given)."""
    findings: list[Finding] = []
    rows: list[_Row] | None = None  # (listed once, for every check that reads them)
    for c in CHECKS:
        if c.on_rows is None:
            findings.extend(c.run(report, previous))
            continue
        if rows is None:
            rows = list(_rows(report))
        findings.extend(c.on_rows(rows))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == "error" for f in findings)

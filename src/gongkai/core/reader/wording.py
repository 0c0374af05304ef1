"""The places the reader's findings name, in the report's own words (the Chinese message).

A finding's ``where`` is a key ("applications.3.3.1.natural_person"); its Chinese ``message``
names the same place by the official labels of the form being read, verbatim: the section's
title for a table (“三、收到和处理政府信息公开申请情况”表格), a row's label (“规章”行, and the
group a numbered row is printed under: “（三）不予公开”项下“1.属于国家秘密”行), a column's header
(“自然人”列). The labels differ between forms (规范性文件 / 行政规范性文件): ``reading(fmt)``
holds the form the text is read in while the reader runs; outside it (a caller of the parts),
the newest form that has the key names it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from gongkai.core.report.formats import (
    APPLICANT_COLUMNS,
    DISPUTE_COLUMNS,
    DISPUTE_GROUPS,
    FORMATS,
    TITLE_APPLICATIONS,
    TITLE_DISPUTES,
    TITLE_PROACTIVE,
    ReportFormat,
)

TITLES = {"proactive": TITLE_PROACTIVE, "applications": TITLE_APPLICATIONS,
          "disputes": TITLE_DISPUTES}  # fmt: skip
# Section 四's groups as the checks name them: 行政复议, 行政诉讼（未经复议直接起诉）…
_GROUPS = {g.key: f"{g.parent}（{g.label}）" if g.parent else g.label for g in DISPUTE_GROUPS}
_FORM: ContextVar[ReportFormat | None] = ContextVar("gongkai_reader_form", default=None)


@contextmanager
def reading(fmt: ReportFormat) -> Iterator[None]:
    """The form whose labels name the places of the findings made inside the block."""
    token = _FORM.set(fmt)
    try:
        yield
    finally:
        _FORM.reset(token)


def _forms() -> list[ReportFormat]:
    """The form being read first, then the others, newest first."""
    others = sorted(FORMATS.values(), key=lambda f: -f.first_year)
    current = _FORM.get()
    return others if current is None else [current, *(f for f in others if f is not current)]


def quote(text: str) -> str:
    """``text`` in Chinese quotation marks, its own marks made single (“3.危及‘三安全一稳定’”)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def table(section: str) -> str:
    """“二、主动公开政府信息情况”表格."""
    title = TITLES.get(section)
    return f"{quote(title)}表格" if title else "表格"


def label(section: str, key: str) -> tuple[str, str] | None:
    """A row's label as the form prints it, and the group it is printed under ("" if none)."""
    for fmt in _forms():
        if section == "proactive" and key in fmt.proactive_rows:
            return fmt.proactive_rows[key][1].label, ""
        if section == "applications":
            group = ""
            for line in fmt.application_lines:
                if line.level == 1:
                    group = line.label
                if line.key == key:
                    return line.label, group if line.level == 2 else ""
    return None


def row(section: str, key: str) -> str:
    """A row by its label (“规章”行); a numbered row with the group it is printed under."""
    if (found := label(section, key)) is not None:
        text, group = found
        return f"{quote(group)}项下{quote(text)}行" if group else f"{quote(text)}行"
    if section == "disputes" and key in _GROUPS:
        return f"{quote(_GROUPS[key])}各列"
    return f"{table(section)}中的一行"


def this(where: str) -> str:
    """该行, or 该表格 for a section read as one row (section 四's figures)."""
    return "该行" if "." in where else "该表格"


def _column(section: str, row_key: str, key: str) -> str:
    """A column's header, quoted (section 四's under its group: “行政复议”下的“结果维持”)."""
    if section == "disputes":
        group, _, column = key.rpartition(".")
        for c in DISPUTE_COLUMNS:
            if c.key == column:
                return (
                    f"{quote(_GROUPS.get(group, group))}下的{quote(c.label)}"
                    if group
                    else quote(c.label)
                )
    if section == "applications":
        for c in APPLICANT_COLUMNS:
            if c.key == key:
                return quote(c.label)
    for fmt in _forms():
        if section == "proactive" and row_key in fmt.proactive_rows:
            for c in fmt.proactive_rows[row_key][0].columns:
                if c.key == key:
                    return quote(c.label)
    return "某"


def _proactive_cell(row_key: str, key: str) -> str:
    """A cell of section 二 by the labels of a form that has it (the form being read first)."""
    for fmt in _forms():
        if row_key in fmt.proactive_rows:
            block, line = fmt.proactive_rows[row_key]
            for c in block.columns:
                if c.key == key:
                    return f"{quote(line.label)}行{quote(c.label)}列"
    return f"{row('proactive', row_key)}某列"


def columns(where: str, keys: Sequence[str]) -> str:
    """The columns ``keys`` of the row at ``where``: “自然人”、“总计”列."""
    section, _, row_key = where.partition(".")
    return "、".join(_column(section, row_key, key) for key in keys) + "列"


def place(where: str) -> str:
    """``where`` ("section", "section.row" or "section.row.column") in the report's words."""
    section, _, rest = where.partition(".")
    if section not in TITLES:
        return "该处"
    if not rest:
        return table(section)
    row_key, column = rest, ""
    if section == "disputes":
        row_key, _, column = rest.partition(".")
        column = rest if column else ""  # (a group's column: "review.upheld")
    elif section == "applications":
        head, _, last = rest.rpartition(".")
        if head and any(c.key == last for c in APPLICANT_COLUMNS):
            row_key, column = head, last
    elif "." in rest:
        row_key, _, column = rest.partition(".")
    if not column:
        return row(section, row_key)
    if section == "disputes":
        return f"{_column(section, '', column)}列"
    if section == "proactive":
        return _proactive_cell(row_key, column)
    return f"{row(section, row_key)}{_column(section, row_key, column)}列"

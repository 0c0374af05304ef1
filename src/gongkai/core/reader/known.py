"""What the parser needs of a report format, built once per format (not once per document).

A format's row labels are recognised by the tuned rules of ``labels`` and, for a label only a
newer format has, as the format states it; the recognisers are memoised per format, as the
same label texts recur in every report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from gongkai.core.reader import labels as L
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.normalize import normalize
from gongkai.core.report.formats import ProactiveBlock, ProactiveRow, ReportFormat


@lru_cache(maxsize=64)
def _own_labels(
    labels: tuple[tuple[str | None, str], ...], tuned: Callable[[str], str | None]
) -> dict[str, str]:
    """A format's official labels (core form → key) that the tuned label rules do not know.

    The rules of ``labels`` recognise the national formats' labels with the variants real pages
    print; a label only a newer format has is recognised as the format states it.
    """
    out: dict[str, str] = {}
    for key, official in labels:
        label = normalize(official)
        if tuned(label) is None:
            out[L.core(label)] = key or f"group:{L.core(label)}"
    return out


@dataclass(frozen=True)
class Known:
    """What the parser needs of a format, built once per format (not once per document)."""

    proactive: dict[str, tuple[ProactiveBlock, ProactiveRow]]  # row key → (block, row)
    money_rows: frozenset[str]  # section 二's rows with a money column
    proactive_label: Callable[[str], str | None]  # memoised: a text's row key
    application_keys: tuple[str, ...]
    application_set: frozenset[str]  # (the same keys, for membership tests)
    application_label: Callable[[str], str | None]  # memoised, before the 总计 rule
    other: str  # the key （六）其他处理 takes: a row in some formats, a group in others


_KNOWN: dict[str, tuple[ReportFormat, Known]] = {}


def known(fmt: ReportFormat) -> Known:
    """The format's tables, cached by key (and checked by identity: a format built anew, as
    tests do, gets its own)."""
    entry = _KNOWN.get(fmt.key)
    if entry is None or entry[0] is not fmt:
        entry = _KNOWN[fmt.key] = (fmt, _build(fmt))
    return entry[1]


def _build(fmt: ReportFormat) -> Known:
    rows = fmt.proactive_rows
    own = _own_labels(tuple((key, row.label) for key, (_, row) in rows.items()), L.proactive_label)
    own_apps = _own_labels(
        tuple((line.key, line.label) for line in fmt.application_lines), L.application_label
    )
    # (every official label: one printed with a typo in a word the rules hold too short to
    # forgive, "属于三类内容事务信息", is near its whole label)
    official_apps = {
        L.core(normalize(line.label)): line.key for line in fmt.application_lines if line.key
    }

    @L.memo
    def proactive_label(text: str) -> str | None:
        # (a label printed with a typo last: the exact rules and the format's own come first)
        return L.proactive_label(text) or own.get(L.core(text)) or L.near_proactive_label(text)

    @L.memo
    def application_label(text: str) -> str | None:
        return (
            L.application_label(text)
            or own_apps.get(L.core(text))
            or L.near_application_label(text)
            or L.near_official(text, official_apps)
        )

    keys = fmt.application_keys
    return Known(
        proactive=rows,
        money_rows=frozenset(
            key for key, (block, _) in rows.items() if any(c.kind == "money" for c in block.columns)
        ),
        proactive_label=proactive_label,
        application_keys=keys,
        application_set=frozenset(keys),
        application_label=application_label,
        other="3.6" if "3.6" in keys else "group:3.6",
    )


def money_units(
    cells: list[Cell], label_of: Callable[[str], str | None], money_rows: frozenset[str]
) -> dict[str, str]:
    """The unit a money column's header states (单位：万元 …), by row key."""
    units: dict[str, str] = {}
    pending = ""
    empty = label_of("")  # (cells without text: blanks, gaps, spacers, bars)
    # Cells without text matter only if the empty text names a money row (no format's does).
    blanks_count = empty is not None and empty in money_rows
    if not blanks_count:
        # Only a header naming 金额 or a money row's label counts: those few texts are picked
        # out first, each told once (the rest, most, change nothing below; an empty text too).
        told = _money_teller(label_of, money_rows)
        for unit, row in filter(None, map(told, map(_TEXT, cells))):
            if unit is not None:
                pending = unit
            if row is not None and pending:
                units[row] = pending
        return units
    for text in [c.text for c in cells if c.text or blanks_count]:
        if not text:
            if empty is not None and pending:
                units[empty] = pending
            continue
        text = L.compact(text)
        if "金额" in text:
            pending = "万元" if "万元" in text else ("元" if "元" in text else "")
        row = label_of(text)
        if row in money_rows and pending:
            units[row] = pending
    return units


_TEXT = itemgetter(0)  # a cell's text


@lru_cache(maxsize=16)
def _money_teller(
    label_of: Callable[[str], str | None], money_rows: frozenset[str]
) -> Callable[[str], tuple[str | None, str | None] | None]:
    """``_money_units``' reading of one text, memoised per format: the unit a 金额 header states
    (None: no such header) and the money row it names (None: none); None for neither."""

    @L.memo
    def told(raw: str) -> tuple[str | None, str | None] | None:
        text = L.compact(raw)
        unit = None
        if "金额" in text:
            unit = "万元" if "万元" in text else ("元" if "元" in text else "")
        row = label_of(text)
        row = row if row in money_rows else None
        return None if unit is None and row is None else (unit, row)

    return told

"""What the parser needs of a report format, built once per format (not once per document).

A format's row labels are recognised by the tuned rules of ``labels`` and, for a label only a
newer format has, as the format states it; the recognisers are memoised per format, as the
same label texts recur in every report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from gongkai.core.reader import labels as L
from gongkai.core.reader.normalize import normalize
from gongkai.core.report.formats import ProactiveBlock, ProactiveRow, ReportFormat

_memo = lru_cache(maxsize=1 << 15)


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

    @_memo
    def proactive_label(text: str) -> str | None:
        return L.proactive_label(text) or own.get(L.core(text))

    @_memo
    def application_label(text: str) -> str | None:
        return L.application_label(text) or own_apps.get(L.core(text))

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

"""What a reading may honestly claim: its coverage, and which check findings are the report's.

A finding about the report must not be a consequence of the reader's own doubt. Where the
reader left a cell blank or a row out (``cell_unreadable``, ``truncated``), the checks that
involve that cell — a row total, a column sum, a blank cell counted as 0 — are kept apart
(``doubted``): they may say more about the reading than about the publisher.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

# Reader findings that mean: some cell of this place was not read with confidence.
DOUBT = frozenset({"cell_unreadable", "truncated", "ocr_unsure"})
# Reader findings that mean: a part of the report is not in the reading.
INCOMPLETE = frozenset({"truncated", "tables_missing", "cell_unreadable", "ocr_unsure"})
SECTIONS = ("proactive", "applications", "disputes")
# Check codes about a whole section (column sums, group totals): doubted by any doubt in it.
_SECTION_OF = {"apps": "applications", "disputes": "disputes", "proactive": "proactive",
               "carry": "applications", "yoy": "applications"}  # fmt: skip


class _Finding(Protocol):
    code: str
    where: str


def doubts(findings: Iterable[_Finding]) -> dict[str, set[str]]:
    """Section → the rows the reader doubts (``*``: the section as a whole)."""
    out: dict[str, set[str]] = {}
    for f in findings:
        if f.code not in DOUBT:
            continue
        section, _, rest = f.where.partition(".")
        if section not in SECTIONS:
            continue
        out.setdefault(section, set()).add(_row(section, rest) if rest else "*")
    return out


def _row(section: str, rest: str) -> str:
    """The row of ``rest`` (``3.3.1.research`` → ``3.3.1``; ``rules.issued`` → ``rules``)."""
    if section == "applications":
        parts = rest.split(".")
        while parts and not parts[-1].isdigit():
            parts.pop()
        return ".".join(parts) or rest
    return rest.split(".")[0]


def split_checks(
    findings: Sequence[_Finding], checks: Sequence[Any]
) -> tuple[list[Any], list[Any]]:
    """The check findings that are the report's, and those that may be the reader's doubt."""
    doubted_rows = doubts(findings)
    if not doubted_rows:
        return list(checks), []
    sure: list[Any] = []
    doubted: list[Any] = []
    for check in checks:
        (doubted if _doubted(check, doubted_rows) else sure).append(check)
    return sure, doubted


def _doubted(check: Any, doubted_rows: dict[str, set[str]]) -> bool:
    code: str = check.code
    where: str = check.where or ""
    prefix = code.partition(".")[0]
    if prefix == "cells":
        section, _, rest = where.partition(".")
        rows = doubted_rows.get(section, set())
        return "*" in rows or _row(section, rest) in rows
    if code == "apps.row_total":
        rows = doubted_rows.get("applications", set())
        return "*" in rows or where in rows
    if prefix == "narrative":
        return True  # the text's figures are compared with cells the reader may not have
    owner = _SECTION_OF.get(prefix)
    return owner is not None and owner in doubted_rows


def coverage(has_report: bool, findings: Iterable[_Finding], has_tables: bool) -> str:
    """full / partial / tables_missing / not_a_report, for summaries."""
    if not has_report:
        return "not_a_report"
    codes = {f.code for f in findings}
    if not has_tables:
        return "tables_missing"
    if codes & INCOMPLETE:
        return "partial"
    return "full"


def read_by_ocr(findings: Iterable[_Finding]) -> bool:
    """Whether the text was read from images by OCR (the scanned-report route says so with a
    finding whose code starts ``ocr``)."""
    return any(f.code.startswith("ocr") for f in findings)

"""The reader's results: findings, the rows it collects, the tables it returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.core.reader.cells import Cell
from gongkai.core.report.model import Cell as Value

UNLABELED = "?"  # the key of a row whose label the page lost
# Rows split from figures run together: where → (the run, each column's figures with their
# offsets in the run, the whole readings when few).
Runs = dict[str, tuple[Cell, list[set[tuple[str, int] | None]], list[tuple[str | None, ...]]]]


@dataclass
class Finding:
    code: str
    message: str
    where: str = ""
    raw: str | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message": self.message, "where": self.where}
        if self.raw is not None:
            out["raw"] = self.raw
        return out


@dataclass(slots=True)  # built by the dozen per document: lighter without a __dict__
class Row:
    key: str
    tokens: list[Cell] = field(default_factory=list)
    closed: bool = False  # ended by another anchor (not by the end of the text)
    label_line: int = -1
    label: str = ""
    by_position: bool = False  # its label was lost; its place in the table names it


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

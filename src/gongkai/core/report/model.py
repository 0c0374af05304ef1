"""The ``Report`` value and its JSON form ``gongkai/annual-report@1``.

Cells are ``int`` (counts), ``int | Decimal`` (money) or ``None`` (blank as published). JSON is
parsed with ``Decimal`` for non-integers so that money such as ``180.338174`` survives exactly,
and dumped by a small serialiser that writes Decimals literally: JSON → Report → JSON is the
identity, including keys beyond the schema (``coverage``, ``units`` …), which are kept in
``extra``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from gongkai.core.report.formats import (
    DISPUTE_GROUPS,
    ReportFormat,
    get_format,
)

SCHEMA_ID = "gongkai/annual-report@1"

Cell = int | Decimal | None
Row = list[Cell]

_KNOWN_KEYS = (
    "schema",
    "agency",
    "year",
    "format",
    "proactive",
    "applications",
    "disputes",
    "issues",
)


class ReportError(ValueError):
    """The document is not a valid ``gongkai/annual-report@1`` report; ``where`` is a JSON path."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.reason = message


@dataclass
class Report:
    agency: str
    year: int
    format: str
    proactive: dict[str, dict[str, Cell]] | None = None
    applications: dict[str, Row] | None = None
    disputes: dict[str, Row] | None = None
    issues: list[dict[str, Any]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def spec(self) -> ReportFormat:
        return get_format(self.format)

    # -- reading --------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, validate: bool = True) -> Report:
        if validate:
            validate_dict(data)
        proactive = data.get("proactive")
        applications = data.get("applications")
        disputes = data.get("disputes")
        issues = data.get("issues")
        return cls(
            agency=data["agency"],
            year=data["year"],
            format=data["format"],
            proactive=None
            if proactive is None
            else {row: dict(cells) for row, cells in proactive.items()},
            applications=None
            if applications is None
            else {row: list(cells) for row, cells in applications.items()},
            disputes=None
            if disputes is None
            else {group: list(cells) for group, cells in disputes.items()},
            issues=None if issues is None else [dict(i) for i in issues],
            extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        return cls.from_dict(loads(text))

    # -- writing --------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The schema form, sections and rows in the format's order."""
        spec = self.spec
        out: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
        }
        if self.proactive is not None:
            order = list(spec.proactive_rows)
            out["proactive"] = {k: dict(self.proactive[k]) for k in _ordered(self.proactive, order)}
        if self.applications is not None:
            order = list(spec.application_keys)
            out["applications"] = {
                k: list(self.applications[k]) for k in _ordered(self.applications, order)
            }
        if self.disputes is not None:
            order = [g.key for g in DISPUTE_GROUPS]
            out["disputes"] = {k: list(self.disputes[k]) for k in _ordered(self.disputes, order)}
        if self.issues is not None:
            out["issues"] = [dict(i) for i in self.issues]
        out.update(self.extra)
        return out

    def to_json(self, indent: int | None = 1) -> str:
        return dumps(self.to_dict(), indent=indent)

    # -- cells ----------------------------------------------------------------------------

    def application_cell(self, row: str, column: int) -> Cell:
        if self.applications is None or row not in self.applications:
            return None
        return self.applications[row][column]


def _ordered(present: Mapping[str, Any], order: list[str]) -> list[str]:
    known = [k for k in order if k in present]
    return known + [k for k in present if k not in order]


# -- JSON ---------------------------------------------------------------------------------


def loads(text: str | bytes) -> Any:
    """Parse JSON keeping non-integer numbers exact (``Decimal``)."""
    return json.loads(text, parse_float=Decimal)


def dumps(value: Any, indent: int | None = 1) -> str:
    """Serialise like ``json.dumps(ensure_ascii=False)``, writing ``Decimal`` literally."""
    parts: list[str] = []
    _dump(value, parts, indent, 0)
    return "".join(parts)


def _dump(value: Any, out: list[str], indent: int | None, depth: int) -> None:
    if value is None or isinstance(value, (bool, int, str)):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as JSON")
        text = format(value, "f")
        out.append(text)
    elif isinstance(value, float):
        out.append(json.dumps(value))
    elif isinstance(value, Mapping):
        items = list(value.items())
        if not items:
            out.append("{}")
            return
        out.append("{")
        for i, (key, item) in enumerate(items):
            if i:
                out.append(",")
            _newline(out, indent, depth + 1)
            out.append(json.dumps(str(key), ensure_ascii=False))
            out.append(": ")
            _dump(item, out, indent, depth + 1)
        _newline(out, indent, depth)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _newline(out, indent, depth + 1)
            _dump(item, out, indent, depth + 1)
        _newline(out, indent, depth)
        out.append("]")
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _newline(out: list[str], indent: int | None, depth: int) -> None:
    if indent is not None:
        out.append("\n" + " " * (indent * depth))
    elif out and out[-1] == ",":
        out.append(" ")


# -- schema -------------------------------------------------------------------------------


@cache
def schema() -> dict[str, Any]:
    text = resources.files("gongkai.core.report").joinpath("annual-report.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def validate_dict(data: Any) -> None:
    """Raise ``ReportError`` naming the first problem (by JSON path) if ``data`` is invalid."""
    if not isinstance(data, Mapping):
        raise ReportError("a report must be a JSON object")
    errors = sorted(_validator().iter_errors(data), key=lambda e: (len(e.path), list(e.path)))
    if errors:
        # The deepest error inside an if/then branch is the informative one.
        error = max(errors, key=lambda e: len(e.absolute_path))
        where = "/".join(str(p) for p in error.absolute_path)
        raise ReportError(_describe(error), where)


def _describe(error: Any) -> str:
    validator = error.validator
    if validator == "additionalProperties":
        return f"unexpected key ({error.message})"
    if validator in {"minItems", "maxItems"}:
        wanted = error.schema.get("minItems", error.schema.get("maxItems"))
        return f"expected {wanted} cells, got {len(error.instance)}"
    if validator == "propertyNames":
        return f"unknown row key {error.instance!r}"
    message: str = error.message
    return message

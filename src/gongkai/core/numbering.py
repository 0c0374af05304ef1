"""Numbering patterns an agency sets: letter numbers (文号) and index numbers (索引号).

A pattern is a ``str.format`` template restricted to named fields, so an administrator can write
``{short}公开〔{year}〕{n}号`` or ``{credit_code}/{year}-{n:05d}`` and nothing else: no attribute
access, no positional fields, format specs only where they make sense (the serial number).
"""

from __future__ import annotations

import string
from collections.abc import Mapping

# Field → what it is. ``n`` is the serial number within the year.
FIELDS: Mapping[str, str] = {
    "year": "年度 / year (2025)",
    "n": "序号 / serial number within the year",
    "short": "机关简称 / the agency's short name",
    "credit_code": "统一社会信用代码 / the agency's unified social credit code",
}
NUMERIC_FIELDS = frozenset({"year", "n"})

DEFAULT_LETTER_PATTERN = "{short}公开〔{year}〕{n}号"
DEFAULT_INDEX_PATTERN = "{credit_code}/{year}-{n:05d}"

_SAMPLE: Mapping[str, object] = {"year": 2025, "n": 12, "short": "某某", "credit_code": "X" * 18}


class PatternError(ValueError):
    pass


def pattern_fields(pattern: str) -> list[str]:
    """The field names used, in order; ``PatternError`` when the template is malformed."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise PatternError(f"{pattern!r}: {exc} (write literal braces as {{{{ and }}}})") from exc
    names: list[str] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in FIELDS:
            allowed = ", ".join("{" + f + "}" for f in FIELDS)
            raise PatternError(f"{pattern!r}: unknown field {{{name}}} (allowed: {allowed})")
        if conversion:
            raise PatternError(f"{pattern!r}: conversions such as !{conversion} are not allowed")
        if spec and name not in NUMERIC_FIELDS:
            raise PatternError(f"{pattern!r}: {{{name}}} takes no format")
        if spec and "{" in spec:
            raise PatternError(f"{pattern!r}: nested fields are not allowed")
        names.append(name)
    return names


def check_pattern(pattern: str, *, required: frozenset[str] = frozenset({"year", "n"})) -> None:
    """Raise ``PatternError`` unless the pattern uses allowed fields and every required one."""
    if not pattern.strip():
        raise PatternError("the pattern is empty")
    names = set(pattern_fields(pattern))
    missing = sorted(required - names)
    if missing:
        raise PatternError(
            f"{pattern!r}: must contain " + ", ".join("{" + m + "}" for m in missing)
        )
    try:
        pattern.format(**_SAMPLE)
    except (ValueError, TypeError) as exc:
        raise PatternError(f"{pattern!r}: {exc}") from exc


def render_pattern(pattern: str, **values: object) -> str:
    """Fill a checked pattern: ``render_pattern(p, year=2025, n=12, short="瓯海")``."""
    names = pattern_fields(pattern)
    missing = sorted(set(names) - set(values))
    if missing:
        raise PatternError(
            f"{pattern!r}: no value for " + ", ".join("{" + m + "}" for m in missing)
        )
    try:
        return pattern.format(**{name: values[name] for name in names})
    except (ValueError, TypeError) as exc:
        raise PatternError(f"{pattern!r}: {exc}") from exc

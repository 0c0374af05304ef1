"""图解: SVG charts of a report for the published page, as plain strings.

No script, no external file, no library: an ``<svg>`` element the page inlines (or serves as
``image/svg+xml``). Each chart is ``role="img"`` with a Chinese ``<title>`` and a ``<desc>``
that states every figure, and prints every figure as a text label beside its bar, so it reads
without colour; the page shows the report's table as the full text alternative. The output is
deterministic (fixed geometry, fixed number formatting): the same report gives the same bytes,
so a published snapshot can be compared and cached.

Bars carry ``data-label`` / ``data-value`` so tests (and a page's own styling) can find them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from gongkai.core.report.formats import TOTAL_INDEX
from gongkai.core.report.model import Report

# CJK-capable faces first (Linux, macOS, Windows), then the generic family.
FONT_FAMILY = (
    "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB',"
    "'Microsoft YaHei','WenQuanYi Micro Hei',sans-serif"
)
TEXT_COLOUR = "#1f2328"
AXIS_COLOUR = "#8c959f"
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
OUTCOME_GROUPS: tuple[tuple[str, str, str], ...] = (
    # (label, row prefix, colour)
    ("予以公开", "3.1", "#009E73"),
    ("部分公开", "3.2", "#56B4E9"),
    ("不予公开", "3.3", "#D55E00"),
    ("无法提供", "3.4", "#E69F00"),
    ("不予处理", "3.5", "#CC79A7"),
    ("其他处理", "3.6", "#7F7F7F"),
)
YOY_COLOURS = ("#A6CEE3", "#1F78B4")  # last year, this year

WIDTH = 640
LABEL_WIDTH = 100  # the row labels: four or five CJK characters at 14px
VALUE_ROOM = 130  # right of the longest bar: "1234件（100.0%）"
ROW = 34
BAR = 20
TOP = 44
FONT_SIZE = 14
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: no figure (a table missing in an imported report)
    colour: str
    text: str  # what the label beside the bar says


def _total(report: Report, *rows: str) -> int | None:
    """The 总计 of ``rows`` summed (a blank 总计 counts its row's cells)."""
    apps = report.applications or {}
    if not rows or not all(r in apps for r in rows):
        return None
    out = 0
    for r in rows:
        cells = apps[r]
        total = cells[TOTAL_INDEX]
        out += int(total if total is not None else sum(c or 0 for c in cells[:TOTAL_INDEX]))
    return out


def _disputes(report: Report, *groups: str) -> int | None:
    disputes = report.disputes or {}
    if not all(g in disputes for g in groups):
        return None
    return sum(int(disputes[g][4] or 0) for g in groups)


def _percent(part: int, whole: int) -> str:
    # Integer arithmetic, half up: the same digits as the narrative's percentages.
    tenths = (part * 1000 * 2 + whole) // (whole * 2)
    return f"{tenths // 10}.{tenths % 10}"


def outcome_figures(report: Report) -> list[tuple[str, int | None]]:
    """The concluded applications by outcome group (予以公开 … 其他处理), 总计 column."""
    leaves = report.spec.leaf_result_keys
    out: list[tuple[str, int | None]] = []
    for label, prefix, _ in OUTCOME_GROUPS:
        keys = [k for k in leaves if k == prefix or k.startswith(prefix + ".")]
        out.append((label, _total(report, *keys)))
    return out


def yoy_figures(
    report: Report, previous: Report | None
) -> list[tuple[str, int | None, int | None]]:
    """(label, last year, this year) for 新收申请, 办结申请, 行政复议, 行政诉讼."""

    def figures(r: Report) -> list[int | None]:
        return [
            _total(r, "1"),
            _total(r, "3.7"),
            _disputes(r, "review"),
            _disputes(r, "litigation_direct", "litigation_after_review"),
        ]

    labels = ("新收申请", "办结申请", "行政复议", "行政诉讼")
    last = figures(previous) if previous is not None else [None] * 4
    return list(zip(labels, last, figures(report), strict=True))


# -- drawing -----------------------------------------------------------------------------------


def _check_id(id_prefix: str) -> None:
    if not _ID.match(id_prefix):
        raise ValueError(f"id_prefix must be a plain XML id, got {id_prefix!r}")


def _n(x: float) -> str:
    """Coordinates with at most one decimal, no trailing zeros: stable text."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg(id_prefix: str, height: float, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'width="{WIDTH}" height="{_n(height)}" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
    )
    return "\n".join(
        [
            head,
            f'<title id="{id_prefix}-title">{escape(title)}</title>',
            f'<desc id="{id_prefix}-desc">{escape(desc)}</desc>',
            f'<text class="heading" x="0" y="20" font-size="16" font-weight="bold">'
            f"{escape(title)}</text>",
            *body,
            "</svg>",
            "",
        ]
    )


def _bars(
    bars: Sequence[Bar], top: float, scale_max: int, row: float = ROW, labels: bool = True
) -> list[str]:
    """Horizontal bars, one per row, the label left (if ``labels``) and the text right."""
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    out: list[str] = []
    for i, bar in enumerate(bars):
        y = top + i * row
        width = span * (bar.value or 0) / scale_max if scale_max else 0.0
        label = quoteattr(bar.label)
        value = "" if bar.value is None else str(bar.value)
        out.append(f'<g class="bar" data-label={label} data-value="{value}">')
        if labels:
            out.append(
                f'<text class="label" x="{LABEL_WIDTH - 8}" y="{_n(y + BAR / 2 + 5)}" '
                f'text-anchor="end">{escape(bar.label)}</text>'
            )
        out.append(
            f'<rect x="{LABEL_WIDTH}" y="{_n(y)}" width="{_n(width)}" height="{BAR}" '
            f'fill="{bar.colour}"/>'
        )
        out.append(
            f'<text class="value" x="{_n(LABEL_WIDTH + width + 6)}" y="{_n(y + BAR / 2 + 5)}">'
            f"{escape(bar.text)}</text>"
        )
        out.append("</g>")
    return out


def _axis(top: float, bottom: float) -> str:
    return (
        f'<line x1="{LABEL_WIDTH}" y1="{_n(top - 4)}" x2="{LABEL_WIDTH}" y2="{_n(bottom)}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )


def outcome_chart(report: Report, *, id_prefix: str = "outcomes") -> str:
    """Concluded applications by outcome group, as horizontal bars with figure and share."""
    _check_id(id_prefix)
    figures = outcome_figures(report)
    total = sum(v or 0 for _, v in figures)
    bars = []
    for (label, value), (_, _, colour) in zip(figures, OUTCOME_GROUPS, strict=True):
        if value is None:
            text = "无数据"
        elif total:
            text = f"{value}件（{_percent(value, total)}%）"
        else:
            text = f"{value}件"
        bars.append(Bar(label, value, colour, text))
    title = f"{report.year}年政府信息公开申请办理结果"
    said = "，".join(f"{b.label}{b.text}" for b in bars)
    desc = (
        f"{report.agency}{report.year}年共办结政府信息公开申请{total}件，其中{said}。"
        if total
        else f"{report.agency}{report.year}年没有办结的政府信息公开申请。"
    )
    bottom = TOP + len(bars) * ROW
    body = [
        _axis(TOP, bottom - ROW + BAR + 4),
        *_bars(bars, TOP, max((b.value or 0) for b in bars)),
    ]
    return _svg(id_prefix, bottom + 6, title, desc, body)


def yoy_chart(report: Report, previous: Report | None = None, *, id_prefix: str = "yoy") -> str:
    """This year beside last year: 新收申请, 办结申请, 行政复议, 行政诉讼 (this year only if
    there is no last year's report)."""
    _check_id(id_prefix)
    rows = yoy_figures(report, previous)
    years = [report.year - 1, report.year] if previous is not None else [report.year]
    colours = YOY_COLOURS if previous is not None else YOY_COLOURS[1:]
    per_group = len(years)
    group_height = per_group * (BAR + 4) + 14
    legend_y = TOP - 8
    body: list[str] = []
    for i, (year, colour) in enumerate(zip(years, colours, strict=True)):
        x = LABEL_WIDTH + i * 90
        body.append(
            f'<g class="legend"><rect x="{x}" y="{legend_y - 11}" width="12" height="12" '
            f'fill="{colour}"/><text x="{x + 18}" y="{legend_y}">{year}年</text></g>'
        )
    top = TOP + 10
    values = [v for _, last, now in rows for v in (last, now) if v is not None]
    scale = max(values, default=0)
    said: list[str] = []
    for g, (label, last, now) in enumerate(rows):
        y = top + g * group_height
        pairs = list(zip(years, [last, now][-per_group:], colours, strict=True))
        bars = [
            Bar(
                f"{year}年{label}",
                value,
                colour,
                f"{year}年：" + ("无数据" if value is None else f"{value}件"),
            )
            for year, value, colour in pairs
        ]
        middle = _n(y + per_group * (BAR + 4) / 2 + 3)
        body.append(f'<g class="group" data-label={quoteattr(label)}>')
        body.append(
            f'<text class="group-label" x="{LABEL_WIDTH - 8}" y="{middle}" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        # Each bar's text names its year, so the colours are never the only key.
        body.extend(_bars(bars, y, scale, row=BAR + 4, labels=False))
        body.append("</g>")
        said.append(label + "，".join(b.text.replace("：", "") for b in bars))
    bottom = top + len(rows) * group_height
    body.insert(len(years), _axis(top, bottom - 14))
    title = f"{report.year}年政府信息公开申请和行政复议、行政诉讼" + (
        "与上年度对比" if previous is not None else "情况"
    )
    desc = f"{report.agency}：" + "；".join(said) + "。"
    return _svg(id_prefix, bottom, title, desc, body)

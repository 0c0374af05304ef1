"""HTML: the tables as government sites publish them, standalone or as a fragment.

``render(report)`` is a complete page with its own CSS (the PDF renderer prints it);
``fragment(report)`` is the ``<section>`` markup alone for embedding in the site, where the
site's stylesheet includes ``CSS``. Number cells carry ``data-key`` so that the site can link
a cell to the records behind it.
"""

from __future__ import annotations

from html import escape

from gongkai.core.report.model import Report
from gongkai.core.report.render.layout import (
    MISSING_NOTE,
    LayoutCell,
    Table,
    layout,
    prose,
    report_title,
)

CSS = """
.gk-report { font-family: "Gongkai Serif SC", "SimSun", "宋体", "Noto Serif CJK SC", serif;
  color: #000; max-width: 60em; margin: 0 auto; line-height: 1.5; }
.gk-report h1 { font-size: 1.5em; text-align: center; font-weight: bold; margin: 1em 0; }
.gk-report h2 { font-size: 1.1em; font-weight: bold; margin: 1.2em 0 0.5em; }
.gk-report table { border-collapse: collapse; width: 100%; margin: 0 0 1em; font-size: 0.9em; }
.gk-report td, .gk-report th { border: 1px solid #000; padding: 0.25em 0.35em;
  vertical-align: middle; }
.gk-report th { font-weight: normal; text-align: center; }
.gk-report td.num { text-align: center; font-variant-numeric: tabular-nums; }
.gk-report th.block { font-weight: bold; }
.gk-report th.note { font-size: 0.85em; }
.gk-report th.group { text-align: center; }
.gk-report th.label { text-align: left; }
.gk-report table.disputes { font-size: 0.8em; }
.gk-report p.missing { color: #555; }
"""

_TAG = {"number": "td"}
_CLASS = {
    "number": "num",
    "header": "head",
    "block": "block",
    "label": "label",
    "group": "group",
    "note": "note",
}


def _cell(cell: LayoutCell) -> str:
    tag = _TAG.get(cell.role, "th")
    attrs = [f'class="{_CLASS[cell.role]}"']
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.role in {"label", "group"}:
        attrs.append('scope="row"')
    elif cell.role == "header":
        attrs.append('scope="col"')
    if cell.key:
        attrs.append(f'data-key="{escape(cell.key)}"')
    return f"<{tag} {' '.join(attrs)}>{escape(cell.text)}</{tag}>"


def table_html(table: Table) -> str:
    if table.missing:
        return f'<p class="missing">{MISSING_NOTE}</p>'
    rows = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>\n" for row in table.rows())
    total = sum(table.col_weights)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in table.col_weights)
    return (
        f'<table class="{table.key}">\n<colgroup>{cols}</colgroup>\n'
        f"<tbody>\n{rows}</tbody>\n</table>"
    )


def _prose(sections: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    return [
        f"<h2>{escape(title)}</h2>\n" + "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        for title, paragraphs in sections
    ]


def fragment(report: Report) -> str:
    text = prose(report)
    parts = [f'<section class="gk-report" lang="zh-CN">\n<h1>{escape(report_title(report))}</h1>']
    parts += [f'<p class="opening">{escape(p)}</p>' for p in text.opening]
    parts += _prose(text.before)
    for table in layout(report):
        parts.append(f"<h2>{escape(table.title)}</h2>\n{table_html(table)}")
    parts += _prose(text.after)
    parts.append("</section>")
    return "\n".join(parts)


def page(report: Report, extra_css: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report_title(report))}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n"
        f"<body>\n{fragment(report)}\n</body>\n</html>\n"
    )


def render(report: Report) -> bytes:
    return page(report).encode("utf-8")

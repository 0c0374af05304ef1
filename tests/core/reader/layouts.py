"""Our own generators of the layouts and noise that real published pages show.

``page(report, style, noise)`` writes a report as text the way a web page copied by hand, a
mirror site or a Word export would carry it, so that the reader is tested on layouts built
from the format data rather than tuned to the corpus files.
"""

from __future__ import annotations

import random
from decimal import Decimal

from gongkai.core.report import Report
from gongkai.core.report.render.html import page as html_page
from gongkai.core.report.render.layout import Table, layout, report_title

# Layouts in which a blank cell leaves a mark (a pipe, a tab, an empty <td>).
POSITIONAL = (
    "pipe",
    "pipe_cell_per_line",
    "tab",
    "html",
    "spaces",
    "cell_per_line_gaps",
    "grid",
    "grid_pipe",
    "pipe_broken_at_blanks",
    "pipe_indented",
)
# Layouts in which blank cells vanish: only reports without blank cells are unambiguous.
VANISHING = ("cell_per_line", "cell_per_line_spaced")
# An empty line between every two cells, a blank cell one more empty line: read only where a
# row's figures add up (``place._by_gaps``).
SPACED_BLANKS = "cell_per_line_spaced_blanks"
# An empty line after every cell, a blank cell a line of spaces (a page's "&nbsp;"): read where
# the page shows two such lines or more (one alone may be a lost label's: ``cells._space_cells``).
SPACE_BLANKS = "cell_per_line_spaced_nbsp"
STYLES = POSITIONAL + VANISHING

SPAM = (
    "本文来源：http://www.example-mirror.com 转载请注明出处",
    "【打印本页】【关闭窗口】",
    "扫一扫在手机打开当前页 www.example.cn",
)
NULL_MARKS = ("/", "-", "—", "无", "_")
TONES = ("xiāng", "shù", "jù", "tǒng", "guān", "wéi")
TONELESS = ("xiang", "shu", "ju", "tong", "guan", "wei", "zhong", "guo")  # ("國(guo)資(zi)")


def _rows(report: Report, grid: bool = False) -> list[tuple[str, list[list[str]]]]:
    out = []
    for table in layout(report):
        rows = _grid(table) if grid else [[c.text for c in row] for row in table.rows()]
        out.append((table.title, rows))
    return out


def _grid(table: Table) -> list[list[str]]:
    """The table as Excel or Word copies it, or a PDF table extractor prints it: every row as
    wide as the table, a merged cell's text in its first place and its other places empty
    ("一、本年新收政府信息公开申请数量\t\t\t12\t…", "\t（二）部分公开…\t\t3\t…"). Section 二 on
    the official form's grid: its widest block's columns, a narrower block's last column
    merged to the table's end (our renderer's even slots are its own)."""
    if table.key == "proactive":
        width = 1 + max(
            (c.col - 1) // c.colspan + 1 for c in table.cells if c.col and c.colspan < table.ncols
        )
        place = {
            (c.row, c.col): 0 if c.col == 0 else 1 + (c.col - 1) // c.colspan for c in table.cells
        }
    else:
        width, place = table.ncols, {(c.row, c.col): c.col for c in table.cells}
    rows = [[""] * width for _ in range(table.nrows)]
    for c in table.cells:
        rows[c.row][place[c.row, c.col]] = c.text
    return rows


def page(report: Report, style: str, rng: random.Random, noise: bool = False) -> str:
    if style == "html":
        return html_page(report)
    lines = [
        report_title(report),
        "",
        f"本报告根据《中华人民共和国政府信息公开条例》编制，所列数据统计期限为{report.year}年1月1日"
        f"至{report.year}年12月31日。",
        "一、总体情况",
        f"{report.year}年，本机关认真贯彻落实《条例》，主动公开政府信息。",
    ]
    null_mark = rng.choice(NULL_MARKS)
    for title, rows in _rows(report, grid=style.startswith("grid")):
        lines.append(title)
        if noise:
            lines.append(rng.choice(SPAM))
        for n, row in enumerate(rows):
            lines.extend(_row(row, style, null_mark, rng))
            if style == "grid_pipe" and n == 0:
                lines.append("|" + "---|" * len(row))  # (a Markdown table's rule)
    lines += [
        "五、存在的主要问题及改进情况",
        "一是公开的及时性有待提高。",
        "六、其他需要报告的事项",
        "无。",
    ]
    text = "\n".join(lines) + "\n"
    if noise:
        text = _noise(text, rng)
    return text


def _row(cells: list[str], style: str, null_mark: str, rng: random.Random) -> list[str]:
    if style == "pipe":
        return [" | ".join(cells) + " |"]
    if style == "pipe_cell_per_line":
        out = [f"{c} |" if c else "|" for c in cells]
        labelled = len(cells) > 1 and cells[-1] and not any(ch.isdigit() for ch in cells[0])
        if labelled and rng.random() < 0.2:
            # A long label's pipe wrapped onto a line of its own ("行政规范性文件" / "|"), in a
            # row whose last cell is a figure (after a blank last cell, the "|" could as well
            # be a blank first cell: that row is left out).
            out[:1] = [cells[0], "|"]
        return out + (["|" * rng.randint(2, 8)] if rng.random() < 0.5 else [])
    if style == "pipe_broken_at_blanks":
        # A mirror that starts a new line at every blank cell ("X | 25 |", "|" × 4, "| 25 |").
        lines = [f"{cells[0]} |"]
        for c in cells[1:]:
            if c:
                lines[-1] += f" {c} |"
            else:
                lines.append("|")
        return lines
    if style == "pipe_indented":
        # An HTML page's source copied: a cell a line indented by tabs, closed by its pipe (the
        # last one's wrapped at times onto a line of its own), a line of tabs after each row.
        out = [f"{cells[0]}  | "] + [f"\t\t\t{c}  | " for c in cells[1:]]
        if len(cells) > 1 and cells[-1] and rng.random() < 0.5:
            out[-1:] = [f"\t\t\t{cells[-1]}", "   | "]
        return [*out, "\t\t"]
    if style in ("tab", "grid"):
        return ["\t".join(cells)]
    if style == "grid_pipe":
        return ["| " + " | ".join(cells) + " |"]
    if style == "cell_per_line":
        # Long row labels wrap over two lines on narrow pages.
        out = []
        for c in cells:
            if len(c) > 12 and not any(ch.isdigit() for ch in c) and rng.random() < 0.3:
                cut = rng.randint(4, len(c) - 3)
                out += [c[:cut], c[cut:]]
            elif c:
                out.append(c)
        return out
    if style == "cell_per_line_spaced":
        out: list[str] = []
        for c in cells:
            if c:
                # Headers broken over lines inside their cells, as pasted pages show them.
                if ("数量" in c or "件数" in c) and len(c) <= 9 and rng.random() < 0.3:
                    out += [c[:3], "", c[3:], ""]
                else:
                    out += [f"  {c} " if rng.random() < 0.3 else c, ""]
        return out
    if style == SPACE_BLANKS:
        blank = rng.choice((" ", "  ", "\u3000", "\xa0"))
        return [line for c in cells for line in (c or blank, "")]
    if style == SPACED_BLANKS:
        return [line for c in cells for line in ((c, "") if c else ("",))]
    if style == "cell_per_line_gaps":
        # One cell per line, a blank cell an empty line.
        return list(cells)
    if style == "spaces":
        return [" ".join(c if c else null_mark for c in cells)]
    raise ValueError(style)


def _noise(text: str, rng: random.Random) -> str:
    import opencc

    if rng.random() < 0.5:
        text = opencc.OpenCC("s2t").convert(text)
    if rng.random() < 0.5:
        # Mirror sites insert pinyin after some characters: "鄉(xiāng)", "國(guo)", at times
        # twice ("中(zhong)(zhong)").
        syllables = rng.choice((TONES, TONELESS))
        chars = list(text)
        for i in range(len(chars) - 1, 0, -1):
            if "\u4e00" <= chars[i] <= "\u9fff" and rng.random() < 0.03:
                chars.insert(i + 1, f"({rng.choice(syllables)})" * rng.choice((1, 1, 2)))
        text = "".join(chars)
    if rng.random() < 0.5:
        text = text.translate({c: c + 0xFEE0 for c in range(ord("0"), ord("9") + 1)})
    return text


def has_blank_cells(report: Report) -> bool:
    sections: list[object] = [
        *(report.applications or {}).values(),
        *(report.disputes or {}).values(),
        *[list(r.values()) for r in (report.proactive or {}).values()],
    ]
    for cells in sections:
        assert isinstance(cells, list)
        if any(c is None for c in cells) and not all(c is None for c in cells):
            return True
    return False


def money_as_printed(value: object) -> object:
    return value.normalize() if isinstance(value, Decimal) else value

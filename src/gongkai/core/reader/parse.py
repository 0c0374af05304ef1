"""The reader's grammar: a stream of cells in, the three tables and findings out.

The parser walks the regions of sections 二, 三 and 四. A row opens at its label and
collects the cells after it (values, explicit blanks, spacers) until the next label or
anchor; the cells are then placed in the row's columns. Where a layout has dropped blank
cells so that positions are lost, a row is placed only when the arithmetic of the table
decides it (the total equals the sum of the cells before it); otherwise it is left out and
reported as ``cell_unreadable``, never guessed. A row cut off by the end of the text is left
out and reported as ``truncated``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import compress
from typing import NamedTuple

from gongkai.core.reader import known as K
from gongkai.core.reader import labels as L
from gongkai.core.reader import wording as W
from gongkai.core.reader.apart import labels_apart
from gongkai.core.reader.bars import resolve_bars
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.collect import TEXTS, collect, continued
from gongkai.core.reader.confirm import (
    BY_POSITION_ON_PAGE,
    CHANGE_AS_COUNT,
    COUNTED_APART,
    LOST_LABEL,
    TOTAL_HEADER,
    by_count_alone,
    confirm_runs,
    filled,
    gaps_separate,
    left_out,
    row_adds_up,
    row_confirmed,
    total_headers,
    trust,
    untrusted,
)
from gongkai.core.reader.cues import format_cues, guess_format, regions, scan, under_other_form
from gongkai.core.reader.grid import Grid, PageLines, page_lines
from gongkai.core.reader.padded import unpad
from gongkai.core.reader.place import (
    APPLICATION_TOTALS,
    DISPUTE_TOTALS,
    kind_letters,
    place,
    spaced,
)
from gongkai.core.reader.positions import by_position, out_of_order
from gongkai.core.reader.rows import Finding, Row, Tables, keep, no_numbers, not_in_form
from gongkai.core.report.formats import (
    APPLICANT_COLUMNS,
    DISPUTE_COLUMNS,
    DISPUTE_GROUPS,
    ReportFormat,
)
from gongkai.core.report.model import Cell as Value

SECTIONS = ("proactive", "applications", "disputes")
__all__ = ["Finding", "Row", "Tables", "format_cues", "guess_format", "read_tables", "scan"]


# -- sections -----------------------------------------------------------------------------


class _Section(NamedTuple):
    rows: list[Row]
    ran_to_end: bool  # the region runs to the end of the text
    spaced: bool  # an empty line separates its cells (none is a blank cell)
    trusted: Callable[[str], bool]  # a row counted off after its label may be trusted
    glued: bool  # some row runs its figures together (``runs``): a short row's may be too


def _rows(
    cells: list[Cell],
    span: tuple[int, int],
    letters: str,
    section: str,
    order: list[str],
    label_of: Callable[[str], str | None],
    is_header: Callable[[str], bool],
    width: Callable[[str], int],
    tables: Tables,
    block: Callable[[str], object] | None = None,
) -> _Section:
    """A section's rows as its region prints them: collected after their labels, labels
    printed apart paired with their value rows, label-lost rows named by their place; and how
    far its layout may be trusted."""
    orphans: list[Cell] = []
    unread: list[tuple[str, list[Cell]]] = []
    rows, ran_to_end = collect(
        cells, span[0], span[1], label_of, is_header, orphans, letters, unread
    )
    tables.findings.extend(
        not_in_form(section, label, figures) for label, figures in unread if figures
    )
    rows = continued(rows, width)
    rows = labels_apart(rows, section, tables.findings, width)
    rows = out_of_order(rows, order)
    rows = by_position(rows, order, section, tables.findings, width)
    kinds = letters[span[0] : span[1]]
    spaced_out = spaced(kinds) or gaps_separate(
        rows, width, cells[span[0] : span[1]], kinds, is_header
    )
    return _Section(
        rows, ran_to_end, spaced_out, trust(rows, width, orphans, order, block), "r" in kinds
    )


def read_proactive(
    cells: list[Cell],
    span: tuple[int, int],
    fmt: ReportFormat,
    tables: Tables,
    letters: str,
    lines: PageLines | None = None,
) -> None:
    tabled = K.known(fmt)
    known = tabled.proactive
    label_of = tabled.proactive_label

    def width(key: str) -> int:
        return len(known[key][0].columns)

    def item_of(key: str) -> object:
        return known[key][0]

    section = _rows(
        cells, span, letters, "proactive", list(known), label_of, L.is_proactive_header, width,
        tables, item_of,
    )  # fmt: skip
    rows, trusted = section.rows, section.trusted
    units = K.money_units(cells[span[0] : span[1]], label_of, tabled.money_rows)
    found: dict[str, dict[str, Value]] = {}
    other = under_other_form(cells, span, rows, fmt, tables.findings)
    recounted = _recounted(cells[span[0] : span[1]])
    for row in filled(rows):
        if row.key not in known or row.key in found or row.key in other:
            continue
        if recounted and any(c.kind == "signed" for c in known[row.key][0].columns):
            left_out(row, "proactive", tables, CHANGE_AS_COUNT)
            continue
        # (the cheap test first: trusted() weighs the region, and the row's item)
        if by_count_alone(row) and not trusted(row.key):
            untrusted(row, "proactive", tables)
            continue
        block, _ = known[row.key]
        if lines is not None:
            # A row printing fewer figures than its block's columns: by position, where the
            # block's rows on the page show where its columns stand.
            siblings = [r for r in rows if r.key in known and known[r.key][0] is block]
            placed = Grid(lines, siblings, len(block.columns)).place(row)
            if placed is not None:
                row.tokens = placed
        unit = units.get(row.key, "")
        columns = [(c.key, c.kind, unit, c.unit) for c in block.columns]
        values = place(
            row,
            columns,
            f"proactive.{row.key}",
            tables.findings,
            spaced=section.spaced,
            spans=tables.spans,
            glued=section.glued,
        )
        if values is not None:
            found[row.key] = {c.key: v for c, v in zip(block.columns, values, strict=True)}
    tables.proactive = keep(found, list(known), "proactive", tables, section.ran_to_end)


# A header of this year's count ("本年数量", "本年项目数量") where a form prints the change
# (本年增/减): its figures may be counts, not changes.
_COUNT_NOT_CHANGE = re.compile(r"本年(?:项目)?(?:数量|个数|数)")


def _recounted(region: list[Cell]) -> bool:
    """Whether section 二's region heads a column as this year's count (the form: 本年增/减)."""
    return any(
        "本" in c.text and c.kind == "text" and _COUNT_NOT_CHANGE.fullmatch(L.compact(c.text))
        for c in region
    )


def read_applications(
    cells: list[Cell],
    span: tuple[int, int],
    fmt: ReportFormat,
    tables: Tables,
    letters: str,
    lines: PageLines | None = None,
    inside: bool = False,  # the text begins inside the table, at a row (``regions``)
) -> None:
    seen_first = inside
    tabled = K.known(fmt)
    label = tabled.application_label
    # （六）其他处理 is one row in some formats and a group of rows in others.
    other = tabled.other

    def label_of(text: str) -> str | None:
        nonlocal seen_first
        key = label(text)
        if key is None:
            return None  # (most texts asked)
        if key == "3.7":
            return key if seen_first else None  # else the 总计 column header, not row 3.7
        if key == "other:3.6":
            key = other
        seen_first = True  # a row label: the header (and its 总计 column) is behind
        return key

    order = list(tabled.application_keys)
    section = _rows(
        cells, span, letters, "applications", order, label_of, L.is_application_header,
        lambda _: len(APPLICANT_COLUMNS), tables,
    )  # fmt: skip
    rows, trusted = section.rows, section.trusted
    unpad(rows, cells[span[0] + 1 : span[1]], lambda _: len(APPLICANT_COLUMNS))
    columns = [(c.key, "int", "", "") for c in APPLICANT_COLUMNS]
    found: dict[str, list[Value]] = {}
    grid = Grid(lines, rows, len(APPLICANT_COLUMNS)) if lines is not None else None
    headers = total_headers(rows, order)
    for row in filled(rows):
        if row.key not in tabled.application_set or row.key in found:
            continue
        if any(row is header for header in headers):
            left_out(row, "applications", tables, TOTAL_HEADER)
            continue
        bare = not any(t.kind == "text" for t in row.tokens)
        if bare and by_count_alone(row) and not trusted(row.key):
            untrusted(row, "applications", tables)  # its figures may stand in another's block
            continue
        placed = grid.place(row) if grid is not None else None
        positioned = placed is not None
        if placed is not None:
            row.tokens = placed
        values = place(
            row,
            columns,
            f"applications.{row.key}",
            tables.findings,
            sum_check=True,
            spaced=section.spaced,
            glued=section.glued,
            totals=APPLICATION_TOTALS,
            spans=tables.spans,
            runs=tables.runs,
        )
        if (
            values is not None
            and not row_confirmed(values)
            and by_count_alone(row)
            and not trusted(row.key)
        ):
            untrusted(row, "applications", tables)
            continue
        if (
            values is not None
            and row.counted
            and ((any(values) and not row_confirmed(values)) or not trusted(row.key))
        ):
            # Labels apart over figures one to a line: where a page drops blank cells, or a
            # conversion moves figures (whole rows too: then they add up), a row's count of them
            # need not be its own. Taken only where they add up, in a region whose rows hold
            # their own figures.
            left_out(row, "applications", tables, COUNTED_APART)
            continue
        if values is not None and positioned and not row_adds_up(values, blank_total=True):
            left_out(row, "applications", tables, BY_POSITION_ON_PAGE)
            continue
        if values is not None and row.by_position and not row.pinned and not row_adds_up(values):
            left_out(row, "applications", tables, LOST_LABEL)
            continue
        if values is not None:
            found[row.key] = values
    confirm_runs(found, fmt, tables)
    tables.applications = keep(found, order, "applications", tables, section.ran_to_end, inside)


def read_disputes(cells: list[Cell], span: tuple[int, int], tables: Tables, letters: str) -> None:
    region = cells[span[0] + 1 : span[1]]
    kinds = letters[span[0] + 1 : span[1]]
    width = len(DISPUTE_COLUMNS) * len(DISPUTE_GROUPS)
    is_value_like = L.is_value_like
    # The numbers are the first run of value and blank cells after the last header text;
    # blanks trailing a header row ("行政复议 | 行政诉讼 | ||||") are dropped by the restart.
    tokens: list[Cell] = []
    count = 0  # the tokens' cells (empty lines aside)
    figures = False  # a text among the tokens (a figure, or a garbled one)
    ended = False
    header_line = -1
    # Lines of header words and blanks, no figure (a scan's header row with its empty cells
    # before the words as well as after them): their blanks are no cells of the numbers.
    texts = [
        (c.line, is_value_like(c.text)) for c in compress(region, kinds.encode().translate(TEXTS))
    ]
    worded = {line for line, value in texts if not value}
    worded -= {line for line, value in texts if value}
    for cell, kind in zip(region, kinds, strict=True):
        if kind == "s" or (kind == "b" and (cell.line == header_line or cell.line in worded)):
            continue  # (a spacer, or a blank of a header row)
        # A garbled cell ("? 0", a character lost by a mirror) still holds its place.
        if kind == "t" and not is_value_like(cell.text) and not L.is_garbled(cell.text):
            if (
                0 < count < width
                and count % len(DISPUTE_COLUMNS) == 0
                and L.is_dispute_header(cell.text)
            ):
                # The table printed as one small table per group (行政复议, 未经复议直接起诉,
                # 复议后起诉), each with its own header: the groups follow one another.
                header_line = cell.line
                continue
            if count >= width or figures:
                ended = True
                break
            tokens, count = [], 0
            header_line = cell.line
            continue
        tokens.append(cell)
        if kind != "g":
            count += 1
            figures = figures or kind in "tr"  # (a figure, or figures run together)
    if not figures and count < width:
        if span[1] < len(cells) or ended:
            tables.findings.append(no_numbers("disputes"))
        elif region:
            said = (f"{W.table('disputes')}：文本在表格的数字之前中断",
                    "disputes: the text stops before the table's numbers")  # fmt: skip
            tables.findings.append(Finding("truncated", *said, "disputes"))
        return
    printed = [cell.text for cell in tokens if cell.text]
    if len(printed) == 1 and L.compact(printed[0]) in L.NULL_MARKERS:
        # The section says it in a word ("四、…情况\n无"): no table, no cell to place.
        said = (f"{W.table('disputes')}：该部分只写明{W.quote(printed[0])}，未印出表格的数字",
                f"disputes: the section says {printed[0]!r}; no table is printed")  # fmt: skip
        tables.findings.append(Finding("tables_missing", *said, "disputes"))
        return
    closed = ended or span[1] < len(cells) or count >= width
    row = Row("disputes", tokens, closed=closed)
    columns = [(f"{g.key}.{c.key}", "int", "", "") for g in DISPUTE_GROUPS for c in DISPUTE_COLUMNS]
    values = place(
        row,
        columns,
        "disputes",
        tables.findings,
        spaced=spaced(letters[span[0] + 1 : span[1]]),
        totals=DISPUTE_TOTALS,
        spans=tables.spans,
    )
    if values is None:
        return
    n = len(DISPUTE_COLUMNS)
    tables.disputes = {g.key: values[i * n : (i + 1) * n] for i, g in enumerate(DISPUTE_GROUPS)}


def read_tables(
    cells: list[Cell],
    fmt: ReportFormat,
    openers: list[tuple[int, L.Opening]] | None = None,
    text: str = "",
) -> Tables:
    """The three tables of ``cells``; ``openers`` as ``scan`` lists them (else found here);
    ``text``, the text the cells' offsets point into (for a layout printed with spaces)."""
    tables = Tables()
    spans, begun_inside = regions(cells, openers)
    tables.seen = set(spans)
    # The cells' kinds as letters, read once for every region's layout (again if bars resolved).
    letters = kind_letters(cells)
    resolved = resolve_bars(cells, spans, letters)
    if resolved is not cells:
        cells, letters = resolved, kind_letters(resolved)
    lines = page_lines(text)  # (for a layout printed with spaces; else None)
    if "proactive" in spans:
        read_proactive(cells, spans["proactive"], fmt, tables, letters, lines)
    if "applications" in spans:
        inside = "applications" in begun_inside
        read_applications(cells, spans["applications"], fmt, tables, letters, lines, inside)
    if "disputes" in spans:
        read_disputes(cells, spans["disputes"], tables, letters)
    # (a text naming none of the tables, an opening cut short or prose alone: all three missing)
    ends = bool(spans) and max(end for _, end in spans.values()) == len(cells)
    for section in SECTIONS:
        if section not in spans and not any(f.where == section for f in tables.findings):
            # A report has all three tables: one not found is not "read fully".
            code, zh, en = (
                ("truncated", "文本在该表格之前中断", "the text stops before this table")
                if ends and _after(section, spans)
                else ("tables_missing", "文本中没有该表格", "this table is not in the text")
            )
            zh, en = f"{W.table(section)}：{zh}", f"{section}: {en}"
            tables.findings.append(Finding(code, zh, en, section))
    if len(tables.spans) != tables.figures():
        # Where each *returned* figure stands: rows placed and then left out (untrusted, not
        # confirmed, a section not kept) take their spans with them. (Every returned figure has
        # its span: with as many spans as figures, none is another's; most texts.)
        returned = tables.returned()
        tables.spans = {k: v for k, v in tables.spans.items() if k in returned}
    return tables


def _after(section: str, spans: dict[str, tuple[int, int]]) -> bool:
    """Whether ``section`` comes after every section found (the text may stop before it)."""
    return all(SECTIONS.index(section) > SECTIONS.index(s) for s in spans)

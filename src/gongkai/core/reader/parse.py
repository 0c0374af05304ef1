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

from collections.abc import Callable
from itertools import compress
from typing import NamedTuple

from gongkai.core.reader import known as K
from gongkai.core.reader import labels as L
from gongkai.core.reader import wording as W
from gongkai.core.reader.apart import labels_apart
from gongkai.core.reader.bars import resolve_bars
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.confirm import (
    BY_POSITION_ON_PAGE,
    COUNTED_APART,
    LOST_LABEL,
    TOTAL_HEADER,
    by_count_alone,
    by_position,
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
from gongkai.core.reader.rows import UNLABELED, Finding, Row, Tables, has_cells, keep, no_numbers
from gongkai.core.report.formats import (
    APPLICANT_COLUMNS,
    DISPUTE_COLUMNS,
    DISPUTE_GROUPS,
    ReportFormat,
)
from gongkai.core.report.model import Cell as Value

SECTIONS = ("proactive", "applications", "disputes")
__all__ = ["Finding", "Row", "Tables", "format_cues", "guess_format", "read_tables", "scan"]


# -- row collection -----------------------------------------------------------------------


def _is_noise_anchor(text: str) -> bool:
    """Unrecognised text that still ends a row: short, label-like (not a spam sentence)."""
    t = L.compact(text)
    return 0 < len(L.core(t)) <= 40 and "。" not in t and "http" not in t and "www" not in t


def _continues(label: str, text: str) -> bool:
    return label.count("(") > label.count(")") or (text.endswith(")") and "(" not in text)


def _grouped(text: str, label_of: Callable[[str], str | None]) -> str | None:
    """A group's label and a row's on one line ("(三)不予公开 1.属于国家秘密", as a label column
    printed apart from its figures shows them): the row's key. The group's label may be cut
    where a PDF wrapped it ("三、本 (一)予以公开" over "年度办", "理结果"): a short numbered head
    naming nothing else is its start."""
    head, _, tail = text.strip().rpartition(" ")
    key = label_of(tail)
    if key is None or key.startswith("group:"):
        return None
    named = label_of(head)
    if named is None and L.starts_numbered(head) and len(L.compact(head)) <= _GROUP_START:
        return key
    return key if (named or "").startswith("group:") else None


_GROUP_START = 4  # "三、本": the most of a group's label a wrapped cell leaves on its line


def _tail(region: list[Cell], index: int) -> int | None:
    """The text alone on the line after ``region[index]``'s line, if any (its index)."""
    line = region[index].line
    after = index + 1
    while after < len(region) and (region[after].line == line or region[after].kind == "gap"):
        after += 1
    cell = region[after] if after < len(region) else None
    if cell is None or cell.kind != "text" or not (cell.first and cell.last):
        return None
    if L.is_value_like(cell.text):
        return None
    at = after
    after += 1
    while after < len(region) and region[after].kind == "gap":
        after += 1
    below = region[after] if after < len(region) else None
    if below is not None and (below.kind == "blank" or L.is_value_like(below.text)):
        return None  # figures below the tail: they are its own
    return at


# A byte per kind letter (``place.kind_letters``): 1 for a text cell, else 0. (A region's text
# cells are picked out by ``compress`` over its letters so translated, with no Python call per
# cell.)
_TEXTS = bytes(letter == ord("t") for letter in range(256))


def collect(
    cells: list[Cell],
    start: int,
    end: int,
    label_of: Callable[[str], str | None],
    is_header: Callable[[str], bool],
    orphans: list[Cell],
    letters: str,
) -> tuple[list[Row], bool]:
    """Rows of one region and whether it ran to the end of the text; figures in no row (before
    any label) are put in ``orphans``, a row's no template has ("其他主动公开文件 | 30 | 0 | 0",
    after a label-like text no key names) in none. (``letters``: ``place.kind_letters``.)"""
    rows: list[Row] = []
    current: Row | None = None
    region = cells[start + 1 : end]
    kinds = letters[start + 1 : end]
    tails: set[int] = set()  # label tails already joined to the line above (indices)
    group_line = -1  # the line of the last group label ("三、本年度办理结果"), if any
    unknown = False  # a label-like text no key names since the last label or header
    is_value_like = L.is_value_like
    # The cells that may be labels or anchors (text, no figure): the rest, runs of figures,
    # blanks and empty lines between them, are taken a run at a time.
    words = [
        i for i in compress(range(len(kinds)), kinds.encode().translate(_TEXTS))
        if not is_value_like(region[i][0])
    ]  # fmt: skip
    end_of_region = len(region)
    words.append(end_of_region)  # (the end: the last run)
    taken = 0  # the cells before this index are taken (or skipped)
    for index in words:
        if index < taken:
            continue  # joined to the label before it
        if index > taken and current is not None:
            run = region[taken:index]  # figures, blanks, empty lines…: no label among them
            if (current.tokens or run)[0].line != current.label_line or (
                run[-1].line == current.label_line
            ):
                # Most runs: the row's first cell is off its label's line, or the run is on
                # it (lines only grow along the stream: its last cell tells): no row opens
                # among them (see ``_take``), they are the row's.
                current.tokens.extend(run)
            else:
                current = _take(run, current, rows, None if unknown else orphans)
        elif index > taken and ("t" in kinds[taken:index] or "b" in kinds[taken:index]):
            current = _take(region[taken:index], current, rows, None if unknown else orphans)
        # (else no cell, or only empty lines, spacers… in no row: nothing to take)
        taken = index + 1
        if index == end_of_region or (tails and index in tails):
            continue
        cell = region[index]
        text = cell[0]  # (its other fields read where needed: a named tuple's cost more)
        key = label_of(text)
        # (asked once: the text stays a header whatever the key becomes below)
        header = key is None and is_header(text)
        if key is None and not header:
            # (asked only here: a garbled cell has no word of a label's or a header's)
            if L.is_garbled(text):
                # A garbled cell ("? 0", a character lost by a mirror) still holds its place.
                if current is not None:
                    current.tokens.append(cell)
                continue
            # A label wrapped over two lines ("5.要求行政机关确认或重新" + "出具已获取信息").
            after = index + 1
            while after < len(region) and region[after].kind == "gap":
                after += 1
            following = region[after] if after < len(region) else None
            if (
                following is not None
                and following.kind == "text"
                and not is_value_like(following.text)
                and label_of(following.text) is None
            ):
                key = label_of(text + following.text)
                if key is not None:
                    taken = after + 1
        if (
            key is None
            and not header
            and not cell.last
            # first on its line, or right after its group's label ("三、本年度办理结果 | （一")
            and (cell.first or cell.line == group_line)
            and not (
                current is not None
                and not has_cells(current)
                and label_of(current.label + text) == current.key
            )
        ):
            # A label broken over two lines with its figures on the first ("6.属于四 | 3 | …"
            # + "类过程性信息"): the tail stands alone on the next line, names no other row, and
            # no figures follow it (else it is the next row's label over its own figures).
            at = _tail(region, index)
            tail = region[at].text if at is not None else ""
            if at is not None and not L.starts_numbered(tail):
                key = label_of(text + tail)
                if key is not None and label_of(tail) in {None, key}:
                    tails.add(at)
                else:
                    key = None
        if " " in text and (key is None or key.startswith("group:")) and " " in text.strip():
            key = _grouped(text, label_of) or key
        if key is not None:
            unknown = False
            if current is not None:
                current.closed = True
            if key.startswith("group:"):
                current = None
                group_line = cell.line
                continue
            current = Row(key, [], False, cell.line, text, label_piped=cell.piped)
            rows.append(current)
            continue
        if header or L.is_block_title(text):
            unknown = False
            if current is not None:
                current.closed = True
                if header and not has_cells(current):
                    current.ended_by = cell  # (header words, then figures: no blanks of its own)
                current = None
        elif _is_noise_anchor(text):
            # Unrecognised label-like text ends the row (its figures, a row no template has,
            # stand in none) — unless it visibly continues the label wrapped over lines
            # ("…只计这一情形," + "不计其他情形)").
            wrapped = current is not None and (
                _continues(current.label, text) or label_of(current.label + text) == current.key
            )
            if current is None or has_cells(current) or not wrapped:
                if current is not None:
                    current.closed, current.ended_by = True, cell
                current, unknown = None, True
            else:
                current.tokens.clear()  # empty lines around the label's tail separate nothing
        elif current is not None and has_cells(current):
            # Prose after a row's cells: the table went on no further than this row.
            current.closed = True
            current = None
    ran_to_end = end == len(cells)
    if current is not None and not ran_to_end:
        current.closed = True
    return rows, ran_to_end


def _take(
    run: list[Cell], current: Row | None, rows: list[Row], orphans: list[Cell] | None
) -> Row | None:
    """Take ``run``, cells of figures, blanks and empty lines (no label), into ``current`` or
    into rows of their own (figures in none into ``orphans``, if given); returns the last row."""
    add = None if current is None else current.tokens.append
    for cell in run:
        _, kind, line, first, last, piped, _, _ = cell
        value = kind == "text"  # (no label among them: a text is a figure)
        # A line of figures with no label after a row printed whole on one line is a row
        # whose label the page lost (its place in the table may still identify it).
        if (
            first
            and (value or kind == "blank")
            and (
                (
                    current is not None
                    and line != current.label_line
                    # (lines only grow along the stream: the first token is the earliest)
                    and bool(current.tokens)
                    and current.tokens[0].line == current.label_line
                )
                or (current is None and not last)
            )
        ):
            if current is not None:
                current.closed = True
            current = Row(UNLABELED, [], False, line)
            add = current.tokens.append
            rows.append(current)
        elif add is None and rows and first and (value or kind == "blank") and (piped or not value):
            # Explicit cells (each with its pipe, a blank printed "|") after a group's label
            # whose rows lost theirs: one block of figures in no row's place yet
            # (``confirm.by_position`` cuts it into the rows its neighbours leave). (Its label
            # line none: the block is not a row printed whole on one line.)
            current = Row(UNLABELED, [], False, -1)
            add = current.tokens.append
            rows.append(current)
        if add is not None:
            add(cell)
        elif value and orphans is not None:
            orphans.append(cell)  # a figure before any label of the region
    return current


# -- sections -----------------------------------------------------------------------------


class _Section(NamedTuple):
    rows: list[Row]
    ran_to_end: bool  # the region runs to the end of the text
    spaced: bool  # an empty line separates its cells (none is a blank cell)
    trusted: Callable[[str], bool]  # a row counted off after its label may be trusted


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
    rows, ran_to_end = collect(cells, span[0], span[1], label_of, is_header, orphans, letters)
    rows = labels_apart(rows, section, tables.findings, width)
    rows = by_position(rows, order, section, tables.findings, width)
    kinds = letters[span[0] : span[1]]
    spaced_out = spaced(kinds) or gaps_separate(
        rows, width, cells[span[0] : span[1]], kinds, is_header
    )
    return _Section(rows, ran_to_end, spaced_out, trust(rows, width, orphans, order, block))


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
    for row in filled(rows):
        if row.key not in known or row.key in found or row.key in other:
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
        )
        if values is not None:
            found[row.key] = {c.key: v for c, v in zip(block.columns, values, strict=True)}
    tables.proactive = keep(found, list(known), "proactive", tables, section.ran_to_end)


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
        (c.line, is_value_like(c.text)) for c in compress(region, kinds.encode().translate(_TEXTS))
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
                and L.compact(cell.text) in L.DISPUTE_HEADERS
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
            figures = figures or kind == "t"
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

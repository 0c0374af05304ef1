"""Rows of one region: a row opens at its label and collects the cells after it (values,
explicit blanks, spacers) until the next label or anchor; figures in no row are kept apart."""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress

from gongkai.core.reader import labels as L
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.rows import UNLABELED, Row, has_cells


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
TEXTS = bytes(letter == ord("t") for letter in range(256))


def collect(
    cells: list[Cell],
    start: int,
    end: int,
    label_of: Callable[[str], str | None],
    is_header: Callable[[str], bool],
    orphans: list[Cell],
    letters: str,
    unread: list[tuple[str, list[Cell]]],
) -> tuple[list[Row], bool]:
    """Rows of one region and whether it ran to the end of the text; figures in no row (before
    any label) are put in ``orphans``, a row's no template has ("其他主动公开文件 | 30 | 0 | 0",
    after a label-like text no key names) in ``unread`` with that text, in no row.
    (``letters``: ``place.kind_letters``.)"""
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
        i for i in compress(range(len(kinds)), kinds.encode().translate(TEXTS))
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
                current = _take(run, current, rows, unread[-1][1] if unknown else orphans)
        elif index > taken and ("t" in kinds[taken:index] or "b" in kinds[taken:index]):
            current = _take(
                region[taken:index], current, rows, unread[-1][1] if unknown else orphans
            )
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
                unread.append((text, []))
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
            # (``positions.by_position`` cuts it into the rows its neighbours leave). (Its label
            # line none: the block is not a row printed whole on one line.)
            current = Row(UNLABELED, [], False, -1)
            add = current.tokens.append
            rows.append(current)
        if add is not None:
            add(cell)
        elif value and orphans is not None:
            orphans.append(cell)  # a figure before any label of the region
    return current


def continued(rows: list[Row], width: Callable[[str], int]) -> list[Row]:
    """A row broken at its blank cells ("X | 124 |" + "| 1613 |": a mirror starts a line at
    every blank cell, its ``|`` first) takes the label-less rows after it whose first cell is
    that blank, where together they hold exactly the row's cells (else they stay apart: a
    label-lost row under a row printed whole)."""
    if not any(map(_opens_blank, rows)):
        return rows  # (most tables: no label-less row opening with a blank)
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        out.append(row)
        i += 1
        if row.key == UNLABELED or not row.tokens or row.tokens[0].line != row.label_line:
            continue
        n, have = width(row.key), _count(row)
        taken = i
        while have < n and taken < len(rows) and _opens_blank(rows[taken]):
            have += _count(rows[taken])
            taken += 1
        if have == n and taken > i:
            for later in rows[i:taken]:
                row.tokens.extend(later.tokens)
            row.closed = rows[taken - 1].closed
            i = taken
    return out


def _count(row: Row) -> int:
    return sum(t.kind in {"text", "blank", "run"} for t in row.tokens)


def _opens_blank(row: Row) -> bool:
    """A label-less row whose first cell is a blank that opens its line (``| x |``), and whose
    last ends it (not a lost group label's blank before a row's label: "| 1.申请人… | …")."""
    if row.key != UNLABELED:
        return False
    cells = [t for t in row.tokens if t.kind != "gap"]
    return bool(cells) and cells[0].kind == "blank" and cells[0].first and cells[-1].last

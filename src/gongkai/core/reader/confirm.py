"""Rows decided by their place and by the table's column relations.

A row whose label the page lost takes the one key its neighbours leave for it; figures split
from figures run together stand only where the column relations of section 三 decide them
(row 3.7 = the result rows; rows 1 + 2 = rows 3.7 + 4), weighing every reading of every row,
blanks included.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from operator import itemgetter

from gongkai.core.reader import wording as W
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.rows import (
    Finding,
    Row,
    Tables,
    spaced_pair,
)
from gongkai.core.reader.runs import digit_offsets
from gongkai.core.report.formats import APPLICANT_COLUMNS, ReportFormat
from gongkai.core.report.model import Cell as Value


def confirm_runs(found: dict[str, list[Value]], fmt: ReportFormat, tables: Tables) -> None:
    """Figures split from figures run together stand only where the table's column relations
    decide them (row 3.7 = the result rows; rows 1 + 2 = rows 3.7 + 4; a blank counts 0).

    Every row takes all its readings (blanks included: a blank hidden among figures run
    together leaves no trace); a reading stays only if some choice of the other rows'
    readings meets every relation it is part of. A cell stands where every reading left agrees
    on it — a figure at one place of the run, or nothing printed; the others are left blank,
    said so. A row in no relation that can be checked keeps only what its layout alone
    decides (a row of seven zeros)."""
    mine = {
        w.removeprefix("applications."): run
        for w, run in tables.runs.items()
        if w.startswith("applications.")
    }
    runs = {key: run for key, run in mine.items() if key in found}
    if not runs:
        return
    # Each row's readings: the figures of a row split from a run, or the one printed row.
    pieces: dict[str, list[tuple[str | None, ...]]] = {}
    for key in found:
        if key not in mine:
            pieces[key] = [tuple(None if v is None else str(v) for v in found[key])]
        elif runs[key][2]:
            pieces[key] = runs[key][2]
    leaves = list(fmt.leaf_result_keys)
    relations = [(leaves, ["3.7"]), (["1", "2"], ["3.7", "4"])]
    usable = [all(k in pieces for k in p + t) for p, t in relations]
    feasible = _feasible({k: [_vector(r) for r in v] for k, v in pieces.items()}, leaves, usable)
    for key in sorted(runs):
        run = runs[key][0]
        readings = pieces.get(key, [])
        kept = feasible.get(key) if feasible is not None else None
        if kept:
            chosen = [readings[i] for i in sorted(kept)]
        elif run.text.replace(" ", "") == "0" * len(APPLICANT_COLUMNS):
            chosen = [("0",) * len(APPLICANT_COLUMNS)]  # a row of zeros has one reading
        else:
            chosen = []
        _decide(key, run, chosen, found[key], tables)


def _decide(
    key: str, run: Cell, chosen: list[tuple[str | None, ...]], values: list[Value], tables: Tables
) -> None:
    """Set each cell every reading in ``chosen`` agrees on; blank the others, said so."""
    undecided: list[str] = []
    source = digit_offsets(run.text)
    for c, column in enumerate(APPLICANT_COLUMNS):
        where = f"applications.{key}.{column.key}"
        places = {(r[c], sum(len(p or "") for p in r[:c])) for r in chosen}
        if len(places) == 1:
            piece, digit = places.pop()
            at = source[digit] if digit < len(source) else len(run.text)
            if piece is None:
                values[c] = None
                tables.spans.pop(where, None)
                continue
            values[c] = int(piece)
            if run.start >= 0:
                tables.spans[where] = (run.start + at, run.start + at + len(piece))
            continue
        values[c] = None
        tables.spans.pop(where, None)
        undecided.append(column.key)
    if undecided and not any(f.where == f"applications.{key}" for f in tables.findings):
        tables.findings.append(
            Finding(
                "cell_unreadable",
                f"{W.place(f'applications.{key}')}：数字连在一起，根据该行及表格的合计无法确定"
                f"{W.columns(f'applications.{key}', undecided)}的数字，留空",
                f"applications.{key}: figures run together; the row's and the table's totals "
                f"do not decide {', '.join(undecided)} (left blank)",
                f"applications.{key}",
                run.text,
            )
        )


Vector = tuple[int, ...]
_MAX_SUMS = 100_000  # partial sums weighed before giving up (then nothing is decided)


def _vector(reading: tuple[str | None, ...]) -> Vector:
    return tuple(int(p) if p else 0 for p in reading)


def _add(a: Vector, b: Vector) -> Vector:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _sub(a: Vector, b: Vector) -> Vector:
    return tuple(x - y for x, y in zip(a, b, strict=True))


def _feasible(
    vectors: dict[str, list[Vector]], leaves: list[str], usable: list[bool]
) -> dict[str, set[int]] | None:
    """The readings (indices) of each row in a usable relation that some choice of the other
    rows' readings completes: row 3.7 = the sum of ``leaves``; rows 1 + 2 = rows 3.7 + 4.
    Rows in no usable relation are absent; None when the search is too large."""
    if not any(usable):
        return {}
    totals = vectors["3.7"]
    kept = set(range(len(totals)))
    out: dict[str, set[int]] = {}
    forward: list[set[Vector]] = []
    backward: list[set[Vector]] = []
    if usable[0]:
        ceiling = tuple(max(column) for column in zip(*totals, strict=True))
        forward = _sums([vectors[k] for k in leaves], ceiling)
        backward = _sums([vectors[k] for k in reversed(leaves)], ceiling)
        if not forward or not backward:
            return None
        backward.reverse()
        kept = {i for i in kept if totals[i] in forward[-1]}
    if usable[1]:
        firsts = {_add(a, b) for a in vectors["1"] for b in vectors["2"]}
        kept = {i for i in kept if any(_add(totals[i], d) in firsts for d in vectors["4"])}
    out["3.7"] = kept
    targets = {totals[i] for i in kept}
    if usable[0]:
        for n, key in enumerate(leaves):
            out[key] = {
                i
                for i, v in enumerate(vectors[key])
                if any(_sub(_sub(t, f), v) in backward[n + 1] for f in forward[n] for t in targets)
            }
    if usable[1]:
        for key in ("1", "2", "4"):
            out[key] = set()
        second: dict[Vector, list[int]] = {}
        for j, b in enumerate(vectors["2"]):
            second.setdefault(b, []).append(j)
        for t in targets:
            for m, d in enumerate(vectors["4"]):
                want = _add(t, d)
                for i, a in enumerate(vectors["1"]):
                    if js := second.get(_sub(want, a)):
                        out["1"].add(i)
                        out["2"].update(js)
                        out["4"].add(m)
    return out


def _sums(rows: list[list[Vector]], ceiling: Vector) -> list[set[Vector]]:
    """The partial sums after each row (one reading of each), none above ``ceiling``;
    empty when they grow too many."""
    out: list[set[Vector]] = [{(0,) * len(ceiling)}]
    count = 0
    for options in rows:
        following = set()
        for f in out[-1]:
            for v in set(options):
                s = _add(f, v)
                if all(x <= y for x, y in zip(s, ceiling, strict=True)):
                    following.add(s)
        count += len(following)
        if count > _MAX_SUMS:
            return []
        out.append(following)
    return out


def row_adds_up(values: list[Value], blank_total: bool = False) -> bool:
    """The row's total is the sum of its other cells (a blank cell counts 0); ``blank_total``:
    a blank total stands for the 0 they then add up to."""
    if values[-1] is None and not blank_total:
        return False
    return _sum(values) == (values[-1] or 0)


def row_confirmed(values: list[Value]) -> bool:
    """A row whose total is the sum of its cells and not 0 (zeros add up whatever their
    places: a row of them confirms nothing)."""
    return bool(values[-1]) and _sum(values) == values[-1]


def _sum(values: list[Value]) -> int | Decimal:
    """The sum of the cells before the row's total."""
    # (blanks and zeros add nothing: ``filter`` drops them without a step in Python for each)
    parts: Iterator[int | Decimal] = filter(None, values[:-1])
    return sum(parts)


def filled(rows: list[Row]) -> list[Row]:
    """Rows without a cell are dropped where a row of the same label has some: a heading that
    repeats a row's label above the row (PDF → Markdown conversions), not a blank row."""
    has = [not _FIGURES.isdisjoint(map(_KIND, r.tokens)) for r in rows]
    if all(has):
        return rows  # (most tables: every row has some)
    filled = {r.key for r, cells in zip(rows, has, strict=True) if cells}
    return [r for r, cells in zip(rows, has, strict=True) if r.key not in filled or cells]


_FIGURES = frozenset({"text", "run"})
_KIND = itemgetter(1)  # a cell's kind


# -- trusting a region's layout ----------------------------------------------------------------


def gaps_separate(
    rows: list[Row],
    width: Callable[[str], int],
    region: list[Cell],
    letters: str,
    is_header: Callable[[str], bool],
) -> bool:
    """Whether an empty line stands between the cells of a whole row, or between two column
    headers, somewhere in the region (a PDF's text extracted without its layout puts one
    between any two cells): then no empty line of the region is a blank cell. (``letters``:
    the region's ``place.kind_letters``.)"""
    if "g" not in letters:
        return False
    for found in _TEXT_GAP_TEXT.finditer(letters):
        first, last = found.start(1), found.end(1) - 1
        if is_header(region[first].text) and is_header(region[last].text):
            return True
    for row in rows:
        if len(row.tokens) <= _width(row, width):
            continue  # no room for an empty line between a whole row's cells
        kinds = "".join("t" if t.kind == "text" else "g" for t in row.tokens if t.kind in _SEEN)
        if kinds.count("t") == _width(row, width) and "g" in kinds.strip("g"):
            return True
    return False


_TEXT_GAP_TEXT = re.compile("(?=(tg+t))")  # (overlapping: each text is both ends' neighbour)


def _misplaced(
    rows: list[Row], width: Callable[[str], int], orphans: list[Cell], order: list[str]
) -> bool:
    """Figures in no row (unless a row's label before them was lost and each row holds exactly
    its own), or labels out of the table's order. Figures in no row are a sign that figures
    stand before their labels, unless each carries its own pipe: a page of explicit cells
    (blanks printed "|") that lost a block's labels."""
    loose = [cell for cell in orphans if not cell.piped]
    if loose and not (_each_its_own(rows, width) and _label_lost_before(rows, loose, order)):
        return True
    place = dict(zip(order, range(len(order)), strict=True))
    seen = [place[row.key] for row in rows if row.key in place]
    return seen != sorted(seen)  # (some label before one it follows in the table)


def _overflowing(rows: list[Row], width: Callable[[str], int]) -> bool:
    """Rows holding more figures than their columns: two or more, or one beside a row that
    does not hold exactly its own."""
    over: list[Row] = []
    for row in rows:
        tokens = row.tokens
        try:
            n = width(row.key)
        except KeyError:
            continue  # a row of no known key: no width to exceed
        # (a row of no more tokens than columns cannot hold too many figures: most, told first)
        if len(tokens) > n and [t[1] for t in tokens].count("text") > n:
            figures = [t for t in tokens if t[1] == "text"]
            if spaced_pair(figures, n) is None:  # (not one figure printed with a space inside)
                over.append(row)
    # One row holding more figures than its columns, every other row exactly its own (a label
    # lost after that row, or a fragment after the table: a page number, the next paragraph's
    # year): the rows around it are theirs. (That row itself is left out, said so.) Anything
    # else, a row short or bare beside it, and figures may have moved from row to row; but not
    # the row the text stops in, short for that.
    return len(over) > 1 or (
        len(over) == 1
        and any(
            _cells(row) != _width(row, width)
            for row in rows
            if row is not over[0] and (row.closed or row is not rows[-1])
        )
    )


def _label_lost_before(rows: list[Row], orphans: list[Cell], order: list[str]) -> bool:
    """Whether the figures in no row may be a row whose label was lost: the first labelled row
    after them follows, in the table's order, a row the text does not name (else they are
    figures printed before their labels: a PDF's text, "现行有效件数" / "0" / "0" / "规章")."""
    place = {key: i for i, key in enumerate(order)}
    line = orphans[0].line
    after = next((row for row in rows if row.label_line >= line and row.key in place), None)
    if after is None:
        return True  # (figures after every label: the last row's label lost?)
    at = place[after.key]
    return at > 0 and order[at - 1] not in {row.key for row in rows}


def _each_its_own(rows: list[Row], width: Callable[[str], int]) -> bool:
    """Every row of a known key holds exactly its columns' cells, or none (a page dropping
    blank cells prints a blank row as its label alone), and the last holds its own: figures
    before the first label are then a row whose label was lost (left out: it names no row),
    not figures printed before their labels — there each row would hold the next one's, and
    the last none."""
    known = [row for row in rows if _width(row, width) < 1 << 30]
    return (
        bool(known)
        and all(_cells(row) in (0, _width(row, width)) for row in known)
        and _cells(known[-1]) == _width(known[-1], width)
    )


def _cells(row: Row) -> int:
    """The row's cells: its figures and the blanks it prints (empty lines, spacers aside)."""
    kinds = [t[1] for t in row.tokens]
    return kinds.count("text") + kinds.count("blank")


def by_count_alone(row: Row) -> bool:
    """A row whose figures stand one to a line after its label with no mark for a blank cell:
    placed by their number alone."""
    if not _SEEN.issuperset(map(_KIND, row.tokens)):
        return False
    first = next((t for t in row.tokens if t.kind == "text"), None)
    # (lines only grow along the stream: the first figure off the label's line, all are)
    return first is None or first.line != row.label_line


def trust(
    rows: list[Row],
    width: Callable[[str], int],
    orphans: list[Cell],
    order: list[str],
    block: Callable[[str], object] | None = None,
) -> Callable[[str], bool]:
    """Whether a row counted off after its label can be trusted: asked only for such a row (by
    its key), the region weighed once. Where figures run across rows (a row holds more figures
    than its columns), stand outside any row (``orphans``: printed before their label), or
    labels stand out of the table's order, a row's figures counted off after its label may be
    another row's. With ``block`` (the sub-table a key stands in: section 二's items, each
    under its own header, whose lines stop a row's figures), figures running across rows
    distrust only an item whose rows are not all printed, each holding exactly its columns."""
    region: list[bool] = []  # (figures misplaced, rows overflowing)
    items: dict[object, bool] = {}
    printed: dict[str, bool] = {}  # (the rows' keys: counted off after labels apart?)

    def trusted(key: str) -> bool:
        if not region:
            region.extend((_misplaced(rows, width, orphans, order), _overflowing(rows, width)))
        misplaced, overflowing = region
        for row in rows if not printed else ():
            printed[row.key] = printed.get(row.key, False) or row.counted
        if _before_a_lost_label(key, printed, order, block):
            return False
        if not (misplaced or overflowing):
            return True
        if misplaced or block is None:
            return False
        item = _in(key, block)
        if item not in items:
            mine = [row for row in rows if _in(row.key, block) is item]
            items[item] = (
                item is not None
                # (every row of the item labelled: a lost label leaves its figures to the row
                # before it, which may then hold exactly its own count)
                and {row.key for row in mine} == {k for k in order if _in(k, block) is item}
                and all(_cells(row) == _width(row, width) for row in mine)
            )
        return items[item]

    return trusted


def _before_a_lost_label(
    key: str, printed: dict[str, bool], order: list[str], block: Callable[[str], object] | None
) -> bool:
    """Whether the next row of ``key``'s table (of its item, with ``block``) is one whose label
    the text does not print, rows after it printed: figures counted off after ``key``'s label
    may be that row's, its own blanks dropped ("规章" / "  " / "1368" / "343" / "471", the
    line of spaces 行政规范性文件's lost label), and its count alone cannot tell. (``printed``:
    the rows' keys, and whether each is counted off after labels printed apart: those figures
    are dealt out in order, ``apart``.)"""
    if key not in order or printed.get(key):
        return False
    at = order.index(key) + 1
    if at >= len(order) or order[at] in printed:
        return False  # (most rows: the next one printed)
    if block is not None and _in(order[at], block) is not _in(key, block):
        return False  # (its figures would stand after the next item's header)
    return any(k in printed for k in order[at + 1 :])


def _in(key: str, block: Callable[[str], object]) -> object:
    try:
        return block(key)
    except KeyError:
        return None  # (a row of no known key: in no item)


# Why a row is left out (``left_out``): (Chinese, English).
UNTRUSTED = (
    "该表格的数字跨行排列，行名称之后每行一个的数字未经合计印证",
    "figures run across rows in this table; this row's, counted off one to a line after its "
    "label, are not confirmed by a total",
)
TOTAL_HEADER = (
    "此处的“总计”排在本应位于该行之上的各行之前，是列标题",
    "总计 stands before rows the table prints above row 3.7: a column's header",
)
COUNTED_APART = (
    "行名称与数字分开排列，按顺序逐行分给该行的数字合计不符，或该表格的数字跨行排列",
    "its figures, counted off one to a line after labels printed apart, do not add up, or "
    "figures in this table run across rows",
)
BY_POSITION_ON_PAGE = (
    "按页面上各列的位置排列后，该行各数之和与总计不符",
    "placed by the columns' positions on the page, the row does not add up to its total",
)
LOST_LABEL = (
    "此位置上的一行缺少行名称，其各数之和与总计不符",
    "a row without its label, in this row's place, does not add up to its total",
)
CHANGE_AS_COUNT = (
    "表格的列标题为本年的数量（如“本年数量”），而本格式该列为“本年增/减”，该列数字是增减还是"
    "本年数量无法确定",
    "a column headed as this year's count (本年数量) where the form prints the change "
    "(本年增/减): whether its figures are changes or counts, nothing tells",
)


def left_out(
    row: Row, section: str, tables: Tables, why: tuple[str, str], raw: str | None = None
) -> None:
    """``row`` is not returned; the finding says why (``why``: Chinese, English)."""
    where = f"{section}.{row.key}"
    zh, en = why
    tables.findings.append(
        Finding(
            "cell_unreadable",
            f"{W.place(where)}：{zh}，该行未读取",
            f"{where}: {en} (left out)",
            where,
            raw,
        )
    )


def untrusted(row: Row, section: str, tables: Tables) -> None:
    """A row counted off after its label in a region whose figures run across rows: left out
    (unless its total confirms it), said so."""
    left_out(
        row, section, tables, UNTRUSTED, " ".join(t.text for t in row.tokens if t.kind == "text")
    )


_SEEN = frozenset({"text", "gap"})


def _width(row: Row, width: Callable[[str], int]) -> int:
    try:
        return width(row.key)
    except KeyError:
        return 1 << 30  # a row of no known key: no width to exceed


def total_headers(rows: list[Row], order: list[str]) -> list[Row]:
    """Rows 3.7 ("总计") followed by rows the table prints above 3.7: the 总计 column's header
    (a PDF's text puts it anywhere), not the row."""
    if "3.7" not in order:
        return []
    above = set(order[: order.index("3.7")])
    return [
        row
        for i, row in enumerate(rows)
        if row.key == "3.7" and any(later.key in above for later in rows[i + 1 :])
    ]

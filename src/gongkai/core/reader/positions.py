"""Rows whose label a page lost, named by their place in the table (issue 16: "a row whose label
the page lost … is skipped although its numbers and position identify it"): only where the keys
its neighbours leave are exactly as many as such rows, and only under no other name."""

from __future__ import annotations

import re
from collections.abc import Callable

from gongkai.core.reader import labels as L
from gongkai.core.reader import wording as W
from gongkai.core.reader.rows import UNLABELED, Finding, Row, cut, has_cells, short_label


def _neighbours(
    rows: list[Row], i: int, order: list[str]
) -> tuple[Row | None, str | None, int, int]:
    """The row of a known key before ``rows[i]``, the key of the one after, and the span of
    ``order`` between them (``order[low:high]``)."""
    previous = next((r for r in reversed(rows[:i]) if r.key in order), None)
    after = next((r.key for r in rows[i + 1 :] if r.key in order), None)
    low = order.index(previous.key) + 1 if previous is not None else 0
    high = order.index(after) if after else len(order)
    return previous, after, low, high


def _cut_blocks(
    rows: list[Row], order: list[str], labeled: set[str], width: Callable[[str], int]
) -> list[Row]:
    """A block of explicit cells in no row (a group whose rows lost their labels: its label
    line none, ``collect._take``) holding exactly the cells of the rows its neighbours leave: cut
    into those rows, in order."""
    out: list[Row] = []
    for i, row in enumerate(rows):
        if row.key != UNLABELED or row.label_line != -1:
            out.append(row)
            continue
        cells = [t for t in row.tokens if t.kind in {"text", "blank"}]
        _, _, low, high = _neighbours(rows, i, order)
        between = [k for k in order[low:high] if k not in labeled]
        widths = {width(key) for key in between}
        n = widths.pop() if len(widths) == 1 else 0
        if n and len(between) > 1 and len(cells) == n * len(between):
            # (each cell explicit, the count exact: their places name the rows — pinned)
            out += [
                Row(UNLABELED, cells[k * n : (k + 1) * n], True, -1, pinned=True)
                for k in range(len(between))
            ]
        else:
            out.append(row)
    return out


def out_of_order(rows: list[Row], order: list[str]) -> list[Row]:
    """A row whose label stands apart from its figures, printed where the form's order has no
    place for it — before a row printed whole on one line (label and figures) that the form
    puts before it, or after one it puts after it — is no row of that label's: a page
    converted from PDF floats a label of the next block among the rows above ("1.本机关不掌握
    相关政府信息" printed over the figures of "5.属于三类内部事务信息"). Its figures stay, a row
    whose label was lost (``by_position`` may name it by its place)."""
    whole = [bool(r.tokens) and r.tokens[0].line == r.label_line for r in rows]
    if all(whole) or not any(whole):
        return rows  # (most tables: every row printed whole, or none)
    place = {key: i for i, key in enumerate(order)}
    seen = -1  # the place of the last row printed whole, so far
    for i, row in enumerate(rows):
        at = place.get(row.key)
        if at is None or not row.tokens:
            continue
        if row.tokens[0].line == row.label_line:
            seen = max(seen, at)
            continue
        later = (
            place[r.key]
            for r in rows[i + 1 :]
            if r.key in place and r.tokens and r.tokens[0].line == r.label_line
        )
        if at < seen or any(other < at for other in later):
            row.key, row.label_line = UNLABELED, row.tokens[0].line
    return rows


def by_position(
    rows: list[Row],
    order: list[str],
    section: str,
    findings: list[Finding],
    width: Callable[[str], int],
) -> list[Row]:
    """Rows whose label was lost take the keys their neighbours leave for them, in order (the
    row between 规范性文件's predecessor and successor…; three rows where three keys are
    left); otherwise they are left out, said so."""
    keys = [r.key for r in rows]
    if UNLABELED not in keys:
        return rows  # (most tables: every row has its label)
    labeled = {key for key in keys if key != UNLABELED}
    if section == "applications":  # (section 三: groups whose rows' labels a page can lose)
        rows = _cut_blocks(rows, order, labeled, width)
    out: list[Row] = []
    refused = False  # a row of this run of rows without a label was left out
    for i, row in enumerate(rows):
        if row.key != UNLABELED:
            out.append(row)
            refused = False
            continue
        if not row.pinned and not any(t.kind == "text" for t in row.tokens):
            continue  # an empty line of blank cells (a cut-out row of blanks holds its place)
        previous, after, low, high = _neighbours(rows, i, order)
        before = previous.key if previous is not None else None
        between = [k for k in order[low:high] if k not in labeled]
        # The rows without a label from this one up to the next labelled row: as many as the
        # keys left between their neighbours, they take those keys in order (rows print in
        # the format's order; a column of labels lost together leaves a run of them).
        lost = 0
        for later in rows[i:]:
            if later.key != UNLABELED:
                break
            lost += later.pinned or any(t.kind == "text" for t in later.tokens)
        # (… and only where a row of the form is printed with its label: a table of none of
        # its rows, "序号 | 项目 | 数量" / "4 | 办事指南类 | 1", is no table of the form's; for
        # the whole run: where its first rows were too many for the keys left, its last ones
        # are no fewer for being counted from further down; and none printed under a name that
        # cannot be what the page left of the label)
        ended = rows[i - 1].ended_by if i and has_cells(rows[i - 1]) else None
        named_else = ended is not None and not (
            between and _left_of_label(ended.text, section, between[0])
        )
        if (
            not refused
            and not named_else
            and labeled
            and len(between) == lost
            and (after is not None or high - low == lost)
        ):
            row.key = between[0]
            row.by_position = True
            labeled.add(row.key)
            kept = [t for t in row.tokens if t.kind not in {"gap", "spacer"}]
            if len(kept) == width(row.key) + 1 and kept[0].kind == "blank":
                row.tokens.remove(kept[0])  # the lost label's own cell
                kept = kept[1:]
            # The one row between two rows printed with their labels, whole on one line with
            # every cell: its place alone names it (no other row of the table is missing).
            row.pinned = row.pinned or (
                lost == 1
                and previous is not None
                and not previous.by_position
                and after is not None
                and len(kept) == width(row.key)
                and len({t.line for t in kept}) == 1
            )
            out.append(row)
            continue
        refused = True
        raw = " ".join(t.text or "□" for t in row.tokens if t.kind not in {"spacer", "gap"})
        after_zh = W.row(section, before) + "之后" if before else "表头之后"
        # (its text quoted: a label no row of the form has, "行政检查 0 0 0", or figures alone)
        quoted = W.quote(cut(raw))
        # (… under a name the form has no row of, which ended the row above: "其他主动公开文件",
        # a province's extra row, its figures one a line)
        said = (
            f"的{W.quote(short_label(ended.text))}不是本表的行名称，其数字（{quoted}）"
            if ended is not None
            else f"有一行没有本表的行名称（{quoted}），"
        )
        findings.append(
            Finding(
                "cell_unreadable",
                f"{W.table(section)}：{after_zh}{said}无法根据其位置确定是哪一行，该行未读取",
                f"{section}: a row without its label after {before or 'the header'}"
                f"{' (under a name the form has no row of)' if ended else ''}; "
                "its place does not tell which row it is (left out)",
                section,
                raw,
            )
        )
    return out


# What a page leaves of a block's title whose item it lost ("第二十条第", "第二十条第（").
_TITLE_LEFT = re.compile(r"第?[二十]*条?第?[(（]?[一二三四五六七八九十]*[)）]?项?")


def _left_of_label(name: str, section: str, key: str) -> bool:
    """Whether a name printed where a row's label stands may be what the page left of it: a
    piece of a block's title, its item lost ("第二十条第"), or a text with two characters in a
    row of the label's ("行政规范性文 件"). Another name ("办事指南类", "其他主动公开文件": a
    row of a list of the report's own making, a province's extra row) is no lost label: the
    figures under it are not the row's whose place they hold."""
    text = L.compact(name)
    if _TITLE_LEFT.fullmatch(text):
        return True
    label, _ = W.label(section, key) or ("", "")
    return any(text[i : i + 2] in label for i in range(len(text) - 1))

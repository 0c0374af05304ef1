"""Placing a row's cells in its columns, by position where the layout keeps blanks and by
the table's arithmetic where it does not; a row no reading decides is left out, said so.

Layouts: explicit blanks (pipes, tabs, ``<td>``), blank lines that stand for blank cells
(``_by_gaps``), lines holding only ``|`` between cells (``_by_bars``: CMS exports), figures run
together after their label (``_split``: web archives). The reader never guesses a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, partial
from operator import itemgetter

from gongkai.core.reader import labels as L
from gongkai.core.reader import wording as W
from gongkai.core.reader.cells import Cell, spaced_run
from gongkai.core.reader.padded import beyond
from gongkai.core.reader.rows import (
    FIGURE_AND_MORE,
    Finding,
    Row,
    Runs,
    has_cells,
    spaced_pair,
    words_instead,
    wrapped_pipe,
)
from gongkai.core.reader.runs import split_run
from gongkai.core.report.model import Cell as Value

BLANK = Cell("", "blank", -1, False, False)
_KIND = itemgetter(1)  # a cell's kind
_SPACING = frozenset({"spacer", "gap"})  # cells that hold no column's place


# Column groups whose last column is their total: (first, total).
APPLICATION_TOTALS = ((0, 6),)


DISPUTE_TOTALS = ((0, 4), (5, 9), (10, 14))


def place(
    row: Row,
    columns: Sequence[tuple[str, str, str, str]],
    where: str,
    findings: list[Finding],
    sum_check: bool = False,
    spaced: bool = False,
    totals: Sequence[tuple[int, int]] = (),
    spans: dict[str, tuple[int, int]] | None = None,
    runs: Runs | None = None,
    glued: bool = False,
) -> list[Value] | None:
    """Values for ``columns`` [(key, kind, header unit, target unit)], or None (left out).
    ``glued``: some row of the table runs its figures together."""
    n = len(columns)
    tokens = row.tokens
    ended = row.ended_by
    short = ended is not None and FIGURE_AND_MORE.match(ended.text) and _short(row, n)
    if (
        ended is not None
        and (not has_cells(row) or short)
        and (said := words_instead(row, ended, where))
    ):
        findings.append(Finding("cell_unreadable", *said, where, raw=ended.text))
        return None
    kinds = {t[1] for t in tokens}  # (their kinds: indexed, the cheapest read)
    if "bar" in kinds:
        by_bars = _by_bars(row, columns, totals, where, findings)
        if by_bars is None:
            return None
        return _parse_all(by_bars, columns, where, findings, spans)
    # The row's value and blank cells (spacers and gaps dropped; the row's own list is only
    # read below, never changed).
    if "spacer" in kinds or "gap" in kinds:
        tokens = [t for t in tokens if t[1] not in _SPACING]
    # (a run is one cell: most rows are told apart by their length alone)
    run = _run(tokens, n, totals) if len(tokens) == 1 else None
    if run is None and glued and 0 < len(tokens) < n and row.closed:
        run = spaced_run(tokens)
    if run is not None:
        return _split(run, row, columns, totals, where, findings, spans, runs)
    if len(tokens) == n + 1 and tokens[-1][1] == "text" and wrapped_pipe(row, tokens[0]):
        # "行政规范性文件" / "|" / "3 |" / "2 |" / "11 |": the label's own pipe wrapped onto a
        # line of its own (as a blank, the row's last figure would stand in no column).
        tokens = tokens[1:]
    if len(tokens) == n:
        if (
            totals
            and spaced_pair(tokens, n - 1) is not None
            and not _adds_up(tokens, columns, totals)
        ):
            # A line a cell but one holding two figures, the row not adding up: one figure
            # printed with a space inside ("1 0"), a blank cell gone? Nothing tells.
            _unplaceable(row, where, findings)
            return None
        if not spaced and "gap" in kinds and _overfull_by_gaps(row, n):
            # "行政处罚" / "" / "" / "0" where an empty line is a blank cell: more cells than
            # columns (a lost label's line, a blank, the next row's figure?), nothing tells.
            _unplaceable(row, where, findings)
            return None
        return _parse_all(tokens, columns, where, findings, spans)  # the common case
    if len(tokens) > n:
        wrapped = wrapped_pipe(row, tokens[0])
        adds_up = partial(_adds_up, columns=columns, totals=totals) if totals else None
        kept = beyond(row, tokens, n, wrapped, adds_up, where, findings)
        if kept is not False:
            return None if kept is None else _parse_all(kept, columns, where, findings, spans)
    explicit_blanks = "blank" in kinds
    if len(tokens) < n and not row.closed:
        # (a row cut by the end of the text: null means blank in the report, and a cell not in
        # the text is not blank; nothing is expected of such a row)
        findings.append(_cut_inside(where))
        return None
    values = [t for t in tokens if t.kind == "text"]
    if len(tokens) > n and totals and (joined := _spaced_figure(tokens, columns, totals)):
        return _parse_all(joined, columns, where, findings, spans)
    if len(tokens) > n:
        # More figures than columns: rows run into each other (a PDF's text extracted without
        # its layout prints a block of figures after several labels); which are this row's,
        # nothing tells.
        findings.append(
            Finding(
                "cell_unreadable",
                f"{W.place(where)}：{len(values)}个数字对应{n}列，多行的数字连在一起，"
                f"{W.this(where)}未读取",
                f"{where}: {len(values)} figures for {n} columns: rows run together (left out)",
                where,
                " ".join(t.text or "□" for t in tokens),
            )
        )
        return None
    if not values:
        chosen = [Cell("", "blank", -1, False, False)] * n
    elif not explicit_blanks and (by_gaps := _by_gaps(row, columns, spaced, totals)) is not None:
        chosen = by_gaps
    elif not explicit_blanks and (by_sign := _by_sign(values, columns)) is not None:
        chosen = by_sign
    elif (
        not explicit_blanks
        and sum_check
        and len(values) >= 2
        and (len(values) == n or "spacer" in kinds)
    ):
        # Blank cells collapsed into a run of bars after the figures (``3 | 3 | ||||||``): place
        # the row only if the last figure is the total of the others (the printed 总计), the
        # others in the first columns. Without that run, the blanks' places are unknown.
        shape = [columns[0]] * (len(values) - 1) + [columns[-1]]
        parsed = _parse_all(values, shape, where, [])
        if parsed is None or sum(v or 0 for v in parsed[:-1]) != (parsed[-1] or 0):
            _unplaceable(row, where, findings)
            return None
        blank = Cell("", "blank", -1, False, False)
        chosen = values[:-1] + [blank] * (n - len(values)) + values[-1:]
    elif explicit_blanks and tokens and all(t.line == row.label_line for t in tokens):
        # A whole row on one line that stops early: the cells it leaves out are blank.
        blank = Cell("", "blank", -1, False, False)
        chosen = tokens + [blank] * (n - len(tokens))
    else:
        _unplaceable(row, where, findings)
        return None
    return _parse_all(chosen, columns, where, findings, spans)


def _by_bars(
    row: Row,
    columns: Sequence[tuple[str, str, str, str]],
    totals: Sequence[tuple[int, int]],
    where: str,
    findings: list[Finding],
) -> list[Cell] | None:
    """Cells of a row printed one per line with a ``|`` line between every two (CMS exports).

    What lies between two bars is one cell (blank when nothing does). A bar may also stand
    before the row's first cell or after its last (a row separator): the readings with and
    without it are weighed by the row's width and its totals; when both remain, the row is
    left out.
    """
    n = len(columns)
    segments: list[list[Cell]] = [[]]
    for token in row.tokens:
        if token.kind == "bar":
            segments.append([])
        elif token.kind in {"text", "blank", "run"}:
            segments[-1].append(token)
    if any(len(s) > 1 for s in segments):
        _unplaceable(row, where, findings)
        return None
    cells = [s[0] if s else BLANK for s in segments]
    if row.key != "disputes" and not segments[0]:
        cells = cells[1:]  # the bar after the label
    candidates = []
    for shift in (0, 1):
        if shift and (not cells or cells[0].kind == "text"):
            continue
        option = cells[shift:]
        while len(option) > n and option[-1].kind != "text":
            option = option[:-1]
        if len(option) == n:
            candidates.append(option)
    if not candidates and not row.closed:
        findings.append(_cut_inside(where))
        return None
    if len(candidates) > 1:
        consistent = [c for c in candidates if _adds_up(c, columns, totals)]
        candidates = consistent if len(consistent) == 1 else []
    if len(candidates) != 1:
        _unplaceable(row, where, findings)
        return None
    return candidates[0]


def _adds_up(
    cells: list[Cell],
    columns: Sequence[tuple[str, str, str, str]],
    totals: Sequence[tuple[int, int]],
) -> bool:
    values = _parse_all(cells, columns, "", [], None)
    if values is None or not totals:
        return False
    for first, total in totals:
        parts = [v for v in values[first:total] if v is not None]
        if (values[total] is None and parts) or sum(parts) != (values[total] or 0):
            return False
    return True


def _run(cells: list[Cell], n: int, totals: Sequence[tuple[int, int]]) -> Cell | None:
    """The row's figures when they are run together in one cell (``cells``: the row's cells
    without gaps and spacers), or None."""
    if len(cells) != 1 or (n == 1 and cells[0].kind != "run"):
        return None
    only = cells[0]
    if only.kind == "run":
        return only
    # A line of bare digits as long as the row is wide, where totals can check the split
    # (section 四 dumped as one figure).
    digits = only.text.strip()
    if totals and only.kind == "text" and digits.isdigit() and len(digits) >= n:
        return only._replace(text=digits, kind="run")
    return None


def _split(
    run: Cell,
    row: Row,
    columns: Sequence[tuple[str, str, str, str]],
    totals: Sequence[tuple[int, int]],
    where: str,
    findings: list[Finding],
    spans: dict[str, tuple[int, int]] | None,
    runs: Runs | None,
) -> list[Value] | None:
    """Split figures run together by the row's totals; undecided cells are left blank."""
    figures = run.text
    kinds = [kind for _, kind, _, _ in columns]
    # A blank cell may hide anywhere among figures run together: every cut, blanks included,
    # must agree (runs.split_run), and the table's relations decide more (confirm.py).
    readings: list[tuple[str | None, ...]] = []
    found = split_run(figures, kinds, totals, readings=readings)
    if found is None:
        if runs is not None:
            runs[where] = (run, [], [])  # no reading: the table hides blank cells
        _unplaceable(row, where, findings)
        return None
    if runs is not None:
        runs[where] = (run, found, readings)
    chosen: list[Cell] = []
    undecided: list[str] = []
    for options, (key, *_) in zip(found, columns, strict=True):
        if len(options) == 1 and (only := next(iter(options))) is not None:
            piece, at = only
            start = run.start + at if run.start >= 0 else -1
            end = start + len(piece) if start >= 0 else -1
            chosen.append(run._replace(text=piece, kind="text", start=start, end=end))
        else:
            if len(options) > 1:
                undecided.append(key)
            chosen.append(BLANK)
    if undecided:
        findings.append(
            Finding(
                "cell_unreadable",
                f"{W.place(where)}：数字连在一起，根据{W.this(where)}的合计无法确定"
                f"{W.columns(where, undecided)}的数字，留空",
                f"{where}: figures run together; the row's totals do not decide "
                f"{', '.join(undecided)} (left blank)",
                where,
                figures,
            )
        )
    return _parse_all(chosen, columns, where, findings, spans)


def _short(row: Row, n: int) -> bool:
    return sum(1 for t in row.tokens if t.kind not in _SPACING) < n


def kind_letters(cells: Sequence[Cell]) -> str:
    """One letter per cell, for its kind: a region's layout is then judged by string methods
    on a slice (``spaced``, ``resolve_bars``), the cells' kinds read once for all regions."""
    return "".join(map(_LETTER.__getitem__, map(_KIND, cells)))


_LETTER = {"text": "t", "gap": "g", "blank": "b", "spacer": "s", "bar": "|", "run": "r"}
_NOT_SPACING = str.maketrans("", "", "bs|r")  # (the letters ``spaced`` leaves out)


def spaced_layout(cells: Sequence[Cell]) -> bool:
    """Whether an empty line separates (nearly) every two cells of a region."""
    return spaced(kind_letters(cells))


def spaced(letters: str) -> bool:
    """``spaced_layout`` of the cells ``letters`` stand for (``kind_letters``).

    Judged on consecutive text cells: in a spaced layout all of them have an empty line
    between; where cells follow line after line, headers at least sit on adjacent lines.
    """
    # One letter per text cell ("t") and per empty line ("g"), other cells left out: the
    # counting is then done by the string methods. Empty lines before the first text and
    # after the last separate nothing.
    between = letters.translate(_NOT_SPACING).strip("g")
    pairs = between.count("t") - 1  # consecutive text cells
    separated = between.count("tg")  # … with an empty line between them
    return pairs > 0 and separated * 5 >= pairs * 4


_SIGNED = re.compile(rf"^(?:[+-]|{L.CHANGE_WORDS})\d")


def _spaced_figure(
    tokens: list[Cell],
    columns: Sequence[tuple[str, str, str, str]],
    totals: Sequence[tuple[int, int]],
) -> list[Cell] | None:
    """A row of a cell a line whose one line holds two figures (``spaced_pair``): that line is
    one cell, where the row's totals then hold (they cannot otherwise: one figure too many)."""
    at = spaced_pair(tokens, len(columns))
    if at is None:
        return None
    a, b = tokens[at], tokens[at + 1]
    one = Cell(a.text + b.text, "text", a.line, a.first, b.last, a.piped, a.start, b.end)
    cells = [*tokens[:at], one, *tokens[at + 2 :]]
    return cells if _adds_up(cells, columns, totals) else None


def _by_sign(values: list[Cell], columns: Sequence[tuple[str, str, str, str]]) -> list[Cell] | None:
    """A short row whose blanks the page dropped, placed where one figure's sign pins it to the
    one signed column (本年增/减; a count is never written signed): "行政许可" / "19" / "+4" is
    上一年项目数量 19, 本年增/减 +4, 处理决定数量 blank. The figures before it fill the columns
    before it, those after it the columns after — where each side's count leaves one way (all of
    them, or none)."""
    signed = [i for i, column in enumerate(columns) if column[1] == "signed"]
    marked = [i for i, value in enumerate(values) if _SIGNED.match(value.text)]
    if len(signed) != 1 or len(marked) != 1:
        return None
    column, at = signed[0], marked[0]
    before, after = values[:at], values[at + 1 :]
    width_after = len(columns) - 1 - column
    if len(before) not in (0, column) or len(after) not in (0, width_after):
        return None
    blank = Cell("", "blank", -1, False, False)
    return (before or [blank] * column) + [values[at]] + (after or [blank] * width_after)


def _by_gaps(
    row: Row,
    columns: Sequence[tuple[str, str, str, str]],
    spaced: bool,
    totals: Sequence[tuple[int, int]],
) -> list[Cell] | None:
    """Place a one-cell-per-line row whose blank cells show as empty lines.

    Where cells follow each other directly, line after line, an empty line is a blank cell.
    Where an empty line separates every cell, pages mostly drop blank cells altogether (the
    corpus shows it); some print each blank as one more empty line ("103", "", "3", "", "",
    "", "1", "", "", "107": 103, 3, blank, blank, 1, blank, 107), read so only where the row's
    totals add up over two figures or more. Used only when the count comes out at exactly the
    row's width. A row whose figures share a line (with its label or with each other) is no
    such row: the empty line after it only separates it from the next.
    """
    n = len(columns)
    counted = _gaps_before(row)
    if counted is None or (spaced and not totals):
        return None
    values, before, trailing = counted
    if spaced:
        if min(before) < 1 or trailing < 1 or len(values) < 2:
            # (not every cell an empty line apart; a lone "0" adds up in any column)
            return None
        before, trailing = [gaps - 1 for gaps in before], trailing - 1
    rest = n - len(values) - sum(before)
    if rest < 0 or (rest > 0 and trailing != rest) or (rest == 0 and not any(before)):
        return None
    blank = Cell("", "blank", -1, False, False)
    out: list[Cell] = []
    for value, blanks in zip(values, before, strict=True):
        out += [blank] * blanks + [value]
    out += [blank] * rest
    return out if not spaced or _adds_up(out, columns, totals) else None


def _overfull_by_gaps(row: Row, n: int) -> bool:
    """Whether the empty lines between a row's label and its figures, each a blank cell (a
    region whose empty lines are no mere separators), give it more cells than its columns. (A
    row of no label's line, section 四's or a block cut by position, has none to count from.)"""
    counted = _gaps_before(row) if row.label_line >= 0 else None
    if counted is None:
        return False
    values, before, _ = counted
    return sum(before) > 0 and len(values) + sum(before) > n


def _gaps_before(row: Row) -> tuple[list[Cell], list[int], int] | None:
    """A one-cell-per-line row's figures, the empty lines before each and those after the last;
    None for a row with no figure, or whose figures share a line (with its label or each
    other: its empty lines only separate it from the next)."""
    gaps: list[int] = []
    values: list[Cell] = []
    count = 0
    lines = {row.label_line}
    for token in row.tokens:
        if token.kind == "gap":
            count += 1
        elif token.kind == "text":
            if token.line in lines:
                return None
            lines.add(token.line)
            gaps.append(count)
            values.append(token)
            count = 0
    return (values, gaps, count) if values else None


def _unplaceable(row: Row, where: str, findings: list[Finding]) -> None:
    raw = " ".join(t.text or "□" for t in row.tokens if t.kind not in {"spacer", "gap"})
    findings.append(
        Finding(
            "cell_unreadable",
            f"{W.place(where)}：未印出空白单元格，无法分辨各单元格所在的列，{W.this(where)}未读取",
            f"{where}: the cells' columns cannot be told apart (blank cells not printed)",
            where,
            raw,
        )
    )
    return None


def _cut_inside(where: str) -> Finding:
    """``truncated``: the text ends inside the row at ``where`` (left out)."""
    this = W.this(where)
    return Finding(
        "truncated",
        f"{W.place(where)}：文本在{this}中途中断，{this}未读取",
        f"{where}: the text stops inside this row",
        where,
    )


def _parse_all(
    cells: list[Cell],
    columns: Sequence[tuple[str, str, str, str]],
    where: str,
    findings: list[Finding],
    spans: dict[str, tuple[int, int]] | None = None,
) -> list[Value] | None:
    plan = _PLANS.get(where)
    if plan is None or plan[0] != columns:
        plan = _PLANS[where] = _plan(where, columns)
    _, keys, parsers, parse, unitless = plan
    if len(cells) != len(keys):  # (as ``zip(strict=True)`` said it, for the shared reading too)
        raise ValueError(f"{where}: {len(cells)} cells for {len(keys)} columns")
    # (cells indexed, not unpacked: their text, kind, start and end)
    try:
        if parse is not None:  # one reading for every column (most rows): no pairing needed
            out = [parse(cell[0]) if cell[1] == "text" else None for cell in cells]
        else:
            out = [
                each(cell[0]) if cell[1] == "text" else None
                for cell, each in zip(cells, parsers, strict=True)
            ]
    except (L.Unreadable, KeyError):
        return _parse_each(cells, columns, where, findings, spans)  # said cell by cell
    if spans is not None:
        for i, cell in enumerate(cells):
            if out[i] is not None and (start := cell[6]) >= 0:
                spans[keys[i]] = (start, cell[7])
    if unitless:
        _unit_assumed(cells, out, unitless, keys, findings, spans)
    return out


_LEAST_PER_PURCHASE = 1000  # 元: "6944.93" for 53 purchases is no 元 amount (万元?)


def _unit_assumed(
    cells: list[Cell],
    out: list[Value],
    unitless: list[int],
    keys: list[str],
    findings: list[Finding],
    spans: dict[str, tuple[int, int]] | None,
) -> None:
    """An amount of money read as 元 where neither its header nor its cell prints a unit (the
    2019 procurement amount's unit was never fixed: 元, 万元, 亿): returned, said so — unless
    its purchases would each cost less than any purchase does: then blank, said so."""
    count = next((out[j] for j, key in enumerate(keys) if key.endswith(".projects")), None)
    for i in unitless:
        text = cells[i][0]
        amount = out[i] if not any(mark in text for mark in "元万亿") else None
        if amount and isinstance(count, int) and count > 0 and amount < _LEAST_PER_PURCHASE * count:
            out[i] = None
            if spans is not None:
                spans.pop(keys[i], None)
            findings.append(
                Finding(
                    "cell_unreadable",
                    f"{W.place(keys[i])}：{W.quote(text)}未注明单位，按元计每项采购不足"
                    f"{_LEAST_PER_PURCHASE}元（应为万元？），留空",
                    f"{keys[i]}: no unit printed for {text}; as 元, each of {count} purchases "
                    f"would cost under {_LEAST_PER_PURCHASE} 元 (万元?): left blank",
                    keys[i],
                    text,
                )
            )
        elif amount:
            findings.append(
                Finding(
                    "unit_assumed",
                    f"{W.place(keys[i])}：{W.quote(text)}未注明单位（元还是万元？），按元读取",
                    f"{keys[i]}: no unit printed for {text} (元 or 万元?); read as 元",
                    keys[i],
                    text,
                )
            )


type _Parser = Callable[[str], Value]
type _Plan = tuple[
    Sequence[tuple[str, str, str, str]], list[str], list[_Parser], _Parser | None, list[int]
]
_PLANS: dict[str, _Plan] = {}  # by row (``where``), for its columns


def _plan(where: str, columns: Sequence[tuple[str, str, str, str]]) -> _Plan:
    """Each column's span key and reading of a cell's text, and the one reading of them all if
    they share it, for a row (memoised: the same rows recur in every report, with the same
    columns)."""
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    keys = [f"{where}.{key}" for key, _, _, _ in columns]
    parsers = [_parser(kind, unit, target) for _, kind, unit, target in columns]
    shared = parsers[0] if parsers and parsers.count(parsers[0]) == len(parsers) else None
    # (columns of 元 whose header states no unit: a figure printing none is read as 元; a
    # column the template gives its unit, 本年收费金额（单位：万元）, is no guess)
    unitless = [
        i for i, (_, kind, unit, target) in enumerate(columns)
        if kind == "money" and not unit and target == "元"
    ]  # fmt: skip
    return columns, keys, parsers, shared, unitless


_MAX_PLANS = 4096


@cache
def _parser(kind: str, header_unit: str, target_unit: str) -> _Parser:
    """``L.parse_value`` for one kind of column, memoised on the cell's text alone."""
    if kind == "int" and not header_unit and not target_unit:
        return L.parse_count
    return L.memo(lambda text: L.parse_value(text, kind, header_unit, target_unit))


def _parse_each(
    cells: list[Cell],
    columns: Sequence[tuple[str, str, str, str]],
    where: str,
    findings: list[Finding],
    spans: dict[str, tuple[int, int]] | None,
) -> list[Value]:
    """``_parse_all``, a cell at a time: each cell that is not a number is said so."""
    out: list[Value] = []
    for cell, (key, kind, header_unit, target_unit) in zip(cells, columns, strict=True):
        text, cell_kind, _, _, _, _, start, end = cell
        if cell_kind != "text":
            out.append(None)
            continue
        try:
            value = L.parse_value(text, kind, header_unit, target_unit)
        except (L.Unreadable, KeyError) as exc:
            why = getattr(exc, "why", L.Unreadable.why)
            why_zh = getattr(exc, "why_zh", L.Unreadable.why_zh)
            at = f"{where}.{key}"
            zh = f"{W.place(at)}：{W.quote(text)}{why_zh}，留空"
            findings.append(Finding("cell_unreadable", zh, f"{at}: {why}", at, text))
            out.append(None)
            continue
        out.append(value)
        if spans is not None and value is not None and start >= 0:
            spans[f"{where}.{key}"] = (start, end)
    return out

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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from gongkai.core.reader import labels as L
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.normalize import normalize
from gongkai.core.reader.runs import split_run
from gongkai.core.report.formats import (
    APPLICANT_COLUMNS,
    CUE_CELL_MAX,
    DISPUTE_COLUMNS,
    DISPUTE_GROUPS,
    Cue,
    ReportFormat,
)
from gongkai.core.report.model import Cell as Value

SECTIONS = ("proactive", "applications", "disputes")


@dataclass
class Finding:
    code: str
    message: str
    where: str = ""
    raw: str | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"code": self.code, "message": self.message, "where": self.where}
        if self.raw is not None:
            out["raw"] = self.raw
        return out


@dataclass
class Row:
    key: str
    tokens: list[Cell] = field(default_factory=list)
    closed: bool = False  # ended by another anchor (not by the end of the text)
    label_line: int = -1
    label: str = ""


@dataclass
class Tables:
    proactive: dict[str, dict[str, Value]] | None = None
    applications: dict[str, list[Value]] | None = None
    disputes: dict[str, list[Value]] | None = None
    findings: list[Finding] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # sections whose region was found
    # Where each returned figure stands in the text read: "section.row.column" → (start, end).
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    runs: set[str] = field(default_factory=set)  # rows split from figures run together


# -- regions ------------------------------------------------------------------------------


def regions(cells: list[Cell]) -> dict[str, tuple[int, int]]:
    """Start and end index of each section's region in ``cells``."""
    starts: dict[str, int] = {}
    after: list[int] = []
    for i, cell in enumerate(cells):
        if cell.kind != "text":
            continue
        text = L.compact(cell.text)
        section = L.heading(text)
        if section == "after":
            after.append(i)
            continue
        if section and section not in starts:
            starts[section] = i
            continue
        if "proactive" not in starts and L.BLOCK_TITLE.match(text):
            starts["proactive"] = i
        elif "applications" not in starts and (
            "勾稽关系" in text
            or text == "申请人情况"
            or (L.application_label(text) == "1" and len(text) <= 30)
        ):
            starts["applications"] = i
        elif (
            "disputes" not in starts
            and "applications" in starts
            and text == "行政复议"
            and any(L.compact(c.text) in {"行政诉讼", "结果维持"} for c in cells[i + 1 : i + 4])
        ):
            starts["disputes"] = i
    ordered = sorted(starts.items(), key=lambda item: item[1])
    out: dict[str, tuple[int, int]] = {}
    for n, (section, start) in enumerate(ordered):
        end = ordered[n + 1][1] if n + 1 < len(ordered) else len(cells)
        end = min([a for a in after if start < a < end] + [end])
        out[section] = (start, end)
    return out


# -- placing cells in columns -------------------------------------------------------------


def _tokens(row: Row) -> tuple[list[Cell], bool]:
    """The row's value and blank cells (spacers dropped) and whether it had explicit blanks."""
    kept = [t for t in row.tokens if t.kind not in {"spacer", "gap"}]
    return kept, any(t.kind == "blank" for t in kept)


BLANK = Cell("", "blank", -1, False, False)
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
    runs: set[str] | None = None,
) -> list[Value] | None:
    """Values for ``columns`` [(key, kind, header unit, target unit)], or None (left out)."""
    n = len(columns)
    if any(t.kind == "bar" for t in row.tokens):
        by_bars = _by_bars(row, columns, totals, where, findings)
        if by_bars is None:
            return None
        return _parse_all(by_bars, columns, where, findings, spans)
    run = _run(row, n, totals)
    if run is not None:
        if runs is not None:
            runs.add(where)
        return _split(run, row, columns, totals, where, findings, spans)
    tokens, explicit_blanks = _tokens(row)
    if len(tokens) < n and not row.closed:
        findings.append(Finding("truncated", f"{where}: the text stops inside this row", where))
        return None
    values = [t for t in tokens if t.kind == "text"]
    if len(tokens) >= n:
        chosen = tokens[:n]
        extra = [t.text for t in tokens[n:] if t.kind == "text"]
        if extra:
            findings.append(
                Finding(
                    "cell_unreadable",
                    f"{where}: {len(extra)} more value(s) than columns, ignored",
                    where,
                    " ".join(extra),
                )
            )
    elif not values:
        chosen = [Cell("", "blank", -1, False, False)] * n
    elif not explicit_blanks and (by_gaps := _by_gaps(row, n, spaced)) is not None:
        chosen = by_gaps
    elif (
        not explicit_blanks
        and sum_check
        and len(values) >= 2
        and (len(values) == n or any(t.kind == "spacer" for t in row.tokens))
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
        findings.append(Finding("truncated", f"{where}: the text stops inside this row", where))
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


def _run(row: Row, n: int, totals: Sequence[tuple[int, int]]) -> Cell | None:
    """The row's figures when they are run together in one cell, or None."""
    cells = [t for t in row.tokens if t.kind not in {"gap", "spacer"}]
    if len(cells) != 1 or (n == 1 and cells[0].kind != "run"):
        return None
    only = cells[0]
    if only.kind == "run":
        return only
    # A line of bare digits as long as the row is wide, where totals can check the split
    # (section 四 dumped as one figure).
    digits = only.text.strip()
    if totals and only.kind == "text" and digits.isdigit() and len(digits) >= n:
        return replace(only, text=digits, kind="run")
    return None


def _split(
    run: Cell,
    row: Row,
    columns: Sequence[tuple[str, str, str, str]],
    totals: Sequence[tuple[int, int]],
    where: str,
    findings: list[Finding],
    spans: dict[str, tuple[int, int]] | None,
) -> list[Value] | None:
    """Split figures run together by the row's totals; undecided cells are left blank."""
    figures = run.text
    kinds = [kind for _, kind, _, _ in columns]
    # Without any total a blank cell may hide anywhere, so every cut, blanks included, must
    # agree. With totals only readings without blanks are tried (these tables print 0): a
    # reading that needs blanks is too easily a coincidence of the arithmetic.
    found = split_run(figures, kinds, totals, blanks=not totals)
    if found is None:
        _unplaceable(row, where, findings)
        return None
    chosen: list[Cell] = []
    undecided: list[str] = []
    for options, (key, *_) in zip(found, columns, strict=True):
        if len(options) == 1 and (only := next(iter(options))) is not None:
            piece, at = only
            start = run.start + at if run.start >= 0 else -1
            end = start + len(piece) if start >= 0 else -1
            chosen.append(replace(run, text=piece, kind="text", start=start, end=end))
        else:
            if len(options) > 1:
                undecided.append(key)
            chosen.append(BLANK)
    if undecided:
        findings.append(
            Finding(
                "cell_unreadable",
                f"{where}: figures run together; the row's totals do not decide "
                f"{', '.join(undecided)} (left blank)",
                where,
                figures,
            )
        )
    return _parse_all(chosen, columns, where, findings, spans)


def spaced_layout(cells: Sequence[Cell]) -> bool:
    """Whether an empty line separates (nearly) every two cells of a region.

    Judged on consecutive text cells: in a spaced layout all of them have an empty line
    between; where cells follow line after line, headers at least sit on adjacent lines.
    """
    pairs = separated = 0
    gap = -1
    for cell in cells:
        if cell.kind == "gap":
            gap = gap + 1 if gap >= 0 else gap
        elif cell.kind == "text":
            if gap >= 0:
                pairs += 1
                separated += gap > 0
            gap = 0
    return pairs > 0 and separated * 5 >= pairs * 4


def _by_gaps(row: Row, n: int, spaced: bool) -> list[Cell] | None:
    """Place a one-cell-per-line row whose blank cells show as empty lines.

    Only where cells follow each other directly, line after line, is an empty line a blank
    cell. Where an empty line separates every cell, pages drop blank cells altogether (the
    corpus shows it), so extra empty lines mean nothing there. Used only when the count
    comes out at exactly the row's width.
    """
    if spaced:
        return None
    gaps: list[int] = []
    values: list[Cell] = []
    count = 0
    for token in row.tokens:
        if token.kind == "gap":
            count += 1
        elif token.kind == "text":
            gaps.append(count)
            values.append(token)
            count = 0
    trailing = count
    if not values:
        return None
    before = gaps
    rest = n - len(values) - sum(before)
    if rest < 0 or (rest > 0 and trailing != rest) or (rest == 0 and not any(before)):
        return None
    blank = Cell("", "blank", -1, False, False)
    out: list[Cell] = []
    for value, blanks in zip(values, before, strict=True):
        out += [blank] * blanks + [value]
    return out + [blank] * rest


def _unplaceable(row: Row, where: str, findings: list[Finding]) -> None:
    raw = " ".join(t.text or "□" for t in row.tokens if t.kind not in {"spacer", "gap"})
    findings.append(
        Finding(
            "cell_unreadable",
            f"{where}: the cells' columns cannot be told apart (blank cells not printed)",
            where,
            raw,
        )
    )
    return None


def _parse_all(
    cells: list[Cell],
    columns: Sequence[tuple[str, str, str, str]],
    where: str,
    findings: list[Finding],
    spans: dict[str, tuple[int, int]] | None = None,
) -> list[Value] | None:
    out: list[Value] = []
    for cell, (key, kind, header_unit, target_unit) in zip(cells, columns, strict=True):
        if cell.kind != "text":
            out.append(None)
            continue
        try:
            value = L.parse_value(cell.text, kind, header_unit, target_unit)
            out.append(value)
            if spans is not None and value is not None and cell.start >= 0:
                spans[f"{where}.{key}"] = (cell.start, cell.end)
        except (L.Unreadable, KeyError):
            findings.append(
                Finding(
                    "cell_unreadable", f"{where}.{key}: not a number", f"{where}.{key}", cell.text
                )
            )
            out.append(None)
    return out


# -- row collection -----------------------------------------------------------------------


def _is_noise_anchor(text: str) -> bool:
    """Unrecognised text that still ends a row: short, label-like (not a spam sentence)."""
    t = L.compact(text)
    return 0 < len(L.core(t)) <= 40 and "。" not in t and "http" not in t and "www" not in t


def _has_cells(row: Row) -> bool:
    return any(t.kind in {"text", "blank"} for t in row.tokens)


def _continues(label: str, text: str) -> bool:
    return label.count("(") > label.count(")") or (text.endswith(")") and "(" not in text)


def collect(
    cells: list[Cell],
    start: int,
    end: int,
    label_of: Callable[[str], str | None],
    is_header: Callable[[str], bool],
) -> tuple[list[Row], bool]:
    """Rows of one region and whether the region ran to the end of the text."""
    rows: list[Row] = []
    current: Row | None = None
    skip_until = -1
    region = cells[start + 1 : end]
    for index, cell in enumerate(region):
        if index <= skip_until:
            continue
        if cell.kind != "text":
            if current is not None:
                current.tokens.append(cell)
            continue
        text = cell.text
        if L.is_value_like(text) or L.is_garbled(text):
            # A garbled cell ("? 0", a character lost by a mirror) still holds its place.
            if current is not None:
                current.tokens.append(cell)
            continue
        key = label_of(text)
        if key is None and not is_header(text):
            # A label wrapped over two lines ("5.要求行政机关确认或重新" + "出具已获取信息").
            after = index + 1
            while after < len(region) and region[after].kind == "gap":
                after += 1
            following = region[after] if after < len(region) else None
            if (
                following is not None
                and following.kind == "text"
                and not L.is_value_like(following.text)
                and label_of(following.text) is None
            ):
                key = label_of(text + following.text)
                if key is not None:
                    skip_until = after
        if key is not None:
            if current is not None:
                current.closed = True
            if key.startswith("group:"):
                current = None
                continue
            current = Row(key, label_line=cell.line, label=text)
            rows.append(current)
            continue
        if L.BLOCK_TITLE.match(L.compact(text)) or is_header(text):
            if current is not None:
                current.closed = True
                current = None
        elif _is_noise_anchor(text) and current is not None:
            # Unrecognised label-like text ends the row — unless it visibly continues the
            # label wrapped over lines ("…只计这一情形," + "不计其他情形)").
            wrapped = _continues(current.label, text) or (
                label_of(current.label + text) == current.key
            )
            if _has_cells(current) or not wrapped:
                current.closed = True
                current = None
            else:
                current.tokens.clear()  # empty lines around the label's tail separate nothing
        elif current is not None and _has_cells(current):
            # Prose after a row's cells: the table went on no further than this row.
            current.closed = True
            current = None
    ran_to_end = end == len(cells)
    if current is not None and not ran_to_end:
        current.closed = True
    return rows, ran_to_end


# -- sections -----------------------------------------------------------------------------


def _own_labels(
    labels: Sequence[tuple[str | None, str]], tuned: Callable[[str], str | None]
) -> dict[str, str]:
    """A format's official labels (core form → key) that the tuned label rules do not know.

    The rules of ``labels`` recognise the national formats' labels with the variants real pages
    print; a label only a newer format has is recognised as the format states it.
    """
    out: dict[str, str] = {}
    for key, official in labels:
        label = normalize(official)
        if tuned(label) is None:
            out[L.core(label)] = key or f"group:{L.core(label)}"
    return out


def read_proactive(
    cells: list[Cell], span: tuple[int, int], fmt: ReportFormat, tables: Tables
) -> None:
    known = fmt.proactive_rows
    own = _own_labels([(key, row.label) for key, (_, row) in known.items()], L.proactive_label)

    def label_of(text: str) -> str | None:
        return L.proactive_label(text) or own.get(L.core(text))

    rows, ran_to_end = collect(cells, span[0], span[1], label_of, L.is_proactive_header)
    money = {
        key for key, (block, _) in known.items() if any(c.kind == "money" for c in block.columns)
    }
    units = _money_units(cells[span[0] : span[1]], label_of, money)
    spaced = spaced_layout(cells[span[0] : span[1]])
    found: dict[str, dict[str, Value]] = {}
    for row in _filled(rows):
        if row.key not in known or row.key in found:
            continue
        block, _ = known[row.key]
        columns = [(c.key, c.kind, units.get(row.key, ""), c.unit) for c in block.columns]
        values = place(
            row,
            columns,
            f"proactive.{row.key}",
            tables.findings,
            spaced=spaced,
            spans=tables.spans,
        )
        if values is not None:
            found[row.key] = {c.key: v for c, v in zip(block.columns, values, strict=True)}
    tables.proactive = _keep(found, list(known), "proactive", tables, ran_to_end)


def _money_units(
    cells: list[Cell], label_of: Callable[[str], str | None], money_rows: set[str]
) -> dict[str, str]:
    """The unit a money column's header states (单位：万元 …), by row key."""
    units: dict[str, str] = {}
    pending = ""
    for cell in cells:
        text = L.compact(cell.text)
        if "金额" in text:
            pending = "万元" if "万元" in text else ("元" if "元" in text else "")
        row = label_of(text)
        if row in money_rows and pending:
            units[row] = pending
    return units


def read_applications(
    cells: list[Cell], span: tuple[int, int], fmt: ReportFormat, tables: Tables
) -> None:
    seen_first = False
    own = _own_labels(
        [(line.key, line.label) for line in fmt.application_lines], L.application_label
    )
    # （六）其他处理 is one row in some formats and a group of rows in others.
    other = "3.6" if "3.6" in fmt.application_keys else "group:3.6"

    def label_of(text: str) -> str | None:
        nonlocal seen_first
        key = L.application_label(text) or own.get(L.core(text))
        if key == "3.7" and not seen_first:
            return None  # the 总计 column header, not row 3.7
        if key == "other:3.6":
            key = other
        if key == "1":
            seen_first = True
        return key

    rows, ran_to_end = collect(cells, span[0], span[1], label_of, L.is_application_header)
    columns = [(c.key, "int", "", "") for c in APPLICANT_COLUMNS]
    spaced = spaced_layout(cells[span[0] : span[1]])
    found: dict[str, list[Value]] = {}
    order = list(fmt.application_keys)
    for row in _filled(rows):
        if row.key not in order or row.key in found:
            continue
        values = place(
            row,
            columns,
            f"applications.{row.key}",
            tables.findings,
            sum_check=True,
            spaced=spaced,
            totals=APPLICATION_TOTALS,
            spans=tables.spans,
            runs=tables.runs,
        )
        if values is not None:
            found[row.key] = values
    _confirm_runs(found, fmt, tables)
    tables.applications = _keep(found, order, "applications", tables, ran_to_end)


def _confirm_runs(found: dict[str, list[Value]], fmt: ReportFormat, tables: Tables) -> None:
    """Rows split from figures run together stand only if the table's column relations hold
    where they can be computed (row 3.7 = the result rows; rows 1 + 2 = rows 3.7 + 4): a split
    that satisfies its own row total by coincidence rarely satisfies the columns too."""
    split = {w.removeprefix("applications.") for w in tables.runs if w.startswith("applications.")}
    split &= set(found)
    if not split:
        return
    leaves = fmt.leaf_result_keys
    broken = computable = False
    for c in range(len(APPLICANT_COLUMNS)):
        if "3.7" in found and all(k in found for k in leaves):
            cells = [found[k][c] for k in leaves]
            if found["3.7"][c] is not None and None not in cells:
                computable = True
                broken |= sum(v or 0 for v in cells) != found["3.7"][c]
        if all(k in found for k in ("1", "2", "3.7", "4")):
            a, b, t, f = (found[k][c] for k in ("1", "2", "3.7", "4"))
            if None not in (a, b, t, f):
                computable = True
                broken |= (a or 0) + (b or 0) != (t or 0) + (f or 0)
    confirmed = computable and not broken
    for key in sorted(split):
        if confirmed or all(v == 0 for v in found[key]):
            continue
        del found[key]
        for column in APPLICANT_COLUMNS:
            tables.spans.pop(f"applications.{key}.{column.key}", None)
        tables.findings.append(
            Finding(
                "cell_unreadable",
                f"applications.{key}: figures run together; the table's column totals do not "
                "confirm the split (row left out)",
                f"applications.{key}",
            )
        )


def read_disputes(cells: list[Cell], span: tuple[int, int], tables: Tables) -> None:
    region = cells[span[0] + 1 : span[1]]
    width = len(DISPUTE_COLUMNS) * len(DISPUTE_GROUPS)
    # The numbers are the first run of value and blank cells after the last header text;
    # blanks trailing a header row ("行政复议 | 行政诉讼 | ||||") are dropped by the restart.
    tokens: list[Cell] = []
    ended = False
    header_line = -1

    def cells_in(tokens: list[Cell]) -> int:
        return sum(1 for t in tokens if t.kind != "gap")

    for cell in region:
        if cell.kind == "spacer" or (cell.kind == "blank" and cell.line == header_line):
            continue
        if cell.kind == "text" and not L.is_value_like(cell.text):
            if cells_in(tokens) >= width or any(t.kind == "text" for t in tokens):
                ended = True
                break
            tokens = []
            header_line = cell.line
            continue
        tokens.append(cell)
    if not any(t.kind == "text" for t in tokens) and cells_in(tokens) < width:
        if span[1] < len(cells) or ended:
            tables.findings.append(
                Finding(
                    "tables_missing",
                    "section 四: the table's numbers are not in the text",
                    "disputes",
                )
            )
        elif region:
            tables.findings.append(
                Finding(
                    "truncated", "disputes: the text stops before the table's numbers", "disputes"
                )
            )
        return
    closed = ended or span[1] < len(cells) or cells_in(tokens) >= width
    row = Row("disputes", tokens, closed=closed)
    columns = [(f"{g.key}.{c.key}", "int", "", "") for g in DISPUTE_GROUPS for c in DISPUTE_COLUMNS]
    values = place(
        row,
        columns,
        "disputes",
        tables.findings,
        spaced=spaced_layout(region),
        totals=DISPUTE_TOTALS,
        spans=tables.spans,
    )
    if values is None:
        return
    n = len(DISPUTE_COLUMNS)
    tables.disputes = {g.key: values[i * n : (i + 1) * n] for i, g in enumerate(DISPUTE_GROUPS)}


def _filled(rows: list[Row]) -> list[Row]:
    """Rows without a cell are dropped where a row of the same label has some: a heading that
    repeats a row's label above the row (PDF → Markdown conversions), not a blank row."""
    filled = {r.key for r in rows if any(t.kind in {"text", "run"} for t in r.tokens)}
    return [
        r for r in rows if r.key not in filled or any(t.kind in {"text", "run"} for t in r.tokens)
    ]


def _keep[T](
    found: dict[str, T],
    order: list[str],
    section: str,
    tables: Tables,
    ran_to_end: bool,
) -> dict[str, T] | None:
    """The section's rows, or None when its numbers are not in the text."""
    if not found:
        if ran_to_end:
            tables.findings.append(
                Finding("truncated", f"{section}: the text stops before the table's rows", section)
            )
        else:
            tables.findings.append(
                Finding(
                    "tables_missing", f"{section}: the table's numbers are not in the text", section
                )
            )
        return None
    has_numbers = any(_has_value(v) for v in found.values())
    last = max(order.index(k) for k in found)
    if not has_numbers and len(found) * 2 < last + 1:
        # A few stray labels of a table whose structure and numbers were lost.
        tables.findings.append(
            Finding(
                "tables_missing", f"{section}: the table's numbers are not in the text", section
            )
        )
        return None
    if ran_to_end and last < len(order) - 1:
        tables.findings.append(
            Finding(
                "truncated",
                f"{section}: the text stops after row {order[last]}; later rows are not read",
                section,
            )
        )
    return {k: found[k] for k in order if k in found}


def _has_value(value: object) -> bool:
    if isinstance(value, dict):
        return any(v is not None for v in value.values())
    if isinstance(value, list):
        return any(v is not None for v in value)
    return False


def read_tables(cells: list[Cell], fmt: ReportFormat) -> Tables:
    tables = Tables()
    spans = regions(cells)
    tables.seen = set(spans)
    cells = resolve_bars(cells, spans)
    if "proactive" in spans:
        read_proactive(cells, spans["proactive"], fmt, tables)
    if "applications" in spans:
        read_applications(cells, spans["applications"], fmt, tables)
    if "disputes" in spans:
        read_disputes(cells, spans["disputes"], tables)
    return tables


def resolve_bars(cells: list[Cell], spans: dict[str, tuple[int, int]]) -> list[Cell]:
    """Lines holding only ``|``: separators in a region whose cells stand on lines without a
    pipe of their own (a CMS export's rhythm), blank cells everywhere else."""
    if not any(c.kind == "bar" for c in cells):
        return cells
    separated = [span for span in spans.values() if _bar_separated(cells[span[0] : span[1]])]
    out = [
        replace(c, kind="blank")
        if c.kind == "bar" and not any(a <= i < b for a, b in separated)
        else c
        for i, c in enumerate(cells)
    ]
    for a, b in separated:
        _row_separators(out, a, b)
    return out


def _row_separators(cells: list[Cell], start: int, end: int) -> None:
    """Where no figure is ever followed directly by the next row's label, the bar before each
    label ends a row (a separator), not a blank last cell: it is dropped."""
    before_label: list[int] = []
    direct = 0
    previous = -1
    for i in range(start, end):
        cell = cells[i]
        if cell.kind == "gap":
            continue
        if cell.kind == "text" and not L.is_value_like(cell.text) and previous >= 0:
            if cells[previous].kind == "bar":
                before_label.append(previous)
            elif cells[previous].kind == "text" and L.is_value_like(cells[previous].text):
                direct += 1
        previous = i
    if direct == 0:
        for i in before_label:
            cells[i] = replace(cells[i], kind="gap")


def _bar_separated(region: Sequence[Cell]) -> bool:
    values = [c for c in region if c.kind == "text" and L.is_value_like(c.text)]
    bars = sum(1 for c in region if c.kind == "bar")
    piped = sum(1 for c in values if c.piped)
    return bars > 0 and bool(values) and piped * 10 <= len(values)


def format_cues(cells: list[Cell], formats: Iterable[ReportFormat]) -> dict[str, int]:
    """Votes for each format (by key) from the column headers and row labels (``cues``)."""
    cues = tuple((fmt.key, fmt.cues) for fmt in formats)
    votes = dict.fromkeys((key for key, _ in cues), 0)
    for cell in cells:
        if cell.kind == "text" and len(cell.text) <= CUE_CELL_MAX:
            for key, n in _cue(cell.text, cues):
                votes[key] += n
    return votes


@lru_cache(maxsize=1 << 15)
def _cue(text: str, cues: tuple[tuple[str, tuple[Cue, ...]], ...]) -> tuple[tuple[str, int], ...]:
    t = L.compact(text)
    return tuple((key, sum(_matches(cue, t) for cue in own)) for key, own in cues)


def _matches(cue: Cue, text: str) -> bool:
    if cue.shorter_than is not None and len(text) >= cue.shorter_than:
        return False
    phrases = _phrases(cue)
    return text in phrases if cue.whole else any(phrase in text for phrase in phrases)


@lru_cache(maxsize=256)
def _phrases(cue: Cue) -> tuple[str, ...]:
    """The cue's phrases as the reader compares text: normalised, without spaces."""
    return tuple(L.compact(normalize(phrase)) for phrase in cue.phrases)


def guess_format(votes: dict[str, int], formats: Iterable[ReportFormat]) -> ReportFormat | None:
    """The format with the most votes (a tie goes to the older), or None without any vote."""
    best = max(formats, key=lambda fmt: (votes.get(fmt.key, 0), -fmt.first_year))
    return best if votes.get(best.key, 0) else None

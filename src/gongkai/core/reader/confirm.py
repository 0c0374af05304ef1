"""Rows decided by their place and by the table's column relations.

A row whose label the page lost takes the one key its neighbours leave for it; figures split
from figures run together stand only where a column relation of section 三 confirms them
(row 3.7 = the result rows; rows 1 + 2 = rows 3.7 + 4), and a relation with one figure left
undecided decides it, where the row's split allows that figure.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from operator import itemgetter

from gongkai.core.reader.rows import UNLABELED, Finding, Row, Runs, Tables
from gongkai.core.report.formats import APPLICANT_COLUMNS, ReportFormat
from gongkai.core.report.model import Cell as Value


def confirm_runs(found: dict[str, list[Value]], fmt: ReportFormat, tables: Tables) -> None:
    """A figure split from figures run together stands only if a column relation of the table
    confirms it too (row 3.7 = the result rows; rows 1 + 2 = rows 3.7 + 4; a printed blank
    counts 0): a split that meets its own row total by coincidence rarely meets the column's.
    A relation with one figure undecided decides it, if the split allows that figure.
    Unconfirmed figures are left blank, said so."""
    mine = {
        w.removeprefix("applications."): run
        for w, run in tables.runs.items()
        if w.startswith("applications.")
    }
    runs = {key: run for key, run in mine.items() if key in found and run[1]}
    if not runs:
        return
    # A row no reading without blanks fits shows that this table hides blank cells: then a
    # reading is not narrowed or solved from the others (the true one may need a blank).
    hidden_blanks = any(not run[1] for run in mine.values())
    relations = [(list(fmt.leaf_result_keys), ["3.7"]), (["1", "2"], ["3.7", "4"])]
    relations = [(p, t) for p, t in relations if all(k in found for k in p + t)]
    if not hidden_blanks:
        _narrow(found, runs, relations, tables.spans)
    good: set[tuple[str, int]] = set()
    bad: set[tuple[str, int]] = set()
    solved: list[tuple[str, int]] = []
    changed = True
    while changed:
        changed = False
        for parts, totals in relations:
            for c in range(len(APPLICANT_COLUMNS)):
                rows = parts + totals
                unknown = [k for k in rows if k in runs and found[k][c] is None]
                unknown = [k for k in unknown if None not in runs[k][1][c]]  # not a pinned blank
                if (
                    not hidden_blanks
                    and len(unknown) == 1
                    and (k := unknown[0])
                    and _solve(found, runs, parts, totals, k, c)
                ):
                    solved.append((k, c))
                    changed = True
                if unknown and not (len(unknown) == 1 and found[unknown[0]][c] is not None):
                    continue
                holds = sum(found[k][c] or 0 for k in parts) == sum(
                    found[k][c] or 0 for k in totals
                )
                (good if holds else bad).update((k, c) for k in rows if k in runs)
    for key in sorted(runs):
        values = found[key]
        if all(v == 0 for v in values):
            continue  # a row of zeros has one reading
        doubtful = [
            c for c, v in enumerate(values)
            if v is not None and ((key, c) not in good or (key, c) in bad)
        ]  # fmt: skip
        for c in doubtful:
            values[c] = None
            tables.spans.pop(f"applications.{key}.{APPLICANT_COLUMNS[c].key}", None)
        if doubtful:
            tables.findings.append(
                Finding(
                    "cell_unreadable",
                    f"applications.{key}: figures run together; the table's column totals do "
                    f"not confirm {', '.join(APPLICANT_COLUMNS[c].key for c in doubtful)} "
                    "(left blank)",
                    f"applications.{key}",
                )
            )
    for key, c in solved:
        if found[key][c] is not None and (key, c) in good and (key, c) not in bad:
            run, options, _ = runs[key]
            piece, at = next(o for o in options[c] if o is not None and int(o[0]) == found[key][c])
            if run.start >= 0:
                spans = tables.spans
                spans[f"applications.{key}.{APPLICANT_COLUMNS[c].key}"] = (
                    run.start + at,
                    run.start + at + len(piece),
                )


def row_adds_up(values: list[Value]) -> bool:
    parts = [v for v in values[:-1] if v is not None]
    return values[-1] is not None and sum(parts) == values[-1]


def _narrow(
    found: dict[str, list[Value]],
    runs: Runs,
    relations: list[tuple[list[str], list[str]]],
    spans: dict[str, tuple[int, int]],
) -> None:
    """Drop the readings of undecided rows that no value of the other rows can balance in a
    column relation (bounds of each other row's possible figures), until nothing changes;
    a figure all remaining readings share is decided. Sound: the true reading always stays."""
    options: dict[str, list[tuple[int, ...]]] = {}
    pieces: dict[tuple[str, tuple[int, ...]], tuple[str | None, ...]] = {}
    for key, (_, columns, readings) in runs.items():
        if any(len(c) > 1 for c in columns) and readings and all(None not in r for r in readings):
            options[key] = []
            for r in readings:
                values = tuple(int(p) for p in r if p is not None)
                options[key].append(values)
                pieces[key, values] = r
    if not options:
        return
    n = len(APPLICANT_COLUMNS)

    def bounds(key: str, c: int) -> tuple[int, int]:
        if key in options:
            values = [r[c] for r in options[key]]
            return min(values), max(values)
        v = found[key][c]
        return (int(v or 0),) * 2

    changed = True
    while changed:
        changed = False
        for key in list(options):
            kept = []
            for reading in options[key]:
                fits = True
                for parts, totals in relations:
                    if key not in parts and key not in totals:
                        continue
                    mine, theirs = (parts, totals) if key in parts else (totals, parts)
                    for c in range(n):
                        low = sum(bounds(k, c)[0] for k in theirs) - sum(
                            bounds(k, c)[1] for k in mine if k != key
                        )
                        high = sum(bounds(k, c)[1] for k in theirs) - sum(
                            bounds(k, c)[0] for k in mine if k != key
                        )
                        if not low <= reading[c] <= high:
                            fits = False
                            break
                    if not fits:
                        break
                if fits:
                    kept.append(reading)
            if kept and len(kept) < len(options[key]):
                options[key] = kept
                changed = True
    for key, left in options.items():
        start = runs[key][0].start
        for c in range(n):
            # Decided: one figure at one place of the run in every reading left.
            places: set[tuple[int, int, int]] = set()
            for choice in left:
                printed = pieces[key, choice]
                offset = sum(len(p or "") for p in printed[:c])
                places.add((choice[c], offset, len(printed[c] or "")))
            if len(places) == 1 and found[key][c] is None:
                figure, at, length = places.pop()
                found[key][c] = figure
                if start >= 0:
                    spans[f"applications.{key}.{APPLICANT_COLUMNS[c].key}"] = (
                        start + at,
                        start + at + length,
                    )


def _solve(
    found: dict[str, list[Value]],
    runs: Runs,
    parts: list[str],
    totals: list[str],
    key: str,
    c: int,
) -> bool:
    """Decide ``found[key][c]`` from the relation, if the split of its row allows that figure."""

    def known(keys: list[str]) -> int | Decimal:
        return sum((found[k][c] or 0 for k in keys if k != key), 0)

    value = known(totals) - known(parts) if key in parts else known(parts) - known(totals)
    allowed = {int(o[0]) for o in runs[key][1][c] if o is not None}
    if not isinstance(value, int) or value not in allowed:
        return False
    found[key][c] = value
    return True


def by_position(
    rows: list[Row],
    order: list[str],
    section: str,
    findings: list[Finding],
    width: Callable[[str], int],
) -> list[Row]:
    """Rows whose label was lost take the one key their neighbours leave for them (the row
    between 规范性文件's predecessor and successor…); otherwise they are left out, said so."""
    out: list[Row] = []
    labeled = {r.key for r in rows if r.key != UNLABELED}
    for i, row in enumerate(rows):
        if row.key != UNLABELED:
            out.append(row)
            continue
        if not any(t.kind == "text" for t in row.tokens):
            continue  # an empty line of blank cells
        before = next((r.key for r in reversed(rows[:i]) if r.key in order), None)
        after = next((r.key for r in rows[i + 1 :] if r.key in order), None)
        low = order.index(before) + 1 if before else 0
        high = order.index(after) if after else len(order)
        between = [k for k in order[low:high] if k not in labeled]
        if len(between) == 1 and (after is not None or high - low == 1):
            row.key = between[0]
            row.by_position = True
            labeled.add(row.key)
            kept = [t for t in row.tokens if t.kind not in {"gap", "spacer"}]
            if len(kept) == width(row.key) + 1 and kept[0].kind == "blank":
                row.tokens.remove(kept[0])  # the lost label's own cell
            out.append(row)
            continue
        raw = " ".join(t.text or "□" for t in row.tokens if t.kind not in {"spacer", "gap"})
        findings.append(
            Finding(
                "cell_unreadable",
                f"{section}: a row without its label after {before or 'the header'}; "
                "its place does not tell which row it is (left out)",
                section,
                raw,
            )
        )
    return out


def filled(rows: list[Row]) -> list[Row]:
    """Rows without a cell are dropped where a row of the same label has some: a heading that
    repeats a row's label above the row (PDF → Markdown conversions), not a blank row."""
    has = [not _FIGURES.isdisjoint(map(_KIND, r.tokens)) for r in rows]
    filled = {r.key for r, cells in zip(rows, has, strict=True) if cells}
    return [r for r, cells in zip(rows, has, strict=True) if r.key not in filled or cells]


_FIGURES = frozenset({"text", "run"})
_KIND = itemgetter(1)  # a cell's kind

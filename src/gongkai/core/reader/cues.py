"""Which report format a text follows, by its column headers and row labels (a format's
``cues``), told in the same pass that finds the text cells that may open a region."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from gongkai.core.reader import known as K
from gongkai.core.reader import labels as L
from gongkai.core.reader import wording as W
from gongkai.core.reader.cells import Cell
from gongkai.core.reader.normalize import normalize
from gongkai.core.reader.rows import Finding, Row
from gongkai.core.report.formats import CUE_CELL_MAX, FORMATS, Cue, ReportFormat


def under_other_form(
    cells: list[Cell],
    span: tuple[int, int],
    rows: list[Row],
    fmt: ReportFormat,
    findings: list[Finding],
) -> set[str]:
    """The keys of the rows printed under a column header that is not their form's (a page
    mixing the two forms: "本年新 | 本年新 | 对外公开总数量" over 规章 in a 2021 report,
    "本年处理决定数量" over 行政许可 in a 2019 one; or one header where the form's block has
    more columns, "处理决定数量" alone over 行政许可 in a 2019 one): their columns are not this
    form's — left out, said so."""
    classify = _classifier_for(FORMATS.values())
    marks: list[tuple[int, str]] = []  # (line, a header not this form's; "" for a block's title)
    headers: list[Cell] | None = None  # a block's header cells, from its title to its first row
    for cell in cells[span[0] : span[1]]:
        if cell.kind != "text":
            continue
        found = classify(cell.text)
        if found is not None and (found[0] is not None or found[1]):
            # (a header of another form only: one the forms share is this form's too)
            other = bool(found[1]) and all(key != fmt.key for key, _ in found[1])
            if other or L.is_block_title(cell.text):
                marks.append((cell.line, cell.text if other else ""))
                headers = None if other else []
                continue
        if headers is None:
            continue
        if (key := L.proactive_label(cell.text)) is not None:
            if len(headers) == 1 and _one_of_more(headers[0].text, key, fmt):
                marks.append((headers[0].line, headers[0].text))
            headers = None
        elif L.is_proactive_header(cell.text) or _header_like(cell.text):
            # (any words where headers stand: a page clips them, "本年发件" for 本年制发件数)
            headers += [] if L.compact(cell.text) == "信息内容" else [cell]
    if not any(text for _, text in marks):
        return set()  # (most pages: one form's headers only)
    out: set[str] = set()
    for row in rows:
        above = [text for line, text in marks if line < row.label_line]
        if above and above[-1] and row.key not in out:
            out.add(row.key)
            where = f"proactive.{row.key}"
            zh = f"{W.place(where)}：位于另一种格式的列标题{W.quote(above[-1])}之下，该行未读取"
            en = f"{where}: printed under a header not of its form ({above[-1]!r}); left out"
            findings.append(Finding("cell_unreadable", zh, en, where))
    return out


def _header_like(text: str) -> bool:
    """Short words, no figure: a column header as a page may clip it."""
    words = L.compact(text)
    return 2 <= len(words) <= _HEADER_MAX and not any(c.isdigit() for c in words)


_HEADER_MAX = 12  # (本年制发件数, 本年收费金额(单位:万元): longer words are a sentence)


def _one_of_more(header: str, key: str, fmt: ReportFormat) -> bool:
    """Whether one header cell stands over a block of more columns, naming one of them at most
    (not the block's headers run together into one cell)."""
    known = K.known(fmt).proactive
    if key not in known or len(known[key][0].columns) < 2:
        return False
    block = known[key][0]
    text = L.compact(header)
    return sum(L.compact(c.label) in text for c in block.columns) <= 1


def format_cues(cells: list[Cell], formats: Iterable[ReportFormat]) -> dict[str, int]:
    """Votes for each format (by key) from the column headers and row labels (``cues``)."""
    return scan(cells, formats)[0]


_Classify = Callable[[str], tuple[L.Opening | None, tuple[tuple[str, int], ...]] | None]


def scan(
    cells: list[Cell], formats: Iterable[ReportFormat]
) -> tuple[dict[str, int], list[tuple[int, L.Opening]]]:
    """The format cues' votes (``format_cues``) and the text cells that may open a region (for
    ``regions``), told in one pass over the cells: each text is classified once for both."""
    formats = tuple(formats)
    classify = _classifier_for(formats)
    votes = dict.fromkeys((fmt.key for fmt in formats), 0)
    # Few texts open anything or cue a format: every cell is classified in C loops (the other
    # kinds too, blanks and separators: a memo hit each, cheaper than a Python test of the
    # kind), and only the few marked are looked at here, those of the other kinds passed over.
    found = list(map(classify, map(_TEXT, cells)))
    openers: list[tuple[int, L.Opening]] = []
    for i, (opens, cued) in zip(
        compress(range(len(found)), found), filter(None, found), strict=True
    ):
        if cells[i].kind != "text":
            continue
        if opens is not None:
            openers.append((i, opens))
        for key, n in cued:
            votes[key] += n
    return votes, openers


_CLASSIFIERS: dict[tuple[str, ...], _Classify] = {}


def _classifier_for(formats: Iterable[ReportFormat]) -> _Classify:
    """The classifier of a set of formats (their cues hashed once per set, not once per cell)."""
    formats = tuple(formats)
    keys = tuple(fmt.key for fmt in formats)
    classify = _CLASSIFIERS.get(keys)
    if classify is None:
        cues = tuple((fmt.key, fmt.cues) for fmt in formats)
        classify = _CLASSIFIERS[keys] = _classifier(_cue_table(cues))
    return classify


_TEXT = attrgetter("text")


def _classifier(
    cue: Callable[[str], tuple[tuple[str, int], ...]],
) -> _Classify:
    @L.memo
    def classify(text: str) -> tuple[L.Opening | None, tuple[tuple[str, int], ...]] | None:
        """What the text opens and the cues it holds; None for neither (most texts)."""
        opens = L.opening(text)
        cued = cue(text) if len(text) <= CUE_CELL_MAX else ()
        return None if opens is None and not cued else (opens, cued)

    return classify


def _cue_table(
    cues: tuple[tuple[str, tuple[Cue, ...]], ...],
) -> Callable[[str], tuple[tuple[str, int], ...]]:
    @L.memo
    def cue(text: str) -> tuple[tuple[str, int], ...]:
        t = L.compact(text)
        return tuple((key, n) for key, own in cues if (n := sum(_matches(cue, t) for cue in own)))

    return cue


def _matches(cue: Cue, text: str) -> bool:
    if cue.shorter_than is not None and len(text) >= cue.shorter_than:
        return False
    phrases = _phrases(cue)
    return text in phrases if cue.whole else any(phrase in text for phrase in phrases)


@lru_cache(maxsize=256)
def _phrases(cue: Cue) -> tuple[str, ...]:
    """The cue's phrases as the reader compares text: normalised, without spaces."""
    return tuple(L.compact(normalize(phrase)) for phrase in cue.phrases)


# The distinct row labels that open section 三 where nothing else does (a list in prose,
# "（一）予以公开12件", names fewer), or its last row's alone ("四、结转下年度继续办理", which
# no prose prints as a line of its own).
_ROWS_OPENING = 3
_LAST_ROW = "4"


def _opened_by_rows(cells: list[Cell], starts: dict[str, int]) -> int:
    """Where section 三's rows start in a text that lost its heading and column headers (an
    excerpt beginning inside the table, "（四）无法提供 | 1.本机关不掌握… | 87 | …"): the first
    of its row labels, between section 二's start and section 四's, where several are printed
    or the last row's; 0 for none (nor where the text's first cell is one: nothing before it to
    open the region at)."""
    begin = starts.get("proactive", 0) + 1
    end = starts.get("disputes", len(cells))
    first = 0
    keys: set[str] = set()
    for i in range(begin, end):
        cell = cells[i]
        key = L.application_label(cell.text) if cell.kind == "text" else None
        if (
            key is None
            or key.startswith("group:")
            or (key == "3.7" and L.compact(cell.text) == "总计")
        ):
            continue  # (… and "总计" alone may be the column's header)
        first = first or i
        keys.add(key)
        if len(keys) >= _ROWS_OPENING or key == _LAST_ROW:
            return first
    return 0


def guess_format(
    votes: dict[str, int], formats: Iterable[ReportFormat], year: int | None = None
) -> ReportFormat | None:
    """The format with the most votes, or None without any vote. A tie (a page mixing the two
    forms' headers) goes to the one in force for ``year``, the text's, else to the older."""
    best = max(
        formats,
        key=lambda fmt: (
            votes.get(fmt.key, 0),
            year is not None and fmt.first_year <= year,
            -fmt.first_year if year is None else fmt.first_year,
        ),
    )
    return best if votes.get(best.key, 0) else None


def regions(
    cells: list[Cell], openers: list[tuple[int, L.Opening]] | None = None
) -> tuple[dict[str, tuple[int, int]], set[str]]:
    """Start and end index of each section's region in ``cells``, and the sections the text
    begins inside of (opened by their rows' labels: no heading, no header printed before them).
    ``openers``: the text cells that may open something, with what (``scan`` lists them with
    the format cues)."""
    starts: dict[str, int] = {}
    after: list[int] = []
    if openers is None:
        # Few texts open anything: they are picked out first, in one pass (a comprehension).
        opening = L.opening
        openers = [
            (i, opens) for i, cell in enumerate(cells)
            if cell.kind == "text" and (opens := opening(cell.text)) is not None
        ]  # fmt: skip
    for i, (section, block, applications, disputes) in openers:
        if section == "after":
            after.append(i)
            continue
        if section and section not in starts:
            starts[section] = i
            continue
        if "proactive" not in starts and block:
            starts["proactive"] = i
        elif "applications" not in starts and applications:
            starts["applications"] = i
        elif (
            "disputes" not in starts
            and "applications" in starts
            and disputes
            and any(L.compact(c.text) in {"行政诉讼", "结果维持"} for c in cells[i + 1 : i + 4])
        ):
            starts["disputes"] = i
    by_rows = "applications" not in starts and _opened_by_rows(cells, starts)
    if by_rows:
        starts["applications"] = by_rows - 1  # (a region holds the cells after its start)
    ordered = sorted(starts.items(), key=lambda item: item[1])
    out: dict[str, tuple[int, int]] = {}
    for n, (section, start) in enumerate(ordered):
        end = ordered[n + 1][1] if n + 1 < len(ordered) else len(cells)
        if by_rows and end == by_rows - 1:
            end = by_rows  # (… and the region before it holds the cell before its first label)
        end = min([a for a in after if start < a < end] + [end])
        out[section] = (start, end)
    return out, {"applications"} if by_rows else set()

"""The reader: any published annual report (text, HTML, DOCX, PDF, a scan) back into checked data.

``read_bytes(data, name)`` and ``read_text(text)`` return a ``Reading``: the report in the
``gongkai/annual-report@1`` form (agency, year, format, the tables found) and ``issues`` —
reader findings (``tables_missing``, ``truncated``, ``cell_unreadable``, ``format_guessed``,
``agency_unknown``, ``not_a_report``, ``scanned_pdf``, ``unreadable_file``, ``too_large``,
``year_guessed``, ``year_given``, ``year_doubtful``, ``unit_assumed``, ``format_unknown``,
``row_not_in_form`` (``rows.CODES`` lists them all); for a scan read by OCR ``ocr`` and
``ocr_unsure``) and every check finding of the report core. Each says in Chinese (``message``,
naming places by the form's labels: ``wording``) what ``message_en`` says in
English. The reader never raises on bad input: it returns findings.
Files are bounded in size, inflated size and pages before they are parsed (``sources``).
A scan (a PDF with no text layer, PNG/JPEG/TIFF) is read by OCR (``ocr``) when the ``ocr`` extra
is installed. ``year`` (the caller's ``--year``, else a year in the file's name) is used only
when the text prints none."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from gongkai.core.reader import cells as C
from gongkai.core.reader import honesty, ocr, wording
from gongkai.core.reader.cleaning import unindented
from gongkai.core.reader.fields import period_year, published_year
from gongkai.core.reader.labels import compact
from gongkai.core.reader.meta import find_agency, find_year, talked_of, year_cited
from gongkai.core.reader.narrative import narrative_findings
from gongkai.core.reader.normalize import (
    decode,
    normalize,
    source_offsets,
    utf16_without_bom,
)
from gongkai.core.reader.oneline import source_offset, unflatten
from gongkai.core.reader.parse import Finding, Tables, guess_format, read_tables, scan
from gongkai.core.reader.sources import DocumentTooLarge, check_pdf, check_size, check_zip
from gongkai.core.report import Report, check
from gongkai.core.report.formats import FORMATS, format_for_year
from gongkai.core.report.model import SCHEMA_ID, dumps

UNKNOWN_AGENCY = "（未识别）"
_FIGURE_CHARS = "0123456789.,+-"
# The year assumed for a text that states none and shows no format's cue.
DEFAULT_YEAR = 2021


@dataclass
class Reading:
    report: Report | None
    findings: list[Finding] = field(default_factory=list)
    check_findings: list[Any] = field(default_factory=list)
    source: str | None = None
    # Check findings that involve a cell the reader doubts (kept apart: not the publisher's).
    doubted_checks: list[Any] = field(default_factory=list)
    # "section.row.column" → (start, end): where each returned figure stands in ``text``.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    # The text the spans point into: a plain text as read (normalised), or as given where
    # normalising shortened it (its figures moved); for HTML, DOCX, PDF their cells by line.
    text: str = ""

    @property
    def coverage(self) -> str:
        """full / partial / tables_missing / not_a_report, for summaries."""
        report = self.report
        return honesty.coverage(
            report is not None,
            self.findings,
            report is not None and bool(report.applications or report.proactive or report.disputes),
        )

    @property
    def read_by_ocr(self) -> bool:
        """Read from a scan by OCR: every number is an OCR reading (a summary category)."""
        return honesty.read_by_ocr(self.findings)

    def issues(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = [f.to_dict() for f in self.findings]
        for doubted, findings in ((False, self.check_findings), (True, self.doubted_checks)):
            for f in findings:
                out.append(
                    {
                        "code": f.code,
                        "level": f.level,
                        "where": f.where,
                        "expected": f.expected,
                        "actual": f.actual,
                        "message": f.message,
                        "message_en": f.message_en,
                    }
                    | ({"reader_doubt": True} if doubted else {})
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        if self.report is None:
            out: dict[str, Any] = {"schema": SCHEMA_ID, "issues": self.issues()}
        else:
            out = self.report.to_dict()
            out["issues"] = self.issues()
        if self.source is not None:
            out = {"source": self.source, **out}
        return out

    def to_json(self, indent: int | None = 1) -> str:
        return dumps(self.to_dict(), indent=indent)


def read_text(
    text: str, *, html: bool | None = None, source: str | None = None, year: int | None = None
) -> Reading:
    """Read a report from text (plain text as copied from a page, or HTML).

    ``year`` is the caller's hint (``--year``, a file name), used when the text prints none.
    """
    given = text
    text = normalize(text)
    read = len(text)
    shortened = read != len(given)
    # A text that ends in a figure was cut inside it ("…| 0.0001" → "…| 0"): a whole page ends
    # with a line break, a separator or a tag. Drop the figure rather than read a wrong one.
    text = text.rstrip(_FIGURE_CHARS)
    is_html = C.looks_like_html(text) if html is None else html
    if is_html:
        text = _html_cut(text)
    # (a page whose tables lost their line breaks: cut again at the forms' words)
    cut, inserted = (text, []) if is_html else unflatten(text)
    cells = C.html_cells(text) if is_html else C.text_cells(cut)
    plain = "\n".join(c.text for c in cells) if is_html else cut
    reading = _read(cells, plain, source, year)
    if inserted:
        reading.text = text
        reading.spans = {
            k: (source_offset(inserted, s), source_offset(inserted, e))
            for k, (s, e) in reading.spans.items()
        }
    offsets = source_offsets(given, read) if shortened and not is_html else None
    if offsets is not None:
        # Spans in the text given: a mirror's pinyin, deleted to read, moved the figures.
        reading.text = given
        reading.spans = {k: (offsets[s], offsets[e - 1] + 1) for k, (s, e) in reading.spans.items()}
    return reading


def _html_cut(text: str) -> str:
    """An HTML page as far as its end is known: a tag it was cut inside, and tags opened at its
    very end, are dropped with a figure they leave cut.

    Cut inside a tag ("…<td>1633</td><td></"), what is left of the tag is no text (as text it
    would end the row as if the table went no further). Cut right after a cell's opening tag
    ("…<td class="num">", or "<td>16" less its figures), the cell's content is not in the
    text: as an empty cell it would read as a blank, completing a row the page never finished.
    """
    while True:
        if text.rfind("<") > text.rfind(">"):
            text = text[: text.rfind("<")].rstrip(_FIGURE_CHARS)
        end = text.rstrip()
        opened = end.rfind("<")
        if opened < 0 or not end.endswith(">") or end[opened + 1 : opened + 2] in {"/", "!"}:
            return text
        text = end[:opened].rstrip(_FIGURE_CHARS)


def read_bytes(
    data: bytes, name: str = "", *, source: str | None = None, year: int | None = None
) -> Reading:
    """Read a report from a file's bytes; the kind is told by content, then by name."""
    year = year or year_in_name(name)
    try:
        check_size(data)
        if data.startswith(b"%PDF"):
            check_pdf(data)
            return _read_pdf(data, source, year)
        if data.startswith(b"PK\x03\x04"):
            check_zip(data)
            cells = C.docx_cells(data)
            cells = [C.Cell(normalize(c.text), c.kind, c.line, c.first, c.last) for c in cells]
            return _read(cells, "\n".join(c.text for c in cells), source, year)
        if ocr.looks_like_image(data):
            return _read_scan(ocr.file_images, data, source, year)
    except DocumentTooLarge as exc:
        return Reading(None, [Finding("too_large", exc.zh, str(exc))], source=source)
    except Exception as exc:  # a damaged file of any library's making: report, don't raise
        # (the library's words, in English, only in message_en)
        said = ("文件无法打开：文件已损坏，或不是可读取的格式",
                f"cannot open the file: {type(exc).__name__}: {exc}")  # fmt: skip
        return Reading(None, [Finding("unreadable_file", *said)], source=source)
    if (
        b"\x00" in data[:1024]
        and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
        and not utf16_without_bom(data)
    ):
        said = ("文件是二进制数据，不是年度报告", "binary data, not a report")
        return Reading(None, [Finding("not_a_report", *said)], source=source)
    return read_text(
        decode(data),
        html=name.lower().endswith((".html", ".htm")) or None,
        source=source,
        year=year,
    )


_NAME_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def year_in_name(name: str) -> int | None:
    """The year a file's name gives ("瓯海区2020年报.txt", "report-2021.pdf"), if one: used only
    when the text prints none."""
    years = {int(y) for y in _NAME_YEAR.findall(name.rsplit("/", 1)[-1]) if 2008 <= int(y) <= 2100}
    return years.pop() if len(years) == 1 else None


def _read_pdf(data: bytes, source: str | None, year: int | None) -> Reading:
    cells = C.pdf_cells(data)
    if not any(c.text.strip() for c in cells):
        return _read_scan(ocr.pdf_images, data, source, year)
    cells = [C.Cell(normalize(c.text), c.kind, c.line, c.first, c.last) for c in cells]
    return _read(cells, "\n".join(c.text for c in cells), source, year)


def _read_scan(
    images: Callable[[bytes], list[Any]], data: bytes, source: str | None, year: int | None
) -> Reading:
    """A scan (a PDF of page images, or an image file): OCR, then the text parser."""
    pages = images(data) if ocr.available() else []
    scan = ocr.read_images(pages) if pages else None
    if scan is None or not scan.text.strip():
        why, why_zh = (
            ("no text was found on its pages", "各页未识别出文字")
            if pages
            else ("its pages hold no image", "各页没有图像")
            if ocr.available()
            else ("the `ocr` extra is not installed", "本系统未安装文字识别组件")
        )
        return Reading(
            None,
            [
                Finding(
                    "scanned_pdf",
                    f"扫描件没有文字层（{why_zh}）：扫描件须经文字识别才能读取，"
                    "请使用已发布的网页或经文字识别的副本",
                    f"a scan with no text layer ({why}): scanned PDFs are not read without "
                    "OCR; use the published web page or an OCR'd copy",
                )
            ],
            source=source,
        )
    reading = read_text(scan.text, html=False, source=source, year=year)
    _doubt_money_points(reading)
    reading.findings[:0] = [
        Finding(
            "ocr",
            f"扫描件共{scan.pages}页，经文字识别读取：所有数字均为识别结果（可信度较低），"
            "请与扫描件逐一核对",
            f"a scan of {scan.pages} page(s) read by OCR: every number is an OCR reading "
            "(lower confidence); check them against the scan",
        ),
        *scan.findings,
    ]
    return reading


def _read(cells: list[C.Cell], text: str, source: str | None, hint: int | None = None) -> Reading:
    if cells and cells[0].start < 0:
        cells = C.with_offsets(cells)  # cells rebuilt after normalising (DOCX, PDF)
    findings: list[Finding] = []
    year = find_year(text)
    if year is None and hint is not None:
        year = hint
        findings.append(
            Finding(
                "year_given",
                f"报告未写明报告年度，采用指定的{hint}年度",
                f"no reporting year printed; {hint} taken from the caller",
                "year",
            )
        )
    dated = published_year(text) if year is None else None
    period = period_year(text) if year is not None else None
    if period is not None and period != year:
        # (a template's leftover in the title or in the period: which, only a reader can tell)
        findings.append(
            Finding(
                "year_doubtful",
                f"标题所示为{year}年度，正文所述统计期限却是{period}年度（以标题为准，请核对）",
                f"the title says {year} but the period stated is {period}'s (the title's taken)",
                "year",
            )
        )
    elif year is not None and period == year and (talked := talked_of(text, year)):
        # (the period a leftover of last year's report, or the sentences: a reader tells)
        findings.append(
            Finding(
                "year_doubtful",
                f"统计期限所示为{year}年度，正文却多处写{talked}年（以统计期限为准，请核对）",
                f"the period stated is {year}'s but the sentences talk of {talked} "
                "(the period's taken)",
                "year",
            )
        )
    formats = list(FORMATS.values())
    votes, openers = scan(cells, formats)  # (one pass for the cues and the regions)
    # With no year printed nor a page's date, the year its cited documents name most: kept
    # only where a form is in force for it, the tables' if they are cued (a guess never makes
    # a report's tables its own making: that takes a printed year before the forms).
    cited = year_cited(text) if year is None and dated is None else None
    cued = guess_format(votes, formats, year or dated or cited)
    if cited is not None:
        in_force = format_for_year(cited)
        if cited < in_force.first_year or (cued is not None and in_force is not cued):
            cited = None
    fmt = cued or format_for_year(year or dated or cited or DEFAULT_YEAR)
    # A report under the 2008 条例 (before the 2019 form), printing none of the form's headers,
    # prints tables of its own making ("序号 | 项目 | 数量(条)", "4 | 办事指南类 | 1"): none of
    # their figures is a cell of the form's, though a row may bear a form's label (规范性文件).
    # (… as does one, of any year, whose table prints columns the forms have not: "序号", a
    # numbered list; "类别 | 条数", a count by kind of what it published)
    before_form = year is not None and year < fmt.first_year
    own_columns = _own_columns(cells, text) if cued is None and not before_form else None
    own_making = cued is None and (before_form or own_columns is not None)
    with wording.reading(fmt):  # (the findings name rows by this form's labels)
        tables: Tables = Tables() if own_making else read_tables(cells, fmt, openers, text)
    if not tables.seen and "政府信息公开" not in text and not _tells_of_disclosure(text):
        said = ("文本中未找到年度报告的表格或标题",
                "no annual-report tables or headings found in the text")  # fmt: skip
        return Reading(None, [Finding("not_a_report", *said)], source=source)
    if cued is None and (tables.proactive or tables.applications or tables.disputes):
        findings.append(
            Finding(
                "format_guessed",
                f"未找到表格的列标题，按报告年度推定采用《{fmt.name}》（{fmt.issued_by}）",
                f"the column headers were not found; format {fmt.key} assumed from the year",
                "format",
            )
        )
    if year is None:
        year = dated or cited or fmt.implied_year
        said = (
            (f"未找到报告年度，按页面的发布日期推定为{year}年度",
             f"no reporting year found; {year} assumed from the page's date of publication")
            if dated
            else (f"未找到报告年度，按正文所引文件名称中最多的年份推定为{year}年度",
                  f"no reporting year found; {year} assumed: the year its cited documents name")
            if cited
            else (f"未找到报告年度，推定为{year}年度", f"no reporting year found; {year} assumed")
        )  # fmt: skip
        findings.append(Finding("year_guessed", *said, "year"))
    if own_making:
        said = (
            (f"这是{year}年度的报告，早于自{fmt.first_year}年度起适用的《{fmt.name}》，",
             f"a report for {year}, before the {fmt.first_year} form: ")
            if before_form
            else (f"报告的表格未印出任何格式的列标题，而印有本报告自拟的列标题"
                  f"（{wording.quote(own_columns or '')}），",
                  f"its tables print no form's headers but columns of their own ({own_columns}): ")
        )  # fmt: skip
        findings.append(
            Finding(
                "format_unknown",
                f"{said[0]}其表格不属于已知的任何格式（只读取了机关名称和年度）",
                f"{said[1]}its tables follow no form the reader knows (agency and year read)",
                "format",
            )
        )
    agency = find_agency(unindented(text), year)
    if agency is None:
        said = ("报告未写明发布机关的名称", "the report does not name its agency")
        findings.append(Finding("agency_unknown", *said, "agency"))
    report = Report(
        agency=agency or UNKNOWN_AGENCY,
        year=year,
        format=fmt.key,
        proactive=tables.proactive,
        applications=tables.applications,
        disputes=tables.disputes,
    )
    findings.extend(tables.findings)
    complete = not any(f.code in {"truncated", "tables_missing"} for f in findings)
    checks, doubted = honesty.split_checks(
        findings, check(report) + narrative_findings(text, report, complete)
    )
    return Reading(
        report, findings, checks, source=source, doubted_checks=doubted, spans=tables.spans,
        text=text,
    )  # fmt: skip


def _own_columns(cells: list[C.Cell], text: str) -> str | None:
    """The column headers of a table of the report's own making, if it prints any: a "序号"
    column (a numbered list: the forms number no row), or a column of kinds beside one of
    counts ("类别 | 条数", "项目 | 数量(条)": what it published, counted by kind; the forms'
    counts are headed by what they count, "本年制发件数", "处理决定数量")."""
    if "序号" in text and any(compact(cell.text) == "序号" for cell in cells):
        return "序号"
    if not _OWN_COUNT.search(text):
        return None  # (most texts: no header of a count alone)
    texts = [cell.text for cell in cells if cell.kind == "text"]
    for kinds, counts in pairwise(texts):
        if _OWN_KINDS.fullmatch(compact(kinds)) and _OWN_COUNT.fullmatch(compact(counts)):
            return f"{compact(kinds)} {compact(counts)}"
    return None


_OWN_KINDS = re.compile(r"(?:信息|公开)?(?:项目|类别|栏目|类型|分类|名称|内容|事项)(?:名称)?")
_OWN_COUNT = re.compile(
    r"(?:公开|发布)?(?:信息)?(?:数量|条数|件数|信息数|条目数)(?:\((?:条|件|个)\))?"
)


def _tells_of_disclosure(text: str) -> bool:
    """Whether ``text`` tells of both kinds of disclosure work, in other words than 政府信息公开
    ("(一)主动公开方面…(二)依申请公开方面…", "完善依申请公开操作细则…做好主动公开工作")."""
    return "主动公开" in text and "依申请公开" in text


def _doubt_money_points(reading: Reading) -> None:
    """Money figures of a scan whose decimal point is implausible (a speck read as a point):
    blanked with ``ocr_unsure``, never returned."""
    report = reading.report
    if report is None or not report.proactive:
        return
    fmt = FORMATS[report.format]
    printed: dict[str, tuple[str, str]] = {}
    for key, (block, _) in fmt.proactive_rows.items():
        for column in block.columns:
            where = f"proactive.{key}.{column.key}"
            if column.kind == "money" and where in reading.spans:
                start, end = reading.spans[where]
                printed[where] = (reading.text[start:end], column.unit)
    for where in ocr.implausible_points(printed):
        _, key, column_key = where.split(".")
        report.proactive[key][column_key] = None
        reading.spans.pop(where, None)
        with wording.reading(fmt):
            place = wording.place(where)
        reading.findings.append(
            Finding(
                "ocr_unsure",
                f"{place}：{wording.quote(printed[where][0])}中的小数点可能是扫描污点"
                "（扫描件中其他金额的小数位与此不同），留空",
                f"{where}: the decimal point of {printed[where][0]!r} may be a speck (the "
                "scan's other money figures print their decimals otherwise); left blank",
                where,
                raw=printed[where][0],
            )
        )

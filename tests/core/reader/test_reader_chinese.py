"""Every reader finding speaks Chinese: the project's rule is Chinese first, and only, in the UI.

A finding's ``message`` is Chinese and names places by the report's own labels (“规章”行
“本年制发件数”列); ``message_en`` keeps the English. Driven by inputs that make the reader say
each thing it can say — every code its source makes a finding with, found there, never a list
of messages: damaged pages generated from reports, the corpus, excerpts of the layouts the
reader leaves rows out of, files over the bounds, broken and scanned files, texts without a
year or an agency.
"""

from __future__ import annotations

import ast
import io
import random
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from gongkai.core import reader as reader_package
from gongkai.core.reader import _doubt_money_points, ocr, read_bytes, read_text
from gongkai.core.reader import sources as S
from gongkai.core.reader.ocr import Box
from gongkai.core.reader.rows import CODES, Finding
from gongkai.core.report import Report
from gongkai.core.report.formats import FORMATS
from tests.conftest import CORPUS
from tests.core.reader import damaged, layouts
from tests.core.reader.scans import scan_pdf
from tests.core.reader.test_reader_limits import pdf
from tests.core.reader.truth import drawn
from tests.core.strategies import balanced_report

READER = Path(reader_package.__file__).parent
# Latin words a Chinese message may hold: file kinds and units. Text quoted from the page or the
# file (“…”) is the input's own and may hold anything.
ALLOWED_LATIN = {"PDF", "MB"}
_QUOTED = re.compile(r"“[^“”]*”")
_LATIN = re.compile(r"[A-Za-z]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _finding_calls() -> Iterator[tuple[str, ast.Call]]:
    """Each ``Finding(…)`` of the reader's modules: (the module's file name, the call). The
    narrative's are the checks' findings (code, level, …: Chinese already) and left out."""
    for path in sorted(READER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Finding"):
                continue
            level = node.args[1] if len(node.args) > 1 else None
            if isinstance(level, ast.Constant) and level.value in {"warning", "error"}:
                continue
            yield path.name, node


def reader_codes() -> set[str]:
    """Every code the reader makes a finding with (a ``Finding``'s first argument)."""
    return {
        call.args[0].value
        for _, call in _finding_calls()
        if isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
    }


def finding_sites() -> set[tuple[str, int]]:
    """Where the reader makes a finding: (module, line of the ``Finding(`` call)."""
    return {(name, call.lineno) for name, call in _finding_calls()}


def latin_words(message: str) -> set[str]:
    return set(_LATIN.findall(_QUOTED.sub("", message))) - ALLOWED_LATIN


def _generated() -> Iterator[list[Finding]]:
    """Damaged layouts of generated reports (every class of ``damaged``, the positional
    layouts), and the edits of the excerpts' tests: rows listing items, items under a row, the
    other form's header."""
    writers: dict[str, Callable[[Report, random.Random], Any]] = {
        **damaged.CLASSES,
        "lossy_mirror": damaged.lossy_mirror,
        "clipped": damaged.clipped,
        "begins_inside": damaged.begins_inside,
        "flattened": damaged.flattened,
        "first_label_lost": damaged.first_label_lost,
    }
    for style in layouts.POSITIONAL:
        writers[style] = lambda report, rng, s=style: layouts.page(report, s, rng)
    for fmt in ("2019", "2021"):
        for n, report in enumerate(drawn(balanced_report(fmt_key=fmt), 3, 1)):
            for write in writers.values():
                written = write(report, random.Random(0))
                text = written if isinstance(written, str) else written[0]  # (page, left open)
                yield read_text(text).findings
            yield from _edited(damaged.page(report, "pipe", random.Random(n)), fmt)


def _edited(page: str, fmt: str) -> Iterator[list[Finding]]:
    lines = page.split("\n")

    def replaced(label: str, new: list[str]) -> str:
        at = next(i for i, line in enumerate(lines) if line.startswith(label))
        return "\n".join(lines[:at] + new + lines[at + 1 :])

    headers = {
        "2019": "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "2021": "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
    }
    other = "2021" if fmt == "2019" else "2019"
    yield read_text(page.replace(headers[fmt], headers[other])).findings
    if fmt == "2019":
        items = ["政府集中采购 | 1号楼物业管理服务项目 | 1530000元 |"] * 2
        yield read_text(replaced("政府集中采购", items)).findings
        under = ["其他对外管理服务事项 |", "行政检查 | 0 | 3 | 0 |", "行政确认 | 1 | 0 | 1 |"]
        yield read_text(replaced("其他对外管理服务事项", under)).findings


HEAD = "东江县统计局2022年政府信息公开工作年度报告\n"
SECTION_THREE = "三、收到和处理政府信息公开申请情况\n"
SECTION_FOUR = "四、政府信息公开行政复议、行政诉讼情况\n"


# Section 三 of a generated report as a web archive prints it (``damaged.run_together``).
RUN_TOGETHER = """自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他
一、本年新收政府信息公开申请数量28788836702474
二、上年结转政府信息公开申请数量4936735
三、本年度办理结果（一）予以公开500162165
（二）部分公开（区分处理的，只计这一情形，不计其他情形）156
（三）不予公开1.属于国家秘密47131914779
2.其他法律行政法规禁止公开851997347543043
3.危及“三安全一稳定”11601348159555
4.保护第三方合法权益18081987688160
5.属于三类内部事务信息331846876333
6.属于四类过程性信息211451069409966418
7.属于行政执法案卷143843906643
8.属于行政查询事项14172434307
（四）无法提供1.本机关不掌握相关政府信息15914123702822587
2.没有现成信息需要另行制作289975184804999
3.补正后申请内容仍不明确8841331969
（五）不予处理1.信访举报投诉类申请321
2.重复申请4362246121001983180
3.要求提供公开出版物1261673195
4.无正当理由大量反复申请283272
5.要求行政机关确认或重新出具已获取信息9211274109523
（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请13686944127
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请438496798095
3.其他644
（七）总计408929488
四、结转下年度继续办理2550
"""


def _texts() -> Iterator[list[Finding]]:
    """Texts of the layouts the reader leaves a row out of, or reads with a doubt."""
    # Labels printed apart from their value rows, one value row too many.
    yield read_text(
        HEAD + "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "规章\n行政规范性文件\n | 756 |  |\n12 | 516 | 460 |\n1 | 1 | 1 |\n" + SECTION_THREE
    ).findings
    # A "|" alone under a long label: a blank cell, or the label's own pipe wrapped?
    yield read_text(
        HEAD + "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 1 | 0 | 3 |\n"
        "行政规范性文件\n|\n0 |\n|\n|\n" + SECTION_THREE
    ).findings
    # A row's last figure fused with words ("16368(单位)"): left out, never read as blank.
    yield read_text(
        HEAD + "二、主动公开政府信息情况\n第二十条第（五）项 |\n"
        "信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n"
        "行政许可 |\n18 |\n-2 |\n16368(单位) |\n" + SECTION_THREE
    ).findings
    # A numbered list of the report's own under the form's heading, in a year of the form's.
    yield read_text(
        "X县统计局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n序号 | 项目 | 数量 |\n"
        "1 | 行政许可 | 85 |\n2 | 动态类信息 | 38 |\n"
    ).findings
    # A province's extra row, its figures one a line under a name the form has no row of.
    yield read_text(
        HEAD + "二、主动公开政府信息情况\n第二十条第（一）项 |\n"
        "信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n规章 |\n0 |\n0 |\n0 |\n"
        "行政规范性文件 |\n11 |\n11 |\n11 |\n其他主动公开文件（含以本单位名义签发的文件） |\n"
        "3 |\n3 |\n3 |\n" + SECTION_THREE
    ).findings
    # More figures than the block has columns: rows run into each other.
    yield read_text(
        HEAD + "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 1 | 0 | 3 | 5 |\n"
        + SECTION_THREE
    ).findings
    # An amount printing more decimal places than 元 do, under a header stating no unit.
    yield read_text(
        HEAD + "二、主动公开政府信息情况\n第二十条第（九）项 |\n"
        "信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 15 | 29.0506 |\n" + SECTION_THREE
    ).findings
    # … and one printing no unit that, as 元, would buy each purchase for under 1,000 元.
    yield read_text(
        HEAD + "二、主动公开政府信息情况\n第二十条第（九）项 |\n"
        "信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 53 | 6944.93 |\n" + SECTION_THREE
    ).findings
    # A row's label among its block's header words, figures after them (a PDF's text).
    yield read_text(
        HEAD
        + "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n"
        "现行有效件数\n规章\n1\n2\n3\n行政规范性文件\n4\n5\n6\n第二十条第（五）项 |\n信息内容 |\n"
        "行政许可 |\n本年处理决定数量 |\n9 |\n第二十条第（六）项\n信息内容\n本年处理决定数量\n"
        "行政处罚\n8\n"
        "行政强制\n7\n第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n1.5\n"
    ).findings
    # Empty cells before and after a row's figures, none of the readings adding up: a merged
    # label's places (a grid copied from Word or Excel), or blank cells?
    yield read_text(
        HEAD + SECTION_THREE + "一、本年新收政府信息公开申请数量 | | | 1 | 2 | 3 | 4 | 5 | | |\n"
    ).findings
    # The 总计 column's header standing before the rows above row 3.7 (a PDF's text).
    cells = ["一、本年新收政府信息公开申请数量", *["0"] * 7, "（三）不予公开", "总计"]
    cells += ["1", "2", "3", "4", "5", "6", "21", "1.属于国家秘密", *["0"] * 7]
    yield read_text(HEAD + SECTION_THREE + "\n".join(cells) + "\n" + SECTION_FOUR).findings
    # Section 四's header, and the text ends before its figures.
    yield read_text(
        HEAD
        + SECTION_THREE
        + "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        + SECTION_FOUR
        + "行政复议 | 行政诉讼 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
    ).findings
    # Section 四 saying in a word that it has nothing ("无"), no table printed.
    first = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    yield read_text(
        HEAD + SECTION_THREE + first + SECTION_FOUR + "无\n五、存在的主要问题\n"
    ).findings
    # Two rows whose labels were lost where three rows are missing: which is which is open.
    rows = []
    for line in FORMATS["2021"].application_lines:
        if line.key and line.key != "3.3.3":
            label = "" if line.key in {"3.3.2", "3.3.4"} else line.label
            rows.append(f"{label} | {' | '.join(['1'] * 6 + ['6'])} |")
        elif not line.key:
            rows.append(line.label)
    yield read_text(HEAD + SECTION_THREE + "\n".join(rows) + "\n" + SECTION_FOUR).findings
    # Figures run together (a web archive's page): a row whose readings the table's relations
    # leave open.
    yield read_text(HEAD + SECTION_THREE + RUN_TOGETHER + SECTION_FOUR).findings
    # No year printed: the caller's, else a guess; no agency named; a report of the 2008 条例.
    body = SECTION_THREE + "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    yield read_text("政府信息公开工作年度报告\n" + body, year=2022).findings
    yield read_text("政府信息公开工作年度报告\n" + body).findings
    yield read_text(
        "东江县统计局2015年政府信息公开工作年度报告\n一、概述\n本局认真贯彻落实《条例》。\n"
        "二、主动公开政府信息的情况\n全年共主动公开信息1234条，其中规范性文件12条。\n"
    ).findings
    yield read_text("今天天气晴，气温二十度。").findings
    # A title's year another than the period's: a template's leftover, one or the other.
    yield read_text(HEAD + "本报告统计期限为2023年1月1日至2023年12月31日。\n" + body).findings
    # No title, the period's year another than the one the sentences talk of.
    yield read_text(
        "统计期限自2021年1月1日起至2021年12月31日止。\n2022年，本局坚持公开。2022年，本局完善制度。\n"
        + body
    ).findings
    # The 2019 form's 本年增/减 headed as this year's count: its rows left out.
    yield read_text(
        "临江县人民政府2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
        "第二十条第（五）项\n信息内容 | 上一年项目数量 | 本年数量 | 处理决定数量 |\n"
        "行政许可 | 6 | 6 | 122 |\n"
    ).findings
    # No year printed, the sentences naming none: the year its cited documents name.
    yield read_text(
        "东江县统计局政府信息公开工作年度报告\n落实《2023年政务公开工作要点》。\n"
    ).findings
    # A scan's money figure whose decimal point its other figures do not vouch for.
    scanned = read_text(
        HEAD + "二、主动公开政府信息情况\n第二十条第（八）项 |\n"
        "信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 76.4 |\n"
    )
    _doubt_money_points(scanned)
    yield scanned.findings


def _corpus() -> Iterator[list[Finding]]:
    for path in sorted(CORPUS.glob("*.txt")):
        yield read_bytes(path.read_bytes(), path.name).findings


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _files(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Finding]]:
    """Files the reader refuses or cannot open: over each bound (lowered, so that small files
    reach them), damaged, binary, scans."""
    with monkeypatch.context() as m:
        m.setattr(S, "MAX_FILE_BYTES", 1000)
        yield read_bytes("规章".encode() * 400, "big.txt").findings
    with monkeypatch.context() as m:
        m.setattr(S, "MAX_ZIP_MEMBERS", 2)
        yield read_bytes(_zip({f"x/{n}": b"" for n in range(3)}), "many.docx").findings
    with monkeypatch.context() as m:
        m.setattr(S, "MAX_PART_BYTES", 1000)
        yield read_bytes(_zip({"word/document.xml": bytes(2000)}), "bomb.docx").findings
        yield read_bytes(pdf(1, b" " * 5000), "bomb.pdf").findings
    with monkeypatch.context() as m:
        m.setattr(S, "MAX_DOCUMENT_BYTES", 1000)
        yield read_bytes(_zip({"a.xml": bytes(600), "b.xml": bytes(600)}), "two.docx").findings
        yield read_bytes(pdf(1, b" " * 5000), "big.pdf").findings
    with monkeypatch.context() as m:
        m.setattr(S, "MAX_PDF_PAGES", 1)
        yield read_bytes(pdf(2), "long.pdf").findings
    yield read_bytes(b"PK\x03\x04" + bytes(range(256)) * 4, "broken.docx").findings
    yield read_bytes(bytes(range(256)) * 8, "data.bin").findings
    with monkeypatch.context() as m:
        m.setattr(ocr, "available", lambda: False)
        yield read_bytes(pdf(1), "scan.pdf").findings


def _scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Finding]]:
    """Scans read by OCR: a page of section 三; more pages than are read; a number the OCR is
    unsure of; a page with no text."""
    report = Report(
        agency="瓯海区人民政府",
        year=2023,
        format="2021",
        applications={"1": [12, None, 3, 0, 1, 2, 18], "3.7": [1, 0, 0, 0, 0, 0, 1]},
    )
    yield read_bytes(scan_pdf(report, 150, seed=7), "scan.pdf").findings
    blank = io.BytesIO()
    Image.new("L", (200, 100), 255).save(blank, "PDF")  # a page image holding no text
    yield read_bytes(blank.getvalue(), "blank.pdf").findings
    image = Image.new("L", (600, 200), 255)
    draw = ImageDraw.Draw(image)
    for x in (10, 200, 300, 400):
        draw.line([(x, 40), (x, 80)], fill=0, width=1)
    draw.line([(10, 40), (400, 40)], fill=0)
    draw.line([(10, 80), (400, 80)], fill=0)
    boxes = [Box(20, 50, 150, 70, "规章", 0.99), Box(230, 50, 270, 70, "18", 0.62)]
    with monkeypatch.context() as m:
        m.setattr(ocr, "MAX_OCR_PAGES", 1)
        m.setattr(ocr, "recognise", lambda page: boxes)
        yield ocr.read_images([image, image]).findings


def test_every_code_the_reader_finds_with_is_read_from_its_source() -> None:
    codes = reader_codes()
    assert {"cell_unreadable", "truncated", "tables_missing", "too_large", "ocr"} <= codes
    assert codes == CODES, codes ^ CODES  # (the list the console names, kept whole)
    assert not codes & {"narrative.number", "layout.order"}


def test_every_reader_finding_says_in_chinese_what_it_says_in_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Where each finding is made (the caller's line), so that every place is shown reached.
    reached: set[tuple[str, int]] = set()
    made = Finding.__init__

    def making(self: Finding, *args: Any, **kwargs: Any) -> None:
        caller = sys._getframe(1)
        reached.add((Path(caller.f_code.co_filename).name, caller.f_lineno))
        made(self, *args, **kwargs)

    monkeypatch.setattr(Finding, "__init__", making)
    sources = [_generated(), _texts(), _corpus(), _files(monkeypatch)]
    if ocr.available():
        sources.append(_scans(monkeypatch))
    seen: set[str] = set()
    for source in sources:
        for findings in source:
            for f in findings:
                assert _CJK.search(f.message), f
                assert not latin_words(f.message), (latin_words(f.message), f)
                assert f.message_en and f.message_en != f.message, f
                assert f.to_dict()["message_en"] == f.message_en
                seen.add(f.code)
    if not ocr.available():  # (a scan read needs the OCR: ocr.py's findings, and ``ocr``)
        reached |= {
            (name, call.lineno)
            for name, call in _finding_calls()
            if name == "ocr.py" or getattr(call.args[0], "value", "") == "ocr"
        }
        seen.add("ocr")
    assert seen == reader_codes(), seen ^ reader_codes()
    assert finding_sites() <= reached, sorted(finding_sites() - reached)


def test_a_place_is_named_by_the_labels_of_the_form_being_read() -> None:
    # 规范性文件 (2019) and 行政规范性文件 (2021): the same row, each form's label verbatim.
    text = (
        HEAD + "二、主动公开政府信息情况\n第二十条第（一）项\n"
        "信息内容 | {} |\n规章 | 1 | 0 | 3 |\n{} | 1 | ? | 3 |\n" + SECTION_THREE
    )
    for fmt, header, label in (
        ("2019", "本年新制作数量 | 本年新公开数量 | 对外公开总数量", "规范性文件"),
        ("2021", "本年制发件数 | 本年废止件数 | 现行有效件数", "行政规范性文件"),
    ):
        reading = read_text(text.format(header, label))
        assert reading.report is not None and reading.report.format == fmt
        said = [f for f in reading.findings if f.where.startswith("proactive.normative")]
        column = header.split(" | ")[1]
        assert [f.message for f in said] == [f"“{label}”行“{column}”列：“?”不是数字，留空"]
        assert said[0].message_en.endswith(": not a number")

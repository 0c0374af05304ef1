"""Scanned reports: a rendered report, rasterised, turned and noised, read back by OCR.

The full round trip (many reports, 150 and 300 dpi) is bench/ocr.py; here one page, and the
layout rules on boxes drawn by hand.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from gongkai.core.reader import ocr, read_bytes
from gongkai.core.reader.ocr import Box, layout
from gongkai.core.report import Report
from tests.core.reader.scans import rasterise, scan_pdf, score

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="the `ocr` extra is not installed")


def _one_page_report() -> Report:
    """Section 三 alone (with the title and headings, one A4 page), numbers of every width."""
    rows = {
        "1": [12, None, 3, 0, 1, 2, 18],
        "2": [0, 0, 0, 0, 0, 0, 0],
        "3.1": [7, 4021, None, None, 5, 60, 4093],
        "3.2": [None, 1, 2, 3, 4, 5, 15],
        "3.3.1": [306, 0, 0, 0, 0, 0, 306],
        "3.7": [313, 4022, 2, 3, 9, 65, 4414],
        "4": [1, None, None, None, None, None, 1],
    }
    return Report(agency="瓯海区人民政府", year=2023, format="2021", applications=rows)


@needs_ocr
def test_a_scanned_page_reads_back_to_its_numbers() -> None:
    report = _one_page_report()
    data = scan_pdf(report, 150, seed=7)
    assert len(ocr.pdf_images(data)) == 1
    reading = read_bytes(data, "scan.pdf")
    assert reading.report is not None
    assert (reading.report.agency, reading.report.year) == ("瓯海区人民政府", 2023)
    result = score(report, reading.report)
    assert result.wrong == 0
    assert result.exact >= 0.97 * result.cells
    assert reading.findings[0].code == "ocr"
    assert reading.coverage != "not_a_report"


@needs_ocr
def test_an_image_file_is_read_by_ocr() -> None:
    report = _one_page_report()
    (page,) = rasterise(scan_pdf(report, 150, seed=3), 150)
    out = io.BytesIO()
    page.save(out, "PNG")
    reading = read_bytes(out.getvalue(), "scan.png")
    assert reading.report is not None
    assert score(report, reading.report).wrong == 0


def test_without_the_extra_a_scan_is_reported_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    image = Image.new("L", (200, 100), 255)
    out = io.BytesIO()
    image.save(out, "PDF")
    reading = read_bytes(out.getvalue(), "scan.pdf")
    assert reading.report is None
    assert [f.code for f in reading.findings] == ["scanned_pdf"]


def _ruled(rules: list[int], top: int, bottom: int) -> Image.Image:
    image = Image.new("L", (600, 200), 255)
    draw = ImageDraw.Draw(image)
    for x in rules:
        draw.line([(x, top), (x, bottom)], fill=0, width=1)
    draw.line([(rules[0], top), (rules[-1], top)], fill=0)
    draw.line([(rules[0], bottom), (rules[-1], bottom)], fill=0)
    return image


@needs_ocr  # numpy comes with the extra
def test_a_ruled_row_keeps_its_blank_cells_in_place() -> None:
    image = _ruled([10, 200, 300, 400, 500], 40, 80)
    boxes = [
        Box(20, 50, 150, 70, "行政许可", 0.99),
        Box(230, 50, 270, 70, "12", 0.99),
        Box(430, 50, 470, 70, "3", 0.98),
    ]
    lines, unsure = layout(boxes, image)
    assert lines == ["行政许可 | 12 |  | 3 |"]
    assert unsure == []


@needs_ocr  # numpy comes with the extra
def test_a_number_the_ocr_is_unsure_of_is_left_blank() -> None:
    image = _ruled([10, 200, 300, 400], 40, 80)
    boxes = [
        Box(20, 50, 150, 70, "规章", 0.99),
        Box(230, 50, 270, 70, "18", 0.62),
        Box(330, 50, 370, 70, "7", 0.97),
    ]
    lines, unsure = layout(boxes, image)
    assert lines == ["规章 |  | 7 |"]
    assert [b.text for b in unsure] == ["18"]


@needs_ocr  # numpy comes with the extra
def test_lines_of_one_cell_are_joined_and_a_leading_blank_cell_starts_with_a_pipe() -> None:
    image = _ruled([10, 100, 300, 400], 30, 110)
    boxes = [
        Box(110, 40, 290, 60, "（二）部分公开（区分处理的，", 0.99),
        Box(110, 64, 290, 84, "只计这一情形）", 0.99),
        Box(330, 52, 370, 72, "5", 0.99),
    ]
    lines, _ = layout(boxes, image)
    assert lines == [" | （二）部分公开（区分处理的，只计这一情形） | 5 |"]


@needs_ocr  # numpy comes with the extra
def test_text_outside_tables_stays_plain() -> None:
    image = Image.new("L", (600, 200), 255)
    lines, _ = layout([Box(20, 20, 500, 44, "某县2022年政府信息公开工作年度报告", 1.0)], image)
    assert lines == ["某县2022年政府信息公开工作年度报告"]

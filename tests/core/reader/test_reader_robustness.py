"""Nothing a user can feed the reader makes it raise: it answers with findings."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_bytes, read_text
from tests.conftest import CORPUS

SLOW_OK = [HealthCheck.too_slow, HealthCheck.large_base_example, HealthCheck.data_too_large]
TEXTS = sorted(CORPUS.glob("*.txt"))


@settings(max_examples=200, suppress_health_check=SLOW_OK, deadline=None)
@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    reading = read_text(text)
    assert reading.report is not None or reading.findings


@settings(max_examples=200, suppress_health_check=SLOW_OK, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(data: bytes) -> None:
    reading = read_bytes(data, "x.bin")
    assert reading.report is not None or reading.findings


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_a_real_report_cut_after_every_line_never_raises(path: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    for n in range(len(lines) + 1):
        read_text("\n".join(lines[:n]))


@settings(max_examples=30, suppress_health_check=SLOW_OK, deadline=None)
@given(st.sampled_from(TEXTS), st.randoms(use_true_random=False))
def test_shuffled_and_duplicated_lines_never_raise(path: str, rng: random.Random) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines += rng.sample(lines, k=min(len(lines), 20))
    rng.shuffle(lines)
    read_text("\n".join(lines))


def test_garbage_and_damaged_files_give_one_finding_each() -> None:
    assert read_bytes(b"\x00\x01\x02" * 1000, "x.bin").findings[0].code == "not_a_report"
    assert read_bytes(b"%PDF-1.4 broken", "x.pdf").findings[0].code == "unreadable_file"
    assert read_bytes(b"PK\x03\x04 broken", "x.docx").findings[0].code == "unreadable_file"
    assert read_text("今天天气很好。").findings[0].code == "not_a_report"


def test_a_report_telling_of_both_kinds_of_disclosure_in_other_words_is_one() -> None:
    # No "政府信息公开", no table: "2024年,城中区人民政府…政务公开…", "(一)主动公开方面…",
    # "(二)依申请公开方面…" — a report whose tables are missing, not a page of another kind.
    text = (
        "一、总体情况\n2024年,东江区人民政府深入贯彻落实政务公开各项决策部署。\n"
        "(一)主动公开方面。及时公开重点领域信息2424条。\n(二)依申请公开方面。依法答复。\n"
    )
    reading = read_text(text)
    assert reading.report is not None
    assert (reading.report.agency, reading.report.year) == ("东江区人民政府", 2024)
    assert reading.coverage == "tables_missing"
    assert read_text("今天主动公开了天气。").findings[0].code == "not_a_report"
    # (in either order, and a department's "我市…通过市政府门户网站" names no one)
    other = (
        "一、总体情况\n一是进一步完善依申请公开操作细则。2021年通过市政府门户网站公开信息253条。\n"
        "二是做好主动公开工作,大力推进我市外事工作,将我市160个企业纳入平台管理。\n"
    )
    reading = read_text(other)
    assert reading.report is not None and reading.report.year == 2021
    assert [f.code for f in reading.findings if f.code.startswith("agency")] == ["agency_unknown"]


def test_a_scanned_pdf_without_text_is_declined_clearly() -> None:
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = BytesIO()
    writer.write(buffer)
    reading = read_bytes(buffer.getvalue(), "scan.pdf")
    assert reading.report is None
    assert reading.findings[0].code == "scanned_pdf"
    assert "scanned PDFs are not read" in reading.findings[0].message_en
    assert reading.findings[0].message.startswith("扫描件没有文字层")


def test_a_50_mb_file_is_read_without_raising() -> None:
    page = (CORPUS / "xishan-2021.txt").read_bytes()
    data = page * (50 * 1024 * 1024 // len(page) + 1)
    assert len(data) >= 50 * 1024 * 1024
    reading = read_bytes(data, "huge.txt")
    assert reading.report is not None
    assert reading.report.agency == "西山区政务服务管理局"

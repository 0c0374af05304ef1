"""Documents beyond the reader's bounds are refused quickly, in one finding, in little memory."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
import zlib
from io import BytesIO

import pytest

from gongkai.core.reader import read_bytes
from gongkai.core.reader import sources as S

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types '
    b'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def zip_bomb(inflated: int = 200 * S.MB) -> bytes:
    """A DOCX-shaped zip whose document.xml is ``inflated`` bytes of zeros (written in chunks)."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w") as member:
            chunk = bytes(S.MB)
            for _ in range(inflated // S.MB):
                member.write(chunk)
    return buffer.getvalue()


def lying(bomb: bytes, size: int = 1000) -> bytes:
    """The same bomb, its directories declaring ``size`` bytes for document.xml."""
    data = bytearray(bomb)
    name = b"word/document.xml"
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) != -1:
        if data[at + 30 : at + 30 + len(name)] == name:
            data[at + 22 : at + 26] = struct.pack("<I", size)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:
        if data[at + 46 : at + 46 + len(name)] == name:
            data[at + 24 : at + 28] = struct.pack("<I", size)
        at += 4
    return bytes(data)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = zip_bomb()
    assert len(data) < 1 * S.MB  # ~200 KB that inflate to 200 MB
    return data


def refuse(data: bytes) -> tuple[str, str, float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    reading = read_bytes(data, "bomb.docx")
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert reading.report is None
    assert len(reading.findings) == 1
    return reading.findings[0].code, reading.findings[0].message_en, seconds, peak


def test_a_zip_bomb_docx_is_refused_from_its_declared_sizes_in_well_under_a_second(
    bomb: bytes,
) -> None:
    code, message, seconds, peak = refuse(bomb)
    assert code == "too_large"
    assert message == "refused: word/document.xml inflates to more than 50 MB"
    assert read_bytes(bomb, "bomb.docx").findings[0].message == (
        "压缩文件中的“word/document.xml”解压后大于50 MB，不予读取"
    )
    assert seconds < 1
    assert peak < 20 * S.MB


def test_a_zip_bomb_that_lies_about_its_sizes_is_stopped_while_inflating(bomb: bytes) -> None:
    code, message, seconds, peak = refuse(lying(bomb))
    assert code in {"too_large", "unreadable_file"}, message
    assert seconds < 1
    assert peak < 20 * S.MB


def test_inflating_counts_the_bytes_and_stops_at_the_limit() -> None:
    raw = zlib.compress(bytes(10 * S.MB), 9)
    assert S._inflated(raw, 20 * S.MB) == 10 * S.MB
    assert 2 * S.MB < S._inflated(raw, 2 * S.MB) <= 3 * S.MB  # stopped a chunk past the limit


def test_a_docx_with_too_many_members_is_refused() -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(S.MAX_ZIP_MEMBERS + 1):
            archive.writestr(f"x/{n}", b"")
    reading = read_bytes(buffer.getvalue(), "many.docx")
    assert [f.code for f in reading.findings] == ["too_large"]
    assert "members" in reading.findings[0].message_en
    assert "压缩文件内含10,001个文件（上限10,000个）" in reading.findings[0].message


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(S, "MAX_FILE_BYTES", 1000)
    reading = read_bytes(b"%PDF-1.4" + bytes(2000), "big.pdf")
    assert [f.code for f in reading.findings] == ["too_large"]
    assert reading.findings[0].message_en.startswith("the file is larger than")
    assert reading.findings[0].message.startswith("文件大于")


def pdf(pages: int, stream: bytes = b"") -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if stream:
        content = DecodedStreamObject()
        content.set_data(stream)
        compressed = content.flate_encode()
        writer.pages[0][NameObject("/Contents")] = writer._add_object(compressed)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    start = time.perf_counter()
    reading = read_bytes(pdf(S.MAX_PDF_PAGES + 1), "long.pdf")
    assert time.perf_counter() - start < 5
    assert [f.code for f in reading.findings] == ["too_large"]
    assert reading.findings[0].message_en == (
        "refused: the PDF has more than 500 pages (no report is that long)"
    )
    assert reading.findings[0].message == "PDF文件超过500页（年度报告不会这么长），不予读取"


def test_a_pdf_at_the_page_limit_is_read() -> None:
    reading = read_bytes(pdf(S.MAX_PDF_PAGES), "scan.pdf")
    assert [f.code for f in reading.findings] == ["scanned_pdf"]


def test_a_pdf_whose_stream_inflates_past_the_limit_is_refused() -> None:
    reading = read_bytes(pdf(1, b" " * (S.MAX_PART_BYTES + S.MB)), "bomb.pdf")
    assert [f.code for f in reading.findings] == ["too_large"]
    assert "of the PDF inflates to more than 50 MB" in reading.findings[0].message_en
    assert "数据流解压后大于50 MB" in reading.findings[0].message

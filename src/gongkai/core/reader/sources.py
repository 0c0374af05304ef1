"""Bounds on the documents the reader opens: file size, decompressed size, pages.

A published annual report is a page of text, a DOCX of some hundred kilobytes or a PDF of a few
dozen pages. The parsing libraries inflate a whole DOCX (a zip) and decode a PDF's streams in
memory, so a 600 KB zip bomb would become gigabytes and a PDF of 100,000 pages would run for an
hour. These checks run before the libraries see the data and refuse, in one line
(``DocumentTooLarge``), what no report needs. Declared sizes can lie: a zip member and a PDF
stream are also counted while they are inflated, chunk by chunk, and the count stops at the limit.
The limits are constants, not settings: the same for the command line and the console.
"""

from __future__ import annotations

import zlib
from io import BytesIO
from typing import Any

MB = 1024 * 1024
MAX_FILE_BYTES = 100 * MB  # any input, as read from disk or upload (a 50 MB text page is read)
MAX_PART_BYTES = 50 * MB  # one zip member or one PDF stream, inflated
MAX_DOCUMENT_BYTES = 100 * MB  # all the members or streams of one document, inflated
MAX_ZIP_MEMBERS = 10_000
MAX_PDF_PAGES = 500
_CHUNK = 1 * MB


class DocumentTooLarge(ValueError):
    """The document exceeds a bound; ``str()`` is the one-line reason in English (the command
    line's), ``zh`` the same in Chinese (the reader's finding)."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh

    def __reduce__(self) -> tuple[type[DocumentTooLarge], tuple[str, str]]:
        return DocumentTooLarge, (str(self), self.zh)  # (both, across processes)


def _mb(n: int) -> str:
    return f"{n // MB} MB"


def check_size(data: bytes) -> None:
    check_length(len(data))


def check_length(size: int) -> None:
    """A file of ``size`` bytes (as read, or as its directory entry says) is not too large."""
    if size > MAX_FILE_BYTES:
        raise DocumentTooLarge(
            f"the file is larger than {_mb(MAX_FILE_BYTES)} ({size:,} bytes): not read",
            f"文件大于{_mb(MAX_FILE_BYTES)}（{size:,}字节），不予读取",
        )


def _too_inflated(what: str, what_zh: str, limit: int) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"refused: {what} inflates to more than {_mb(limit)}",
        f"{what_zh}大于{_mb(limit)}，不予读取",
    )


_DOCUMENT = ("the document", "文件解压后合计")


def _member_too_inflated(name: str) -> DocumentTooLarge:
    return _too_inflated(name, f"压缩文件中的“{name}”解压后", MAX_PART_BYTES)


def check_zip(data: bytes) -> None:
    """A DOCX (or XLSX): the sizes its directory declares, then the sizes actually inflated.

    Other damage (not a zip, encrypted, bad CRC) is left to the caller's library to report.
    """
    import zipfile

    check_size(data)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise DocumentTooLarge(
                f"refused: the zip holds {len(members):,} members (limit {MAX_ZIP_MEMBERS:,})",
                f"压缩文件内含{len(members):,}个文件（上限{MAX_ZIP_MEMBERS:,}个），不予读取",
            )
        declared = 0
        for info in members:
            declared += info.file_size
            if info.file_size > MAX_PART_BYTES:
                raise _member_too_inflated(info.filename)
            if declared > MAX_DOCUMENT_BYTES:
                raise _too_inflated(*_DOCUMENT, MAX_DOCUMENT_BYTES)
        total = 0
        for info in members:
            if info.is_dir():
                continue
            count = 0
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    count += len(chunk)
                    total += len(chunk)
                    if count > MAX_PART_BYTES:
                        raise _member_too_inflated(info.filename)
                    if total > MAX_DOCUMENT_BYTES:
                        raise _too_inflated(*_DOCUMENT, MAX_DOCUMENT_BYTES)


def check_pdf(data: bytes) -> None:
    """A PDF: at most ``MAX_PDF_PAGES`` pages, its Flate streams bounded once inflated."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    check_size(data)
    document = PDFDocument(PDFParser(BytesIO(data)))
    for number, _ in enumerate(PDFPage.create_pages(document), start=1):
        if number > MAX_PDF_PAGES:
            raise DocumentTooLarge(
                f"refused: the PDF has more than {MAX_PDF_PAGES} pages (no report is that long)",
                f"PDF文件超过{MAX_PDF_PAGES}页（年度报告不会这么长），不予读取",
            )
    _check_pdf_streams(document)


def _check_pdf_streams(document: Any) -> None:
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    flate = {LIT("FlateDecode"), LIT("Fl")}
    total = 0
    for xref in document.xrefs:
        for objid in xref.get_objids():
            try:
                in_stream, _, _ = xref.get_pos(objid)
                if in_stream is not None:  # objects inside object streams are never streams
                    continue
                obj = document.getobj(objid)
            except Exception:  # a damaged object: pdfminer reports it later, or skips it
                continue
            if not isinstance(obj, PDFStream) or obj.rawdata is None:
                continue
            filters = obj.get_filters()
            if not filters or filters[0][0] not in flate:
                continue  # only Flate inflates without bound in practice (LZW is capped)
            count = _inflated(obj.rawdata, min(MAX_PART_BYTES, MAX_DOCUMENT_BYTES - total))
            if count > MAX_PART_BYTES:
                raise _too_inflated(
                    f"stream {objid} of the PDF",
                    f"PDF文件的第{objid}号数据流解压后",
                    MAX_PART_BYTES,
                )
            total += count
            if total > MAX_DOCUMENT_BYTES:
                raise _too_inflated("the PDF", "PDF文件解压后合计", MAX_DOCUMENT_BYTES)


def _inflated(raw: bytes, limit: int) -> int:
    """How many bytes ``raw`` inflates to, counted chunk by chunk and stopped past ``limit``."""
    inflater = zlib.decompressobj()
    count = 0
    pending = raw
    try:
        while pending:
            count += len(inflater.decompress(pending, _CHUNK))
            if count > limit:
                break
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # damaged data: pdfminer copes (or fails) on its own
    return count

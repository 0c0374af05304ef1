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
    """The document exceeds a bound; ``str()`` is the one-line reason."""


def _mb(n: int) -> str:
    return f"{n // MB} MB"


def check_size(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise DocumentTooLarge(
            f"the file is larger than {_mb(MAX_FILE_BYTES)} ({len(data):,} bytes): not read"
        )


def _too_inflated(what: str, limit: int) -> DocumentTooLarge:
    return DocumentTooLarge(f"refused: {what} inflates to more than {_mb(limit)}")


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
                f"refused: the zip holds {len(members):,} members (limit {MAX_ZIP_MEMBERS:,})"
            )
        declared = 0
        for info in members:
            declared += info.file_size
            if info.file_size > MAX_PART_BYTES:
                raise _too_inflated(info.filename, MAX_PART_BYTES)
            if declared > MAX_DOCUMENT_BYTES:
                raise _too_inflated("the document", MAX_DOCUMENT_BYTES)
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
                        raise _too_inflated(info.filename, MAX_PART_BYTES)
                    if total > MAX_DOCUMENT_BYTES:
                        raise _too_inflated("the document", MAX_DOCUMENT_BYTES)


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
                f"refused: the PDF has more than {MAX_PDF_PAGES} pages (no report is that long)"
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
                raise _too_inflated(f"stream {objid} of the PDF", MAX_PART_BYTES)
            total += count
            if total > MAX_DOCUMENT_BYTES:
                raise _too_inflated("the PDF", MAX_DOCUMENT_BYTES)


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

"""Files released to an applicant, turned into PDF where a maintained converter is available.

- PDF: kept as it is (its metadata is scrubbed when it is redacted, ``redact.py``).
- JPEG / PNG: converted with Pillow (a declared dependency), one page per image.
- Word / Excel (DOCX, XLSX, DOC, XLS): converted by LibreOffice headless
  (``soffice --headless --convert-to pdf``) **when it is installed** — Debian's
  ``libreoffice-writer`` + ``libreoffice-calc`` (~250 MB with ``libreoffice-core``, too big
  for CI and for a small office server, so it is optional). Without it the file is released
  in its own format and the officer is told so.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
JPEG = "image/jpeg"
PNG = "image/png"

# What an officer may attach as released information, by suffix, and the first bytes it must
# start with (checked by content, as the application's attachments are).
RELEASE_SUFFIXES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": (PDF, (b"%PDF-",)),
    ".jpg": (JPEG, (b"\xff\xd8\xff",)),
    ".jpeg": (JPEG, (b"\xff\xd8\xff",)),
    ".png": (PNG, (b"\x89PNG\r\n\x1a\n",)),
    ".docx": (DOCX, (b"PK\x03\x04",)),
    ".xlsx": (XLSX, (b"PK\x03\x04",)),
    ".doc": (DOC, (b"\xd0\xcf\x11\xe0",)),
    ".xls": (XLS, (b"\xd0\xcf\x11\xe0",)),
}
OFFICE_TYPES = frozenset({DOCX, XLSX, DOC, XLS})
SOFFICE_TIMEOUT_S = 120


@dataclass(frozen=True)
class Converted:
    content: bytes
    content_type: str
    suffix: str
    note: str = ""  # why it was not converted, for the officer


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def content_type_of(name: str, head: bytes) -> str | None:
    """The type of an upload by suffix, or None when the suffix or the content is not allowed."""
    suffix = Path(name).suffix.lower()
    known = RELEASE_SUFFIXES.get(suffix)
    if known is None or not any(head.startswith(magic) for magic in known[1]):
        return None
    return known[0]


def image_to_pdf(content: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(content)) as image:
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PDF", resolution=150.0)
    return out.getvalue()


def office_to_pdf(content: bytes, suffix: str, binary: str) -> bytes | None:
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as tmp:
        source = Path(tmp) / f"in{suffix}"
        source.write_bytes(content)
        try:
            subprocess.run(
                [binary, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                check=True,
                capture_output=True,
                timeout=SOFFICE_TIMEOUT_S,
                env={"HOME": tmp, "PATH": "/usr/bin:/bin"},
            )
        except (subprocess.SubprocessError, OSError):
            return None
        result = Path(tmp) / "in.pdf"
        return result.read_bytes() if result.exists() else None


def to_pdf(name: str, content_type: str, content: bytes) -> Converted:
    """The file as released: a PDF where possible, else itself with a note why not."""
    suffix = Path(name).suffix.lower()
    if content_type == PDF:
        return Converted(content, PDF, ".pdf")
    if content_type in {JPEG, PNG}:
        return Converted(image_to_pdf(content), PDF, ".pdf")
    binary = soffice()
    if binary is None:
        return Converted(
            content,
            content_type,
            suffix,
            _("LibreOffice is not installed: the file is released in its own format."),
        )
    pdf = office_to_pdf(content, suffix, binary)
    if pdf is None:
        return Converted(
            content,
            content_type,
            suffix,
            _("The file could not be converted to PDF: it is released in its own format."),
        )
    return Converted(pdf, PDF, ".pdf")


def page_count(content: bytes) -> int | None:
    import pymupdf

    try:
        with pymupdf.open(stream=content, filetype="pdf") as doc:
            return int(doc.page_count)
    except (RuntimeError, ValueError):
        return None

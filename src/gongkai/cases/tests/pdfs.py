"""Small PDFs with known text for tests (and the redaction benchmark), made with PyMuPDF."""

from __future__ import annotations

import io

import pymupdf


def pdf_with_lines(*pages: list[str], title: str = "测试文件") -> bytes:
    """A PDF whose pages carry these lines (CJK in the built-in ``china-s`` font)."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        y = 72.0
        for line in lines:
            page.insert_text((72, y), line, fontname="china-s", fontsize=11)
            y += 20
    doc.set_metadata({"title": title, "author": "办公室 张三"})
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def text_of(content: bytes) -> str:
    with pymupdf.open(stream=content, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def png_image() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, format="PNG")
    return out.getvalue()

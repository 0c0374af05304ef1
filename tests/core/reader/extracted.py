"""Reports as poppler's ``pdftotext`` extracts them from our own PDFs: a tool nobody here wrote.

A PDF's text is often all a reader is given (copied from a PDF viewer, converted by a script).
Without ``-layout`` the extraction prints a table's cells in reading-order blocks: labels
apart from their figures, figures of several rows run together, blank cells gone, empty lines
between any two cells. With ``-layout`` it keeps the columns with spaces, blank cells gone too.
The reader must return no wrong number from either (a cell it cannot place is left out).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from gongkai.core.report import Report

MODES = ("plain", "layout")


def pdftotext(pdf: bytes, mode: str) -> str:
    """``pdf``'s text as ``pdftotext`` extracts it (``mode``: plain, or layout: ``-layout``)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "report.pdf")
        source.write_bytes(pdf)
        flags = ["-layout"] if mode == "layout" else []
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *flags, str(source), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return done.stdout.decode("utf-8")


# As offices print a report: a running head and a page number on every page ("- 3 -",
# "第 3 页", "— 3 —"), lines of no cells on the pages the tables stand on.
PAGE_NUMBERS = ('- " counter(page) " -', '第 " counter(page) " 页', '— " counter(page) " —')


def printed(report: Report, number: str = PAGE_NUMBERS[0], ruled: bool = True) -> bytes:
    """``report`` as our PDF renderer prints it, with a running head and page numbers; not
    ``ruled``, its tables drawn without lines (no table a PDF's reader finds: lines of text,
    a group's label beside its first row's, "（六）其他 2.申请人逾期未按收费通知要求缴纳")."""
    from weasyprint import HTML

    from gongkai.core.report.render.html import page
    from gongkai.core.report.render.pdf import FONT_FAMILY, _font_config, _print_css

    css = (
        _print_css()
        + (
            f'@page {{ @top-center {{ content: "{report.agency}"; font-family: "{FONT_FAMILY}"; }}'
            f' @bottom-center {{ content: "{number}"; font-family: "{FONT_FAMILY}"; }} }}'
        )
        + ("" if ruled else "table, tr, td, th { border: none !important; }")
    )
    data: bytes = HTML(string=page(report, extra_css=css)).write_pdf(font_config=_font_config())
    return data

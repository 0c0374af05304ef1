"""Scans made from rendered reports: the OCR round trip's input, and how right a reading is.

``scan_pdf`` renders a report with our own PDF renderer, rasterises it with ``pdftoppm``, turns
each page by a slight angle, adds noise, and wraps the images in a PDF with no text layer (what a
scanner's software produces). ``score`` compares the cells read back with the report's.
"""

from __future__ import annotations

import io
import random
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageFilter

from gongkai.core.report import Report
from gongkai.core.report.render import render


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "report.pdf")
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(Path(folder, "page"))],
            check=True,
        )
        return [Image.open(p).copy() for p in sorted(Path(folder).glob("page*.png"))]


def _noised(page: Image.Image, angle: float, rng: random.Random, dpi: int) -> Image.Image:
    import numpy as np

    turned = page.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    # Grain (Gaussian, σ 12 grey levels), specks of dust (0.17 mm: 2 pixels at 300 dpi) and a
    # slight blur (a scanner's optics).
    speck = max(1, round(2 * dpi / 300))
    noise = np.random.default_rng(rng.randrange(2**32))
    pixels = np.asarray(turned, dtype=np.int16) + noise.normal(0, 12, (turned.height, turned.width))
    for _ in range(rng.randint(100, 400)):
        y, x = rng.randrange(turned.height - speck), rng.randrange(turned.width - speck)
        pixels[y : y + speck, x : x + speck] = rng.choice((0, 80))
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    return out.filter(ImageFilter.GaussianBlur(0.5))


def scan_pdf(report: Report, dpi: int, seed: int) -> bytes:
    """The report printed and scanned: image-only PDF pages at ``dpi``, turned by up to 1°."""
    rng = random.Random(seed)
    pages = [
        _noised(p, rng.uniform(-1, 1), rng, dpi) for p in rasterise(render(report, "pdf"), dpi)
    ]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
    return out.getvalue()


@dataclass
class Score:
    cells: int = 0
    exact: int = 0
    wrong: int = 0  # a number returned that the report does not print there
    blank: int = 0  # a printed number left blank (unsure, or lost)

    def add(self, printed: object, read: object) -> None:
        if isinstance(printed, float):  # a report loaded from JSON
            printed = Decimal(str(printed))
        self.cells += 1
        if printed == read:
            self.exact += 1
        elif read is None:
            self.blank += 1
        else:
            self.wrong += 1

    def __iadd__(self, other: Score) -> Score:
        self.cells += other.cells
        self.exact += other.exact
        self.wrong += other.wrong
        self.blank += other.blank
        return self


def score(report: Report, read: Report | None) -> Score:
    """Every cell of the report (blanks too) against the reading's."""
    result = Score()
    for key, columns in (report.proactive or {}).items():
        got = ((read.proactive or {}).get(key) or {}) if read else {}
        for column, value in columns.items():
            result.add(value, got.get(column))
    for table in ("applications", "disputes"):
        printed: dict[str, list[object]] = getattr(report, table) or {}
        found: dict[str, list[object]] = (getattr(read, table) or {}) if read else {}
        for key, row in printed.items():
            got_row = found.get(key) or [None] * len(row)
            for value, got_value in zip(row, got_row, strict=False):
                result.add(value, got_value)
    return result

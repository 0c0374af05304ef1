"""Scanned reports (image-only PDFs, PNG/JPEG/TIFF) read offline by OCR, then by the same parser.

The OCR is RapidOCR (the ``ocr`` extra): PP-OCR detection and recognition models that ship inside
its wheel, run on ONNX Runtime, one thread; nothing is downloaded and no model hub is reached.
Each page gives text boxes with a score; ``layout`` turns them back into lines a text page would
have: the page is deskewed by the boxes' own slant, boxes stacked in one table cell are joined,
boxes are grouped into rows by height, and the cells of a row are the spaces between the ruling
lines that cross the row's band (so a blank cell stays a blank cell, in its column). A table row
becomes ``label | 12 |  | 3 |``, which the text parser reads like any copied page.

A number whose OCR score is below ``MIN_NUMBER_SCORE`` is left blank with an ``ocr_unsure``
finding, never guessed; every other cell of a scan is still a number read by OCR, which the
reader says once (``ocr``).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from statistics import median
from typing import TYPE_CHECKING, Any

from gongkai.core.reader.parse import Finding
from gongkai.core.reader.wording import quote

if TYPE_CHECKING:
    from PIL.Image import Image

# Below this score a number is not returned. Measured with bench/ocr.py: on rendered scans no
# wrong number came back even with no threshold, and the misreadings seen there (a speck read as
# a decimal point, "76.4" for 764, score 0.998) score high: the parser refuses them (a count is
# an integer), not the score. 0.9 is a margin for real scans; it blanks about 0.1 % of cells.
MIN_NUMBER_SCORE = 0.9
MAX_OCR_PAGES = 60  # a scanned report of more pages is read up to here, with a finding
MAX_PIXELS = 40_000_000  # a page image larger than this (a 600 dpi A3) is scaled down
_DARK = 160  # grey level under which a pixel is ink (ruling lines are thin, anti-aliased)
_SPECKS = ".,，。·'`"
_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?%?")
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def available() -> bool:
    try:
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def looks_like_image(data: bytes) -> bool:
    """An image file, told by its content (a text file named .png stays a text)."""
    return data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float
    slant: float = 0.0  # radians, of the quadrilateral the OCR found (0 for a joined box)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def numeric(self) -> bool:
        return _NUMBER.fullmatch(self.text) is not None


@dataclass
class Scan:
    """The text rebuilt from a scan's pages, and what the OCR was unsure of."""

    text: str
    pages: int
    findings: list[Finding] = field(default_factory=list)


@cache
def _engine() -> Any:
    from rapidocr import RapidOCR

    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,  # pages are upright; a slight slant is undone below
            # Detection on the page scaled to 1280 px: 4× faster than full size, same boxes.
            "Det.limit_type": "max",
            "Det.limit_side_len": 1280,
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def pdf_images(data: bytes) -> list[Image]:
    """The largest image of each page of a PDF with no text layer (a scan)."""
    from pypdf import PdfReader

    images: list[Image] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found = [file.image for file in page.images if file.image is not None]
        if found:
            images.append(max(found, key=lambda im: im.width * im.height))
    return images


def file_images(data: bytes) -> list[Image]:
    """The frames of an image file (a multi-page TIFF has several)."""
    from PIL import Image as PILImage
    from PIL import ImageSequence

    with PILImage.open(io.BytesIO(data)) as image:
        return [frame.copy() for frame in ImageSequence.Iterator(image)]


def read_images(images: list[Image]) -> Scan:
    findings: list[Finding] = []
    if len(images) > MAX_OCR_PAGES:
        findings.append(
            Finding(
                "truncated",
                f"扫描件共{len(images)}页，只识别了前{MAX_OCR_PAGES}页",
                f"the scan has {len(images)} pages; the first {MAX_OCR_PAGES} were read by OCR",
            )
        )
        images = images[:MAX_OCR_PAGES]
    lines: list[str] = []
    for number, image in enumerate(images, 1):
        page = _prepare(image)
        boxes = recognise(page)
        page_lines, unsure = layout(boxes, page)
        lines.extend(page_lines)
        findings.extend(
            Finding(
                "ocr_unsure",
                f"第{number}页：一个数字识别为{quote(box.text)}，识别可信度{box.score:.2f}"
                f"（低于{MIN_NUMBER_SCORE}），该单元格留空",
                f"page {number}: a number read as {box.text!r} with OCR score {box.score:.2f} "
                f"(below {MIN_NUMBER_SCORE}) is left blank",
                f"page {number}",
                raw=box.text,
            )
            for box in unsure
        )
    return Scan("\n".join(lines), len(images), findings)


def _prepare(image: Image) -> Image:
    if image.width * image.height > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / (image.width * image.height))
        image = image.resize((int(image.width * scale), int(image.height * scale)))
    return image.convert("L")


def recognise(image: Image) -> list[Box]:
    """The OCR's text boxes: the bounds of each quadrilateral found, and its slant."""
    import numpy as np

    result = _engine()(np.asarray(image.convert("RGB")))
    if result.boxes is None or result.txts is None:
        return []
    boxes: list[Box] = []
    for quad, text, score in zip(result.boxes, result.txts, result.scores, strict=False):
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        (ax, ay), (bx, by) = (xs[0], ys[0]), (xs[1], ys[1])
        slant = math.atan2(by - ay, bx - ax) if bx - ax > 3 * abs(by - ay) else 0.0
        boxes.append(Box(min(xs), min(ys), max(xs), max(ys), _clean(text), float(score), slant))
    return [b for b in boxes if b.text]


def _clean(text: str) -> str:
    """Specks a scan adds before or after a cell's text: a dot, comma or tick ("3467.", "总计.")."""
    text = str(text).strip().strip(_SPECKS).strip()
    bare = text.replace(" ", "")
    return bare if _NUMBER.fullmatch(bare) else text


def _deskew(boxes: list[Box], image: Image) -> tuple[list[Box], Image]:
    """Undo a slight rotation (a page scanned askew) using the wide boxes' slant."""
    slants = [b.slant for b in boxes if b.x1 - b.x0 > 4 * max(b.height, 1) and b.slant]
    angle = median(slants) if len(slants) >= 3 else 0.0
    if abs(angle) < 0.0015:  # under 0.1°: less than a pixel over a table row
        return boxes, image
    cx, cy = image.width / 2, image.height / 2
    cos, sin = math.cos(-angle), math.sin(-angle)

    def turn(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - cx, y - cy
        return cx + dx * cos - dy * sin, cy + dx * sin + dy * cos

    turned: list[Box] = []
    for b in boxes:
        # The box's centre turns; its size is the unrotated one (the slant is small).
        x, y = turn(b.cx, b.cy)
        w, h = b.x1 - b.x0, b.height
        if b.slant:
            w = (b.x1 - b.x0) / max(abs(math.cos(b.slant)), 0.5) - abs(h * math.sin(b.slant))
            h = max(h - abs(w * math.sin(b.slant)), h / 2)
        turned.append(Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2, b.text, b.score))
    # PIL turns counter-clockwise for a positive angle in degrees; the image y axis points down.
    straight = image.rotate(math.degrees(angle), fillcolor=255)
    return turned, straight


def layout(boxes: list[Box], image: Image) -> tuple[list[str], list[Box]]:
    """Lines of text rebuilt from a page's boxes, and the numbers left blank as unsure."""
    import numpy as np

    if not boxes:
        return [], []
    boxes, image = _deskew(boxes, image)
    ink = np.asarray(image) < _DARK
    line_height = median(b.height for b in boxes)
    boxes = _join_stacked(boxes, ink, line_height)
    unsure: list[Box] = []
    lines: list[str] = []
    for row in _rows(boxes, line_height):
        cells = _cells(row, ink, line_height)
        if cells is None:
            lines.append(" ".join(b.text for b in sorted(row, key=lambda b: b.x0)))
            continue
        texts: list[str] = []
        for cell in cells:
            kept: list[Box] = []
            for b in cell:
                if b.numeric and b.score < MIN_NUMBER_SCORE:
                    unsure.append(b)
                else:
                    kept.append(b)
            texts.append(_joined(kept))
        # A copied page's convention: a pipe after every cell; a line that starts with a pipe
        # starts with a blank cell.
        lines.append(" | ".join(texts) + " |")
    return lines, unsure


def _joined(boxes: list[Box]) -> str:
    """The text of one cell's boxes; two numbers stay apart ("12 3", never "123")."""
    text = ""
    for i, box in enumerate(boxes):
        if i and (box.numeric or boxes[i - 1].numeric):
            text += " "
        text += box.text
    return text


def _horizontal_rule(ink: Any, x0: float, x1: float, y0: float, y1: float) -> bool:
    """A ruling line between two boxes stacked in one column (checked on a narrow strip)."""
    mid = (x0 + x1) / 2
    left, right = int(max(mid - 30, x0)), int(min(mid + 30, x1))
    top, bottom = int(y0) - 2, int(y1) + 3
    if right - left < 6 or bottom <= top:
        return False
    strip = ink[max(top, 0) : max(bottom, 0), left:right]
    if strip.shape[0] < 2:
        return bool(strip.size and strip.mean(axis=1).max() >= 0.8)
    pairs = strip[:-1] | strip[1:]
    return bool(pairs.mean(axis=1).max() >= 0.8)


def _join_stacked(boxes: list[Box], ink: Any, line_height: float) -> list[Box]:
    """Join the lines of one table cell ("（二）部分公开（…，不" over "计其他情形）")."""
    pending = sorted(boxes, key=lambda b: (b.y0, b.x0))
    out: list[Box] = []
    for box in pending:
        for i in range(len(out) - 1, -1, -1):
            above = out[i]
            if above.numeric or box.numeric:
                continue
            gap = box.y0 - above.y1
            overlap = min(above.x1, box.x1) - max(above.x0, box.x0)
            if (
                -0.3 * line_height < gap < 0.8 * line_height
                and overlap > 0.3 * min(above.x1 - above.x0, box.x1 - box.x0)
                and not _horizontal_rule(
                    ink, max(above.x0, box.x0), min(above.x1, box.x1), above.y1, box.y0
                )
            ):
                out[i] = Box(
                    min(above.x0, box.x0),
                    above.y0,
                    max(above.x1, box.x1),
                    max(above.y1, box.y1),
                    above.text + box.text,
                    min(above.score, box.score),
                )
                break
        else:
            out.append(box)
    return out


def _rows(boxes: list[Box], line_height: float) -> Iterator[list[Box]]:
    """Boxes grouped into rows by their centres' height (a tall joined cell: its centre)."""
    ordered = sorted(boxes, key=lambda b: b.cy)
    row: list[Box] = []
    centre = 0.0
    for box in ordered:
        if row and box.cy - centre > 0.5 * line_height:
            yield row
            row = []
        row.append(box)
        single = [b.cy for b in row if b.height < 1.6 * line_height] or [b.cy for b in row]
        centre = sum(single) / len(single)
    if row:
        yield row


def _cells(row: list[Box], ink: Any, line_height: float) -> list[list[Box]] | None:
    """The row's boxes in the cells between the vertical ruling lines crossing its band.

    A rule covers the middle of the row's text band (a residual slant can carry the band's
    ends past the row's top or bottom rule, so 80 % of the whole band suffices), where no stroke
    of a glyph covers that much of its box; and it does not cross a box's text.
    """
    single = [b for b in row if b.height < 1.6 * line_height] or row
    top, bottom = int(median(b.y0 for b in single)), int(median(b.y1 for b in single))
    middle = (top + bottom) / 2
    inner = int(middle - 0.3 * line_height), int(middle + 0.3 * line_height) + 1
    if bottom - top < 4 or top < 0 or inner[1] - inner[0] < 4:
        return None

    def coverage(y0: int, y1: int) -> Any:
        band = ink[y0:y1]
        return (band[:, :-1] | band[:, 1:]).mean(axis=0)

    covered = (coverage(*inner) >= 0.9) & (coverage(top, bottom) >= 0.8)
    margin = 0.3 * line_height
    rules: list[float] = []
    start = -1
    for x, on in enumerate(covered.tolist()):
        if on and start < 0:
            start = x
        elif not on and start >= 0:
            rule = (start + x) / 2
            if not any(b.x0 + margin < rule < b.x1 - margin for b in row):
                rules.append(rule)
            start = -1
    if len(rules) < 2:
        return None
    cells: list[list[Box]] = [[] for _ in range(len(rules) - 1)]
    outside: list[Box] = []
    for box in sorted(row, key=lambda b: b.x0):
        index = next((i for i in range(len(rules) - 1) if rules[i] < box.cx < rules[i + 1]), None)
        if index is None:
            outside.append(box)
        else:
            cells[index].append(box)
    if outside and not any(cells):
        return None
    # Text beyond the outer rules found (a border the band missed) is a cell of its own.
    before = [b for b in outside if b.cx < rules[0]]
    after = [b for b in outside if b.cx > rules[-1]]
    return ([before] if before else []) + cells + ([after] if after else [])


# A money cell's decimal places as the column's unit prints them when no other money cell of the
# scan vouches for a count: 万元 to the yuan (4 places), 元 to the fen (2 places).
_LONE_PLACES = {"万元": 4, "元": 2}


def implausible_points(printed: dict[str, tuple[str, str]]) -> list[str]:
    """The money cells (``where`` → (printed figure, the column's unit)) whose decimal point a
    speck may have made ("764" read as "76.4"): where most of the scan's decimal money figures
    (two or more) print one count of decimal places, a figure printing another; else a count
    the column's unit does not print. A report prints its money alike throughout."""
    places = {
        where: len(text.partition(".")[2].rstrip("元万亿"))
        for where, (text, _) in printed.items()
        if "." in text
    }
    counts = list(places.values())
    usual = max(set(counts), key=counts.count) if counts else None
    agreed = (
        usual is not None and counts.count(usual) >= 2 and counts.count(usual) * 2 > len(counts)
    )
    return sorted(
        where
        for where, count in places.items()
        if count != (usual if agreed else _LONE_PLACES.get(printed[where][1], -1))
    )

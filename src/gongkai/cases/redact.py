"""区分处理 (第三十七条): redaction that removes the content, with PyMuPDF (AGPL, like us).

``apply_redactions`` marks each box with ``page.add_redact_annot`` and runs
``page.apply_redactions``: the text under the box is deleted from the content stream, images are
blanked where they overlap, vector graphics under it removed; then the document's metadata and
XMP are scrubbed and the file is rewritten (garbage-collected) so no removed object survives.
Never a black rectangle drawn over live text.

``suggest`` proposes boxes for personal data found in the text layer — 居民身份证号 with a valid
check character (core/ids), mobile and landline numbers, bank card numbers (Luhn), names after a
label (姓名/申请人/联系人/…) and addresses after a label, and 统一社会信用代码 only when asked — for
an officer to review: nothing is applied unreviewed. Personal data is withheld under 第十五条
(statute-table row 3.3.4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pymupdf

from gongkai.core.ids import is_valid_credit_code, is_valid_id_number

PERSONAL_DATA_ROW = "3.3.4"  # 第十五条: 个人隐私 (and 商业秘密)


class NotAPdf(ValueError):
    """The bytes are not a readable PDF."""


@dataclass(frozen=True)
class Box:
    page: int  # 0-based
    x0: float
    y0: float
    x1: float
    y1: float
    reason: str = PERSONAL_DATA_ROW  # a withholding row of the statute table (choices.py)
    text: str = ""  # what it covers, for the log (kept inside the office)
    # id_number / mobile / landline / bank_card / name / address / term / area. An "area" is
    # typed as the page is seen (its preview: turned as the page's /Rotate turns it); the
    # others are where PyMuPDF found their text (on the page unturned).
    kind: str = "area"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- finding personal data ---------------------------------------------------------------------

_ID = re.compile(r"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_LANDLINE = re.compile(r"(?<![0-9])0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}(?![0-9])")
_CARD = re.compile(r"(?<![0-9])[1-9][0-9]{15,18}(?![0-9Xx])")
_CREDIT = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Z])")
_NAME_LABELS = "姓名|申请人|联系人|当事人|被申请人|法定代表人|经办人|承办人|户主|签名"
_NAME = re.compile(rf"(?:{_NAME_LABELS})[：:\s]*([\u4e00-\u9fa5]{{2,4}}?)(?=[\s，,。；;、（(]|$)")
# Common surnames (百家姓's most frequent): a name in running text before 同志/先生/女士.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
_TITLED = re.compile(
    rf"(?<![\u4e00-\u9fa5])([{_SURNAMES}][\u4e00-\u9fa5]{{1,2}})(?:同志|先生|女士)"
)
_ADDRESS = re.compile(r"(?:住址|地址|家庭住址|住所)[：:\s]*([^\s，,。；;]{6,40})")


def _luhn(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def find_personal_data(text: str, *, credit_codes: bool = False) -> list[tuple[str, str]]:
    """(kind, text) of each piece of personal data found in ``text``, in order, once each."""
    found: dict[str, str] = {}
    for match in _ID.finditer(text):
        value = match.group().upper()
        if is_valid_id_number(value):
            found.setdefault(match.group(), "id_number")
    for match in _MOBILE.finditer(text):
        found.setdefault(match.group(), "mobile")
    for match in _LANDLINE.finditer(text):
        found.setdefault(match.group(), "landline")
    for match in _CARD.finditer(text):
        # An 18-digit number shaped like an identity number (birth date inside) is not a card.
        if len(match.group()) == 18 and re.fullmatch(
            r"\d{6}(19|20)\d{2}[01]\d[0-3]\d{5}", match.group()
        ):
            continue
        if match.group() not in found and _luhn(match.group()):
            found.setdefault(match.group(), "bank_card")
    for match in _NAME.finditer(text):
        found.setdefault(match.group(1), "name")
    for match in _TITLED.finditer(text):
        found.setdefault(match.group(1), "name")
    for match in _ADDRESS.finditer(text):
        found.setdefault(match.group(1), "address")
    if credit_codes:
        for match in _CREDIT.finditer(text):
            if is_valid_credit_code(match.group()):
                found.setdefault(match.group(), "credit_code")
    return [(kind, value) for value, kind in found.items()]


# -- reading and writing PDFs ----------------------------------------------------------------


def open_pdf(content: bytes) -> Any:
    try:
        doc = pymupdf.open(stream=content, filetype="pdf")
    except (RuntimeError, ValueError) as exc:
        raise NotAPdf(str(exc)) from exc
    if not doc.is_pdf or doc.needs_pass:
        doc.close()
        raise NotAPdf("not a readable PDF")
    return doc


def page_count(content: bytes) -> int:
    with open_pdf(content) as doc:
        return int(doc.page_count)


def _boxes_for(page: Any, number: int, text: str, kind: str, reason: str) -> list[Box]:
    return [
        Box(number, r.x0, r.y0, r.x1, r.y1, reason=reason, text=text, kind=kind)
        for r in page.search_for(text)
    ]


def suggest(content: bytes, *, credit_codes: bool = False) -> list[Box]:
    """Proposed boxes for the personal data in the PDF's text layer (for review)."""
    boxes: list[Box] = []
    with open_pdf(content) as doc:
        for number, page in enumerate(doc):
            for kind, text in find_personal_data(page.get_text(), credit_codes=credit_codes):
                boxes += _boxes_for(page, number, text, kind, PERSONAL_DATA_ROW)
    return boxes


def find_terms(content: bytes, terms: Iterable[str], reason: str) -> list[Box]:
    """Boxes over every occurrence of each term (the officer's "select text")."""
    wanted = [t.strip() for t in terms if t.strip()]
    boxes: list[Box] = []
    with open_pdf(content) as doc:
        for number, page in enumerate(doc):
            for term in wanted:
                boxes += _boxes_for(page, number, term, "term", reason)
    return boxes


def apply_redactions(content: bytes, boxes: Sequence[Box]) -> bytes:
    """A new PDF with everything under the boxes removed and the metadata scrubbed."""
    with open_pdf(content) as doc:
        pages = {box.page for box in boxes}
        for box in boxes:
            if not 0 <= box.page < doc.page_count:
                raise ValueError(f"page {box.page + 1} does not exist")
            page = doc[box.page]
            rect = pymupdf.Rect(box.x0, box.y0, box.x1, box.y1)
            if box.kind == "area":
                # On a turned page the area as seen lies elsewhere on the page unturned, where
                # redaction works: taken there, or a box would black out the wrong place and
                # leave what it was drawn over.
                rect = rect * page.derotation_matrix
            page.add_redact_annot(rect, fill=(0, 0, 0))
        for number in sorted(pages):
            doc[number].apply_redactions(
                images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED,
            )
        doc.scrub(
            attached_files=True,
            clean_pages=True,
            embedded_files=True,
            hidden_text=True,
            javascript=True,
            metadata=True,
            redactions=False,  # already applied above, page by page
            remove_links=True,
            reset_fields=True,
            reset_responses=True,
            thumbnails=True,
            xml_metadata=True,
        )
        return bytes(doc.tobytes(garbage=4, deflate=True, clean=True))


def preview_png(content: bytes, page: int, *, boxes: Sequence[Box] = (), dpi: int = 72) -> bytes:
    """One page as a PNG (the console's preview), rendered on the server, with the proposed
    boxes outlined in red (drawn on a copy in memory: nothing is changed)."""
    with open_pdf(content) as doc:
        if not 0 <= page < doc.page_count:
            raise ValueError(f"page {page + 1} does not exist")
        target = doc[page]
        for box in boxes:
            if box.page == page:
                target.draw_rect(
                    pymupdf.Rect(box.x0, box.y0, box.x1, box.y1), color=(1, 0, 0), width=1.5
                )
        return bytes(target.get_pixmap(dpi=dpi).tobytes("png"))

"""The printed page of a letter, shared by the DOCX templates and the PDF (GB/T 9704-2012).

All lengths in points. GB/T 9704 puts 22 lines of 28 characters of 3号 (16 pt) text in a
156 mm × 225 mm type area on A4: 225 mm / 22 lines = 28.95 pt per line, fixed. (Some issue
texts say "28 lines"; the standard's 22 lines × 28 characters is what is used here.)
"""

from __future__ import annotations

MM = 72 / 25.4  # points per millimetre

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # A4
# GB/T 9704 5.2.2: 天头 37 mm, 订口 (left) 28 mm; the type area 156 × 225 mm leaves 26 mm right
# and 35 mm bottom.
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 37, 35
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 28, 26

TITLE_SIZE = 22.0  # 2号 小标宋 (GB/T 9704 7.3.1)
BODY_SIZE = 16.0  # 3号 仿宋 (GB/T 9704 5.2.1)
PAGE_NUMBER_SIZE = 14.0  # 4号, "— 1 —" (GB/T 9704 7.5)
LINE = 28.95  # fixed line pitch: 22 lines in the 225 mm type area
INDENT = 2 * BODY_SIZE  # paragraphs start two characters in

TEXT_WIDTH = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * MM  # 156 mm ≈ 442.2 pt

# GB/T 9704 7.3.5.1: the date ends four characters from the right margin and the signature is
# centred over it. A date is about 7 characters wide (2025年10月20日: Arabic digits are half
# width), so both lines are centred on an axis 4 + 3.5 characters from the right margin: a
# centred tab stop in DOCX, a centred box in the PDF. The box is wide enough for a signature of
# 15 characters.
SIGNATURE_AXIS = TEXT_WIDTH - (4 + 3.5) * BODY_SIZE  # from the left margin
SIGNATURE_BOX = 2 * (TEXT_WIDTH - SIGNATURE_AXIS)


def text_width(text: str, size: float = BODY_SIZE) -> float:
    """Approximate printed width: Chinese and full-width characters 1 em, ASCII half."""
    return sum(0.5 if ord(char) < 0x2E80 else 1.0 for char in text) * size


def signature_axis(signature: str, date: str) -> float:
    """Where signature and date are centred, from the left margin.

    ``SIGNATURE_AXIS`` unless a signature of more than about 13 characters would then come
    closer than one character to the right margin; then the longer line ends one character
    from it and both stay centred on one axis (GB/T 9704 gives no rule for this case).
    """
    widest = max(text_width(signature), text_width(date))
    return min(SIGNATURE_AXIS, TEXT_WIDTH - BODY_SIZE - widest / 2)


# The seal: 42 mm across (a county-level agency's round seal), centred on the signature axis,
# its centre at the middle of the signature line so that signature and date sit in its lower
# half ("署名和成文日期居印章中心偏下位置", 7.3.5.1); with one blank line between body and
# signature its top stays within a line of the body ("上距正文一行之内").
SEAL_WIDTH_MM = 42.0
SEAL_CENTRE_BELOW_SIGNATURE_TOP = 0.5 * LINE

# The default template every kind prints with (``templates/``, written by
# scripts/make_letter_templates.py).
GENERIC_TEMPLATE = "letter.docx"

# The internal forms (forms.py): one template for all, printed in 4号 (14 pt) so that a table
# of four columns fits the type area.
FORM_TEMPLATE = "form.docx"
FORM_SIZE = 14.0

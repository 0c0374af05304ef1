"""Text clean-up before reading: encodings, traditional characters, inserted pinyin, widths.

Only what cannot change a number's meaning is normalised here: full-width digits and ASCII
letters become half-width, traditional characters become simplified (OpenCC ``t2s``),
pinyin that mirror sites insert after characters (``鄉(xiāng)``) is removed, and odd spaces
become plain spaces. Chinese punctuation is kept (``，`` is not a thousands separator).
"""

from __future__ import annotations

import re
from functools import cache

# Pinyin in parentheses right after a hanzi: needs a tone mark or ü, so that "(ABC)" stays.
_PINYIN = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)"
)
# Characters that only traditional text uses, frequent in these reports: a cheap test that
# spares simplified text the OpenCC pass.
_TRADITIONAL_HINTS = frozenset(
    "們個這為國會經開關於與時間報處條例項數據規範總體請機構覆訴訟統計態環資訊營"
)

_WIDTH: dict[int, int | None] = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDTH.update(
    {
        0x3000: 0x20,  # ideographic space
        0x00A0: 0x20,  # no-break space
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x200B: None,  # zero-width space
        0xFEFF: None,  # byte-order mark
        0xFF0E: ord("."),  # ．
        0xFF0B: ord("+"),  # ＋
        0xFF0D: ord("-"),  # －
        0xFF0F: ord("/"),  # ／
        0xFF5C: ord("|"),  # ｜
        0xFF08: ord("("),  # （ — parentheses are compared half-width
        0xFF09: ord(")"),  # ）
        0xFF1A: ord(":"),  # ：
        0x2212: ord("-"),  # minus sign
    }
)


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    if not any(c in _TRADITIONAL_HINTS for c in text):
        return text
    converter = _converter()
    converted: str = converter.convert(text)  # type: ignore[attr-defined]
    return converted


def decode(data: bytes) -> str:
    """Bytes of a saved page or text file, in whatever encoding Chinese sites use."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:2048].lower()
    match = re.search(rb"charset=[\"']?([a-z0-9_-]+)", head)
    for encoding in ([match.group(1).decode()] if match else []) + ["gb18030", "big5"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def normalize(text: str) -> str:
    text = _PINYIN.sub("", text)
    text = to_simplified(text)
    return text.translate(_WIDTH).replace("\r\n", "\n").replace("\r", "\n")

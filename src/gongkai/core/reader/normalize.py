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
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# Characters that only traditional text uses, frequent in these reports: a cheap test that
# spares simplified text the OpenCC pass.
_TRADITIONAL_HINTS = frozenset(
    "們個這為國會經開關於與時間報處條例項數據規範總體請機構覆訴訟統計態環資訊營"
)

# Frequent substitutions go through str.replace (fast); full-width digits and letters, which
# are rare, through one regex.
_REPLACE = (
    ("\u3000", " "),  # ideographic space
    ("\u00a0", " "),  # no-break space
    ("\u2002", " "),
    ("\u2003", " "),
    ("\u2009", " "),
    ("\u200b", ""),  # zero-width space
    ("\ufeff", ""),  # byte-order mark
    ("（", "("),  # parentheses and colons are compared half-width
    ("）", ")"),
    ("：", ":"),
    ("．", "."),
    ("＋", "+"),
    ("－", "-"),
    ("／", "/"),
    ("｜", "|"),
    ("\u2212", "-"),  # minus sign
    ("\r\n", "\n"),
    ("\r", "\n"),
)
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def _half(match: re.Match[str]) -> str:
    return "".join(chr(ord(c) - 0xFEE0) for c in match.group())


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
    if any(mark in text for mark in _TONE_MARKS):
        text = _PINYIN.sub("", text)
    text = to_simplified(text)
    for old, new in _REPLACE:
        if old in text:
            text = text.replace(old, new)
    return _FULL_WIDTH.sub(_half, text)

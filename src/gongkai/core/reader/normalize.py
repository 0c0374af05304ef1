"""Text clean-up before reading: encodings, traditional characters, inserted pinyin, widths.

Only what cannot change a number's meaning is normalised here: full-width digits and ASCII
letters become half-width, traditional characters become simplified (OpenCC ``t2s``),
pinyin that mirror sites insert after characters (``鄉(xiāng)``) is removed, and odd spaces
become plain spaces. Chinese punctuation is kept (``，`` is not a thousands separator).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

# Pinyin in parentheses right after a hanzi (or its other gloss, "中(zhōng)(zhōng)"): needs a
# tone mark or ü, so that "(ABC)" stays.
# (The parenthesis comes first and the hanzi is looked behind it: a pattern opening with a
# literal is searched for that character alone, one opening with a look-behind is tried at every
# position of the text.)
_PINYIN = re.compile(
    r"\((?<=[\u4e00-\u9fff)]\()(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)"
)
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# … or without its tone marks ("國(guo)資(zi)委堅(jian)持(chi)", "中(zhong)(zhong)"): a syllable of
# pinyin's, and only where a text holds many (one "(en)" after a hanzi is a text's own).
_PLAIN_PINYIN = re.compile(
    r"\((?<=[\u4e00-\u9fff)]\()(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|"
    r"ua|uo|ui|un|ue|ve|a|o|e|i|u|v)\)"
)
_GLOSSES = 5
# OpenCC ``t2s`` leaves a text alone unless it holds a character the conversion changes: one it
# changes on its own (``t2s_changed.txt``: every code point ``convert(c) != c``, 5,119 with
# opencc 1.4.2), or one of the few phrases that change characters left alone on their own
# (反覆 → 反复, 瞭解 → 了解; from OpenCC's TSPhrases.txt). Only those texts pay the OpenCC pass;
# the test checks both lists against the installed OpenCC, code point by code point.
_CHANGED = frozenset(
    (Path(__file__).with_name("t2s_changed.txt")).read_text(encoding="utf-8").replace("\n", "")
)
_PHRASE_TEXT = (
    "一坏 一目瞭然 不瞭解 以免藉口 凌藉 函覆 反反覆覆 反覆 反覆思量 反覆性 回覆 土坏 "
    "坏土 坏子 坏布 墨沈沈 意志消沈 打坏 批覆 找藉口 折戟沈沙 折戟沈河 拉坏 拜覆 "
    "捏坏 明瞭 明覆 昏沈 暗沈沈 毛坏 沈下 沈冤 沈厚 沈吟 沈寂 沈思 "
    "沈思往事 沈浮 沈浸 沈湎 沈湎酒色 沈溺 沈甸甸 沈痛 沈痼 沈睡 沈睡不醒 沈砂池 "
    "沈筒 沈船 沈落 沈迷 沈迷不醒 沈醉 沈重 沈降 沈陷 沈香 沈默 沈默寡言 "
    "浮沈 海哩 深沈 深沈不露 滑藉 狐藉虎威 甦生 甦醒 申覆 瞭如 瞭如指掌 瞭然 "
    "瞭若指掌 瞭解 瞭解到 破釜沈舟 示覆 答覆 素藉 耳沈 英哩 茵藉 藉代 藉以 "
    "藉助 藉卉 藉口 藉喻 藉寇兵 藉手 藉故 藉方 藉槁 藉此 藉甚 藉由 "
    "藉着 藉端 藉端生事 衹得 覆信 覆呈 覆命 覆墓 覆按 覆文 覆校 重覆 "
    "陶坏 黑沈沈 "
)
_PHRASES = tuple(_PHRASE_TEXT.split())
# The characters those phrases change (each phrase holds one): a cheap gate before the search.
_PHRASE_CHARS = frozenset("哩坏沈甦瞭藉衹覆")
_PHRASE = re.compile("|".join(sorted(_PHRASES, key=len, reverse=True)))


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
# Searched first: one character class scans several times faster than the repeated one.
_FULL_WIDTH_ANY = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULL_WIDTH_CHARS = frozenset(
    chr(c)
    for a, b in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(a, b + 1)
)


def _half(match: re.Match[str]) -> str:
    return "".join(chr(ord(c) - 0xFEE0) for c in match.group())


@cache
def _converter() -> object:
    import opencc

    return opencc.OpenCC("t2s")


# Every character OpenCC changes or its phrases hold, in one class the regex engine looks up in
# a bitmap (the BMP's; beyond it, one range stands for all: a text rarely holds any). (Listed
# one by one, the characters beyond the BMP would be tried one after another at every character.)
_T2S_CLASS = "".join(re.escape(c) for c in sorted(_CHANGED | _PHRASE_CHARS) if c <= "\uffff")
_T2S_ANY = re.compile(f"[{_T2S_CLASS}\U00010000-\U0010ffff]")
_PHRASE_REACH = max(map(len, _PHRASES))


def _changes(text: str) -> bool:
    """Whether OpenCC changes ``text``: it holds a changed character or one of the phrases.

    One scan of the class finds the candidates; each is told apart where it stands: a changed
    character decides at once, a character beyond the BMP the class only stands for is passed
    over, and a phrase's character is looked at with the phrases in the few characters around it
    (every phrase holds one: a phrase anywhere is found so). A text OpenCC changes is told at its
    first traditional character; one it leaves costs one scan (a report printing 覆盖 or 沈 as
    simplified text does).
    """
    search = _PHRASE.search
    for found in _T2S_ANY.finditer(text):
        c = found.group()
        if c in _CHANGED:
            return True
        at = found.start()
        if c in _PHRASE_CHARS and search(text, max(0, at - _PHRASE_REACH + 1), at + _PHRASE_REACH):
            return True
    return False


def to_simplified(text: str) -> str:
    """``text`` as OpenCC ``t2s`` converts it; the pass is skipped only where it changes nothing.

    A set membership test costs more per character than OpenCC itself, so the gate works in C:
    one character class of every changed and phrase character (``_T2S_ANY``), whose finds are
    told apart by ``_changes``.
    """
    if not _changes(text):
        return text  # exactly what OpenCC would return
    return _convert(text)


def _convert(text: str) -> str:
    converted: str = _converter().convert(text)  # type: ignore[attr-defined]
    return converted


# Words every report prints, simplified and traditional: a decoding that yields them is right.
_VOCABULARY = (
    "政府信息公开",
    "政府資訊公開",
    "政府信息公開",
    "年度报告",
    "年度報告",
    "申请",
    "申請",
    "行政",
    "情况",
    "情況",
    "办理",
    "辦理",
    "复议",
    "複議",
    "诉讼",
    "訴訟",
    "人民政府",
    "工作",
    "主动公开",
    "主動公開",
)
_CHARSET = re.compile(rb"charset=[\"']?([a-z0-9_-]+)")
# Candidates in order of preference when two score alike. Big5 as Windows writes it (cp950)
# and with Hong Kong's additions; GB18030 covers GB2312 and GBK.
_CANDIDATES = ("gb18030", "cp950", "big5hkscs")
_SAMPLE = 4000  # characters scored per candidate: enough for a page's opening


@cache
def _common_hanzi() -> frozenset[str]:
    """The 3,755 level-1 characters of GB2312 and the 5,401 common characters of Big5."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for code in range(0xA440, 0xC67F):
        try:
            chars.add(code.to_bytes(2).decode("cp950"))
        except UnicodeDecodeError:
            continue
    return frozenset(c for c in chars if "\u4e00" <= c <= "\u9fff")


def _odd(c: str) -> bool:
    """Characters mojibake is made of: kana, Greek, Cyrillic, box drawing, private use, rare
    hanzi blocks, control characters and the replacement character."""
    o = ord(c)
    return (
        0x0370 <= o <= 0x04FF
        or 0x2500 <= o <= 0x257F
        or 0x3040 <= o <= 0x30FF
        or 0x3400 <= o <= 0x4DBF
        or 0xE000 <= o <= 0xF8FF
        or 0xF900 <= o <= 0xFAFF
        or o == 0xFFFD
        or (o < 0x20 and c not in "\t\n\r\f")
        or 0x80 <= o <= 0x9F
        or o >= 0x20000
    )


def plausibility(text: str) -> float:
    """How much a decoding reads as Chinese: report words, common characters, no mojibake."""
    sample = text[:_SAMPLE]
    common = _common_hanzi()
    score = 0.0
    for c in sample:
        if c < "\x80":
            continue
        if c in common:
            score += 1
        elif _odd(c):
            score -= 3
        elif "\u4e00" <= c <= "\u9fff":
            score -= 0.5  # a rare character: mojibake draws many
    return score + 20 * sum(sample.count(word) for word in _VOCABULARY)


def utf16_without_bom(data: bytes) -> str | None:
    """The byte order of text in UTF-16 with no byte-order mark, if the bytes are that.

    (ASCII in UTF-16 has a NUL in every other byte; Chinese has none, so the decoding's
    plausibility decides, and a binary file's NULs decode to control characters.)
    """
    head = data[:2048]
    if b"\x00" not in head:
        return None
    head = head[: len(head) // 2 * 2]
    best: tuple[float, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = head.decode(encoding, errors="replace")
        score = plausibility(text)
        if "\x00" not in text and score > 0 and (best is None or score > best[0]):
            best = (score, encoding)
    return best[1] if best else None


def decode(data: bytes) -> str:
    """Bytes of a saved page or text file, in whatever encoding Chinese sites use.

    Big5 bytes decode as GB18030 without an error (into mojibake), so every candidate that
    decodes is scored by how plausible its Chinese is (``plausibility``), the page's declared
    charset first among equals; UTF-8 that decodes is taken as it is.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(data[:2048].lower())
    declared = [match.group(1).decode()] if match else []
    best: tuple[float, str] | None = None
    for encoding in dict.fromkeys([*declared, *_CANDIDATES]):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text)
    if best is not None:
        return best[1]
    return data.decode("utf-8", errors="replace")


# Every character the steps below look for, and OpenCC's (``_T2S_ANY``): a text holding none
# (most) is returned as it is after one C-level pass; for one holding some, a second pass tells
# which (most hold a few), and only those steps scan it again.
_ANY_CHANGE = re.compile(
    "["
    + _TONE_MARKS
    + "".join(re.escape(old[0]) for old, _ in _REPLACE)
    + _FULL_WIDTH_ANY.pattern[1:-1]
    + _T2S_ANY.pattern[1:-1]
    + "]"
)
_ANY_STEP = re.compile(
    "["
    + _TONE_MARKS
    + "".join(re.escape(old[0]) for old, _ in _REPLACE)
    + _FULL_WIDTH_ANY.pattern[1:-1]
    + "]"
)


def _glossed(text: str) -> bool:
    """Whether ``text`` holds pinyin without tone marks after its characters, a mirror's."""
    return "(" in text and len(_PLAIN_PINYIN.findall(text)) >= _GLOSSES


def normalize(text: str) -> str:
    if _glossed(text):
        text = _PLAIN_PINYIN.sub("", text)
    first = _ANY_CHANGE.search(text)
    if first is None:
        return text  # no step changes it, OpenCC none of its characters
    # A traditional text shows it at once (OpenCC converts it whatever the steps do); any other
    # is listed whole, the characters OpenCC's gate looks for with the steps' (both few).
    traditional = first.group() in _CHANGED
    held = set((_ANY_STEP if traditional else _ANY_CHANGE).findall(text, first.start()))
    if not held.isdisjoint(_TONE_MARKS):
        text = _PINYIN.sub("", text)
    # The replaced characters are none that OpenCC changes or that its phrases hold; replaced
    # first, a zero-width space no longer hides a phrase and odd spaces no longer send a
    # simplified text through OpenCC. (Replacements only remove characters of ``held`` or
    # write ASCII: a step whose first character the text never held has nothing to replace.)
    for old, new in _REPLACE:
        if old[0] in held and old in text:
            text = text.replace(old, new)
    # OpenCC changes the text (``_changes``) if it holds a changed character (the steps remove
    # none and write none), or a phrase: around a phrase character it holds (removing pinyin or
    # a zero-width space may have joined one).
    if traditional or not held.isdisjoint(_CHANGED) or _phrase_around(text, held):
        # (a mirror in Taiwan's usage prints 信息 as 資訊, "政府資訊公開": OpenCC keeps the word)
        text = _convert(text).replace("资讯", "信息")
    # OpenCC writes no full-width digit or letter (the test reads its dictionaries): the text
    # holds one only if it held one before.
    return text if held.isdisjoint(_FULL_WIDTH_CHARS) else _FULL_WIDTH.sub(_half, text)


def source_offsets(text: str, read: int) -> list[int] | None:
    """Where each of the ``read`` characters of ``normalize(text)`` stands in ``text``, for a
    text normalising shortened (the pinyin a mirror inserts, and the replacements that write
    fewer characters than they take: zero-width spaces, the ``\r`` of ``\r\n``; every other
    step writes one character for one). None if the two do not align."""
    deleted = bytearray(len(text))
    glosses = ((_PLAIN_PINYIN, _glossed(text)), (_PINYIN, not _TONE_MARKS_SET.isdisjoint(text)))
    for pattern in (pattern for pattern, held in glosses if held):
        for match in pattern.finditer(text):
            deleted[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for old, new in _SHORTENING:
        at = text.find(old)
        while at >= 0:
            deleted[at : at + len(old) - len(new)] = b"\x01" * (len(old) - len(new))
            at = text.find(old, at + 1)
    offsets = [i for i, gone in enumerate(deleted) if not gone]
    return offsets if len(offsets) == read else None


_SHORTENING = tuple((old, new) for old, new in _REPLACE if len(new) < len(old))
_TONE_MARKS_SET = frozenset(_TONE_MARKS)


def _phrase_around(text: str, held: set[str]) -> bool:
    """Whether ``text`` holds one of the phrases, looked for around each of the phrase
    characters in ``held`` (where ``str.find`` finds them)."""
    search = _PHRASE.search
    for c in _PHRASE_CHARS.intersection(held):
        at = text.find(c)
        while at >= 0:
            if search(text, max(0, at - _PHRASE_REACH + 1), at + _PHRASE_REACH):
                return True
            at = text.find(c, at + 1)
    return False

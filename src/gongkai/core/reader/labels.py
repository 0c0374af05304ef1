"""Recognising the tables' cells: row labels, headers, section anchors, and values.

Labels are matched on a *core* form — spaces, numbering (（一）/一、/1.) and explanatory
parentheticals removed — against key phrases, which absorbs the variants real pages print:
typos seen in the corpus (科研企业, 现行有效件, 不予以处理), t2s artefacts (规范性档案), and
long explanations added to a label. A cell only counts as a label when it is short and holds
no figure, so narrative sentences ("予以公开274件") never do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache


class _Memo[T](dict[str, T]):
    """Results by text, computed when missing; emptied when full (the memory stays bounded)."""

    __slots__ = ("_compute", "_limit")

    def __init__(self, compute: Callable[[str], T], limit: int) -> None:
        super().__init__()
        self._compute, self._limit = compute, limit

    def __missing__(self, text: str) -> T:
        if len(self) >= self._limit:
            self.clear()
        value = self[text] = self._compute(text)
        return value


def memo[T](compute: Callable[[str], T], limit: int = 1 << 16) -> Callable[[str], T]:
    """``compute`` memoised on its one text argument, for at most ``limit`` texts. The same
    label and value texts recur in every report; a hit is one dict lookup (``lru_cache`` costs
    twice as much: it builds an argument tuple and keeps an order, for keys of any shape).
    Memoise texts of a line or a cell, never whole documents: the memo keeps what it is given."""
    return _Memo(compute, limit).__getitem__


_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、]|\(\d+\))"
)
_PARENTHETICAL = re.compile(r"\((?![一二三四五六七八九十]+\))[^()]*\)")
_DIGIT = re.compile(r"\d")

MAX_LABEL = 40


def starts_numbered(text: str) -> bool:
    """Whether a text opens with a row's numbering (一、 (三) 4.): a new label, no tail."""
    return _NUMBERING.match(compact(text)) is not None


def without_spaces(text: str) -> str:
    """``compact`` of a text too long to keep (a whole document)."""
    # ``re.sub(r"\s+", "", text)``: ``str.split`` splits where ``\s`` matches (both test
    # Py_UNICODE_ISSPACE), and costs a third of the regex call on a short cell.
    return "".join(text.split())


compact = memo(without_spaces)  # a cell's or a line's text without spaces


@memo
def core(text: str) -> str:
    """The label without spaces, numbering prefixes or explanatory parentheticals."""
    text = compact(text).rstrip("|:")
    text = _PARENTHETICAL.sub("", text)
    if ":" in text:  # a definition after the label ("规章:指省、自治区…制定的规定")
        text = text.partition(":")[0] or text
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text)
    return text


# -- section 三 ---------------------------------------------------------------------------

# (row key or group marker, test on the core text). Order matters: the first match wins.
_APPLICATION_RULES: tuple[tuple[str, str, str], ...] = (
    # (key, mode, phrase): mode "eq" = core equals, "in" = core contains, "start" = prefix
    ("1", "in", "本年新收"),
    ("2", "in", "上年结转"),
    ("group:3", "in", "本年度办理结果"),
    ("3.2", "start", "部分公开"),
    ("3.1", "eq", "予以公开"),
    ("group:3.3", "eq", "不予公开"),
    ("3.3.1", "in", "国家秘密"),
    ("3.3.2", "in", "禁止公开"),
    ("3.3.3", "in", "三安全一稳定"),
    ("3.3.4", "in", "第三方合法权益"),
    ("3.3.5", "in", "内部事务"),
    ("3.3.6", "in", "过程性信息"),
    ("3.3.7", "in", "行政执法案卷"),
    ("3.3.8", "in", "行政查询事项"),
    ("group:3.4", "eq", "无法提供"),
    ("3.4.1", "in", "不掌握"),
    ("3.4.2", "in", "另行制作"),
    ("3.4.3", "in", "补正后"),
    ("group:3.5", "in", "不予处理"),
    ("group:3.5", "in", "不予以处理"),
    ("3.5.1", "in", "信访举报"),
    ("3.5.2", "eq", "重复申请"),
    ("3.5.3", "in", "公开出版物"),
    ("3.5.4", "in", "大量反复"),
    ("3.5.5", "in", "重新出具"),
    ("3.6.1", "in", "逾期不补正"),
    ("3.6.2", "in", "缴纳费用"),
    ("3.6.2", "in", "未按收费"),  # (its label's first line, wrapped before 缴纳费用)
    ("other:3.6", "eq", "其他处理"),
    ("3.7", "eq", "总计"),
    ("4", "in", "结转下年度"),
)


@memo
def application_label(text: str) -> str | None:
    """``1`` … ``4``, ``group:…``, ``other:3.6`` (row in 2019, group in 2021), ``3.6.3`` or None."""
    raw = compact(text)
    label = core(text)
    if not label or len(label) > MAX_LABEL or _DIGIT.search(label):
        return None
    if label == "其他" and re.match(r"^3[.、]", raw):
        return "3.6.3"
    for key, mode, phrase in _APPLICATION_RULES:
        if (
            (mode == "eq" and label == phrase)
            or (mode == "in" and phrase in label)
            or (mode == "start" and label.startswith(phrase))
        ):
            return key
    return None


# -- labels printed with a typo -----------------------------------------------------------


def _near(text: str, phrase: str) -> bool:
    """``text`` is ``phrase`` (of the same length) with one character printed wrong, in a phrase
    of five or more ("行政事业型收费"), or with two neighbours swapped ("上年转结")."""
    differ = [i for i, (a, b) in enumerate(zip(text, phrase, strict=True)) if a != b]
    if len(differ) == 1:
        return len(phrase) >= _NEAR_MIN + 1
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and (text[differ[0]], text[differ[1]]) == (phrase[differ[1]], phrase[differ[0]])
    )


_NEAR_MIN = 4  # the shortest phrase a typo is forgiven in (shorter ones: too like each other)


def _near_in(label: str, phrase: str, mode: str) -> bool:
    """``_near`` for a rule's mode: the label itself (eq), its start, or a part of it (in)."""
    n = len(phrase)
    if mode == "eq":
        return len(label) == n and _near(label, phrase)
    if mode == "start":
        return len(label) >= n and _near(label[:n], phrase)
    return any(_near(label[i : i + n], phrase) for i in range(len(label) - n + 1))


def _one(keys: set[str]) -> str | None:
    return keys.pop() if len(keys) == 1 else None


@memo
def near_application_label(text: str) -> str | None:
    """The row key a label with a typo names, when it names one alone (asked only after the
    exact rules, and the format's own labels, know none)."""
    label = core(text)
    if len(label) < _NEAR_MIN or len(label) > MAX_LABEL or _DIGIT.search(label):
        return None
    return _one(
        {
            key
            for key, mode, phrase in _APPLICATION_RULES
            if len(phrase) >= _NEAR_MIN and _near_in(label, phrase, mode)
        }
    )


APPLICATION_HEADERS = frozenset(
    {
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "商业企业",
        "科研机构",
        "科研企业",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    }
)


@memo
def is_application_header(text: str) -> bool:
    label = compact(text)
    return label in APPLICATION_HEADERS or "勾稽关系" in label


# -- section 二 ---------------------------------------------------------------------------

_PROACTIVE_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rules", ("规章",)),
    ("normative", ("规范性文件", "行政规范性文件", "规范性档案", "行政规范性档案")),
    # (… or the law's name for the row: "行政强制法 | 0 | 0 | 0")
    ("licensing", ("行政许可", "行政许可法")),
    ("other_services", ("其他对外管理服务事项",)),
    ("penalty", ("行政处罚", "行政处罚法")),
    ("coercion", ("行政强制", "行政强制法")),
    ("fees", ("行政事业性收费",)),
    ("procurement", ("政府集中采购",)),
)
# Section 二's row names without their first character, each of one row only (of three
# characters or more: "章" could be anything's).
_CLIPPED_FIRST = {
    name[1:]: key
    for key, names in _PROACTIVE_ROWS
    for name in names
    if len(name) >= _NEAR_MIN
    and all(
        not other.endswith(name[1:]) or k == key
        for k, others in _PROACTIVE_ROWS
        for other in others
    )
}
BLOCK_TITLE = re.compile(r"^第二十条第?\(([一二三四五六七八九十]+)\)项")


@memo
def is_block_title(text: str) -> bool:
    """Whether a text opens a block of section 二 ("第二十条第(一)项")."""
    return BLOCK_TITLE.match(compact(text)) is not None


@memo
def proactive_label(text: str) -> str | None:
    label = core(text)
    for key, names in _PROACTIVE_ROWS:
        if label in names:
            return key
    return None


def near_official(text: str, official: dict[str, str]) -> str | None:
    """The row key of the official label (core form → key) the text prints with a typo, or
    with characters lost, when it is near one alone (asked last)."""
    label = core(text)
    if len(label) <= _NEAR_MIN or len(label) > MAX_LABEL or _DIGIT.search(label):
        return None
    typo = {key for name, key in official.items() if len(name) == len(label) and _near(label, name)}
    return (
        _one(typo) if typo else _one({key for name, key in official.items() if _lost(label, name)})
    )


_KEPT = 2 / 3  # (the share of a label's characters a text keeps, at least, to be it less some)


def _lost(label: str, name: str) -> bool:
    """``label`` is ``name`` with some of its characters lost, the rest in order: a PDF whose
    font maps no character to some glyphs ("2.其他法律行政止公开", of 其他法律行政法规禁止公开)."""
    if not len(name) * _KEPT <= len(label) < len(name):
        return False
    rest = iter(name)
    return all(c in rest for c in label)


@memo
def near_proactive_label(text: str) -> str | None:
    """``near_application_label`` for section 二's row labels; or a label a mirror printed
    without its first character, where only one row's name ends so ("政许可", "政处罚")."""
    label = core(text)
    if _DIGIT.search(label):
        return None
    near = len(label) >= _NEAR_MIN and _one(
        {
            key
            for key, names in _PROACTIVE_ROWS
            for name in names
            if len(name) == len(label) and _near(label, name)
        }
    )
    return near or _CLIPPED_FIRST.get(label)


PROACTIVE_HEADER_HINTS = ("信息内容", "数量", "件数", "增/减", "金额", "本年新", "本年增")


@memo
def is_proactive_header(text: str) -> bool:
    label = compact(text)
    return len(label) <= 40 and any(h in label for h in PROACTIVE_HEADER_HINTS)


# -- section 四 ---------------------------------------------------------------------------

DISPUTE_HEADERS = frozenset(
    {
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
        "结果",
        "维持",
        "纠正",
        "其他",
        "尚未",
        "审结",
    }
)


def is_dispute_header(text: str) -> bool:
    """A header of section 四's table, or a group's title over a table of its own ("行政诉讼
    (未经复议直接起诉)", a page printing the table as three small ones)."""
    t = compact(text)
    return t in DISPUTE_HEADERS or t.removeprefix("行政诉讼").strip("()") in DISPUTE_HEADERS


# -- section headings ---------------------------------------------------------------------


_MISNUMBERED_DISPUTES = re.compile(r"[一二三五六]、(?:因)?政府信息公开.{0,6}行政复议.{0,6}行政诉讼")
_AFTER_HEADING = re.compile(r"五、(?:政府信息公开工作)?存在的?主要问题|六、其他需要报告")


@memo
def heading(text: str) -> str | None:
    """``proactive`` / ``applications`` / ``disputes`` / ``after`` for the numbered headings."""
    label = compact(text)
    if len(label) > 40:
        # (… but 五 and 六 may run on into their prose: "五、存在的主要问题及改进情况 2021年,…")
        return "after" if _AFTER_HEADING.match(label) else None
    if label.startswith("二、") and "主动公开" in label:
        return "proactive"
    if label.startswith("三、") and "申请" in label and ("收到" in label or "处理" in label):
        return "applications"
    if label.startswith("四、") and "复议" in label and "诉讼" in label:
        return "disputes"
    if _MISNUMBERED_DISPUTES.match(label):
        return "disputes"  # (its title whole under another number: "三、政府信息公开行政复议…")
    if re.match(r"^[五六]、", label):
        return "after"
    return None


# -- region openers ----------------------------------------------------------------------

Opening = tuple[str | None, bool, bool, bool]  # what a text may open (``opening``)


@memo
def opening(raw: str) -> Opening | None:
    """What a text cell may open, told once per text: its heading's section, and whether it
    opens section 二's blocks, section 三's table or section 四's (its first header); None
    for a text that opens nothing (most)."""
    text = compact(raw)
    opens = (
        heading(text),
        BLOCK_TITLE.match(text) is not None,
        "勾稽关系" in text
        or text == "申请人情况"
        or (application_label(text) == "1" and len(text) <= 30),
        text == "行政复议",
    )
    return opens if any(opens) else None


# -- values -------------------------------------------------------------------------------

NULL_MARKERS = frozenset(
    {"", "/", "-", "--", "—", "——", "—-", "无", "\\", "－", "／", "×", "空", "_", "＿"}
)
_INT = re.compile(r"^[+-]?\d+$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")
# The words a 本年增/减 cell is written with ("增4", "减少3"), for every reading of them.
CHANGE_WORDS = "增加|增|减少|减"
# (… and the count it came to, said again: "减少1,共12", "增加73，共88项")
_CHANGE = re.compile(rf"^({CHANGE_WORDS})(\d+)(?:[,，;；、]?(?:共|现有|合计)\d+[项个件]?)?$")
# A 本年增/减 cell that says in words that nothing changed: 0.
NO_CHANGE = frozenset({"未增未减", "无增减", "不增不减", "无增无减", "持平", "无变化", "没有变化"})
# (… or in signs: nothing added, nothing taken away, "+(0) -(0)")
_NO_CHANGE_SIGNED = re.compile(r"^\+[(（]?0[)）]?[/、,，]?-[(（]?0[)）]?$")
_MONEY = re.compile(r"^(\d+(?:\.\d+)?)(亿|万)?元?$")
# (its unit in brackets too: "16368(件)"; purchases counted in 批次, "31批次")
_COUNT_SUFFIX = re.compile(r"^(\d+)(?:[件个项次宗条]|批次?|[(（](?:[件个项次宗条]|批次?)[)）])$")


class Unreadable(ValueError):
    """A cell's text is not a value of its column; ``why`` says so for the finding (``why_zh``
    in Chinese, after the cell's text)."""

    why = "not a number"
    why_zh = "不是数字"


@memo
def is_value_like(text: str) -> bool:
    """Could this cell be a table value (a number, a money amount, a not-applicable mark)?"""
    t = compact(text)
    if t in NULL_MARKERS or t in NO_CHANGE or _NO_CHANGE_SIGNED.match(t):
        return True
    return bool(
        _INT.match(t)
        or _GROUPED.match(t)
        or _DECIMAL.match(t)
        or _CHANGE.match(t)
        or _MONEY.match(t)
        or _COUNT_SUFFIX.match(t)
    )


_CJK = re.compile(r"[\u4e00-\u9fff]")


_CHANGE_WORDS = frozenset(CHANGE_WORDS.split("|"))


@memo
def is_garbled(text: str) -> bool:
    """A short cell with a figure or a lost character's mark but no word (``? 0``, ``1?``,
    ``? 元``), or a change's word without its figure (``减``): a value a mirror or a conversion
    damaged, unreadable but holding its column."""
    t = compact(text)
    if t in _CHANGE_WORDS:
        return True
    if not 0 < len(t) <= 8 or _NUMBERING.match(t) or _CJK.search(t.rstrip("元万亿件个项")):
        return False
    return bool(_DIGIT.search(t)) or any(mark in t for mark in "?？\ufffd")


@lru_cache(maxsize=1 << 16)  # (several arguments: the general memo)
def parse_value(
    text: str, kind: str, header_unit: str = "", target_unit: str = ""
) -> int | Decimal | None:
    """A cell's value for a column of ``kind`` (int / signed / money); raises ``Unreadable``.

    For money, ``target_unit`` is the unit the value is stored in (``amount_yuan``: 元,
    ``amount_wan_yuan``: 万元) and ``header_unit`` the unit the column header states; a unit
    printed in the cell itself ("27.88亿", "251000元") wins over both.
    """
    t = compact(text)
    if t in NULL_MARKERS:
        return None
    if _GROUPED.match(t):
        t = t.replace(",", "")
    if t in NO_CHANGE or _NO_CHANGE_SIGNED.match(t):
        if kind != "signed":
            raise Unreadable(text)
        return 0
    change = _CHANGE.match(t)
    if change:
        if kind != "signed":
            raise Unreadable(text)
        sign = -1 if change.group(1).startswith("减") else 1
        return sign * int(change.group(2))
    suffix = _COUNT_SUFFIX.match(t)
    if suffix and kind != "money":
        t = suffix.group(1)
    if _INT.match(t):
        number = int(t)
        if kind == "int" and number < 0:
            return number  # kept as published; the checks report it
        if kind == "money":
            return _money(Decimal(number), header_unit, target_unit)
        return number
    if kind != "money":
        raise Unreadable(text)
    match = _MONEY.match(t)
    if not match:
        raise Unreadable(text)
    try:
        amount = Decimal(match.group(1))
    except InvalidOperation as exc:
        raise Unreadable(text) from exc
    printed_unit = (match.group(2) or "") + ("元" if t.endswith("元") else "")
    unit = printed_unit or header_unit
    if not unit and (target_unit or "元") == "元" and len(match.group(1).partition(".")[2]) > _FEN:
        # "29.0506" under a header stating no unit: 元 print no finer than the 分, so this is
        # no amount in 元 (万元, most likely); which unit, the text does not say. Left blank.
        raise _FinerThanFen(text)
    return _money(amount, unit, target_unit)


_FEN = 2  # the decimal places of an amount in 元 (分)


class _FinerThanFen(Unreadable):
    why = "more decimal places than an amount in 元 prints, and no unit stated (万元?)"
    why_zh = "的小数位数多于以元为单位的金额，且未注明单位（万元？）"


@memo
def parse_count(text: str) -> int | Decimal | None:
    """``parse_value(text, "int")``: memoised on the text alone (the cache's fastest key)."""
    return parse_value(text, "int")


_YUAN_PER = {"亿": Decimal(100_000_000), "亿元": Decimal(100_000_000), "万": Decimal(10_000),
             "万元": Decimal(10_000), "元": Decimal(1)}  # fmt: skip


def _money(amount: Decimal, printed: str, target: str) -> int | Decimal:
    """Convert ``amount`` printed in ``printed`` (or the header's unit) to ``target``."""
    target = target or "元"
    source = printed or target
    value = amount * _YUAN_PER[source] / _YUAN_PER[target]
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()

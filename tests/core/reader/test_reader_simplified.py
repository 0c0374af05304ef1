"""The reader skips OpenCC only where OpenCC would change nothing (exact, not a heuristic), and
reads back what OpenCC leaves in another usage (資訊 for 信息).

``normalize.to_simplified`` returns a text as it is when it holds no character ``t2s`` changes
on its own and none of the phrases that change characters left alone on their own. Both lists
are checked here against the installed OpenCC: every code point, every phrase.
"""

from __future__ import annotations

import importlib
import random
import re
from pathlib import Path

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.reader.normalize import to_simplified
from gongkai.core.report import Report
from tests.core.reader.layouts import page
from tests.core.reader.truth import cells_of
from tests.core.strategies import full_report

N = importlib.import_module("gongkai.core.reader.normalize")
T2S = opencc.OpenCC("t2s")


def test_every_code_point_that_opencc_changes_is_known() -> None:
    missing = [
        hex(cp)
        for cp in (*range(0x80, 0xD800), *range(0xE000, 0x30000))
        if chr(cp) not in N._CHANGED and T2S.convert(chr(cp)) != chr(cp)
    ]
    assert missing == []
    # And the list holds nothing OpenCC leaves alone (the gate stays tight).
    assert all(T2S.convert(c) != c for c in N._CHANGED)


def test_the_phrases_change_characters_left_alone_on_their_own() -> None:
    for phrase in N._PHRASES:
        assert N._CHANGED.isdisjoint(phrase)
        assert not N._PHRASE_CHARS.isdisjoint(phrase)
        assert T2S.convert(phrase) != phrase, phrase
    for c in N._PHRASE_CHARS:
        assert T2S.convert(c) == c


def test_simplified_text_is_returned_as_it_is_and_traditional_converted() -> None:
    text = "本机关2021年共收到申请37件，覆盖全部条例事项；复议、诉讼均无。"
    assert to_simplified(text) is text
    assert to_simplified("本機關反覆研究，已瞭解情況") == "本机关反复研究，已了解情况"
    assert to_simplified("答覆申請人") == "答复申请人"
    assert to_simplified("覆盖") == "覆盖"


# Characters that matter: the phrase characters, their neighbours, traditional and simplified
# forms of report words, digits and punctuation.
_ALPHABET = "哩坏沈甦瞭藉衹覆解如然口此重默反答回申批函示英海土打拉一不以到" + (
    "政府信息公开資訊申請條例覆盖复议訴訟个們为国会经开关于与时间报0123456789，。|"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_the_gate_agrees_with_opencc(text: str) -> None:
    assert to_simplified(text) == T2S.convert(text)


def test_the_gate_class_finds_every_changed_character_and_phrase_character() -> None:
    for c in N._CHANGED | N._PHRASE_CHARS:
        assert N._T2S_ANY.search(f"本机关{c}收到"), hex(ord(c))
    assert to_simplified("乾杯") == "干杯"
    assert to_simplified("\U00020000本机关") == "\U00020000本机关"  # beyond the BMP, left alone
    assert to_simplified("2021年后") == "2021年后"


def test_characters_beyond_gb2312_pass_the_gate_only_when_opencc_leaves_them() -> None:
    text = "本机关——2021年·收到申请37件"  # — and · are not in GB2312
    assert to_simplified(text) is text
    assert to_simplified("本机关——2021年收到申請") == "本机关——2021年收到申请"


def test_opencc_writes_no_full_width_digit_or_letter() -> None:
    # ``normalize`` turns full-width characters half-width only when the text held one before
    # OpenCC: no character converts to one, and no entry of t2s's dictionaries holds one (their
    # values are stored as UTF-8: a phrase's output would show).
    assert all(N._FULL_WIDTH_CHARS.isdisjoint(T2S.convert(c)) for c in N._CHANGED)
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    dictionaries = re.findall(r'"file": "([^"]+)"', (share / "t2s.json").read_text())
    assert dictionaries  # (else nothing below is looked at)
    for name in dictionaries:
        data = (share / name).read_bytes()
        assert not any(c.encode() in data for c in N._FULL_WIDTH_CHARS), name


def test_the_clean_up_steps_neither_remove_nor_write_a_character_opencc_changes() -> None:
    # ``normalize`` tells OpenCC's work from the characters the text held before the steps.
    for old, new in N._REPLACE:
        assert N._CHANGED.isdisjoint(old + new) and N._PHRASE_CHARS.isdisjoint(old + new)
    assert N._CHANGED.isdisjoint(N._TONE_MARKS + "abcdefghijklmnopqrstuvwxyzü()")
    assert N.normalize("本機關反(fǎn)覆研究，答\u200b覆申請") == "本机关反复研究，答复申请"
    assert N.normalize("反(fǎn)覆研究") == "反复研究"


@settings(max_examples=15, deadline=None)
@given(full_report(), st.integers(0, 2**16))
def test_a_mirror_in_taiwans_usage_reads_as_the_report_printed_it(report: Report, at: int) -> None:
    # OpenCC's s2twp writes 信息 as 資訊 ("政府資訊公開工作年度報告", "本年新收政府資訊公開申請
    # 數量"); t2s keeps 资讯, so the reader reads it back as 信息: the tables, agency and year.
    text = opencc.OpenCC("s2twp").convert(page(report, "pipe", random.Random(at)))
    assert "資訊公開" in text
    reading = read_text(text)
    assert reading.report is not None
    assert cells_of(reading.report) == cells_of(report)
    assert (reading.report.agency, reading.report.year) == (report.agency, report.year)

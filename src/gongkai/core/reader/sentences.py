"""Where a report's sentences name its body ("由X编制", "请与X联系", "X结合工作实际,编制本报告",
"为认真做好X政府信息公开工作"): patterns asked by ``meta.find_agency`` after the titles."""

from __future__ import annotations

import re
from collections.abc import Iterator


# "由两城镇人民政府党政办公室编制", "请与阿巴嘎旗自然资源局办公室联系", "联系单位：…".
class _Before:
    """Words of a sentence before a phrase (``name`` searched for right before each ``phrase``
    found): a pattern opening with its literal phrase is searched for it alone, one opening
    with the name's mark tried at every mark of the text."""

    def __init__(self, phrase: re.Pattern[str], name: re.Pattern[str]) -> None:
        self.phrase, self.name = phrase, name

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for found in self.phrase.finditer(text):
            at = found.start()
            before = self.name.search(text, max(0, at - _SENTENCE_REACH), at)
            if before:
                yield before


_SENTENCE_REACH = 41  # (the longest name, and its mark)
# A name's words in a sentence: no mark, no bracket but a zone's province after 中国 ("中国(福建)
# 自由贸易试验区福州片区管理委员会"; its "自由" is no "由X编制").
_NAME_WORDS = r"(?:中国[(（][\u4e00-\u9fff]{2,4}[)）])?[^\s,，。、;；:：()（）《》]{2,40}"

# (… a bracketed part inside it: "由杭州高新区(滨江)财政局编制")
_INNER = r"(?:[(（][\u4e00-\u9fff]{1,6}[)）][^\s,，。、;；:：()（）《》]{1,20}?)"
NAMED: tuple[re.Pattern[str] | _Before, ...] = (
    # ("由X根据《条例》…要求编制而成", "由X综合全区各部门…编制而成": the name before what it
    # followed)
    re.compile(
        rf"(?<!自)由(?P<name>{_NAME_WORDS}?{_INNER}?)(?:[(（][^()（）]{{1,20}}[)）])?"
        r"(?:(?:负责)?(?:编制|编写|起草|制作)|根据|按照|依据|结合|综合(?:全[区县市旗]|各))"
    ),
    # ("结合2021年泗阳县残疾人联合会政府信息公开工作编制而成", "根据《条例》…和2024年X局政府
    # 信息公开工作开展情况编制": whose work it is fitted to, before whom to ask)
    re.compile(
        rf"(?:结合|和)(?:19|20)\d\d年度?(?![度本我])(?P<name>{_NAME_WORDS}?)的?(?:政府)?"
        r"信息公开工作(?:开展)?(?:实际|情况)?[,，]?编制"
    ),
    # (… or its address and telephone after it: "请与X(地址:…,联系电话:…)", "请联系X，地址：";
    # "可与X联系", "可致电X，电话：…": each a pattern opening with its literal, searched for it
    # alone)
    *(
        re.compile(
            rf"{ask}(?P<name>{_NAME_WORDS}?)"
            r"(?:联系|反映|咨询|[(（,，](?:通信|通讯|办公)?(?:地址|电话|联系))"
        )
        for ask in ("请(?:与|向|联系)", "可与", "直接与", "致电")
    ),
    re.compile(rf"联系(?:单位|机关)[:：](?P<name>{_NAME_WORDS})"),
    # ("…要求,X结合单位实际,编制本单位…报告", "…要求,X编制了本报告": the name after the
    # sentence's mark)
    _Before(
        re.compile(
            r"结合(?:(?:19|20)\d\d年度?)?(?:本?单位|(?:政府)?(?:信息公开)?工作)实际[,，]?编制"
            r"|编制了?本(?:年度)?报告"
        ),
        re.compile(r"[,，。](?P<name>[^\s\d,，。、;；:：()（）《》]{2,40}?)$"),
    ),
    re.compile(rf"请联系[:：](?P<name>{_NAME_WORDS})"),
    # (… or the sentence ending after it: "如有疑问,请联系X县审计局办公室。")
    re.compile(rf"请联系(?P<name>{_NAME_WORDS}?(?:局|委员会|委|办公室|中心|政府|办事处))。"),
    # ("根据2023年X信息公开工作实际编制而成"; "结合省财政厅2024年政府信息公开工作实际,编制本报告")
    re.compile(rf"根据(?:19|20)\d\d年度?(?P<name>{_NAME_WORDS}?)(?:政府)?信息公开工作实际"),
    # (not its own word for itself: "结合学校2020年信息公开工作实际")
    re.compile(
        rf"结合(?![本我]|学校|单位)(?P<name>{_NAME_WORDS}?)(?:19|20)\d\d年度?(?:政府)?"
        r"信息公开工作实际"
    ),
    # "为认真做好X政府信息公开工作", "汇总2024年度X的政府信息公开工作开展情况", "现公布2022年X
    # 政府信息公开工作情况", "安排2名民警承担X政府信息公开工作" (each a pattern opening with its
    # literal)
    *(
        re.compile(
            rf"{lead}(?:(?:19|20)\d\d年度?)?(?![年度的]|(?:人民)?政府)"
            r"(?P<name>[^\s\d,，。、;；:：()（）《》]{2,40}?)的?"
            r"(?:政府)?信息公开工作"
        )
        for lead in ("做好", "汇总", "现(?:公布|发布|将)", "承担")
    ),
)

"""The body's own channels and documents, and the kind of body a text calls itself: where a
report that names itself nowhere else says whose it is ("我局" and "通过X局门户网站…").
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain

from gongkai.core.reader.cleaning import clean
from gongkai.core.reader.fields import PAGE_FIELD_REACH
from gongkai.core.reader.names import TERRITORY, finds, last_listed, plausible

# The body's own channels, named by the body ("通过甘肃林业和草原局门户网站…", "玉林市民政局微信
# 公众号"), and the kind of body the text calls itself ("我局", "我区"; "本市" is as often the
# territory a department works in).
# (looked for before each channel's word: a pattern opening with a class is tried everywhere)
_CHANNELS = ("网站", "官网", "公众号", "微博", "微信平台")
# (… or an account's quoted name: "“X市场监督管理局”新浪政务官方微博")
_SITE = re.compile(
    r"(?:(?:通过|依托|利用|在|[、，,。；;：:（(“\"\n])(?P<name>[\u4e00-\u9fff]{2,20}?)"
    r"(?:门户|政府|官方|微信|政务|子){0,2}|“(?P<quoted>[\u4e00-\u9fff]{2,20})”[\u4e00-\u9fff]{0,8})$"
)
_SITE_REACH = 2 + 20 + 8
# (… and its own documents: "《朝阳市司法局政府信息公开制度》")
# (… and its own budget: "《2019年X街道办事处部门预算》")
_OWN_DOCUMENT = re.compile(
    r"《(?:(?:19|20)\d\d年度?)?(?P<name>[\u4e00-\u9fff]{2,20}?)(?:基层)?"
    r"(?:政府信息(?:与政务)?(?:依申请)?公开|(?:政务)?信息公开|政务公开|部门(?:预算|决算)》)"
)
_SELF_KIND = re.compile(r"我(局|委|办|厅|署|中心|区|县|市|旗|镇|乡|苏木|街道|街)")
# (… or a centre's sentences opening with its kind alone: "2024年,中心深入学习…", "。中心认真…")
# (its literal first: a pattern opening with look-behinds is tried at every place)
_CENTRE_SUBJECT = re.compile(
    r"(中心)(?=[\u4e00-\u9fff])(?:(?<=^中心)|(?<=[。；;\n]中心)|(?<=\d年[,，]中心))", re.M
)
# (… or a place's, "本市" the subject right after the year: "2024 年,本市秉持…"; elsewhere 本市
# is as often the territory a department works in)
_PLACE_SUBJECT = re.compile(r"\d\s*年\s*[,，]\s*本(区|县|市|旗|镇|乡)")
_RULES_OF = re.compile(
    r"《([\u4e00-\u9fff]{2,20}?(?:局|委员会|委|办公室|厅|署|中心))(?!关于|印发|转发)[\u4e00-\u9fff]{2,30}"
    r"(?:制度|办法|规程|规定|细则|指南|目录)》"
)
_RULES_LISTED = 3
# (我街: a 街道, its 办事处; 我办: an 办公室)
_KIND_WORD = re.compile(r"(?<=街)道(?:办事处)?$|(?<=办)公室$")


# Words before a site's name ("全年通过X网站", "电子版可在X网站"), and words no name holds.
# ("可以从X网站下载": 从 leading, not 从化区's)
SITE_LEAD = re.compile(
    r"^.*(?:通过|依托|利用|在|登录|访问|关注|开通了?|开设了?|的|其中|以|从(?!化))"
)
SITE_WORDS = re.compile(
    r"做|认真|加强|及时|全面|积极|主动|进一步|完善|建立|健全|制定|修订|重视|注重|强化|推进|发挥|负责|安排"
)
ZONES = frozenset({"高新区", "开发区", "经开区", "保税区", "示范区", "自贸区", "试验区", "管理区"})


def own_site(text: str) -> str | None:
    """The name of a website or account the text says the body publishes on, where the body
    calls itself by the same kind ("我局" and "…草原局门户网站"; "我区" and "辽中区人民政府网站"):
    a department's report may well publish on its government's portal, so no other kind."""
    head = text[:PAGE_FIELD_REACH]
    kind = self_kind(head)
    if kind is None:
        # (… or, calling itself nothing, the body whose own rules it lists: "完善《X政府信息公开
        # 制度》《X重大决策预公开制度》《X网站建设内容保障制度》", no "X关于…" of another's)
        rules = Counter(_RULES_OF.findall(head)).most_common(1)
        return rules[0][0] if rules and rules[0][1] >= _RULES_LISTED else None
    channels = sorted(at for word in _CHANNELS for at in finds(head, word))
    sites = (_SITE.search(head, max(0, at - _SITE_REACH), at) for at in channels)
    for match in chain(filter(None, sites), _OWN_DOCUMENT.finditer(head)):
        name = clean(
            last_listed(SITE_LEAD.sub("", match.group("name") or match.group("quoted")), head)
        )
        if (
            len(name) >= 3  # (no "园区", "本局"; nor a kind of zone alone, "高新区")
            and name not in ZONES
            and plausible(name)
            and not SITE_WORDS.search(name)
            and of_kind(name, kind)
        ):
            return name
    return None


def self_kind(head: str) -> str | None:
    """The kind the text calls itself by most ("我局" → 局, "我街道" → 街), if any."""
    kinds = Counter(
        chain(_SELF_KIND.findall(head), _CENTRE_SUBJECT.findall(head), _PLACE_SUBJECT.findall(head))
    ).most_common(1)
    return _KIND_WORD.sub("", kinds[0][0]) if kinds else None


def of_kind(name: str, kind: str) -> bool:
    """Whether ``name`` is a body of that kind ("X区人民政府" of 区, "X街道办事处" of 街, and of
    办: a 街道办事处 calls itself 我办 as an 办公室 does)."""
    return _KIND_WORD.sub("", TERRITORY.sub("", name)).endswith(kind) or (
        kind == "办" and name.endswith("办事处")
    )


# A page's breadcrumb: "- 首页 > 政务公开 > 商务局 > 政府信息公开年度报告".
_CRUMB_MARK = r"(?:->|>+|»|＞|/)"
_CRUMB = re.compile(rf"^.*首页\s*{_CRUMB_MARK}(?P<items>.*)$", re.M)
_CRUMB_SEPARATOR = re.compile(rf"\s*{_CRUMB_MARK}\s*")


def crumb(text: str) -> str | None:
    """The body a page's breadcrumb names, of the kind the text calls itself ("我局" and
    "首页 > 政务公开 > 商务局 > …"); none where a mirror's spam stands in its place."""
    head = text[:PAGE_FIELD_REACH]
    found = _CRUMB.search(head)
    kind = self_kind(head) if found else None
    if found is None or kind is None:
        return None
    items = [clean(item) for item in _CRUMB_SEPARATOR.split(found.group("items"))]
    return next((item for item in reversed(items) if plausible(item) and of_kind(item, kind)), None)

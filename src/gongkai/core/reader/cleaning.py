"""The words around a name in a title or a sentence that name no one (``clean``): how a report
is put out ("现将", "特编制", "编制了"), a page's field or breadcrumb before it, an aside
("以下简称…"), page furniture, a body calling itself so ("本局"), typos printed twice.
"""

from __future__ import annotations

import re

from gongkai.core.reader.labels import compact

# The verb a report is put out with ("现向社会公布", "特编制", "现公开"), before its name or
# after it ("东湖街道特编制2023年…报告"; "编制发布", "编制并公布").
PUT_OUT = r"(?:向社会)?(?:公布|公开|发布|编制|制定)(?:[和并及]?(?:向社会)?(?:公布|公开|发布))?"
# (… after how: "梳理编制", "现向社会公布", "特编制")
_PUT_OUT_SO = rf"(?:(?:梳理|汇总|整理|组织|认真)(?:现|特)?|现特?|特|现予|特此){PUT_OUT}"
_LEAD_NOISE = re.compile(
    rf"^(?:.*?[:：]|关于|现[将把就]|{_PUT_OUT_SO}|{PUT_OUT}(?:形成)?|根据|按照|本报告由"
    r"|对(?!外|[\u4e00-\u9fff]{1,2}[乡镇](?:人民政府|政府)?$)"  # (对坊乡: a township's name)
    r"|(?:公报|文章|信息|新闻|文件)?标题|题名|文件名称|名称|.*?(?:上传|报送|上报|完成)|.*[»>›])"
    # (a page's field unpunctuated, "名  称 X…", "公报标题X…", "按时上传X…", "依法按时完成X…", a
    # breadcrumb: "首页»信息公开>>X2023年…报告")
)
# A sentence's words before a title put out by someone ("X办公室编制了Y2021年…报告", "我局编制
# 和公开了2025年度…", "现编制形成了《Y…》"): the verb done, and all before it, name no one.
_DONE = re.compile(rf"^.*?{PUT_OUT}(?:形成)?[了的]")
_TRAIL_NOISE = re.compile(rf"(?:{_PUT_OUT_SO}|关于|现[将把就])$")
# What a title's words before its year may be without naming anyone: a citation's words
# ("《条例》、以及省、市做好"), "本级".
_NO_NAME = re.compile(r"[《》、]|做好$|^本级$")
_OTHER_NAMES = re.compile(r"[(（][^()（）]*[)）]$")
# Typos no name holds: a kind's character or a place printed twice ("区X局局", "渠县渠县…").
DOUBLED_KIND = re.compile(r"(局|委|办|厅|署)\1$")
DOUBLED_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,6}?[省市县区旗])\1")
# Page furniture before a title ("Page 8 - 威海市…", "• X…报告"): an agency's name starts with
# no Latin, no bullet.
# (… nor a font-size switch run into it: "大中小城口县卫生健康委员会2020年…报告")
_FURNITURE_LEAD = re.compile(r"^(?:[\x00-\x7f\u2010-\u2027\u25a0-\u25ff]|大中小)+")
# (… and where that lead holds Latin or digits, a mirror's brand, the rest of the brand:
# "UedBet体育城市管理综合执法局")
_ALNUM = re.compile("[A-Za-z0-9]")
_BRAND_TAIL = re.compile(r"^(?:体育|娱乐|彩票|直播|官网|平台|备用|网址)+(?!局|总局|中心|委)")
# (a bracketed lead, "【X】"; a body calling itself so, "本局", "我镇")
_BRACKETED = re.compile(r"^(?:[【\[].*?[】\]])")
_SELF = re.compile(r"^(?:我|本)(?:单位|部门|机关|中心|局|委|办|厅|院|镇|乡|街道|县|区|市)")

# ("X(以下简称旗民委)2024年…报告"; its brackets lost: "X以下简称“分局”2023年度…")
_ASIDE = re.compile(r"[(（]以下简称[^()（）]*[)）]|以下简称.*$")


def clean(name: str) -> str:
    """``name`` without the words around it that name no one (see the module's text)."""
    name = _ASIDE.sub("", compact(name)).strip("《》“”\"'#*")
    name = _BRACKETED.sub("", name)
    if lead := _FURNITURE_LEAD.match(name):
        brand = _ALNUM.search(lead.group())
        name = _BRAND_TAIL.sub("", name[lead.end() :]) if brand else name[lead.end() :]
    name = _LEAD_NOISE.sub("", _DONE.sub("", name)).lstrip("《")
    name = _TRAIL_NOISE.sub("", name)
    name = _SELF.sub("", name)
    if name.endswith("人民"):
        name += "政府"  # (one 政府 for both: "2012年泾县人民政府信息公开年度报告")
    name = DOUBLED_PLACE.sub(r"\1", DOUBLED_KIND.sub(r"\1", name))
    # (a unit's other names in brackets may be a list: "X县委宣传部(县委网信办、县政府新闻办)")
    return "" if _NO_NAME.search(_OTHER_NAMES.sub("", name)) else name


# The "??" a mirror prints for each line's lost indentation (its full-width spaces, "　　", lost
# to an encoding): "??2025年,辽宁省人民政府办公厅坚持…". (Two or more at a line's start: a lone
# "?" may be a lost figure's character, "? 0", never dropped.)
_LOST_INDENT = re.compile(r"^[?？]{2,}(?=\S)", re.MULTILINE)


def unindented(text: str) -> str:
    """The text for its agency: each line without its lost indentation's marks."""
    return _LOST_INDENT.sub("", text) if "??" in text or "？？" in text else text

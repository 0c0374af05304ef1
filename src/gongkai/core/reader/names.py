"""What an agency's name looks like, and the name as the text prints it whole.

A name ends as an agency's or a place's does and holds no pronoun, verb of putting a report out,
Latin letter or digit (``plausible``); an office answers for its body (``body``); a name printed
short is completed only from the text itself — a short form it declares, the place it prints
before the name, a territory's government, a township's county (``as_named``) — never with
words the reader supplies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import chain

from gongkai.core.reader.cleaning import DOUBLED_KIND

AGENCY_END = re.compile(
    r"(人民政府办公室|人民政府办公厅|人民政府机关|人民政府|办公室|办公厅|委员会|管委会|管理委员会|"
    r"管理区|局|厅|委|办|院|中心|街道办事处|办事处|处|政府|署|所|站|队|会|部)$"
)
DIVISION = re.compile(r"(省|市|县|区|旗|自治州|自治县|盟|镇|乡|苏木|街道)$")
DIVISION_IN = re.compile(r"[省市县区旗镇乡州盟]")  # (a division anywhere in the name)
TOWNSHIP = re.compile(r"(镇|乡|苏木|街道)(人民政府|政府|办事处)?$")
COUNTY_IN = re.compile(r"[县市区旗]")
TERRITORY = re.compile(r"(?:人民政府|政府)$")  # (a territory's government)


# The office that compiles a body's report, or answers for it, is not the body: the office of a
# township, a bureau, a committee… (any office: "…镇人民政府党政和人大办公室", "…镇政府综合督考
# 办公室" answers for the 镇; "…住房和城乡建设局办公室" for the 局; "X乡政府信息公开领导小组
# 办公室" for X乡, the 政府 its group's name's; not 乡 inside a place, "西乡塘区西乡塘街道…",
# nor a place's 镇 before the town's own, "龙游县湖镇镇人民政府…"; the nearest body,
# "长白山管委会卫健局综合科" the 局's; a farm's, "奉新县东风垦殖场办公室"; a ministry's,
# "交通运输部政府信息公开办公室") …
_OFFICE = re.compile(
    r"(?P<body>.*?(?:[镇乡](?!建设|规划|村)(?![\u4e00-\u9fff]{0,3}(?:街道|[镇乡]))|苏木|街道)"
    r"(?:人民政府|政府(?!信息公开)|办事处)?"
    r"|.*?(?:委员会|管委会|办事处|开发区|经开区|高新区|中心|局|厅|委|院|署|(?<![内外干全本])部|办公室"
    r"|联合社|联社"
    r"|(?:农|林|垦殖|牧|园艺|茶|渔|盐|良种)场))"
    r"(?:(?:(?!局|厅|中心)[\u4e00-\u9fff]){0,10}?|[\u4e00-\u9fff]{0,10}领导小组"
    r"|(?:政府信息|政务)公开工作)"
    r"(?:办公室|办公厅|办|指挥室|(?<!办事)处|科|股)$"
)
# … or a government's general office ("…县人民政府办公室"), not one of its own departments
# ("包头市人民政府外事办公室", a body), nor any body's 政府信息公开办公室 ("X二中政府信息…").
_GENERAL_OFFICE = re.compile(
    r"(?P<body>.*?(?:人民政府|[省市县区旗州盟镇乡]政府))"
    r"(?:党政|综合|政务|行政|督考|督查|信息|公开|秘书)*(?:办公室|办公厅|办)$"
)


# … or a territory's 领导小组 ("由南宁市良庆区政务公开工作领导小组办公室编制": the 区's report)
# or its 政务公开办公室 ("请与X区政务公开办公室联系", "请与泸州市信息公开办公室联系").
_GROUP_OFFICE = re.compile(
    r"(?P<body>.*[市县区旗])(?:(?:(?![市县区旗])[\u4e00-\u9fff]){0,10}领导小组|(?:政务|政府信息|信息)公开)"
    r"(?:办公室|办)$"
)


# … or its desk ("…医疗保障局政府信息公开申请受理机构").
_DESK = re.compile(
    r"(?P<body>.*?(?:局|委员会|委|厅|中心|政府|办事处|院|署|社))(?:政府信息|政务|信息)公开"
    r"[\u4e00-\u9fff]{0,4}?(?:受理机构|受理窗口|受理点|工作机构)$"
)


# … or an office's own disclosure centre ("或直接与丽水市人民政府办公室政府信息公开中心联系").
_OFFICE_CENTRE = re.compile(r"(?P<body>.*?(?:办公室|办公厅))(?:政府信息|政务)公开中心$")


# … or a bureau's own information centre, compiling its report ("由袁州区市场监督管理局信息中心
# 结合有关统计数据编制而成": the 局's).
_CENTRE_UNDER = re.compile(r"(?P<body>.*?(?:局|委员会|委|厅))(?:政务)?信息中心$")


# … or an office named after its body and a dash ("X局政府信息公开工作机构-办公室").
_DASH = re.compile(r"[-－—–]+")


def body(name: str) -> str:
    """The body whose office ``name`` is (the body answers for its report), else ``name``: the
    office's office's too ("…人民政府办公厅政府信息公开处" answers for the 人民政府)."""
    name = _DASH.split(name, 1)[0] or name
    while office := (
        _OFFICE.match(name)
        or _GENERAL_OFFICE.match(name)
        or _GROUP_OFFICE.match(name)
        or _DESK.match(name)
        or _OFFICE_CENTRE.match(name)
        or _CENTRE_UNDER.match(name)
    ):
        # (its kind's word printed again as the office's: "X教育局局党政办公室" is X教育局's)
        name = DOUBLED_KIND.sub(r"\1", office.group("body"))
    return name


# A title may name a system, not a body ("江苏省徐州市气象部门", "广州海关关区", "西藏自治区
# 邮政管理系统"): its body is the system's name where that ends as a body's ("广州海关"), else its
# words as the text prints them with a body's ending ("徐州市气象局特编制…").
_SYSTEM = re.compile(r"(?:部门|系统|关区)$")
_SYSTEM_BODY = r"(?:局|委员会|厅|办公室|中心|委)"


def as_body(name: str, text: str) -> str:
    """The body a system's name stands for, as the text prints it, else ``name``."""
    system = _SYSTEM.search(name)
    if system is None:
        return name
    stem = name[: system.start()]
    if AGENCY_END.search(stem) or BODY_END.search(stem):
        return stem
    # (its words from any of its places on: "徐州市气象局" for "江苏省徐州市气象部门"; never
    # without a place, "中国气象局" is no 气象部门's)
    places = [m.start() for m in DIVISION_IN.finditer(stem)]
    starts = (0, *(m.end() for m in DIVISION_IN.finditer(stem[: places[-1]]))) if places else ()
    for start in starts:
        printed = re.search(re.escape(stem[start:]) + _SYSTEM_BODY, text)
        if printed:
            return printed.group()
    return name


def finds(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``text``, each place (``str.find``: no pattern to scan with)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def as_named(
    name: str, text: str, lines: list[str], field: Callable[[str], str | None] | None = None
) -> str:
    """The name found, as the text names the body in full: the name a short form it declares
    stands for ("X(以下简称“镜湖区税务局”)") or that its own documents or the page's field
    (``field(text)``, asked only for a short form) spell out, its place, a territory's
    government, a township's county."""
    name = _declared(name, text) or _spelled_out(name, text, field) or name
    if bare(name) and len(name) > 2:
        # A body named without its place ("请与区民政局联系") where the text prints it whole
        # ("《涵江区民政局…流程》"), a place it prints again ("涵江区人民政府"): the longest
        # words before it that are ("全文包括安康市应急管理局" is 安康's).
        for found in _printed_before(name, text, _PLACE_BEFORE):
            words = found.group(1)
            place = next(
                (words[k:] for k in range(len(words)) if text.count(words[k:] + name[0]) > 1), ""
            )
            if (
                not place
                and 2 <= len(words) <= (5 if name.startswith("自治区") else 4)  # (新疆维吾尔)
                and _WHOLE_START.search(text, 0, found.start(1))
                and not _NO_PLACE.search(words)
            ):
                # (printed once, where a name starts: after its year or a mark, "涵盖了2022年
                # 麒麟区自然资源局…", "截至12月底,乌拉特前旗政府网站")
                place = words
            if place:
                name = place + name
                break
        else:
            name = _of_its_government(name, text) or _by_its_government(name, text)
    if (
        not bare(name)
        and (AGENCY_END.search(name) or TOWNSHIP.search(name))
        and (not TOWNSHIP.search(name) or COUNTY_IN.search(name))
        and not TERRITORY.search(name)
    ):
        # A name printed after one place, and only one: a title naming no place ("应急管理局
        # 2025年…报告", then "请联系梅河口市应急管理局…"), or a district's body its city
        # ("青山区统计局…", "来源：武汉市青山区统计局"; a government is named as it calls itself;
        # "区X署" completed above to 福田区X署, "来源 : 深圳市福田区X署").
        # (not its own place printed twice: "渠县渠县行政审批局")
        # (after a sentence's words: "特向社会公布包头市九原区…" prints 包头市)
        before = _printed_before(name, text, _COUNTY_BEFORE)
        places = {words for f in before if len(words := _NO_PLACE.split(f.group(1))[-1]) > 1}
        if len(places) == 1 and not name.startswith(next(iter(places))):
            name = places.pop() + name
    return _with_county(_as_printed(name, text), text, lines)


_GOVERNMENT_OFFICE = re.compile(r"(?:人民)?政府办(?:公室)?")
# A department named after its government ("区政府国资局")
_OF_GOVERNMENT = re.compile(r"([区县市旗])(?:人民)?政府(?!办)([\u4e00-\u9fff]{2,20})")


def _of_its_government(name: str, text: str) -> str | None:
    """A department named after its government without the place ("区政府国资局") that the
    text prints, once, with its place and without the government ("浑南区国资局")."""
    of = _OF_GOVERNMENT.fullmatch(name)
    if of is None:
        return None
    kind, rest = of.groups()
    printed = {
        found.group(1)
        for found in re.finditer(
            rf"{_NAME_START}({_PLACE_PART}{{1,6}}?{kind}){re.escape(rest)}", text
        )
    }
    return printed.pop() + rest if len(printed) == 1 else None


def _by_its_government(name: str, text: str) -> str:
    """A body named without its place ("市政府办公室", "区民政局") that the text never prints
    whole, where it names one government, and only one, of the place's kind ("本报告电子版可在
    东阳市人民政府门户网站查阅"): that place's ("东阳市人民政府办公室")."""
    # (a sentence's verb before the place is none of it: "规范婺城区人民政府网站…", 婺城区)
    # (each looked for where its literal 人民政府 stands: the pattern's costly at every place)
    governments = (
        _GOVERNMENT.search(text, max(0, at - _COUNTY_LONGEST), at + 4)
        for at in finds(text[:_DECLARED_REACH], "人民政府")
    )
    places = {
        place
        for found in governments
        if found is not None
        and found.group(1)[-1] == name[0]
        and len(place := _SENTENCE_WORDS.split(found.group(1))[-1]) > 1
    }
    if len(places) != 1:
        return name
    place = places.pop()
    # (a government's office is its 人民政府办公室, as the government is printed)
    office = _GOVERNMENT_OFFICE.fullmatch(name, 1)
    return place + ("人民政府办公室" if office else name[1:])


def _declared(name: str, text: str) -> str | None:
    # (a short form is declared where the body is first named, in the opening lines)
    # ("以下简称“镜湖区税务局”", or unquoted: "(以下简称自治区北部湾办)")
    reach = _DECLARED_REACH
    if all(text.find(f"简称{q}{name}", 0, reach) < 0 for q in ("“", '"', "", " “")):
        return None  # (most texts: no short form declared for it)
    declared = re.search(
        # (… its aside may go on: "(以下简称“佛山市税务局”,下文类同)"; a space before its
        # quote: "(以下简称 “市残联”)")
        rf"(?P<full>[\u4e00-\u9fff()]{{3,40}}?)\s*[(（]以下简称\s?[“\"]?{re.escape(name)}[”\"]?"
        r"(?:[,，、;；][^()（）]{0,10})?[)）]",
        text[:reach],
    )
    full = _LEAD_VERB.sub("", declared.group("full")) if declared else ""
    return full if len(full) > len(name) and plausible(full) else None


# The body's own documents ("《重庆市渝中区经济和信息化委员会信息公开指南》"): its name in full.
_OWN_TITLE = re.compile(
    r"《(?P<full>[\u4e00-\u9fff]{4,30}?(?:委员会|局|委|办公室|厅|中心|区))(?:政务)?(?:政府)?信息公开"
)

_QUOTED_NAME = re.compile(r"“(?P<full>[\u4e00-\u9fff]{4,30}?(?:委员会|局|委|办公室|厅|中心|区))”")


def _spelled_out(
    name: str, text: str, field: Callable[[str], str | None] | None = None
) -> str | None:
    """A short form ("区经济信息委", "区住建局", "鞍山高新区") of the name the body's own
    documents, its quoted accounts or the page's field print whole: each of its characters in
    order in the whole name, which has a place and the same kind ("重庆市渝中区经济和信息化委员
    会"; a zone's is its 管理委员会)."""
    titles = (m.group("full") for m in _OWN_TITLE.finditer(text)) if "《" in text else ()
    # (… or, for a name holding no place, an account or site it quotes: "投资区…", “钦州市北部湾
    # 华侨投资区”微信公众号)
    placeless = not DIVISION_IN.search(name[:-1]) and "“" in text
    quoted = (m.group("full") for m in _QUOTED_NAME.finditer(text)) if placeless else ()
    # (the field spells out an abbreviation only: a name it prints whole with more before it
    # is completed by the place rules, "a government is named as it calls itself")
    whole = field(text) if field else None
    for full in chain(titles, quoted, (whole,) if whole and name not in whole else ()):
        if abbreviates(name, full):
            return full
    return None


def abbreviates(short: str, whole: str) -> bool:
    """Whether ``short`` is a short form of ``whole``: each of its characters in order in the
    longer name, which has a place and the same kind (a 委's 委员会, a zone's 管委会, a 政府办's
    人民政府办公室)."""
    same_kind = (
        whole.endswith(short[-1])
        or (short[-1] == "委" and whole.endswith("委员会"))
        or (short[-1] == "区" and whole.endswith(("管理委员会", "管委会")))
        or (short[-1] == "办" and whole.endswith("办公室"))
        or (short[-1] == "联" and whole.endswith("联合会"))  # (残联: 残疾人联合会)
    )
    if len(whole) <= len(short) or not same_kind or not DIVISION_IN.search(whole):
        return False
    rest = iter(whole)
    return all(c in rest for c in short)  # (each in order: ``in`` consumes the iterator)


def plausible(name: str) -> bool:
    """Whether words taken for a name can be one: an agency's or a place's ending, no pronoun,
    no verb of putting a report out, no Latin letters or digits (a spam mirror's), brackets
    closed ("并公布", "度我局", "365bet(中国)官方网站", "…撰写并向社会公开" are none)."""
    bare = _QUALIFIED.sub("", name)  # ("海关总署(本级机关)": the name before its qualifier)
    return (
        len(bare) >= 2
        # (a kind of body names none: "政府", "政府办公室"; nor an inner office's words alone,
        # "党政综合办公室", whose body the text names elsewhere)
        and not _KIND_ONLY.fullmatch(bare)
        and not _INNER_OFFICE.fullmatch(bare)
        and bool(AGENCY_END.search(bare) or DIVISION.search(bare) or BODY_END.search(bare))
        and _NOT_A_NAME.search(name) is None
        and name.count("(") == name.count(")")
    )


_NOT_A_NAME = re.compile(
    r"[A-Za-z0-9_我]|^本(?:级|机关)|撰写|向社会|结合|[并和及](?:公布|公开|发布|编制)"
    r"|博彩|官网|娱乐|彩票|投注|棋牌|网址|赌"  # (a spam mirror's words in a name's place)
    r"|网站|门户"  # (a site, "依托区门户网站": a body publishes on one, is none)
    # (the text itself, or a body calling itself so: "如对本报告有疑问或对本局", a clause)
    r"|本(?:报告|(?:局|委|厅|办|署|院|部|镇|乡|区|县|市|旗|街道|单位|机关)$)"
)
_QUALIFIED = re.compile(r"\([^()]*\)$")
# (… nor divisions' words alone: "县区政府信息公开工作年度报告", a column of a site's; nor a
# class of bodies: "首页 -> … -> 部门政府信息公开工作年度报告")
_KIND_ONLY = re.compile(
    rf"(?:{AGENCY_END.pattern[:-1]})+|(?:[省市县区旗乡镇]|街道|苏木)+|部门|单位|机关|系统"
)
_INNER_OFFICE = re.compile(r"(?:党政|党委|综合|行政|事务|政务|公开)+(?:办公室|办)")
# Bodies that report under other endings (a 气象部门, a 产业园, a 海关, a 研究室).
BODY_END = re.compile(
    r"(?:部门|园|园区|室|馆|街|海关|总署|合作社|联合社|联社|残联|妇联|侨联|文联|科协|工商联|支行|分行|公司|集团|(?:农|林|垦殖|牧|园艺|茶|渔|盐|良种)场|中学|小学|学校|大学|学院"
    r"|[一二三四五六七八九十]中)$"  # (a school's short name: "X二中")
)


_BARE_DIVISION = frozenset("省市县区州旗")


def bare(name: str) -> bool:
    """A name opening with a division's word alone ("区民政局", "自治区民政厅"): its place
    stands elsewhere in the text."""
    return name[:1] in _BARE_DIVISION or name.startswith("自治区")


_DECLARED_REACH = 3000
# Words that lead into a name in a sentence ("结合X(以下简称…)", "根据X…", "由X…", "特向社会
# 公布X(以下简称…)").
_LEAD_VERB = re.compile(r"^(?:.*(?:结合|根据|按照|依据|报告由)|由|[特现]?(?:向社会)?(?:公布|发布))")


# A county named as a name: where a run of characters starts (after a field, a mark, a verb
# of reference), not "县" inside a sentence ("…工作在县政府办的指导下" names no county).
# Its name holds no other division and no 委/党 ("全面落实县委县政府的部署" names none), and
# its government is printed as such (人民政府: "县政府" alone is how sentences refer to one).
# (its name holds no word of a sentence, "报告在楚雄市人民政府网站", "大河口乡在县人民政府"; a
# place may hold 和, 于, 通, 将, 从: 和平县, 于都县, 南通市, 将乐县, 从化区; no address's 层, 号:
# "2#楼三层福州市长乐区…")
# (… after a year too: "《2022年度湘阴县人民政府…》"; after a document's verb, "《关于印发硚口区
# 人民政府网站…》"; after a list's 和 that follows a title, "《条例》和建平县人民政府…"; after
# 以及, "…平台以及德安县应急管理局微信公众号")
_NAME_START = (
    r"(?:(?<![\u4e00-\u9fff\d])|(?<=按照|根据|依据|遵照|联系|公开|公布|发布|关于|印发|转发|以及)"
    r"|(?<=[经由在向与])|(?<=[》)）][和及])|(?<=\d年度)|(?<=\d年))"
    r"(?!按照|根据|依据|遵照|联系|关于|印发|转发|[经由在向与请]|年|度|(?<=[》)）])[和及])"
)
_PLACE_PART = (
    r"(?:(?!联系)(?![县市区旗委党在的为对向由经把了是过请以其该全各本现层号])[\u4e00-\u9fff])"
)
# (将 opens a place only: 将乐县, not "三江镇将旺苍县人民政府网站作为…")
_COUNTY_PART = rf"({_PLACE_PART}(?:(?!将){_PLACE_PART}){{0,5}}?[县市区旗])"
_COUNTY_NAME = rf"{_NAME_START}{_COUNTY_PART}"
_COUNTY = re.compile(rf"{_COUNTY_NAME}人民政府")
# (… or a district's after its city: "东阳市西城区人民政府门户网站")
_GOVERNMENT = re.compile(rf"(?:{_NAME_START}|(?<=[省市州盟]))(?!年|度){_COUNTY_PART}人民政府")
_COUNTY_LONGEST = 7  # (the most characters ``_COUNTY_PART`` takes)
# (searched up to a name printed after them: a township's county, a name's place; "\Z", not
# "$", which would match before a line break: "公文时效 有效\n县政府办…" names no 有效县)
_COUNTY_BEFORE = re.compile(rf"{_COUNTY_NAME}\Z")
_PLACE_BEFORE = re.compile(rf"{_NAME_START}((?:(?![年与请]){_PLACE_PART}){{1,6}}?)\Z")
_BEFORE_REACH = 7


def _printed_before(part: str, text: str, before: re.Pattern[str]) -> list[re.Match[str]]:
    """What ``before`` finds printed right before ``part`` in ``text``, at each place."""
    found = (before.search(text, max(0, at - _BEFORE_REACH), at) for at in finds(text, part))
    return [match for match in found if match]


# How a text speaks of a site before its owner's name ("依托X县人民政府网站", "利用X门户网站").
_SITE_VERBS = "依托|通过|利用|借助|登录|访问"
# Where a name starts for sure: after a mark or a blank, after a year ("2022年麒麟区…").
_WHOLE_START = re.compile(r"(?:^|[^\u4e00-\u9fff\d]|\d年度?)\Z")
# (… and no words of a sentence: "现公布区统计局2023年…报告", "结合区残联工作实际", "利用市民委…
# 门户网站")
_NO_PLACE = re.compile(rf"公布|公开|发布|编制|印发|报告|情况|工作|现|结合|{_SITE_VERBS}")


_TOWNSHIP_BODY = re.compile(r"(?:人民政府|政府|办事处)$")
_DISTRICT = r"((?:(?![市州盟省])[\u4e00-\u9fff]){1,5}?[区县旗市])"


def _with_county(name: str, text: str, lines: list[str]) -> str:
    """A township named without its county takes the county the text prints before it, else
    the county the opening lines name.

    ("现将茅坪回族镇2022年度…" after "按照镇安县人民政府办公室…" is 镇安县茅坪回族镇.)
    """
    if not TOWNSHIP.search(name) or COUNTY_IN.search(name):
        return name
    # (the county the text prints before the township: "由嘉善县大云镇人民政府…编制")
    township = _TOWNSHIP_BODY.sub("", name)
    counties = _printed_before(township, text, _COUNTY_BEFORE) if township else []
    if counties:
        return counties[0].group(1) + name
    for line in lines[:15]:
        match = _COUNTY.search(line)
        if match and not _SENTENCE_WORDS.search(match.group(1)):
            # (… and a district of it the text prints before the township: "通化市人民政府门户网站"
            # and "通化市东昌区金厂镇人民政府" name 东昌区's 金厂镇)
            district = re.search(re.escape(match.group(1)) + _DISTRICT + re.escape(township), text)
            return match.group(1) + (district.group(1) if district else "") + name
    return name


# (a sentence's words before a county's name at a line's start: "主要依托栖霞区人民政府网站",
# "规范婺城区人民政府网站教育板块…")
_SENTENCE_WORDS = re.compile(
    rf"{_SITE_VERBS}|主要|关注|公开|公布|发布|规范|加强|完善|强化|推进|做好"
)


def _as_printed(name: str, text: str) -> str:
    """A report titled by its territory ("兰州市2020年…") is its government's, under the name
    the text prints ("兰州市人民政府", "平潭综合实验区管委会"); with none printed, the
    territory's name as it stands. A 街道 is its 办事处 and a 委 its 委员会 where the text
    prints them so ("建章路街道办事处未接收到…", "国家卫生健康委员会网站")."""
    # (… or where it prints the place's last part so: "合江县荔江镇…报告", "荔江镇人民政府共受理…")
    last = [m.end() for m in DIVISION_IN.finditer(name, 0, len(name) - 1)]
    parts = (name, name[last[-1] :]) if last and len(name) - last[-1] >= 3 else (name,)
    for short, whole in _WHOLE:
        if name.endswith(short):
            return name + whole if any(part + whole in text for part in parts) else name
    if not DIVISION.search(name):
        return name
    for part in parts:
        match = re.search(re.escape(part) + r"[ \t]*(人民政府|管理委员会|管委会|行政公署)", text)
        if match:
            return name + match.group(1)
    return name


_WHOLE = (("街道", "办事处"), ("委", "员会"))


_LISTED = re.compile(r"(?<=[\u4e00-\u9fff]{2})[和及、]")
_PLACE_FIRST = re.compile(r"[\u4e00-\u9fff]{1,6}?[省市县区旗]")


def last_listed(name: str, text: str) -> str:
    """The last item of a list of channels ("黄龙宣传和黄龙县市场监管局微信公众号"): after a mark
    of a list, a place printed elsewhere without the list before it (not "东和东市…", a place
    holding 和)."""
    for mark in _LISTED.finditer(name):
        place = _PLACE_FIRST.match(name, mark.end())
        if place and text.count(place.group()) > text.count(name[: place.end()]):
            return name[mark.end() :]
    return name

"""Whose report it is where a sentence or a page's field names one body and the opening's
subject another (issue 16, class 5): a unit named after the government, the office a field
names, an office a body calls its own. Names and texts are generated (invented places).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.reader.meta import find_agency
from tests.core.reader.test_reader_meta import BODY, place, year


def _named(text: str, y: int) -> str | None:
    """The agency found in ``text`` followed by a report's usual body."""
    return find_agency(text + "\n" + "\n".join(BODY), y)


def _opening(y: int) -> str:
    return f"本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。\n一、总体情况\n"


@given(place, year)
def test_a_contact_unit_named_after_the_government_answers_for_it(a: str, y: int) -> None:
    # "请联系X市政府政务服务中心", "2022年,X市人民政府坚持…": the government's report.
    text = (
        f"编制本报告,如对本报告有疑问,请联系{a}市政府政务服务中心(地址:{a}市安兴路)。\n"
        f"{_opening(y)}{y}年,{a}市人民政府坚持以公开为常态。"
    )
    assert _named(text, y) == f"{a}市人民政府"


@given(year)
def test_an_office_the_field_names_reports_for_itself_where_it_is_the_subject(y: int) -> None:
    # "信息来源: 市政府办公室", "2022年,市政府办公室按照…": the office's, though the text
    # speaks of 我市.
    text = (
        f"信息来源:\n市政府办公室\n分享到:\n{_opening(y)}{y}年,市政府办公室按照要求推进我市公开。"
    )
    assert _named(text, y) == "市政府办公室"


@given(place, year)
def test_a_body_calling_itself_by_its_kind_is_no_office_of_its_own(a: str, y: int) -> None:
    # "结合我中心实际撰写", "请与X中心办公室联系", "2021年,X中心办公室共主动公开…": the 中心's.
    text = (
        f"本报告结合我中心实际撰写。如对本报告有疑问,请与{a}市招商中心办公室联系。\n"
        f"{_opening(y)}{y}年,{a}市招商中心办公室共主动公开各类政府信息82条。"
    )
    assert _named(text, y) == f"{a}市招商中心"
    # (… an office calling itself 我办 is its own)
    own = text.replace("我中心", "我办")
    assert _named(own, y) == f"{a}市招商中心办公室"


@given(place, year)
def test_a_divisions_word_alone_in_a_sentence_names_no_one(a: str, y: int) -> None:
    # "切实做好街道信息公开工作": 街道 names no one; the page's field and its contact do.
    text = (
        f"发布机构: | {a}街道 |\n根据要求,{a}街道认真贯彻落实《条例》,切实做好街道信息公开工作。\n"
        f"{_opening(y)}如有疑问,请联系{a}街道办事处党政办公室。"
    )
    assert _named(text, y) == f"{a}街道办事处"


@given(place, place, year)
def test_a_scrambled_title_names_its_body_not_the_sites_field(a: str, b: str, y: int) -> None:
    # A mirror scrambled the title's last words ("X镇2023年政府信息公开 工作告年度报"), the
    # page's 来源 names the county's office (the site's), the text says 我镇: the 镇's report.
    head = f"{a}县人民政府\n\n政府信息公开\n\n"
    field = f"来源:{a}县人民政府办公室 时间:{y + 1}-01-31\n"
    said = f"一、总体情况\n{y}年,我镇认真贯彻落实《条例》,扎实做好政务信息公开工作。"
    title = f"{a}县{b}镇{y}年政府信息公开 工作告年度报\n\n"
    assert _named(head + title + field + said, y) == f"{a}县{b}镇"
    # (without the title: no name of its kind printed, none returned — not the site's)
    assert _named(head + field + said, y) is None


@given(place, place, year)
def test_a_title_put_out_after_what_was_done_names_its_body(a: str, b: str, y: int) -> None:
    # "确保各项工作落到实处依法按时完成X街道2025年政府信息公开年度报告": what was done is no part
    # of the name.
    text = (
        f"{_opening(y)}确保各项工作落到实处,依法按时完成{b}街道{y}年政府信息公开年度报告。"
        f"全年{b}街道办事处共收到政府信息公开申请7件。如有疑问,请与{a}区{b}街道办事处办公室联系。"
    )
    assert _named(text, y) == f"{a}区{b}街道办事处"
    fused = text.replace(",依法", "依法")  # (no mark before: the sentence's words run on)
    assert _named(fused, y) == f"{a}区{b}街道办事处"


@given(place, year)
def test_spam_before_a_titles_name_yields_to_its_clean_title(a: str, y: int) -> None:
    # A mirror's spam before the title's name ("第一足球网X旗2021年度…"), the text's own title
    # clean ("编制形成X旗2021年政府信息公开工作年度报告"): the clean name.
    text = (
        f"第一足球网{a}旗{y}年度政府信息公开工作年度报告\n- 发布日期:{y + 1}-02-19\n"
        f"根据《条例》和有关要求,编制形成{a}旗{y}年政府信息公开工作年度报告。\n{_opening(y)}"
    )
    assert _named(text, y) == f"{a}旗"
    # (… but a name's own lead stays: "中共X旗委员会…")
    own = text.replace("第一足球网", "中共")
    assert _named(own, y) == f"中共{a}旗"


@given(place, year)
def test_a_department_named_after_its_government_takes_the_place_printed(a: str, y: int) -> None:
    # "X区国资局" at the head, "现公布区政府国资局2022年…报告": the 区's 国资局, X区国资局.
    text = (
        f"{a}区国资局\n根据《条例》相关要求,现公布区政府国资局{y}年政府信息公开工作年度报告。\n"
        f"{_opening(y)}{y}年度区政府国资局通过区政府门户网站主动公开政府信息。"
    )
    assert _named(text, y) == f"{a}区国资局"


@given(place, place, year)
def test_a_town_whose_place_ends_in_its_kind_keeps_both(a: str, b: str, y: int) -> None:
    # "请联系:X县湖镇镇人民政府党政综合办公室": the town 湖镇, its 镇人民政府 answers.
    text = (
        f"现编制并公布本单位{y}年政府信息公开工作年度报告。如有疑问,请联系:{a}县{b}镇镇人民政府"
        f"党政综合办公室,邮编:324400。\n{_opening(y)}{b}镇镇高度重视政府信息公开工作。"
    )
    assert _named(text, y) == f"{a}县{b}镇镇人民政府"


@given(place, place, place, year)
def test_a_town_takes_the_district_printed_between_it_and_the_city(
    a: str, b: str, c: str, y: int
) -> None:
    # "2025年金厂镇…报告", "通化市人民政府门户网站", "通化市东昌区金厂镇人民政府网站": 东昌区
    # 金厂镇, not a "通化市金厂镇人民政府" printed nowhere.
    text = (
        f"{y}年{c}镇政府信息公开工作年度报告\n本报告电子版可在{a}市人民政府门户网站或{a}市{b}区"
        f"{c}镇人民政府网站下载。地址{a}市{b}区{c}镇大街13号。\n{_opening(y)}"
    )
    assert _named(text, y) == f"{a}市{b}区{c}镇人民政府"


@given(place, place, year)
def test_a_title_printing_a_bare_department_takes_the_county_its_channels_print(
    a: str, b: str, y: int
) -> None:
    # "县应急管理局2020年…报告", "…平台以及德安县应急管理局微信公众号": 德安县's.
    text = (
        f"县应急管理局{y}年政府信息公开年度报告\n{_opening(y)}{y}年,我局主要通过“{a}县政府信息"
        f"公开平台”以及{a}县应急管理局微信公众号的形式公开。"
    )
    assert _named(text, y) == f"{a}县应急管理局"


@given(place, year)
def test_a_street_office_named_where_it_lies_or_calling_itself_wo_ban(a: str, y: int) -> None:
    # No title; "保安街道办事处地处志丹县城中部…", "全办干部职工183人", "结合我办实际".
    text = (
        f"一、总体情况\n{a}街道办事处地处志丹县城中部,辖9个村2个社区。{y}年,结合我办实际推进"
        "政务公开。"
    )
    assert find_agency(text, y) == f"{a}街道办事处"
    # (… a later sentence's subject, of the kind it calls itself: 我办, a 街道办事处's word too)
    said = f"一、总体情况\n全年结合我办实际推进公开。{a}街道办事处认真贯彻落实《条例》。"
    assert find_agency(said, y) == f"{a}街道办事处"


@given(place, year)
def test_a_verb_before_a_site_is_no_place(a: str, y: int) -> None:
    # "充分发挥县政府网站第一平台作用": 充分发挥县 is no body; its own guide names it.
    text = (
        f"{y}年,我县认真贯彻落实《条例》。本报告的电子版可在{a}县人民政府(http://www.x.gov.cn)"
        f"政府信息公开年度报告专栏获取。\n{_opening(y)}(一)提高主动公开实效情况。充分发挥县政府网站"
        f"第一平台作用,开设“政策解读”栏目。修订了《{a}县人民政府信息公开指南》。"
    )
    assert find_agency(text, y) == f"{a}县人民政府"


@given(place, year)
def test_an_opening_subject_before_its_work_or_a_ministry(a: str, y: int) -> None:
    # "2021年,开发区管委会政务信息工作紧紧围绕…", "2024年,教育部坚持…" (no title).
    work = f"一、总体情况\n{y}年,{a}开发区管委会政务信息工作紧紧围绕中心工作。"
    assert find_agency(work, y) == f"{a}开发区管委会"
    ministry = f"一、总体情况\n{y}年,{a}部坚持以习近平新时代中国特色社会主义思想为指导。"
    assert find_agency(ministry, y) == f"{a}部"
    # (… but cadres are no ministry)
    assert find_agency(f"一、总体情况\n{y}年,机关干部认真学习《条例》。", y) != "机关干部"


@given(st.text(alphabet="新疆宁夏广西壮族回维吾尔", min_size=5, max_size=5), year)
def test_an_autonomous_regions_five_character_place_completes_its_body(a: str, y: int) -> None:
    # "新疆维吾尔自治区卫生健康委员会" over "自治区卫生健康委2023年…报告".
    text = (
        f"{a}自治区卫生健康委员会\n政府信息公开\n自治区卫生健康委{y}年政府信息公开工作报告\n"
        f"来源:自治区卫生健康委\n{y}年,自治区卫生健康委始终坚持以人民为中心。"
    )
    assert _named(text, y) == f"{a}自治区卫生健康委员会"


@given(place, year)
def test_a_contact_ending_its_sentence_names_the_body(a: str, y: int) -> None:
    # No title; "2020年,县审计局认真贯彻…", "如对本报告有任何疑问,请联系桃江县审计局办公室。".
    text = (
        f"一、总体情况\n{y}年,县审计局认真贯彻执行《条例》。全年主动公开政府信息共26条。"
        f"如对本报告有任何疑问,请联系{a}县审计局办公室。"
    )
    assert find_agency(text, y) == f"{a}县审计局"


@given(place, year)
def test_a_mirrors_marks_for_lost_indentation_hide_no_subject(a: str, y: int) -> None:
    # Every line opening with "??" (a mirror lost the full-width spaces): "??2025年,X坚持…".
    text = (
        f"??根据《中华人民共和国政府信息公开条例》,编制本报告。统计期限为{y}年1月1日至{y}年12月31日。\n??一、总体情况\n"
        f"??{y}年,{a}省人民政府办公厅坚持以人民为中心,深化政务公开。"
    )
    reading = read_text(text)
    assert reading.report is not None and reading.report.agency == f"{a}省人民政府办公厅"


@given(place, place, year)
def test_an_address_and_a_verb_are_no_part_of_a_place(a: str, b: str, y: int) -> None:
    # "可与长乐区交通运输局办公室联系(地址:文松路666号2#楼三层福州市长乐区交通运输局…)": no
    # "楼三层福州市" before the name.
    address = (
        f"{b}区交通运输局{y}年政府信息公开工作年度报告\n如有疑问,可与{b}区交通运输局办公室联系"
        f"(地址:文松路666号2#楼三层{a}市{b}区交通运输局,邮编:350200)。"
    )
    assert not _named(address, y).startswith("楼")
    # "区教育局…报告", "规范婺城区人民政府网站教育板块…": 婺城区's, not 规范婺城区's.
    verb = (
        f"区教育局{y}年政府信息公开工作年度报告\n一是强化门户网站建设。规范{b}区人民政府网站教育"
        "板块信息公开内容。"
    )
    assert _named(verb, y) == f"{b}区教育局"


@given(place, place, st.sampled_from(["垦殖场", "农场", "林场", "茶场"]), year)
def test_a_farms_office_answers_for_the_farm(a: str, b: str, kind: str, y: int) -> None:
    # "东风场…报告", "请与奉新县东风垦殖场办公室联系": the 垦殖场's report, not its office's.
    text = (
        f"一、总体情况\n{y}年,我场认真贯彻落实《条例》。如对本报告有疑问,请与{a}县{b}{kind}"
        "办公室联系(联系电话:0795-4601234)。"
    )
    assert find_agency(text, y) == f"{a}县{b}{kind}"


@given(st.sampled_from(["残联", "妇联", "侨联", "文联", "科协", "工商联"]), place, year)
def test_a_peoples_organisations_short_name_is_a_body_and_no_verb_its_place(
    kind: str, a: str, y: int
) -> None:
    # "现根据有关规定,公布2018年区残联政府信息公开工作年度报告", "…结合区残联工作实际…".
    text = (
        f"{y}年度,我会在区委区政府的领导下认真工作。现根据有关规定,公布{y}年区{kind}政府信息公开工作"
        f"年度报告。\n一、概述\n二是踏实做好各项工作。结合区{kind}工作实际,制定了各项工作制度。"
    )
    assert find_agency(text, y) == f"区{kind}"
    # (nor a site's verb: "2025年,利用区残联门户网站开展线上政策解读1次")
    sited = text.replace("结合区", f"{y}年,利用区").replace("工作实际,", "门户网站开展解读,")
    assert find_agency(sited, y) == f"区{kind}"
    # (… and a title's short form, its compiler's name whole: "2024年市残联…报告", "年度报告是
    # 由长春市残疾人联合会依据《条例》…编制而成的")
    whole = {"残联": "残疾人联合会", "妇联": "妇女联合会", "侨联": "归国华侨联合会"}.get(kind)
    if whole:
        titled = (
            f"{y}年市{kind}政府信息公开工作年度报告\n年度报告是由{a}市{whole}依据《中华人民共和国"
            f"政府信息公开条例》编制而成的。\n一、总体情况\n结合{kind}工作的特点,我会制定了制度。"
        )
        assert find_agency(titled, y) == f"{a}市{whole}"


@given(st.sampled_from(["商务局", "财政局", "统计局"]), st.sampled_from([" > ", "»", "->"]), year)
def test_a_breadcrumb_names_the_body_of_its_kind_but_not_a_mirrors_spam(
    body: str, mark: str, y: int
) -> None:
    # "- 首页 > 政务公开 > 商务局 > 政府信息公开年度报告", then only "我局…".
    rest = f"{mark}政府信息公开年度报告\n一、总体情况\n{y}年,我局制作、获取的政府信息总数119条。"
    assert find_agency(f"- 首页{mark}政务公开{mark}{body}{rest}", y) == body
    # (a mirror's spam in the body's place: "首页 > bt365彩票官方app_亚洲365bet投注财政局 > …")
    assert find_agency(f"当前位置:首页{mark}bt365彩票官方app_亚洲365bet投注{body}{rest}", y) is None


@given(place, year, st.sampled_from(["主  题  词", "关键词", "关 键 字"]))
def test_a_pages_keywords_are_no_title(a: str, y: int, field: str) -> None:
    # "主  题  词 阿合奇县 人民政府 政府办公室 2020 政府信息公开 信息公开工作 年度报告 成文日期 …"
    keywords = f"{field} {a}县 人民政府 政府办公室 {y} 政府信息公开 信息公开工作 年度报告 成文日期"
    text = f"{keywords}\n{a}县人民政府办公室{y}年政府信息公开工作年度报告\n一、总体情况\n"
    assert find_agency(text, y) == f"{a}县人民政府办公室"


@given(place, year, st.sampled_from(["新葡京博彩官网", "澳门金沙娱乐场官网"]))
def test_a_street_office_whose_districts_name_spam_took_is_named_alone(
    a: str, y: int, spam: str
) -> None:
    # "2020年,在区委、区政府的正确领导下,新葡京博彩官网区人民政府北京街道办事处认真贯彻落实…".
    text = (
        f"一、总体情况\n{y}年,在区委、区政府的正确领导下,{spam}区人民政府{a}街道办事处认真贯彻落实"
        f"《中华人民共和国政府信息公开条例》。\n{a}街道办事处全年主动公开政府信息86条。"
    )
    assert find_agency(text, y) == f"{a}街道办事处"


@given(place, year, st.sampled_from(["残疾人联合会", "总工会", "红十字会"]))
def test_a_peoples_organisation_opening_a_sentence_or_declaring_its_short_form(
    a: str, y: int, kind: str
) -> None:
    # "2025年,公主岭市残疾人联合会在市委、市政府的坚强领导下…".
    text = f"一、总体情况\n{y}年,{a}市{kind}在市委、市政府的坚强领导下,严格遵循《条例》。"
    assert find_agency(text, y) == f"{a}市{kind}"
    # (… its short form declared with a space before the quote: "(以下简称 “市残联”)")
    declared = (
        f"市残联政府信息公开工作年度报告\n{y}年,{a}市残疾人联合会(以下简称 “市残联”)在市委的"
        f"领导下做好公开工作。现将{y}年度市残联政府信息公开工作年度报告如下:"
    )
    assert find_agency(declared, y) == f"{a}市残疾人联合会"


@given(place, year, st.sampled_from(["UedBet体育", "365体育直播", "bet365娱乐", "365体育备用网址"]))
def test_page_furniture_and_a_mirrors_brand_are_no_part_of_a_name(
    a: str, y: int, brand: str
) -> None:
    # A font-size switch run into a second title: "大中小城口县卫生健康委员会2020年…报告".
    title = f"{a}县卫生健康委员会{y}年政府信息公开工作年度报告"
    assert (
        find_agency(f"{title}\n 大中小\n大中小{title}\n一、总体情况\n", y)
        == title[: -len(f"{y}年政府信息公开工作年度报告")]
    )
    # A brand in the place's stead: "UedBet体育城市管理综合执法局2021年…报告".
    text = f"{brand}城市管理综合执法局{y}年政府信息公开工作年度报告\n一、总体情况\n"
    assert find_agency(text, y) == "城市管理综合执法局"


def _clause(a: str, y: int) -> str:
    return (
        f"{_opening(y)}{y}年,我局认真贯彻落实《条例》,提高全镇在公开工作上的水平。\n"
        f"(一)主动公开。推进网站信息保障,结合“信易贷”等工作,{a}区林草局在“信用平台”对行政许可"
        "事项严格按照录入要求公示。"
    )


class Case(NamedTuple):
    """A text (of two invented places and a year) and the body it names, None for none."""

    text: Callable[[str, str, int], str]
    named: Callable[[str, str, int], str | None]


# Whose report a text is, where only a line under its title, a field, a sentence, a site, a
# clause or a contact tells (each from an unseen page).
CASES = {
    # "2025年政府信息公开工作年度报告" / "区数据局" / "2025 年,本单位深入贯彻…".
    "a title naming no one, the body on the line under it": Case(
        lambda a, b, y: (
            f"{y}年政府信息公开工作年度报告\n{a}区数据局\n{y} 年,本单位深入贯彻落实"
            "《条例》。\n" + "\n".join(BODY)
        ),
        lambda a, b, y: f"{a}区数据局",
    ),
    # "发布时间: 2024-01-22 15:40:00来源:武汉市发展和改革委员会字号:[ 大 中 小 ]分享:".
    "a page field's name run into the next widget": Case(
        lambda a, b, y: (
            f"政府信息公开工作年报\n发布时间: {y + 1}-01-22 15:40:00来源:{a}市发展和"
            f"改革委员会字号:[ 大 中 小 ]分享:\n本报告根据《中华人民共和国政府信息公开条例》编制,"
            f"统计期限自{y}年1月1日至{y}年12月31日。\n一、总体情况\n"
            "以习近平新时代中国特色社会主义思想为指导。"
        ),
        lambda a, b, y: f"{a}市发展和改革委员会",
    ),
    # "…通知》要求,市金融发展局编制2021年度政府信息公开工作报告。", "《抚顺市金融发展局…指南》".
    "a title after its compiler's verb": Case(
        lambda a, b, y: (
            f"根据《中华人民共和国政府信息公开条例》要求,市金融发展局编制{y}年度政府"
            f"信息公开工作报告。\n一、总体情况\n印发了《{a}市金融发展局政府信息公开指南》。"
        ),
        lambda a, b, y: f"{a}市金融发展局",
    ),
    # "| 发文单位 | 武汉市地方金融管理局 |" in the page's header table.
    "a field named 发文单位": Case(
        lambda a, b, y: (
            f"| 索引号 | 0001 |\n| 发文单位 | {a}市地方金融管理局 |\n政府信息公开工作"
            f"年度报告\n本报告统计期限自{y}年1月1日至{y}年12月31日。\n一、总体情况\n"
        ),
        lambda a, b, y: f"{a}市地方金融管理局",
    ),
    # "…的要求,绍兴市越城区东湖街道特编制2023年政府信息公开年度报告。": no "…街道特".
    "a compiler's adverb is no part of its name": Case(
        lambda a, b, y: (
            f"一、总体情况\n根据《中华人民共和国政府信息公开条例》的要求,{a}市{b}区东湖"
            f"街道特编制{y}年政府信息公开年度报告。\n{y}年,东湖街道办事处主动公开政府信息47条。"
        ),
        lambda a, b, y: f"{a}市{b}区东湖街道办事处",
    ),
    # (… nor its verbs before 编制: "X镇人民政府梳理编制2019年信息公开年报")
    "a compiler's verbs are no part of its name": Case(
        lambda a, b, y: (
            f"{b}镇人民政府梳理编制{y}年信息公开年报\n一、总体情况\n本机关认真贯彻落实《条例》。"
        ),
        lambda a, b, y: f"{b}镇人民政府",
    ),
    # "2024年,中心深入学习…", "安排一名干部专门负责中心官方网站…", "通过十堰住房公积金中心官网…".
    "a centre calling itself 中心, named by its own site": Case(
        lambda a, b, y: (
            f"{y}年,中心深入学习贯彻《中华人民共和国政府信息公开条例》,做好政府信息公开"
            "工作。\n一、总体情况\n(一)主动公开。中心党组高度重视政务公开工作,安排一名干部专门负责中心"
            f"官方网站的日常管理。{y}年通过{a}住房公积金中心官网主动公开信息231条。\n(二)依申请公开。"
            "中心认真学习有关文件精神。"
        ),
        lambda a, b, y: f"{a}住房公积金中心",
    ),
    # "2025年,区管委会办公室坚持…", "全年依托长兴岛经济技术开发区门户网站…", "结合我区实际…".
    "a bare zone's office takes the zone whose own site it names": Case(
        lambda a, b, y: (
            f"{_opening(y)}{y}年,区管委会办公室坚持以公开为常态。\n(一)主动公开情况\n"
            f"全年依托{a}经济技术开发区门户网站共发布各类公开信息1287条。结合我区实际,印发《关于进一步"
            "加强我区管委会门户网站内容管理工作的通知》。"
        ),
        lambda a, b, y: f"{a}经济技术开发区管委会办公室",
    ),
    # Only "我局…", then "结合“信易贷”等工作,高昌区林草局在“…平台”对行政许可事项…".
    "a clause's subject with its county, the text calling itself 我局": Case(
        lambda a, b, y: _clause(a, y), lambda a, b, y: f"{a}区林草局"
    ),
    # (… a clause's verb and its 全镇 are none: "我镇…,提高全镇在…")
    "a clause's verb and its 全镇 name no one": Case(
        lambda a, b, y: _clause(a, y).replace("我局", "我镇").replace(f"{a}区林草局在", "本单位在"),
        lambda a, b, y: None,
    ),
    # "绍兴市卫生健康委是主管全市…的部门…", "2020年市卫生健康委收到依申请信息公开6件,…".
    "the subject of what was received": Case(
        lambda a, b, y: (
            f"一、总体情况\n{a}市卫生健康委是主管全市医疗卫生健康事业的市政府职能部门。"
            f"\n{y}年市卫生健康委收到依申请信息公开6件,其中予以公开4件。"
        ),
        lambda a, b, y: f"{a}市卫生健康委",
    ),
    # "…或直接与丽水市人民政府办公室政府信息公开中心联系(地址:…)".
    "an office's disclosure centre answers for its government": Case(
        lambda a, b, y: (
            f"{_opening(y)}如对本报告有疑问,可通过门户网站的意见箱反应或直接与{a}市人民"
            f"政府办公室政府信息公开中心联系(地址:{a}市花园路1号,邮编:323000)。"
        ),
        lambda a, b, y: f"{a}市人民政府",
    ),
    # "我乡…", "因人事变动,调整官塘乡政府信息公开工作领导小组成员,…": not 调整官塘乡.
    "a township named by its group rearranged": Case(
        lambda a, b, y: (
            f"{_opening(y)}{y}年,我乡认真贯彻落实《条例》。因人事变动,调整{a}乡政府信息"
            f"公开工作领导小组成员,由乡长任组长。地址:{a}乡人民路1号。"
        ),
        lambda a, b, y: f"{a}乡",
    ),
    # Only "我局…", and "请与厦门市集美区政府信息公开工作领导小组办公室联系": not the 区's report.
    "a district's group office named for contact is not a bureau's": Case(
        lambda a, b, y: (
            f"{_opening(y)}{y}年,我局认真贯彻落实《条例》。如对本报告有疑问,请与{a}市{a}区"
            "政府信息公开工作领导小组办公室联系(电话:0592-1234567)。"
        ),
        lambda a, b, y: None,
    ),
    # "2019-2020学年,长江大学以习近平新时代…思想为指导": a university's (a school year leads).
    "a university opening a sentence after its school year": Case(
        lambda a, b, y: (
            f"本报告所列数据统计期限为{y - 1}年9月1日至{y}年8月31日。\n一、信息公开工作概述\n"
            f"{y - 1}-{y}学年,{a}大学以习近平新时代中国特色社会主义思想为指导,深入推进信息公开。"
        ),
        lambda a, b, y: f"{a}大学",
    ),
    # "…安排2名民警和1名合同制工作人员承担盐津县公安局政府信息公开工作。"
    "the body whose disclosure work its staff carry": Case(
        lambda a, b, y: (
            f"{_opening(y)}{y}年度,全县公安机关主动发布各类信息314条。局机关安排2名民警承担"
            f"{a}县公安局政府信息公开工作。"
        ),
        lambda a, b, y: f"{a}县公安局",
    ),
    # "2024年,平乡县人民政府办公室认真落实…" (a template's leftover), then "2024年,寻召乡主动
    # 公开…", "2024年,寻召乡没有收到…", "2024年,寻召乡没有发生…": the 乡's (平乡县寻召乡).
    "a first sentence's subject never said again, another's three times": Case(
        lambda a, b, y: (
            f"根据《条例》规定,发布本年度报告。\n一、总体情况\n{y}年,{a}县人民政府办公室认真落实"
            f"决策部署。\n1.公开数量。{y}年,{b}乡主动公开政务信息数545条。\n(二)依申请公开情况\n"
            f"{y}年,{b}乡没有收到申请。\n(三)复议、诉讼情况\n{y}年,{b}乡没有发生行政复议。"
        ),
        lambda a, b, y: f"{a}县{b}乡",  # (its county, printed, completes it)
    ),
    # "根据《…条例》要求,截至2023年底,发改局围绕深化改革…": the year's end leads its subject.
    "a subject after the year's end": Case(
        lambda a, b, y: (
            f"{_opening(y)}根据《条例》要求,截至{y}年底,{a}县发改局围绕深化改革,创新形式。"
        ),
        lambda a, b, y: f"{a}县发改局",
    ),
    # "…相关要求,结合省财政厅2024年政府信息公开工作实际,编制本报告。" (not "结合学校2020年…").
    "the body whose year's work the report is fitted to": Case(
        lambda a, b, y: (
            f"根据有关要求,结合{a}市财政局{y}年政府信息公开工作实际,编制本报告。\n{_opening(y)}"
            f"本机关按照部署,结合学校{y}年信息公开工作实际推进公开。"
        ),
        lambda a, b, y: f"{a}市财政局",
    ),
    # "根据《条例》、省市关于做好政府信息公开工作的相关要求,市卫生健康局高度重视、认真组织…".
    "the preamble's subject after the rules it followed": Case(
        lambda a, b, y: (
            f"根据《条例》、省市关于做好政府信息公开工作的相关要求,{a}市卫生健康局高度重视、认真"
            f"组织,现将主要工作情况报告如下:\n一、总体情况\n{y}年,主动公开信息120条。"
        ),
        lambda a, b, y: f"{a}市卫生健康局",
    ),
    # "(二)政府信息依申请公开情况" / "区行政审批局本年新收到政府信息公开申请42件…".
    "a bare name that newly received requests this year": Case(
        lambda a, b, y: (
            "一、总体情况\n(二)政府信息依申请公开情况\n区行政审批局本年新收到政府信息公开申请42件。"
        ),
        lambda a, b, y: "区行政审批局",
    ),
    # "结合2021年泗阳县残疾人联合会政府信息公开工作编制而成", "请与泗阳县残联办公室联系": the
    # body's, not its contact office's.
    "the body whose work the report was compiled from, before its contact office": Case(
        lambda a, b, y: (
            f"本报告结合{y}年{a}县残疾人联合会政府信息公开工作编制而成。如有疑问,请与{a}县残联"
            f"办公室联系(电话:0527-1234567)。\n{_opening(y)}"
        ),
        lambda a, b, y: f"{a}县残疾人联合会",
    ),
    # "…热点问题。截至12月底,区国资委未收到政府信息公开申请" (a line printing no 年).
    "a subject after the month's end": Case(
        lambda a, b, y: (
            "一、总体情况\n(二)依申请公开\n主动快速引导,正面回应热点问题。截至12月底,区国资委未收到"
            "政府信息公开申请。\n"
        ),
        lambda a, b, y: "区国资委",
    ),
    # "公报标题黄石市卫健委2019年政府信息公开工作年度报告" / "总号 期号" / "主办单位黄石市卫健委".
    "a title run into its page field's name": Case(
        lambda a, b, y: (
            f"公报标题{a}市卫健委{y}年政府信息公开工作年度报告\n总号 期号\n主办单位{a}市卫健委\n"
            + "\n".join(BODY)
        ),
        lambda a, b, y: f"{a}市卫健委",
    ),
    # "區(qū)科技工業(yè)商務(wù)信息化局本年度主動公開政府信息229 條" (its place printed nowhere).
    "a bare name opening the overview before 本年度": Case(
        lambda a, b, y: (
            "一、总体情况\n区科技工业商务信息化局本年度主动公开政府信息229条。\n" + "\n".join(BODY)
        ),
        lambda a, b, y: "区科技工业商务信息化局",
    ),
    # "请与泸州市信息公开办公室联系", "2019年,泸州市人民政府信息公开工作…": the government's
    # office for the work answers for it.
    "a contact's disclosure office of the government the opening names": Case(
        lambda a, b, y: (
            f"如对本报告有疑问,请与{a}市信息公开办公室联系(地址:{a}市人民路1号)。\n"
            f"一、总体情况\n{y}年,{a}市人民政府信息公开工作坚持以公开为常态。\n" + "\n".join(BODY)
        ),
        lambda a, b, y: f"{a}市人民政府",
    ),
    # "如对本报告有疑问,请联系:硚口区教育局局党政办公室,地址:…": the 局's own office.
    "a contact office printed after its body's kind again": Case(
        lambda a, b, y: (
            f"如对本报告有疑问,请联系:{a}区教育局局党政办公室,地址:{a}区人民路1号。\n"
            f"一、总体情况\n{y}年,我局坚持以公开为常态。\n" + "\n".join(BODY)
        ),
        lambda a, b, y: f"{a}区教育局",
    ),
    # "如对本报告有疑问,请联系吴起县政府政务服务中心", "我县…", "吴起县人民政府门户网站".
    "a contact unit named after the government, the text calling itself by its kind": Case(
        lambda a, b, y: (
            f"本报告所列数据统计时限为{y}年1月1日至12月31日,如对本报告有疑问,请联系{a}县政府"
            f"政务服务中心(地址:{a}县人民路1号)。\n一、总体情况\n{y}年,我县坚持以公开为常态,"
            f"通过{a}县人民政府门户网站主动公开政府信息。\n" + "\n".join(BODY)
        ),
        lambda a, b, y: f"{a}县人民政府",
    ),
    # "4月份,我局开通了住建局微信公众号": the account's name, not the verb before it.
    "an account the body opened, named after its kind": Case(
        lambda a, b, y: (
            f"一、总体情况\n{y}年,我局认真贯彻《条例》。4月份,我局开通了住建局微信公众号,"
            f"并通过{a}县电视台主动公开政府信息。\n" + "\n".join(BODY)
        ),
        lambda a, b, y: "住建局",
    ),
    # "2019年市人防办政府信息公开以“绍兴市政府信息公开网”和我办官方门户网站…为主要平台".
    "a subject fused with its disclosure work, before what it did": Case(
        lambda a, b, y: (
            f"一、总体情况\n{y}年,我办根据《条例》规定,努力推进政务公开。\n{y}年市人防办政府信息"
            f"公开以“{a}市政府信息公开网”和我办官方门户网站为主要平台。\n" + "\n".join(BODY)
        ),
        lambda a, b, y: "市人防办",
    ),
    # "结合2019年高新区政府信息公开工作实际编制而成", "2019年,宁波国家高新区(新材料科技城)管委会
    # 办公室政务公开工作按照…".
    "a zone by its kind alone, the opening's subject its body": Case(
        lambda a, b, y: (
            f"本年报根据《条例》,结合{y}年高新区政府信息公开工作实际编制而成。\n一、总体情况\n"
            f"{y}年,{a}国家高新区(新材料科技城)管委会办公室政务公开工作按照年初下发的要点推进。\n"
            + "\n".join(BODY)
        ),
        lambda a, b, y: f"{a}国家高新区",
    ),
    # "结合2020年度本街道政府信息公开工作情况编制而成", "依托渝中区人民政府大溪沟街道办事处子网站".
    "a compiler's sentence naming the body as 本街道 after 年度": Case(
        lambda a, b, y: (
            f"一、总体情况\n本年度报告根据《条例》要求,结合{y}年度本街道政府信息公开工作情况编制"
            f"而成。\n{y}年我街道通过{a}区人民政府{b}街道办事处子网站主动公开政府信息。\n"
            + "\n".join(BODY)
        ),
        lambda a, b, y: f"{a}区人民政府{b}街道办事处",
    ),
}


@pytest.mark.parametrize("shows", list(CASES))
@given(place, place, year)
def test_whose_report_a_text_names(shows: str, a: str, b: str, y: int) -> None:
    case = CASES[shows]
    assert find_agency(case.text(a, b, y), y) == case.named(a, b, y)

"""The agency as real pages name it (issue 16, class 5): subjects of opening sentences, offices
that answer for their body, sites and accounts, short forms and systems, each completed only from
what the text itself prints.

Names and texts are generated (invented places, no real report's words).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from gongkai.core.reader.meta import find_agency
from tests.core.reader.test_reader_meta import BODY, place, year


@given(place, place, year)
def test_a_site_names_the_body_only_of_the_kind_it_calls_itself(a: str, b: str, y: int) -> None:
    # No title, no name in a sentence: "我局…通过X局门户网站" names the 局; "我区…通过X区人民政府
    # 网站" the 区's government; a 局 publishing on its government's portal names no one.
    period = f"统计期限为{y}年1月1日至{y}年12月31日。\n一、总体情况\n"
    own = f"{period}{y}年，我局全面公开。全年通过{a}市{b}局门户网站发布信息12条。"
    assert find_agency(own + "\n" + "\n".join(BODY), y) == f"{a}市{b}局"
    district = f"{period}{y}年，我区全面公开。报告的电子版可在{a}区人民政府网站查阅。"
    assert find_agency(district + "\n" + "\n".join(BODY), y) == f"{a}区人民政府"
    portal = f"{period}{y}年，我局全面公开。全年通过{a}县人民政府门户网站发布信息12条。"
    assert find_agency(portal + "\n" + "\n".join(BODY), y) is None
    # "本区" the subject after the year (hunt 160/010), not the territory a 局 works in
    subject = f"{period}{y} 年,本区秉持以公开为常态。\n通过{a}区人民政府网站征求意见。"
    assert find_agency(subject + "\n" + "\n".join(BODY), y) == f"{a}区人民政府"
    territory = f"{period}{y}年，本局全面公开。本区各单位通过{a}区人民政府网站发布信息。"
    assert find_agency(territory + "\n" + "\n".join(BODY), y) is None
    # Calling itself nothing: the body whose own rules it lists, not one whose notices it cites.
    rules = "".join(
        f"《{a}市{b}局{what}》" for what in ("信息公开制度", "保密管理制度", "审核办法")
    )
    listed = f"{period}{y}年，完善了{rules}。"
    assert find_agency(listed + "\n" + "\n".join(BODY), y) == f"{a}市{b}局"
    cited = listed.replace(f"《{a}市{b}局", f"《{a}市{b}局关于")
    assert find_agency(cited + "\n" + "\n".join(BODY), y) is None


def _cases(a: str, b: str, y: int) -> list[tuple[str, str]]:
    """(the name, a text naming it) in each way real pages print it."""
    # "X年以来，Y在…", "Y为…", "Y政府信息公开工作在…"; "现公布X年Y政府信息公开工作情况"; a
    # county cited after a year ("《X年度Z县人民政府…》"); a 中心's, an 经开区's office and a
    # 办公厅's 处 (the 办公厅 answers for its government) but a 街道办事处 is no office; a title
    # naming no place completed from the one place the text prints before it; the body's own
    # rules in 《》 where it calls itself by their kind.
    period = f"统计期限为{y}年1月1日至{y}年12月31日。\n一、总体情况\n"
    return [
        (f"{a}乡", f"{period}{y}年以来，{a}乡在县政府的指导下公开信息。"),
        (f"{a}镇人民政府", f"{period}{y}年，{a}镇人民政府为充分尊重群众知情权公开信息。"),
        (f"{a}乡", f"{period}{y}年，{a}乡政府信息公开工作在县政府的指导下推进。"),
        (f"{a}县{b}局", f"根据《条例》，现公布{y}年{a}县{b}局政府信息公开工作情况。"),
        (
            f"{a}县{b}乡人民政府",
            f"{b}乡人民政府{y}年政府信息公开工作年度报告\n根据《{y}年度{a}县人民政府"
            "信息公开工作要点》编制。",
        ),
        (f"{a}市{b}中心", f"{period}如有疑问，请与{a}市{b}中心办公室联系。"),
        (
            f"{a}县住房和城乡建设局",
            f"{period}如有疑问，请与{a}县住房和城乡建设局办公室联系。",
        ),
        (f"{a}经开区", f"{period}如有疑问，请与{a}经开区政务公开办公室联系。"),
        (
            f"{a}市人民政府",
            f"{period}如有疑问，请与{a}市人民政府办公厅政府信息公开处联系。",
        ),
        (f"{a}区{b}街道办事处", f"{period}如有疑问，请与{a}区{b}街道办事处联系。"),
        (
            f"{a}市应急管理局",
            f"应急管理局{y}年政府信息公开工作年度报告\n{period}如需咨询，请联系{a}市应急管理局"
            "政务公开办公室，地址：建国路43号。",
        ),
        (
            f"{a}区{b}局",
            f"{period}{y}年，我局全面公开。完善了《{a}区{b}局政府信息公开工作规程》。",
        ),
        # "我镇"/"我街" and its own 《X基层政务公开标准目录》, 《X政府信息依申请公开…》
        (f"{b}镇", f"{period}{y}年，我镇全面公开，编制《{b}镇基层政务公开标准目录》。"),
        (f"{b}街道", f"{period}{y}年，我街制定《{b}街道政府信息依申请公开工作方案》。"),
        # "请联系：X；"; a county never "以区" ("以区人民政府网站为核心载体")
        (f"{a}区{b}局", f"{period}如有疑问，请联系:{a}区{b}局;电话:0571-1234567。"),
        (
            f"{b}镇人民政府",
            f"{b}镇人民政府{y}年政府信息公开工作年度报告\n{y}年，以区人民政府网站为核心载体。",
        ),
        # the longest words before a short name that are a place printed again
        (
            f"{a}市应急管理局",
            f"现将{y}年度市应急管理局政府信息公开工作情况报告如下，包括{a}市应急管理局"
            f"的工作。\n按照{a}市人民政府要求。",
        ),
        (
            f"{a}区{b}局",
            f"根据要求，制定本局{y}年政府信息公开工作年度报告。\n请与{a}区{b}局联系。",
        ),
        (f"{a}市{b}局", f"首页 » 信息公开>>{a}市{b}局{y}年政府信息公开工作年度报告>>详情"),
        (f"{a}市{b}局", f"{period}如有疑问，可直接与{a}市{b}局人秘股联系。"),
        (f"{a}市人民防空办公室", f"{period}{y}年，我办以{a}市人民防空办公室官网为主渠道。"),
        # a 街道 its 办事处, a 委 its 委员会, where the text prints them so
        (
            f"{b}街道办事处",
            f"{b}街道{y}年政府信息公开工作年度报告\n{b}街道办事处未收到申请。",
        ),
        (
            f"国家{b}委员会",
            f"国家{b}委{y}年政府信息公开工作年度报告\n通过国家{b}委员会网站公开。",
        ),
        # a kind's character printed twice ("区X局局"), the name printed once whole
        # after a year; a short site name completed where its place is printed once
        (
            f"{a}区{b}局",
            f"本报告涵盖了{y}年{a}区{b}局政府信息公开工作。\n{period}{y}年,区{b}局局"
            "认真落实《条例》。",
        ),
        (
            f"{a}旗政府",
            f"{period}{y}年，我旗全面公开。\n旗政府网站发布信息。截至12月底,{a}旗政府"
            "网站访问量增长。",
        ),
        # a territory's 领导小组办公室 stands for the territory; a township titled with
        # its county, its government printed without it
        (f"{a}市{b}区", f"本报告由{a}市{b}区政务公开工作领导小组办公室编制。{period}"),
        (
            f"{a}县{b}镇人民政府",
            f"{a}县{b}镇{y}年政府信息公开工作年度报告\n{y}年{b}镇人民政府共受理申请0件。",
        ),
        # an account's quoted name; a short form declared in an aside that goes on
        (
            f"{a}区{b}局",
            f"{period}{y}年，我局全面公开。主要平台有“{a}区{b}局”新浪政务官方微博、"
            f"“{a}区{b}局”官方微信公众号。",
        ),
        (
            f"国家税务总局{a}市税务局",
            f"特向社会公布国家税务总局{a}市税务局(以下简称“{a}市税务局”,下文类同){y}年"
            f"政府信息公开工作年度报告。\n如有疑问，请与{a}市税务局办公室联系。",
        ),
        # a title naming a system: its body as the text prints it (never one of no place)
        (
            f"{a}市气象局",
            f"江苏省{a}市气象部门{y}年政府信息公开工作年度报告\n根据中国气象局要求，"
            f"{a}市气象局特编制本报告。",
        ),
        (f"{a}海关", f"{a}海关关区{y}年政府信息公开工作年度报告\n{period}"),
        (
            f"{a}自治区邮政管理局",
            f"{a}自治区邮政管理系统{y}年政府信息公开年度报告\n{y}年,{a}自治区邮政管理局高度重视。",
        ),
        # its place printed twice; "今年以来，在…下，在…下，X政务公开工作…"; "X结合单位
        # 实际，编制本单位…报告"; a contact office "X政府信息公开工作办公室"
        (
            f"{a}县{b}局",
            f"{period}今年以来，在县委的领导下，在县中心的指导下，{a}县{a}县{b}局政务公开"
            "工作紧紧围绕部署。",
        ),
        (
            f"{a}县{b}局",
            f"根据{a}县人民政府办公室要求，{a}县{b}局结合单位实际，编制本单位{y}年度报告。",
        ),
        (f"{a}省{b}厅", f"{period}如有疑问，请直接与{a}省{b}厅政府信息公开工作办公室联系。"),
        # a site in a list; its own budget's or rules' title where it calls itself so
        (
            f"{a}县{b}局",
            f"按照{a}县人民政府要求。\n{period}{y}年，我局全面公开，通过{b}宣传和{a}县{b}局"
            "微信公众号等平台发布。",
        ),
        (
            f"{a}区人民政府{b}街道办事处",
            f"{period}{y}年，我街道全面公开，公开了《{y}年{a}区人民政府{b}街道办事处部门预算》。",
        ),
        # a short form of the name its own documents print whole
        (
            f"{a}市{b}区经济和信息化委员会",
            f"{period}{y}年,区经济信息委深入贯彻落实《条例》,将《{a}市{b}区经济和信息化"
            "委员会信息公开指南》公开。",
        ),
        # a desk answering for its body; a 联社 that compiled its report "结合工作实际"; a
        # 联合社's office
        (
            f"{a}区{b}局",
            f"{period}如有疑问，请与{a}区{b}局政府信息公开申请受理机构联系(地址:中山路1号)。",
        ),
        (f"{a}市供销联社", f"本报告由{a}市供销联社结合工作实际编制。\n{period}"),
        (
            f"{a}市供销合作社联合社",
            f"{period}如有疑问，请与{a}市供销合作社联合社办公室联系(地址:中山路1号)。",
        ),
        (
            f"{a}市市场监督管理局",
            f"现发布《{a}市市场监管局{y}年政府信息公开工作年度报告》。\n{period}修订了《{a}市"
            "市场监督管理局信息公开指南》。",
        ),
        # a zone's short name spelled out by the page's field or its own guide's title
        (
            f"{a}高新技术产业开发区管理委员会",
            f"信息来源：{a}高新技术产业开发区管理委员会\n{a}高新区{y}年政府信息公开工作年度报告",
        ),
        (
            f"{a}经济技术开发区",
            f"开发区{y}年政府信息公开工作年度报告\n{period}{y}年，制定《{a}经济技术开发区政府"
            "信息公开指南》。",
        ),
        # an office calling itself "我办" reports for itself ("可致电X办公室")
        (
            f"{a}区人民政府办公室",
            f"{period}{y}年，我办全面公开。如有疑问，可致电{a}区人民政府办公室，电话：0591-1234567。",
        ),
        # a government's office reporting for itself ("编制形成X年Y办公室…报告", "X年，市政府
        # 办公室…" or "区府办" before "请与Y办公室联系"); a 街道's office of many words; "坚决"
        (
            f"{a}市人民政府办公室",
            f"根据要求，编制形成{y}年{a}市人民政府办公室政府信息公开年度报告。\n{period}"
            f"如有疑问，请与{a}市人民政府办公室联系(地址:中山路1号)。",
        ),
        (
            f"{a}市人民政府办公室",
            f"{period}{y}年,市政府办公室认真贯彻落实《条例》。如有疑问，请与{a}市人民政府办公室"
            "联系(地址:中山路1号)。",
        ),
        (
            f"{b}街道办事处",
            f"{period}如有疑问，请与{b}街道办事处综合与经济发展办公室联系(地址:中山路1号)。",
        ),
        (f"区{b}局", f"{period}{y}年,区{b}局坚决贯彻落实《条例》。"),
        # a zone named with its province in brackets; its "自由" is no "由X编制"
        (
            f"中国({a})自由贸易试验区{b}片区管理委员会",
            f"{period}本报告由中国({a})自由贸易试验区{b}片区管理委员会编制。",
        ),
        (
            f"中国({a})自由贸易试验区{b}片区管理委员会",
            f"{period}如有疑问，请联系中国({a})自由贸易试验区{b}片区管理委员会办公室，电话：12345。",
        ),
        # a subject after the period's last day ("截至X年12月31日,Y通过…"); a title after a
        # bullet; a county's 人民政府机关 over a title's year
        (
            f"{a}乡人民政府",
            f"{period}{y}年我乡高度重视。\n二、主动公开政府信息情况\n截至{y}年12月31日,"
            f"{a}乡人民政府通过信息平台公开信息3条。",
        ),
        (f"{a}镇人民政府", f"• {a}镇人民政府{y}年政府信息公开工作年度报告\n{period}"),
        (f"{a}县人民政府机关", f"{a}县人民政府机关\n{y}年政府信息公开工作年度报告\n{period}"),
        # a short title's body completed from a field printed with spaces, after a time
        # ("17:48来源 : 深圳市…"); a subject after a heading and a space; "X镇政府" as a subject
        (
            f"{a}市{b}区集体经济发展服务署",
            f"{y}年区集体经济发展服务署政府信息公开工作年度报告\n信息提供日期 : {y + 1}-01-21 "
            f"17:48来源 : {a}市{b}区集体经济发展服务署\n{period}如有疑问，请与{b}区集体经济"
            "发展服务署联系。",
        ),
        (f"{a}区", f"{period.replace(chr(10), ' ')}{y}年,{a}区坚持公开为常态。"),
        (f"{b}镇政府", f"{period}{y}年{b}镇政府严格按照《条例》公开信息。"),
        # the 办公厅's own report: its 处 in the contact line, the 办公厅 the opening's subject
        (
            f"{a}市人民政府办公厅",
            f"如有疑问，请与{a}市人民政府办公厅文电处联系。\n{period}{y}年,{a}市人民政府办公厅"
            "坚持公开为常态。",
        ),
        # a region's department titled "自治区X厅", its region printed in the site's banner
        (
            f"{a}自治区{b}厅",
            f"{a}自治区{b}厅\n自治区{b}厅政府信息公开{y}年度报告\n{period}{y}年,自治区{b}厅"
            "坚持公开为常态。",
        ),
        # an inner office's words alone in the contact line name no body (the subject does);
        # a field's last word on the line above a title is none of its name; "X政务信息公开
        # 工作在…"; a subject after "根据《…》要求,"
        (
            f"{b}街道",
            f"{period}{y}年,{b}街道认真贯彻落实《条例》。如有疑问，请与党政综合办公室联系(地址:"
            "中山路1号)。",
        ),
        (
            "县政府办",
            f"发布机构 县政府办公室 公文时效 有效\n县政府办{y}年度政府信息公开工作年度报告",
        ),
        (
            f"{a}发展服务中心",
            f"{period}{y}年,{a}发展服务中心政务信息公开工作在县委、县政府的指导下推进。",
        ),
        (
            f"{a}县交通运输局",
            f"{period}{y}年,根据《{b}州人民政府办公室关于做好政务公开工作的通知》要求,"
            f"{a}县交通运输局认真贯彻落实《条例》。",
        ),
        # "可以从X网站下载"; "X年区政府办…" as the office's own subject; a title's year without
        # 年 ("X 2021政府信息公开…报告"); a township completed from "现公开Y区X街道…"; "紧密";
        # a subject after "根据…部署,"
        (
            f"{a}县人民政府",
            f"{period}{y}年,我县全面公开。本年度报告电子版可以从{a}县人民政府网站下载。",
        ),
        (
            f"{a}区人民政府办公室",
            f"{period}{y}年区政府办主动公开信息158条。如有疑问，请联系:{a}区人民政府办公室。",
        ),
        (f"{a}区{b}委员会", f"{a}区{b}委员会 {y}政府信息公开工作年度报告\n{period}"),
        (
            f"{a}区{b}街道",
            f"{b}街道{y}年度政府信息公开工作报告\n现公开{a}区{b}街道{y}年度政府信息公开工作报告。",
        ),
        (f"县{b}局", f"{period}{y}年,县{b}局紧密结合工作实际公开信息。"),
        (
            f"{a}区{b}局",
            f"{period}{y}年,根据国务院、省政府的有关部署,{a}区{b}局认真贯彻落实《条例》。",
        ),
        # a township's 政府信息公开领导小组's office answers for the township as printed; a
        # 街道办事处's office of many words answers for it, its "我办" notwithstanding; a
        # 街道's name with its district completed from the city printed before both; no county
        # taken with a sentence's words ("主要依托X区人民政府网站")
        (
            f"{b}乡人民政府",
            f"{period}{y}年,{b}乡人民政府认真贯彻落实《条例》。如有疑问，请与{b}乡政府信息公开"
            "领导小组办公室联系。",
        ),
        (
            f"{a}区人民政府{b}街道办事处",
            f"{period}{y}年,我办全面公开。如有疑问，请与{a}区人民政府{b}街道办事处党政综合与"
            "社区建设办公室联系。",
        ),
        (
            f"{a}市{b}区经纬街道办事处",
            f"{b}区经纬街道办事处{y}年政府信息公开工作年度报告\n{period}如有疑问，请联系{a}市"
            f"{b}区经纬街道办事处。",
        ),
        (
            f"{b}街道办事处",
            f"{y}年,{b}街道办事处按照区委的统一部署公开信息。\n{period}主要依托{a}区人民政府"
            "网站发布信息。",
        ),
        # a district's body its city; a government as it calls itself
        (
            f"{a}市{b}区统计局",
            f"{b}区统计局{y}年政府信息公开工作年度报告\n来源：{a}市{b}区统计局",
        ),
        (
            f"{b}区人民政府",
            f"{b}区人民政府{y}年政府信息公开工作年度报告\n来源：{a}市{b}区人民政府",
        ),
        # 乡 inside a place is no township ("X乡Y区X乡Y街道…领导小组"); an office's nearest
        # body ("X管委会Y局综合科", the 局's); "X编制了本报告"; the body's rules of 政府信息与
        # 政务公开; "X把…作为…"; a zone named by its kind where its account quotes it whole
        (
            f"{a}乡{b[0]}区{a}乡{b[0]}街道",
            f"{period}本报告由{a}乡{b[0]}区{a}乡{b[0]}街道政务公开工作领导小组办公室编制。",
        ),
        (f"{a}管委会{b}局", f"{period}如有疑问，请与{a}管委会{b}局综合科联系。"),
        (f"{a}旗{b}局", f"根据《条例》及上级的相关文件要求,{a}旗{b}局编制了本报告。"),
        (
            f"{a}县{b}局",
            f"{period}{y}年,我局完善了《{a}县{b}局政府信息与政务公开工作制度》。",
        ),
        (f"县{b}局", f"{period}县{b}局把政府信息公开工作作为一项重要举措。"),
        (
            f"{a}市{b}投资区",
            f"{period}{y}年度,投资区主动公开政府信息12条。专人负责微信公众号“{a}市{b}投资区”"
            "的运维。",
        ),
        # "由X综合全区各部门…编制而成"; the opening's subject after a subheading; a site's name
        # with a verb before its kind ("重视局门户网站") is none, its rules' titles name it
        (
            f"{a}区人民政府",
            f"本报告由{a}区人民政府综合全区各部门和各乡镇的年度报告和统计数据编制而成。",
        ),
        (f"{a}镇人民政府", f"一、总体情况\n(一)组织领导\n{a}镇人民政府坚持依法公开。"),
        (
            f"{a}市{b}局",
            f"{period}我局高度重视。重视局门户网站建设。按照《{a}市{b}局政府信息公开申请办理"
            f"实施细则》《{a}市{b}局办公室关于提升办理效率的通知》要求办理。",
        ),
        # a bank's branch as a subject; a school's short name (its 政府信息公开办公室: no 政府)
        (
            f"中国人民银行{a}市中心支行",
            f"一、总体情况\n{y}年,中国人民银行{a}市中心支行主动公开信息12条。",
        ),
        (
            f"{a}二中",
            f"本报告由{a}二中编制。如有疑问,请与{a}二中政府信息公开办公室联系。",
        ),
        # "X镇将Y县人民政府网站作为…": no county "X镇将Y县"
        (
            f"{a}镇",
            f"{period}{y}年,{a}镇主动公开政府信息59条。{a}镇将{b}县人民政府网站作为主要渠道。",
        ),
        # a township named 对X乡 in its title; the overview's subject after "按照…要求,"
        (
            f"对{a[0]}乡人民政府",
            f"对{a[0]}乡{y}年政府信息公开工作年度报告\n请与对{a[0]}乡人民政府办公室联系。",
        ),
        (
            "区政府政务服务办",
            "一、总体情况\n按照区委、区政府有关要求,区政府政务服务办进一步完善公开制度。",
        ),
        # a district's 政务公开办公室 answers for its government
        (
            f"{a}市{b}区人民政府",
            f"本报告可在{a}市{b}区人民政府门户网站下载。如有疑问，请与{a}市{b}区政务公开办公室联系。",
        ),
        # a title's "县政府办" spelled out by the opening's subject
        (
            f"{a}县人民政府办公室",
            f"县政府办{y}年度政府信息公开工作年度报告\n{period}{y}年,{a}县人民政府办公室严格贯彻"
            "落实《条例》。",
        ),
        # a subject of the kind the text calls itself, in any sentence
        (
            f"{a}镇政府",
            f"{period}{y}年,我镇按照县委统一部署推进公开。\n(二)工作要点部署落实情况。"
            f"{a}镇政府根据公开要求,细化公开内容。",
        ),
        # a subject with its second name in brackets
        (
            f"{a}市{b}区司法局(区行政复议局)",
            f"一、总体情况\n{y}年,{a}市{b}区司法局(区行政复议局)依据《条例》充实保障体系。",
        ),
        # a zone's title printed short, a later title put out whole
        (
            f"{a}省{b}经济开发区管理委员会",
            f"{b}经济开发区管委会{y}年政府信息公开工作年度报告\n根据《条例》,特向社会公布"
            f"{a}省{b}经济开发区管理委员会{y}年度政府信息公开工作报告。",
        ),
        # a body named without its place, the one government of its kind the text names
        (
            f"{a}市人民政府办公室",
            f"市政府办公室{y}年政府信息公开工作年度报告\n{period}本报告电子版可在{a}市人民政府"
            "门户网站查阅。",
        ),
        (
            f"{b}区民政局",
            f"区民政局{y}年政府信息公开工作年度报告\n{period}通过{a}市{b}区人民政府网站公开。",
        ),
        # a township's title under its district, the city printed before it once, in a sentence
        (
            f"{a}市{b}区{b}{a}苏木人民政府",
            f"{b}区{b}{a}苏木\n{y}年政府信息公开工作年度报告\n特向社会公布{a}市{b}区{b}{a}苏木"
            f"人民政府{y}年度政府信息公开情况。",
        ),
        # a government named without its place, the territory the opening's subject
        (
            f"{a}区人民政府",
            f"本报告由区人民政府办公室综合各乡镇和区直各部门编制而成。\n{period}{y}年,{a}区坚持"
            "以公开为常态。",
        ),
        # calling itself 我区, its name only in its own 政务微信平台
        (
            f"{a}市{b}区",
            f"{period}{y}年,我区坚持公开。截止12月31日,{a}市{b}区政务微信平台共发布信息48条。",
        ),
        # a title in a pipe table's cell, its year after the words; a subject that 聚焦
        (
            f"{a}市{b}港区管理委员会",
            f"{a}市{b}港区管理委员会政府信息公开工作{y}年度报告 |\n{period}",
        ),
        (f"{a}市{b}局", f"{period}{y}年,{a}市{b}局聚焦中心工作,积极推进决策公开。"),
        # a page's "名  称" field before the title; a township the page's 信息来源 names; a
        # farm's report
        (f"{a}县人民政府", f"名  称 {a}县人民政府{y}年度政府信息公开工作年度报告\n{period}"),
        (f"{a}市{b}镇", f"- 信息来源:{a}市{b}镇\n{period}本年度,{b}镇政府信息主动公开。"),
        (f"{a}园艺场", f"{a}园艺场{y}年政府信息公开工作年度报告\n{period}"),
        # a short form declared with its brackets lost
        (
            f"{a}市{b}局风景区分局",
            f"{a}市{b}局风景区分局{y}年政府信息公开工作年度报告\n特向社会公布{a}市{b}局风景区分局"
            f"以下简称“分局”{y}年度政府信息公开年度报告。",
        ),
        # "根据2023年X信息公开工作实际编制而成", "X结合2024年度政府信息公开工作实际,编制本年度
        # 报告", "由X(Y)Z局编制"
        (f"{a}市{b}局", f"{period}根据{y}年{a}市{b}局信息公开工作实际编制而成。"),
        (
            f"{a}区{b}局",
            f"{period}按照统一部署和要求,{a}区{b}局结合{y}年度政府信息公开工作实际,编制本年度报告。",
        ),
        (f"{a}高新区({b})财政局", f"{period}本报告由{a}高新区({b})财政局编制。"),
        # "现就X…报告如下"; a 街道 calling itself 我街道 and its own 子网站; a 街道's title
        # spelled out by its 落款
        (f"{a}县人民政府", f"{period}现就{a}县人民政府{y}年度政府信息公开情况报告如下。"),
        (
            f"{a}区人民政府{b}街道办事处",
            f"{period}{y}年,我街道坚持公开。全年在{a}区人民政府{b}街道办事处子网站发布信息。",
        ),
        (
            f"{a}市{b}区{b}{a}街道办事处",
            f"{b}{a}街道办事处{y}年政府信息公开工作年度报告\n{period}\n{a}市{b}区{b}{a}街道办事处"
            f"\n{y + 1}年1月20日",
        ),
        # its own title put out in 《》, its year after the words
        (f"{a}市{b}研究所", f"{period}现发布《{a}市{b}研究所信息公开工作{y}年度报告》。"),
        # a school's title printed short, its own title put out whole
        (
            f"{a}省{b}第三中学",
            f"广告:第三中学{y}年政府信息公开工作年度报告\n现发布《{a}省{b}第三中学{y}年政府信息"
            "公开工作年度报告》。",
        ),
        # a mirror's garbled "现将" before a later title is no part of the name
        (
            f"{a}县{b}局",
            f"{a}县{b}局{y}年政府信息公开工作年度报告\n?,F将{a}县{b}局{y}年度政府信息公开工作"
            "报告如下。",
        ),
        # … nor a sentence's verb: "…进行总结,并编写X局2023年…报告"
        (
            f"{a}县{b}局",
            f"{a}县{b}局{y}年政府信息公开工作年度报告\n{period}对全年工作进行总结,并编写{a}县{b}局"
            f"{y}年政府信息公开年度报告。",
        ),
        # a place printed twice in the contact sentence
        (f"{a}旗人民政府", f"{period}如有疑问,请与{a}旗{a}旗人民政府办公室联系。"),
        # its own title put out in 《》 after 编制完成
        (f"{a}县{b}镇", f"{period}{y}年,我镇编制完成《{a}县{b}镇{y}年政府信息公开工作年度报告》。"),
        # a company's report, its name the opening's subject
        (
            f"{a}市{b}水务集团有限公司",
            f"{y}年,{a}市{b}水务集团有限公司严格贯彻落实《条例》要求,围绕集团中心工作。",
        ),
        # an office named after its body and a dash
        (
            f"{a}市{b}局",
            f"{period}本报告由{a}市{b}局政府信息公开工作机构-办公室编制完成。",
        ),
        # "编制发布X…报告": two verbs before the title, no sentence mark between
        (
            f"{a}省{b}局",
            f"结合{a}省{b}局年度工作情况和有关统计数据,编制发布{a}省{b}局{y}年度政府信息公开报告。",
        ),
        # a government named only in a document's title after 关于印发; a county after a title
        # and 和; a breadcrumb's column naming a class of bodies
        (
            f"{a}区人民政府办公室",
            f"{period}现公开区人民政府办公室{y}年政府信息公开工作年度报告。指导制定《关于印发"
            f"{a}区人民政府网站和政务新媒体信息审核制度》。",
        ),
        (
            f"{a}县{b}镇",
            f"{b}镇{y}年度政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》"
            f"(以下简称《条例》)和{a}县人民政府信息公开有关工作制度编制。",
        ),
        (
            f"{a}市{b}委员会",
            f"首页 -> 政务公开 -> {y}年 -> 部门政府信息公开工作年度报告\n{a}市{b}委员会{y}年"
            "政府信息公开工作年度报告",
        ),
        # named only in its own 政府信息公开 work, calling itself 我苏木 / 我镇 ("…年度我镇…":
        # no subject "度我镇")
        (
            f"{a}苏木",
            f"一、总体情况\n根据《条例》规定,我苏木成立{a}苏木政府信息公开领导小组,专人负责。"
            f"截至{y}年12月30日,我苏木主动公开143条信息。",
        ),
        (
            f"{a}镇",
            f"一、总体情况\n{y}年度我镇认真贯彻《条例》。在上级部门的指导下,进一步健全完善{a}镇"
            "信息公开工作机制。",
        ),
        # an opening subject that 出台 documents
        (
            f"{a}新区{b}局",
            f"一、总体情况\n{y}年,{a}新区{b}局出台四项规范性文件,分别是《{a}新区若干政策》。",
        ),
        # a page's fields as a table's cells ("发文机关: | X |"), naming a body of another ending
        (
            f"{a}区{b}园",
            f"索引号: | 4311030021/{y + 1}-00433 | 分类: | |\n"
            f"发文机关: | {a}区{b}园 | 发文日期: | |\n"
            f"{y}年园区在区委、区政府的正确领导下,扎实推进政务信息公开工作。\n{period}",
        ),
    ]


CASES = len(_cases("东", "西", 2020))


@pytest.mark.parametrize("case", range(CASES))
@settings(max_examples=8)
@given(place, place, year)
def test_subjects_offices_and_names_completed_as_real_pages_print_them(
    case: int, a: str, b: str, y: int
) -> None:
    name, text = _cases(a, b, y)[case]
    assert find_agency(text + "\n" + "\n".join(BODY), y) == name


@given(place, year)
def test_a_heading_the_text_stops_after_is_no_signature(a: str, y: int) -> None:
    # An excerpt cut after a section's heading ("(三)政府…") ends on a line like a 落款's.
    text = f"{y}年,{a}市人民政府办公室认真落实部署要求。\n一、总体情况\n公开信息。\n\n(三)政府"
    assert find_agency(text, y) == f"{a}市人民政府办公室"


@given(place, year)
def test_a_body_calling_itself_we_is_no_subject(a: str, y: int) -> None:
    # "2020年,我院按照县政府信息公开工作要求…": 我院 names no one, "按照县" is no county.
    text = f"一、总体情况\n{y}年,我院按照县政府信息公开工作要求完善栏目。\n"
    assert find_agency(text + "\n".join(BODY), y) is None


@given(place, place, year)
def test_a_place_is_taken_from_a_government_only_where_the_text_names_one(
    a: str, b: str, y: int
) -> None:
    # "按照A市人民政府…。B市人民政府网站…": which city's 市政府办公室 this is, nothing tells.
    text = (
        f"市政府办公室{y}年政府信息公开工作年度报告\n按照{a}市人民政府要求公开。{b}市人民政府"
        "网站发布信息。"
    )
    expected = "市政府办公室" if a != b else f"{a}市人民政府办公室"
    assert find_agency(text + "\n" + "\n".join(BODY), y) == expected


def test_divisions_words_alone_name_no_one() -> None:
    # A site's column "县区政府信息公开工作年度报告" over the report: no body called 县区.
    assert find_agency("县区政府信息公开工作年度报告\n" + "\n".join(BODY), None) is None

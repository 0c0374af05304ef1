"""Agency and year of a report in the layouts real pages print them (issue 16, class 5).

Names and texts are generated (invented places, no real report's words): a title on one line or
broken over two, no title at all with the agency named in "由…编制", "请与…联系" or the 落款, a
quoted title of another report, a territory titled alone, a year written "2024 年", no year.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.reader import read_text
from gongkai.core.reader.meta import find_agency, find_year
from gongkai.core.report import Report
from gongkai.core.report.render import render

# Syllables of invented place names (characters common in real ones, combined at random).
SYLLABLES = "安宁平和临江山河阳泉清源东西南北新兴永丰石桥长乐云溪沙洲青林"
SUFFIX = "省市县区旗"
BODIES = ["人民政府", "自然资源局", "公安厅", "统计局", "生态环境局", "司法局", "管委会"]
OTHER_BODIES = ["新闻出版署", "教育厅", "交通运输局"]

place = st.text(alphabet=SYLLABLES, min_size=2, max_size=4).map(lambda s: s)
# (a township's place may be one character: "厚镇人民政府")
township = st.text(alphabet=SYLLABLES, min_size=1, max_size=3).map(lambda s: s + "镇人民政府")
year = st.integers(2019, 2030)


@st.composite
def agency(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(township)
    return draw(place) + draw(st.sampled_from(SUFFIX)) + draw(st.sampled_from(BODIES))


def _year_text(draw: st.DrawFn, y: int) -> str:
    # (its 年 left out at times: "X局2022政府信息公开工作年度报告")
    return draw(st.sampled_from([f"{y}年", f"{y} 年", f"{y}年度", f"{y} 年度", f"{y}"]))


BODY = [
    "一、总体情况",
    "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。",
    "二、主动公开政府信息情况",
    "规章 | 0 | 0 | 3 |",
]


# How titles name the work: in full, shortened, or as 政务公开 ("X局2022年政府公开年度报告",
# "X局2022年度政务公开工作报告").
TITLE_WORDS = [
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "信息公开年报",
    "政府公开年度报告",
    "政务公开工作年度报告",
    "政务公开工作报告",
]


@st.composite
def titled(draw: st.DrawFn) -> tuple[str, str, int]:
    """A title line, or one broken over two lines at any point, then the body; the title
    may stand in 《》 on its line."""
    name, y = draw(agency()), draw(year)
    title = name + _year_text(draw, y) + draw(st.sampled_from(TITLE_WORDS))
    quoted = draw(st.booleans())
    if quoted:
        title = f"《{title}》"
    cut = draw(st.integers(0, len(title) - 1))
    split = draw(st.booleans()) and cut > quoted + len(name) - 2
    head = [title[:cut], title[cut:]] if split and cut else [title]
    if not split and draw(st.booleans()):  # a page's breadcrumb or search box above the title
        head[:0] = [draw(st.sampled_from(["首页", "请输入搜索", "信息公开", "政务公开"])), ""]
    return "\n".join([*head, *BODY]), name, y


@st.composite
def untitled(draw: st.DrawFn) -> tuple[str, str, int]:
    """No "name + year + 报告" line: the agency is named in a sentence, the page's fields or
    the 落款."""
    name, y = draw(agency()), draw(year)
    office = draw(
        st.sampled_from(["", "办公室", "党政办公室", "综合办公室", "综合督考办公室", "政务公开办"])
    )
    if name.endswith("办公室"):
        office = ""
    where = draw(
        st.sampled_from(
            ["compiled", "contact", "signature", "page", "subject", "clause", "declared"]
        )
    )
    lines = [f"{_year_text(draw, y)}政府信息公开工作年度报告", *BODY]
    if where == "page":
        # The site's fields around the report (信息公开目录, a news page's 来源).
        field = draw(st.sampled_from(["发布机构：", "来源：", "来源： ", "信息来源："]))
        extra = draw(st.sampled_from(["", " 成文日期：2022-01-20", " 浏览次数：12"]))
        at = draw(st.sampled_from([0, 1]))
        lines.insert(at, f"【字体：大 中 小】 {field}{name}{office}{extra}")
    if where == "compiled":
        how = draw(st.sampled_from(["编制", "根据《中华人民共和国政府信息公开条例》要求编制而成"]))
        lines.insert(1, f"本报告由{name}{office}{how}，统计期限自{y}年1月1日起至{y}年12月31日止。")
    elif where == "declared":
        # a short form declared ("芜湖市镜湖区税务局（以下简称“镜湖区税务局”）"), the opening
        # sentences use it
        short, name = name, draw(place) + "市" + name
        lines.insert(1, f"本报告结合{name}（以下简称“{short}”）有关统计数据撰写。")
        lines.insert(3, f"{y}年，{short}认真贯彻落实《中华人民共和国政府信息公开条例》。")
    elif where == "clause":  # the body named in the opening clause: "为认真做好X政府信息公开工作"
        clause = draw(
            st.sampled_from(
                [
                    f"为认真做好{name}{office}政府信息公开工作，我局按照《条例》要求编制本报告。",
                    f"本报告汇总{y}年度{name}{office}的政府信息公开工作开展情况编制而成。",
                ]
            )
        )
        lines.insert(1, clause)
    elif where == "contact":
        lines.append(
            draw(
                st.sampled_from(
                    [
                        f"如对本报告有疑问，请与{name}{office}联系（联系电话：0000-1234567）。",
                        f"如有疑问请与{name}{office}(地址：新城路8号，联系电话：0000-1234567)。",
                    ]
                )
            )
        )
        if draw(st.booleans()):  # the opening sentence names the body only as "我单位"
            lines[0] = f"根据《条例》规定，编制我单位{lines[0]}。"

    elif where == "subject":  # the body the opening sentence of 总体情况 opens with
        verb = draw(
            st.sampled_from(
                [
                    "认真贯彻落实",
                    "坚持以",
                    "严格按照",
                    "全面贯彻",
                    "在上级领导下贯彻",
                    "依照",
                    "以新时代思想为指导，落实",
                ]
            )
        )
        comma = draw(st.sampled_from(["，", "", "，在区委、区政府的统一部署下，"]))
        when = draw(st.sampled_from([f"{y}年", "本年度", ""]))  # ("" : 总体情况's first words)
        comma = comma if when else ""
        lines.insert(2, f"{when}{comma}{name}{office}{verb}《中华人民共和国政府信息公开条例》。")
        name += office
    else:
        lines += ["", name, f"{y + 1}年1月{draw(st.integers(10, 31))}日"]
    return "\n".join(lines), name, y


@st.composite
def quoting_another(draw: st.DrawFn) -> tuple[str, str, int]:
    """The report cites another body's report by its title in 《》, before its own title."""
    name, y = draw(agency()), draw(year)
    other = draw(place) + draw(st.sampled_from(OTHER_BODIES))
    cited = f"《{other}{y - 1}年政府信息公开工作年度报告》"
    sentence = draw(
        st.sampled_from([f"公开发布{cited}等信息。", f"参照{cited}的体例编写。", f"转载{cited}"])
    )
    lines = [sentence, f"{name}{y}年政府信息公开工作年度报告", *BODY]
    if draw(st.booleans()):
        lines = [f"{name}{y}年政府信息公开工作年度报告", sentence, *BODY]
    return "\n".join(lines), name, y


@st.composite
def titled_in_a_sentence(draw: st.DrawFn) -> tuple[str, str, int]:
    """The title inside the opening sentence, after a citation of the 条例 and a verb ("现向社会
    公布X2022年…报告"), the verb after the name ("X特编制2022年…"), a page's furniture before
    it ("Page 5 - "), or the title ending "信息公开年报"."""
    name, y = draw(agency()), draw(year)
    title = (
        name
        + _year_text(draw, y)
        + draw(
            st.sampled_from(["政府信息公开工作年度报告", "信息公开年报", "政府信息公开年度报告"])
        )
    )
    verb = draw(
        st.sampled_from(
            [
                "现公布",
                "现向社会公布",
                "特向社会公布",
                "特编制",
                "现发布",
                "现将",
                "现把",
                "梳理编制",
                "现编制并公布",
            ]
        )
    )
    county = draw(place) + "县"
    # (the title as a page prints it without the place: "市统计局2022年…报告")
    bare = next((i for i, c in enumerate(name) if i and c in "市县区"), None)
    short = f"{name[bare:]}{title[len(name) :]}" if bare is not None else ""
    line = draw(
        st.sampled_from(
            [
                f"根据《中华人民共和国政府信息公开条例》的规定，{verb}{title}。",
                f"{verb}{title}。",
                title.replace(name, name + verb, 1),
                f"Page {draw(st.integers(1, 99))} - {title}",
                # a citation whose name holds a title's words, then the report's own title
                f"根据《{county}人民政府办公室关于做好{y}年政府信息公开工作年度报告"
                f"编制公布工作的通知》要求，{verb}{title}。",
                # the name alone on the first line, "关于…报告" on the next
                f"{name}\n关于{title[len(name) :]}",
                f"{name}\n\n关于{_year_text(draw, y)}政府信息公开工作的年度报告",
                f"{name}\n政府信息公开工作{y}年度报告",  # (the year after the words)
                # put out by someone else: "X办公室编制了Y2021年…报告"
                f"{y}年，区政务公开工作领导小组办公室编制了{title}。",
                # the page's title without the place, a sentence after it with the place
                f"{short}\n根据《条例》要求，现公开{title}。" if short else f"{verb}{title}。",
                f"{short}\n经汇总，{y}年{name}主动公开信息16条。" if short else f"{verb}{title}。",
                # the title put out in 《》 by the body itself
                f"根据《条例》要求，现向社会公开《{title}》。",
                f"现编制形成了《{title}》。",
                # the short form a sentence declares: "X(以下简称“Y”)"
                f"{short}\n本报告结合{name}（以下简称“{name[bare:]}”）有关统计数据撰写。"
                if short
                else f"{verb}{title}。",
            ]
        )
    )
    if name.endswith("镇人民政府") and f"《{county}人民政府" in line:
        name = county + name  # (a township takes the county the opening lines name)
    return "\n".join([line, *BODY]), name, y


def test_words_before_a_title_that_name_no_one_are_no_agency() -> None:
    # "本级" and a citation's words stand where a title's name stands: no agency; the one the
    # text names elsewhere is taken.
    for opening in (
        "根据《条例》规定，向社会公布2022年本级政府信息公开工作年度报告。",
        "按照《条例》、以及省、市做好2022年政府信息公开工作年度报告编制发布等工作的要求，编制本报告。",
        "根据区政府有关要求，我局编制了2022年度政府信息公开工作年度报告。",
        "2022年，我局根据要求，编制和公开了2022年度信息公开年度报告。",
        "结合我局有关统计数据撰写并向社会公开2022年政府信息公开工作年度报告。",
        "365bet(中国)官方网站 2022年政府信息公开工作年度报告",
        "2022年度我局主动公开信息583条。",
        "新葡京博彩官网区人民政府2022年政府信息公开工作年度报告",
    ):
        text = f"{opening}如需咨询，请与云岭县白石镇人民政府党政办公室联系。\n" + "\n".join(BODY)
        assert find_agency(text, 2022) == "云岭县白石镇人民政府"


def _found(case: tuple[str, str, int]) -> None:
    """The agency and year a generated case prints are the ones found."""
    text, name, y = case
    assert find_year(text) == y
    assert find_agency(text, y) == name


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(titled_in_a_sentence())
def test_a_title_in_the_opening_sentence_gives_agency_and_year(
    case: tuple[str, str, int],
) -> None:
    _found(case)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(titled())
def test_a_title_on_one_or_two_lines_gives_agency_and_year(case: tuple[str, str, int]) -> None:
    _found(case)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(untitled())
def test_without_a_title_line_the_agency_is_found_where_it_is_named(
    case: tuple[str, str, int],
) -> None:
    _found(case)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(quoting_another())
def test_a_quoted_title_of_another_report_is_not_the_reports_own(
    case: tuple[str, str, int],
) -> None:
    _found(case)


@settings(max_examples=200)
@given(place, st.sampled_from(["综合实验区", "新区", "县", "市"]), year, st.booleans())
def test_a_territory_is_named_as_printed_never_completed_by_the_reader(
    name: str, kind: str, y: int, printed: bool
) -> None:
    territory = name + kind
    text = f"{territory}{y}年政府信息公开工作年度报告\n" + "\n".join(BODY)
    if printed:
        text += f"\n{territory}管委会\n{y + 1}年2月1日"
    assert find_agency(text, y) == (territory + "管委会" if printed else territory)


def _body_without_year(report: Report) -> str:
    markdown = render(report, "md").decode()
    return markdown.split("\n", 1)[1]  # less the title line


def test_with_no_year_printed_the_callers_year_is_used_else_a_guess_is_said() -> None:
    report = Report(
        agency="临江县统计局",
        year=2024,
        format="2021",
        applications={"1": [1, 0, 0, 0, 0, 0, 1]},
    )
    text = "临江县统计局政府信息公开工作年度报告\n" + _body_without_year(report)
    assert find_year(text) is None
    hinted = read_text(text, year=2024)
    assert hinted.report is not None and hinted.report.year == 2024
    assert "year_guessed" not in {f.code for f in hinted.findings}
    guessed = read_text(text)
    assert "year_guessed" in {f.code for f in guessed.findings}


@given(st.integers(2020, 2030), st.integers(1, 12), st.sampled_from(["{}-{:02d}-05",
       "{}/{}/5", "{}年{}月5日"]))  # fmt: skip
def test_with_no_year_printed_a_page_dated_in_a_years_first_half_is_last_years(
    y: int, month: int, date: str
) -> None:
    # 条例第五十条: due by 31 January. "发布日期:2026-01-22" is most likely 2025's report.
    report = Report(agency="临江县统计局", year=2024, format="2021",
                    applications={"1": [1, 0, 0, 0, 0, 0, 1]})  # fmt: skip
    text = f"发布日期:{date.format(y, month)}\n临江县统计局政府信息公开工作年度报告\n"
    reading = read_text(text + _body_without_year(report))
    assert reading.report is not None
    guessed = [f.message for f in reading.findings if f.code == "year_guessed"]
    if month <= 6:
        assert reading.report.year == y - 1
        assert guessed == [f"未找到报告年度，按页面的发布日期推定为{y - 1}年度"]
    else:
        assert guessed and "发布日期" not in guessed[0]


@given(year, st.integers(-2, 2))
def test_a_title_whose_year_is_not_the_periods_is_read_and_said_doubtful(y: int, off: int) -> None:
    # "…编制了X2022年…报告", "统计时限为2023年1月1日起…": a leftover in one or the other.
    text = f"临江县统计局{y}年政府信息公开工作年度报告\n本报告统计期限为{y + off}年1月1日至"
    reading = read_text(text + f"{y + off}年12月31日。\n" + "\n".join(BODY))
    assert reading.report is not None and reading.report.year == y
    doubtful = [f.message for f in reading.findings if f.code == "year_doubtful"]
    expected = f"标题所示为{y}年度，正文所述统计期限却是{y + off}年度（以标题为准，请核对）"
    assert doubtful == ([expected] if off else [])


@given(place, year, st.integers(-1, 1), st.integers(1, 3))
def test_no_title_and_sentences_of_another_year_than_the_period_are_said_doubtful(
    a: str, y: int, off: int, times: int
) -> None:
    # No title; "统计期限自2021年1月1日起至2021年12月31日止" then "2022年，区统计局…".
    said = "".join(f"{y + off}年，{a}县统计局坚持公开第{k}项。" for k in range(times))
    text = f"本报告统计期限自{y}年1月1日起至{y}年12月31日止。\n一、总体情况\n{said}\n"
    reading = read_text(text + "\n".join(BODY))
    assert reading.report is not None and reading.report.year == y
    doubtful = [f.message for f in reading.findings if f.code == "year_doubtful"]
    expected = f"统计期限所示为{y}年度，正文却多处写{y + off}年（以统计期限为准，请核对）"
    assert doubtful == ([expected] if off and times >= 2 else [])


@given(place, year)
def test_last_years_report_put_out_in_a_sentence_is_not_the_title(a: str, y: int) -> None:
    # 2020's report: "…按规定及时发布市政府办公厅2019年度政府信息公开年报…".
    text = (
        f"本报告统计期限从{y}年1月1日到12月31日止。\n一、总体情况\n{y}年,{a}市人民政府办公厅"
        f"坚持公开。按规定及时发布市政府办公厅{y - 1}年度政府信息公开年报。\n"
    )
    reading = read_text(text + "\n".join(BODY))
    assert reading.report is not None
    assert (reading.report.year, reading.report.agency) == (y, f"{a}市人民政府办公厅")
    # … but one its subject has just compiled is this one ("根据…要求,X局编制了2021年…报告"),
    # a period of another year the template's leftover: said doubtful.
    own = (
        f"根据《条例》和省、市有关要求,{a}市自然资源局编制了{y}年政府信息公开年度报告。"
        f"统计期限自{y - 1}年1月1日起至{y - 1}年12月31日止。\n"
    )
    reading = read_text(own + "\n".join(BODY))
    assert reading.report is not None and reading.report.year == y
    assert [f.code for f in reading.findings if f.code.startswith("year")] == ["year_doubtful"]


def test_a_printed_year_wins_over_the_callers() -> None:
    text = "临江县统计局2023年政府信息公开工作年度报告\n" + "\n".join(BODY)
    reading = read_text(text, year=2025)
    assert reading.report is not None and reading.report.year == 2023


@given(place, year)
def test_a_date_line_above_the_title_is_not_its_year(a: str, y: int) -> None:
    # "• 发布日期:\n• 2021年03月18日\nX系统2020年政府信息公开年度报告": the date's line joined to
    # the title's holds two years; the title's is the one before its words.
    text = f"• 发布日期:\n• {y + 1}年03月18日\n{a}省邮政管理局{y}年政府信息公开年度报告\n"
    assert find_year(text + "\n".join(BODY)) == y


@given(place, place, year)
def test_an_earlier_report_a_later_years_sentence_put_out_is_not_the_title(
    a: str, b: str, y: int
) -> None:
    # "2019年度我局…按时发布了原X局、Y局2018年度信息公开工作报告": the report is 2019's; a date
    # before a title on its line ("{y + 1}年1月5日X局{y}年…报告") is no such sentence.
    said = (
        f"一、总体情况\n{y}年度我局及时更新了机构职能,按时发布了原{a}局、{b}局{y - 1}年度信息"
        "公开工作报告。\n"
    )
    assert find_year(said + "\n".join(BODY)) == y
    dated = f"{y + 1}年1月5日{a}市{b}局{y}年政府信息公开工作年度报告\n"
    assert find_year(dated + "\n".join(BODY)) == y


def test_a_year_in_the_file_name_is_used_when_the_text_prints_none() -> None:
    from gongkai.core.reader import read_bytes

    text = "临江县统计局政府信息公开工作年度报告\n" + "\n".join(BODY)
    reading = read_bytes(text.encode(), "临江县统计局2022年报.txt")
    assert reading.report is not None and reading.report.year == 2022
    assert "year_given" in {f.code for f in reading.findings}


@given(place, st.sampled_from(["镇", "乡", "街道"]), year)
def test_a_county_is_taken_from_a_name_never_from_a_sentence_about_the_county(
    town: str, kind: str, y: int
) -> None:
    # "…在县政府办的精心指导下" speaks of the county government without naming it: the town is
    # returned as printed (with a county only where one is named: "按照东江县人民政府…").
    name = town + kind
    body = f"{y}年以来,{name}政府信息公开工作在县政府办的精心指导下,认真围绕中心工作。"
    text = f"{y}年度{name}政府信息公开工作年度报告\n一、总体情况\n{body}\n"
    assert find_agency(text, y) == name
    named = text.replace(f"{y}年以来", f"按照东江县人民政府办公室要求,{y}年以来")
    assert find_agency(named, y) == "东江县" + name
    # "县委县政府" after a comma is a sentence's words, no county's name.
    party = text.replace("在县政府办的精心指导下", "全面落实县委县政府的部署")
    assert find_agency(party, y) == name


@settings(max_examples=100)
@given(place, place, year, st.sampled_from(["街道", "镇"]))
def test_a_township_titled_alone_takes_the_name_its_compiler_is_given(
    county: str, town: str, y: int, kind: str
) -> None:
    # "沅江路街道2023年度…报告" then "由洪江区沅江路街道办事处编制": the name the text prints
    # whole; a 开发区's office answering for it ("请与X经济开发区综合办公室联系") names the 开发区.
    office = "办事处" if kind == "街道" else "人民政府"
    text = (
        f"{town}{kind}{y}年度政府信息公开工作年度报告\n"
        f"本报告由{county}区{town}{kind}{office}编制。\n" + "\n".join(BODY)
    )
    assert find_agency(text, y) == f"{county}区{town}{kind}{office}"
    text = f"{y}年政府信息公开工作年度报告\n如有疑问，请与{town}经济开发区综合办公室联系。\n"
    assert find_agency(text + "\n".join(BODY), y) == f"{town}经济开发区"


@settings(max_examples=100)
@given(place, place, year, st.data())
def test_bodies_of_every_kind_are_named_as_printed(
    a: str, b: str, y: int, data: st.DataObject
) -> None:
    # A 苏木 (a township in Inner Mongolia), a 参事室, an archive's 馆, a 街 (Guangzhou's 街道),
    # a title sharing one 政府 between its name and 政府信息公开, "对2024年X…报告如下", a
    # territory alone above a year-first title, the page's name in the body.
    name, text = data.draw(
        st.sampled_from(
            [
                (f"{a}旗{b}苏木", f"{a}旗{b}苏木{y}年政府信息公开工作年度报告"),
                (f"{a}省参事室", f"{a}省参事室{y}年政府信息公开工作年度报告"),
                (f"{a}市档案馆", f"{a}市档案馆{y}年政府信息公开工作年度报告"),
                (f"{b}街", f"{y}年，{b}街以新时代思想为指导，公开政府信息。"),
                (f"{a}县人民政府", f"{y}年{a}县人民政府信息公开年度报告"),
                # a title printing no year, the year in the body
                (f"{b}街道办事处", f"{b}街道办事处政府信息公开工作年度报告\n{y}年，全面公开。"),
                (f"{a}市{b}局", f"{a}市{b}局\n政府信息公开工作年度报告\n{y}年，全面公开。"),
                (
                    f"{a}区招商局",
                    f"根据《条例》要求，对{y}年{a}区招商局政府信息公开工作情况报告如下：",
                ),
                (
                    f"{a}市{b}乡人民政府",
                    f"{a}市{b}乡\n{y}年政府信息公开工作年度报告\n地址：{a}市{b}乡人民政府",
                ),
            ]
        )
    )
    assert find_agency(text + "\n" + "\n".join(BODY), y) == name


def test_a_form_word_or_a_working_office_is_no_agency() -> None:
    # "本级政府(机关)" is the form's word, not a name; the office answering for a body ("X政府
    # 信息公开领导小组办公室") stands for the body.
    text = (
        "特向社会公布2022年度本级政府(机关)信息公开工作年度报告。如对本报告有任何疑问，请与"
        "东江街道办事处政府信息公开领导小组办公室联系。\n" + "\n".join(BODY)
    )
    assert find_agency(text, 2022) == "东江街道办事处"
    # A page's field naming a kind of body and no body ("发布机构 | 政府办公室") names no one.
    field = "发布机构 | 政府办公室 | 文 号 | |\n特向社会公布我县2022年度报告。\n" + "\n".join(BODY)
    assert find_agency(field, 2022) is None


@settings(max_examples=100)
@given(place, place, year, st.data())
def test_names_given_whole_elsewhere_offices_and_contacts(
    a: str, b: str, y: int, data: st.DataObject
) -> None:
    # A short form declared unquoted and no suffix of the name ("X办(以下简称…)"); a
    # government's department that is an office ("…人民政府外事办公室") and its general office
    # (which stands for it); a township's office of any words, its county printed before it in
    # the address; a 处; "请联系X，地址"; "可与X联系"; "现特向社会公布"; a territory alone as the
    # opening sentence's subject; a county never taken with a sentence's words before it.
    period = f"统计期限为{y}年1月1日至{y}年12月31日。"
    name, text = data.draw(
        st.sampled_from(
            [
                (
                    f"{a}{b}建设管理办公室",
                    f"{a}办{y}年政府信息公开工作年度报告\n本年度报告由{a}{b}建设管理办公室"
                    f"(以下简称{a}办)编制。",
                ),
                (f"{a}市人民政府外事办公室", f"本报告由{a}市人民政府外事办公室根据《条例》编制。"),
                (f"{a}市人民政府", f"本报告由{a}市人民政府办公室根据《条例》编制。"),
                (
                    f"{a}县{b}乡人民政府",
                    f"{period}如有疑问，请与{b}乡党政和人大办公室联系(地址：{a}县{b}乡中街6号，"
                    f"{b}乡人民政府)。",
                ),
                (f"{a}市{b}海事处", f"{a}市{b}海事处{y}年政府信息公开工作年度报告"),
                (f"{a}区{b}局", f"{period}如有疑问，请联系{a}区{b}局，地址：新城路8号。"),
                (f"{a}区{b}街道办事处", f"{period}如有疑问，可与{a}区{b}街道办事处联系。"),
                (f"{b}镇人民政府", f"现特向社会公布{y}年{b}镇人民政府信息公开工作年度报告。"),
                (f"{a}区", f"{period}\n一、总体情况\n{y}年，{a}区坚持公开为常态。"),
                (
                    f"{a}市{b}镇人民政府",
                    f"{b}镇人民政府{y}年政府信息公开工作年度报告\n本报告在{a}市人民政府网站公开。",
                ),
                # a page's field unpunctuated before the title; someone's upload before it
                (f"{a}县{b}局", f"标题 {a}县{b}局{y}年政府信息公开工作年度报告"),
                (f"{a}市{b}委员会", f"按时上传{a}市{b}委员会{y}年政府信息公开工作年度报告。"),
                # a name without its place, printed whole elsewhere (its place printed again)
                (
                    f"{a}区民政局",
                    f"按照{a}区人民政府要求编制。\n{period}公开了《{a}区民政局申请处理流程》。"
                    "如有疑问，请与区民政局联系。",
                ),
                (f"县{b}委", f"{period}如有疑问，请与县{b}委办公室联系。"),
                (f"{a}市{b}镇", f"- 发文机关:{a}市{b}镇 成文日期:{y + 1}-01-19\n{period}"),
                (f"{a}县{b}局", f"{period}\n{a}县{b}局{y}年通过各类载体主动公开政府信息。"),
                (f"{a}区", f"{period}\n{y}年,{a}区贯彻执行《条例》。"),
                (f"国家{b}署", f"{period}\n一、总体情况\n{y}年,国家{b}署坚持公开为常态。"),
            ]
        )
    )
    assert find_agency(text + "\n" + "\n".join(BODY), y) == name


@given(place, year)
def test_a_report_listed_among_items_published_gives_no_year(a: str, y: int) -> None:
    # "主动公开了单位基本信息、2022年政府信息公开工作年度报告、2022年度决算": last year's report,
    # an item of a list, not this report's title; nor is "辖区" a body.
    text = (
        f"本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。\n一、总体情况\n"
        f"{y}年，辖区坚持公开。主动公开了单位基本信息、{y - 1}年政府信息公开工作年度报告、"
        f"{y - 1}年度决算。\n" + "\n".join(BODY)
    )
    assert find_year(text) == y
    assert find_agency(text, y) is None
    listed = text.replace(f"基本信息、{y - 1}年", f"基本信息及{y - 1}年")
    assert find_year(listed) == y


@given(place, place, year)
def test_a_title_naming_the_units_other_names_in_brackets_names_it_so(
    a: str, b: str, y: int
) -> None:
    # (hunt 149/015: "石林县委宣传部(县委网信办、县政府新闻办)2020年…报告": one body with three
    # names, listed in brackets — not a list of bodies)
    name = f"{a}县委宣传部(县委网信办、{b}县政府新闻办)"
    text = f"{name}{y}年政府信息公开工作年度报告\n一、总体情况\n{y}年，我部认真贯彻落实《条例》。\n"
    assert find_agency(text, y) == name

"""A first draft of the report's prose (sections 一, 五, 六) with the tables' figures written in.

The office edits the draft; what it cannot know from the tables is left as a placeholder in
【】 (``placeholders`` finds them, so the app can hold back a draft that still has some).
Every figure is taken from the report's own cells, in the phrases the reader's narrative checks
anchor to ("共受理政府信息公开申请773件", "予以公开274件，占35.4%", "被申请行政复议2件"), so a
published draft reads back without a ``narrative.*`` warning. Percentages have one decimal,
rounded half up; a comparison with last year is written only when last year's figure is known
and not zero. The wording follows real reports (瓯海区, 深州市, 上海市人民政府办公厅); it is
official text, so it is data here and never goes through gettext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.core.fees import BASIS_ARTICLE as FEE_RULES
from gongkai.core.report.facts import HELD_NOT_WRITTEN, Facts
from gongkai.core.report.formats import TOTAL_INDEX
from gongkai.core.report.model import Cell, Report
from gongkai.core.report.render.layout import PROSE_TITLES, layout, report_title
from gongkai.core.report.render.markdown import table_markdown

Number = int | Decimal

SECTION_TITLES = PROSE_TITLES
_PLACEHOLDER = re.compile(r"【[^】]*】")

# The 处理费 rules took effect on 1 January 2021; earlier reports speak of fees in general.
FEE_RULES_FROM = 2021


@dataclass(frozen=True)
class Draft:
    """The draft prose. ``overview`` is section 一 without its heading (subsections （一）…)."""

    opening: str
    overview: str
    problems: str
    other: str

    def sections(self) -> dict[str, str]:
        """Section numeral → text, the shape ``compute.build_report(narrative=...)`` keeps."""
        return {"一": self.overview, "五": self.problems, "六": self.other}


def placeholders(text: str) -> list[str]:
    """The 【…】 placeholders a draft still has."""
    return _PLACEHOLDER.findall(text)


# -- figures ------------------------------------------------------------------------------------


def _total(report: Report | None, *rows: str) -> Number | None:
    """The 总计 of ``rows`` (a blank 总计 counts its row's cells), as the reader's checks do."""
    if report is None or report.applications is None:
        return None
    out: Number = 0
    for key in rows:
        cells = report.applications.get(key)
        if cells is None:
            return None
        total = cells[TOTAL_INDEX]
        out += total if total is not None else sum(c or 0 for c in cells[:TOTAL_INDEX])
    return out


def _rows_with(report: Report, prefix: str) -> tuple[str, ...]:
    return tuple(
        k for k in report.spec.leaf_result_keys if k == prefix or k.startswith(prefix + ".")
    )


def _disputes(report: Report | None, *groups: str, column: int = 4) -> Number | None:
    if report is None or report.disputes is None:
        return None
    if not all(g in report.disputes for g in groups):
        return None
    return sum((report.disputes[g][column] or 0) for g in groups)


def percent(part: Number, whole: Number) -> str:
    """``part`` as a percentage of ``whole``, one decimal, half up: ``percent(1, 3) == "33.3"``."""
    value = Decimal(part) * 100 / Decimal(whole)
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def change(now: Number | None, last: Number | None, *, counted: bool = False) -> str:
    """ "，较上年度下降47.8%" — or "" when last year's figure is unknown or zero.

    ``counted`` writes the difference in 件 instead (for small counts such as disputes).
    """
    if now is None or last is None or last == 0:
        return ""
    if now == last:
        return "，与上年度持平"
    difference = abs(Decimal(now) - Decimal(last))
    if counted:
        return f"，较上年度{'增加' if now > last else '减少'}{_num(difference)}件"
    rate = percent(difference, last)
    if rate == "0.0":
        return "，与上年度基本持平"
    return f"，较上年度{'上升' if now > last else '下降'}{rate}%"


def _num(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if value == value.to_integral():
            return format(value.normalize(), "f")
        # money to the cent as written (120.50), never the database's scale (232.6000)
        cents = value.quantize(Decimal("0.01"))
        return format(cents if cents == value else value.normalize(), "f")
    return str(value)


def _score(value: Decimal) -> str:
    """A 考核 score: 86.4, 91.5, 85 (no trailing zeros)."""
    return format(value.normalize(), "f") if value != value.to_integral() else _num(value)


def _join(parts: list[str], sep: str = "，") -> str:
    return sep.join(p for p in parts if p)


# -- section 一 ---------------------------------------------------------------------------------


def opening(
    report: Report,
    *,
    site_name: str | None = None,
    site_url: str | None = None,
    contact: str | None = None,
) -> str:
    """The standard opening paragraph: basis, period, where to download, whom to ask."""
    spec = report.spec
    year = report.year
    parts = [
        f"本报告依据《中华人民共和国政府信息公开条例》和《{spec.name}》（{spec.issued_by}）编制，"
        "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。",
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
    ]
    if site_name:
        where = f"“{site_name}”" + (f"（{site_url}）" if site_url else "")
        parts.append(f"本报告电子版可在{where}下载。")
    else:
        parts.append("本报告电子版可在【门户网站名称及网址】下载。")
    parts.append(
        f"如对本报告有疑问，请与{contact}联系。"
        if contact
        else "如对本报告有疑问，请与【联系单位、地址、电话】联系。"
    )
    return "".join(parts)


_DOCUMENTS = ("rules", "normative")
# How the draft names a document figure, by column ({label}: the format's row label).
_DOCUMENT_WORDS = {
    "issued": "制发{label}",
    "repealed": "废止",
    "in_force": "现行有效",
    "made": "新制作{label}",
    "published": "新公开",
    "total": "对外公开总数",
}
_DECISIONS = (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"))


def _all_empty(cells: list[Cell]) -> bool:
    return all(c is None or c == 0 for c in cells)


def proactive_paragraph(
    report: Report, *, subject: str = "本机关", items: int | None = None, facts: Facts | None = None
) -> str:
    """（一）主动公开: the published items (from the catalog, if given), section 二's figures, and
    the 政策解读 and 意见征集 the platform keeps (``facts``)."""
    rows = report.proactive or {}
    lead = f"{report.year}年，{subject}坚持“以公开为常态、不公开为例外”，依法做好主动公开工作。"
    sentences = [f"全年主动公开政府信息{items}条。" if items is not None else ""]
    documents = []
    spec_rows = report.spec.proactive_rows
    for key in _DOCUMENTS:
        if key not in spec_rows:
            continue
        block, spec_row = spec_rows[key]
        row = rows.get(key, {})
        columns = [c.key for c in block.columns if c.key in _DOCUMENT_WORDS]
        cells = [row.get(c) for c in columns]
        words = [_DOCUMENT_WORDS[c].format(label=spec_row.label) for c in columns]
        if _all_empty(cells):
            continue
        documents.append(
            _join(
                [f"{w}{_num(c)}件" for w, c in zip(words, cells, strict=True) if c is not None],
                "、",
            )
        )
    if documents:
        sentences.append(f"本年度{'；'.join(documents)}。")
    decisions = [
        f"{label}决定{_num(rows[key]['decisions'])}件"
        for key, label in _DECISIONS
        if rows.get(key, {}).get("decisions") is not None
    ]
    if decisions and not _all_empty([rows[k].get("decisions") for k, _ in _DECISIONS if k in rows]):
        sentences.append(f"依法公开{'、'.join(decisions)}。")
    procurement = rows.get("procurement", {})
    if procurement.get("projects"):
        amount = procurement.get("amount_yuan")
        spent = f"，采购总金额{_num(amount)}元" if amount is not None else ""
        sentences.append(f"公开政府集中采购项目{_num(procurement['projects'])}个{spent}。")
    fees = rows.get("fees", {}).get("amount_wan_yuan")
    if fees:
        sentences.append(f"公开行政事业性收费金额{_num(fees)}万元。")
    kept = _interpretations_and_consultations(facts)
    sentences.append(kept)
    sentences.append(
        "【请补充主动公开的重点领域和回应关切情况】"
        if kept
        else "【请补充主动公开的重点领域、政策解读和回应关切情况】"
    )
    return lead + "".join(sentences)


def _interpretations_and_consultations(facts: Facts | None) -> str:
    """政策解读 by form (国办发〔2016〕80号) and 意见征集 with its 采纳情况, when kept here."""
    if facts is None:
        return ""
    out = ""
    if facts.interpretations is not None:
        total = sum(n for _, n in facts.interpretations)
        forms = "、".join(
            f"{name}{n}{'场' if name in HELD_NOT_WRITTEN else '篇'}"
            for name, n in facts.interpretations
            if n
        )
        out += f"全年发布政策解读{total}篇" + (f"，其中{forms}" if forms else "") + "。"
    if facts.consultations:
        out += f"对{facts.consultations}项重大行政决策草案公开征求意见"
        if facts.consultation_comments is not None:
            out += f"，收到意见{facts.consultation_comments}条"
            if facts.consultation_comments:
                out += f"，采纳（含部分采纳）{facts.consultation_adopted or 0}条"
        if facts.consultation_feedback:
            out += f"，已公开{facts.consultation_feedback}项意见采纳情况"
        out += "。"
    return out


def applications_paragraph(
    report: Report, previous: Report | None = None, *, subject: str = "本机关"
) -> str:
    """（二）依申请公开: received, carried over, concluded by outcome, carried forward."""
    received = _total(report, "1")
    if received is None:
        return "【请填写本年度收到和处理政府信息公开申请的情况】"
    carried = _total(report, "2") or 0
    concluded = _total(report, "3.7") or 0
    forward = _total(report, "4")
    year = report.year
    if not received and not carried:
        return f"{year}年，{subject}未收到政府信息公开申请，无上年结转申请。"
    first = f"{year}年，{subject}共受理政府信息公开申请{received}件"
    first += change(received, _total(previous, "1"))
    if carried:
        first += f"，另有上年结转申请{carried}件"
    out = [first + "。"]
    if concluded:
        done = (
            f"本年度办结政府信息公开申请{concluded}件{change(concluded, _total(previous, '3.7'))}"
        )
        shares = []
        for key, word in (("3.1", "予以公开"), ("3.2", "部分公开")):
            n = _total(report, key) or 0
            shares.append(f"{word}{n}件，占{percent(n, concluded)}%")
        groups = []
        for prefix, word in (
            ("3.3", "不予公开"),
            ("3.4", "无法提供"),
            ("3.5", "不予处理"),
            ("3.6", "其他处理"),
        ):
            keys = _rows_with(report, prefix)
            count = _total(report, *keys) if keys else None
            if count is not None:
                groups.append(f"{word}{count}件")
        out.append(f"{done}，其中{'；'.join(shares)}；{'，'.join(groups)}。")
    if forward:
        out.append(f"结转下年度继续办理{forward}件。")
    elif concluded and forward == 0:  # never claimed for a row 4 the report lacks
        out.append("所有申请均已办结，无结转下年度的申请。")
    return "".join(out)


def disputes_paragraph(report: Report, previous: Report | None = None) -> str:
    """行政复议、行政诉讼: counts, results, 纠错率 (corrected ÷ decided) and what is pending."""
    groups = ("review", "litigation_direct", "litigation_after_review")
    total = _disputes(report, *groups)
    if total is None:
        return "【请填写因政府信息公开被申请行政复议、提起行政诉讼的情况】"
    if not total:
        return "本年度未发生因政府信息公开被申请行政复议或提起行政诉讼的情况。"
    review = _disputes(report, "review")
    litigation = _disputes(report, "litigation_direct", "litigation_after_review")
    upheld, corrected, other, pending = (
        _disputes(report, *groups, column=i) or 0 for i in range(4)
    )
    decided = upheld + corrected + other
    versus = change(total, _disputes(previous, *groups), counted=True)
    parts = [
        f"本年度因政府信息公开被申请行政复议{review}件、被提起行政诉讼{litigation}件，"
        f"行政复议和行政诉讼合计{total}件{versus}。"
    ]
    if decided:
        rate = f"纠错率为{percent(corrected, decided)}%"
        parts.append(
            f"已审结{decided}件，其中结果维持{upheld}件、结果纠正{corrected}件、"
            f"其他结果{other}件，{rate}"
        )
        parts.append(f"；尚未审结{pending}件。" if pending else "。")
    else:
        parts.append("均尚未审结。")
    return "".join(parts)


def platform_paragraph(facts: Facts | None, *, subject: str = "本机关") -> str:
    """（四）平台建设: websites and 政务新媒体 accounts open in the year, and their checks
    (国办秘函〔2019〕19号: a check fails on two weeks without an update, serious wrong content or
    an unanswered message)."""
    if facts is None or facts.websites is None or facts.accounts is None:
        return "【请填写政府网站、政务新媒体、政府公报等平台建设情况】"
    out = []
    if facts.websites or facts.accounts:
        out.append(
            f"{subject}共运维政府网站{facts.websites}个、政务新媒体账号{facts.accounts}个，"
            "持续做好政府信息公开平台的内容保障和日常管理。"
        )
    else:
        out.append(f"{subject}未开设政府网站和政务新媒体账号，依托上级政府门户网站公开政府信息。")
    if facts.checks:
        checked = _join(
            [
                f"{facts.websites_checked}个网站" if facts.websites_checked else "",
                f"{facts.accounts_checked}个政务新媒体账号" if facts.accounts_checked else "",
            ],
            "、",
        )
        sentence = f"全年对{checked}开展检查共{facts.checks}次"
        if facts.checks_failed:
            sentence += (
                f"，发现未通过检查{facts.checks_failed}次"
                f"（占{percent(facts.checks_failed, facts.checks)}%），均已督促整改"
            )
        else:
            sentence += "，均通过检查"
        out.append(sentence + "。")
    elif facts.checks == 0 and (facts.websites or facts.accounts):
        out.append("本年度未开展网站和政务新媒体检查。")
    return "".join(out)


def oversight_paragraph(facts: Facts | None, *, assessment: bool = True) -> str:
    """（五）监督保障: training held and 督办单 issued and answered, after what the records cannot
    know (组织领导, 制度建设), which stays a placeholder for the office; the 考核 it carried out
    too unless ``assessment`` is False (a government reports it in its own （六）)."""
    if facts is None or facts.trainings is None:
        return "【请填写组织领导、制度建设、教育培训、考核监督等情况】"
    out = ["【请填写组织领导、制度建设情况】"]
    if facts.trainings:
        out.append(
            f"全年开展政府信息公开培训{facts.trainings}次，参训人员共{facts.trained or 0}人次。"
        )
    else:
        out.append("本年度未组织开展政府信息公开专题培训。")
    if facts.orders_issued:
        closed = facts.orders_closed or 0
        sentence = f"针对检查和考核中发现的问题发出督办单{facts.orders_issued}份，已整改{closed}份"
        waiting = (facts.orders_answered or 0) - closed
        if waiting > 0:
            sentence += f"，已答复待审核{waiting}份"
        rest = facts.orders_issued - max(closed, facts.orders_answered or 0)
        if rest > 0:
            sentence += f"，正在整改{rest}份"
        out.append(sentence + "。")
    elif facts.orders_issued == 0:
        out.append("本年度未发出督办单。")
    if assessment and facts.assessed_units and facts.assessed_mean is not None:
        out.append(
            f"对{facts.assessed_units}个单位开展{_assessed(facts)}政务公开工作考核，"
            f"平均得分{_score(facts.assessed_mean)}分"
            + ("，考核结果已向社会公开。" if facts.assessment_published else "。")
        )
    if facts.own_score is not None:
        out.append(f"在{_assessed(facts)}政务公开工作考核中得分{_score(facts.own_score)}分。")
    return "".join(out)


def _assessed(facts: Facts) -> str:
    return f"{facts.assessed_year}年度" if facts.assessed_year else "年度"


def assessment_paragraph(facts: Facts | None) -> str:
    """（六）for a government: 工作考核 results from the platform; 社会评议 and 责任追究 are
    the office's to write."""
    if facts is None or not facts.assessed_units or facts.assessed_mean is None:
        return "【请填写工作考核、社会评议和责任追究结果情况】"
    published = "，考核细则和结果已在门户网站公开" if facts.assessment_published else ""
    return (
        f"本年度对{facts.assessed_units}个单位开展{_assessed(facts)}政务公开工作考核，"
        f"平均得分{_score(facts.assessed_mean)}分{published}。"
        "【请填写社会评议和责任追究结果情况】"
    )


def overview(
    report: Report,
    previous: Report | None = None,
    *,
    subject: str = "本机关",
    items: int | None = None,
    government: bool = False,
    facts: Facts | None = None,
) -> str:
    """Section 一 without its heading: （一）主动公开 … （五）监督保障 (（六）for a government);
    （四） and （五） (and （六）) from ``facts`` when the platform keeps them."""
    parts = [
        "（一）主动公开",
        proactive_paragraph(report, subject=subject, items=items, facts=facts),
        "（二）依申请公开",
        applications_paragraph(report, previous, subject=subject)
        + disputes_paragraph(report, previous),
        "（三）政府信息管理",
        "【请填写政府信息公开审查、公开属性认定、政策文件清理等管理工作情况】",
        "（四）政府信息公开平台建设",
        platform_paragraph(facts, subject=subject),
        "（五）监督保障",
        oversight_paragraph(facts, assessment=not government),
    ]
    if government:
        parts += ["（六）工作考核、社会评议和责任追究结果情况", assessment_paragraph(facts)]
    return "\n".join(parts)


# -- sections 五 and 六 -------------------------------------------------------------------------


def problems(report: Report, previous: Report | None = None) -> str:
    """Section 五: what the figures point at, then placeholders for the office's own account."""
    seen = []
    concluded = _total(report, "3.7") or 0
    corrected = _disputes(
        report, "review", "litigation_direct", "litigation_after_review", column=1
    )
    if corrected:
        seen.append(
            f"本年度有{corrected}件政府信息公开行政复议、行政诉讼案件结果为纠正，"
            "答复的规范性和说理的充分性仍需提高"
        )
    cannot = _total(report, *_rows_with(report, "3.4")) if concluded else None
    if cannot and Decimal(cannot) * 100 / concluded >= 30:
        seen.append(
            f"因本机关不掌握等原因无法提供的答复占办结总数的{percent(cannot, concluded)}%，"
            "申请指引和信息检索有待改进"
        )
    complaints = _total(report, *_rows_with(report, "3.5.1")) if concluded else None
    if complaints and Decimal(complaints) * 100 / concluded >= 10:
        seen.append("部分申请实为信访、举报、投诉诉求，需加强引导和分流")
    lead = "本年度政府信息公开工作取得一定成效，但仍存在一些不足"
    found = "：" + "；".join(seen) + "；" if seen else "："
    return "\n".join(
        [
            "（一）存在的主要问题",
            f"{lead}{found}【请补充本机关存在的主要问题】。",
            "（二）改进情况",
            "下一步，将严格落实《中华人民共和国政府信息公开条例》，进一步规范依申请公开办理流程，"
            "加强答复文书的法制审核和说理，持续提升主动公开质量。【请补充具体改进措施】",
        ]
    )


def other_matters(year: int, fees_yuan: Number | None) -> str:
    """Section 六: the 信息处理费 collected (the 2021 format expects it) and other matters."""
    if fees_yuan is None:
        fees = "【请填写本年度收取信息处理费的情况】"
    elif year >= FEE_RULES_FROM:
        fees = (
            f"本年度依据{FEE_RULES}收取信息处理费{_num(fees_yuan)}元。"
            if fees_yuan
            else "本年度未收取信息处理费。"
        )
    else:
        fees = (
            f"本年度依申请提供政府信息收取费用{_num(fees_yuan)}元。"
            if fees_yuan
            else "本年度依申请提供政府信息未收取费用。"
        )
    return fees + "【如有其他需要报告的事项请在此补充，无则删除本句】"


def draft(
    report: Report,
    previous: Report | None = None,
    *,
    fees_yuan: Number | None = None,
    items: int | None = None,
    subject: str = "本机关",
    government: bool = False,
    site_name: str | None = None,
    site_url: str | None = None,
    contact: str | None = None,
    facts: Facts | None = None,
) -> Draft:
    """The whole draft. ``previous`` is last year's report (computed or read back), if any;
    ``facts`` the platform's records for 平台建设 / 监督保障 / 考核."""
    return Draft(
        opening=opening(report, site_name=site_name, site_url=site_url, contact=contact),
        overview=overview(
            report, previous, subject=subject, items=items, government=government, facts=facts
        ),
        problems=problems(report, previous),
        other=other_matters(report.year, fees_yuan),
    )


def document_text(report: Report, prose: Draft | None = None) -> str:
    """The whole report as plain text: title, opening, 一, the tables (Markdown), 五, 六."""
    prose = prose or draft(report)
    parts = [report_title(report), prose.opening, SECTION_TITLES["一"], prose.overview]
    for table in layout(report):
        parts += [table.title, table_markdown(table)]
    parts += [SECTION_TITLES["五"], prose.problems, SECTION_TITLES["六"], prose.other]
    return "\n\n".join(parts) + "\n"


# -- a published text read back -------------------------------------------------------------------

_HEADINGS = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*(\S.*)$", re.MULTILINE)
# A word every real heading of the section has (both national formats, the seeds' reports).
_HEADING_WORDS = {
    "一": "总体情况",
    "二": "主动公开",
    "三": "申请",
    "四": "行政复议",
    "五": "问题",
    "六": "其他",
}
IMPORTED_MISSING = "（导入的已发布报告原文中未找到本部分内容。）"


def sections_from_text(text: str) -> dict[str, str]:
    """The prose of a published report's text, by section: ``opening`` (before 一), 一 (up to
    二), 五 (up to 六), 六 (to the end). A section the text lacks is absent from the result."""
    headings = [
        (m.group(1), m.start(), m.end())
        for m in _HEADINGS.finditer(text)
        if _HEADING_WORDS[m.group(1)] in m.group(2)
    ]
    # The first heading of each numeral (a table row "一、本年新收…" is no heading: its words
    # are not the section's).
    first: dict[str, tuple[int, int]] = {}
    for numeral, start, end in headings:
        first.setdefault(numeral, (start, end))
    order = sorted(first.items(), key=lambda kv: kv[1][0])
    out: dict[str, str] = {}
    if "一" in first:
        lines = text[: first["一"][0]].strip().splitlines()
        kept = [ln.strip() for ln in lines[1:] if ln.strip()]  # the first line is the title
        if kept:
            out["opening"] = "\n".join(kept)
    for i, (numeral, (_start, end)) in enumerate(order):
        if numeral not in SECTION_TITLES:
            continue
        stop = order[i + 1][1][0] if i + 1 < len(order) else len(text)
        body = "\n".join(ln.strip() for ln in text[end:stop].splitlines() if ln.strip())
        if body:
            out[numeral] = body
    return out

"""The demo's 意见征集, 政府公报 and 公开制度, built through the actions.

Two 意见征集: the government's, open now (comments in, some approved, one waiting); the 民政局's,
held earlier this year, closed, its comments moderated and answered and its 采纳情况 published.
Twelve 公报 issues a year (published at each month's end) listing that month's items under
section headings, PDFs generated from the contents; three 公开制度 of the government (体裁 制度).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gongkai.agencies import challenge
from gongkai.publications import actions as pub_actions
from gongkai.publications.access import public_publications
from gongkai.publications.actions import gazette
from gongkai.publications.actions import participation as actions
from gongkai.publications.models import Genre, Publication
from gongkai.publications.models.participation import Adoption

if TYPE_CHECKING:
    from gongkai.demo.base import Base, Unit

RULES = (
    ("政府信息公开工作制度", "明确公开工作机构、职责分工、主动公开和依申请公开工作要求。"),
    ("政府信息公开保密审查制度", "依照政府信息公开条例第十七条，规定先审后发和保密审查程序。"),
    ("依申请公开政府信息办理规程", "规定登记、补正、征求意见、答复和送达各环节的时限与要求。"),
)  # fmt: skip

OPEN_DRAFT = (
    "第一条　为加强城市公园管理，保护公园资源，为市民提供良好的游览休憩环境，制定本办法。\n"
    "第二条　本区行政区域内城市公园的规划、建设、保护和管理，适用本办法。\n"
    "第三条　公园开放时间由公园管理单位根据季节确定并向社会公布。\n"
    "第四条　在公园内禁止下列行为：（一）损毁花草树木；（二）擅自设摊经营；"
    "（三）其他影响公园秩序的行为。\n"
    "第五条　本办法自公布之日起施行。"
)
CLOSED_DRAFT = (
    "第一条　为完善养老服务体系，规范居家养老服务补贴发放，制定本办法。\n"
    "第二条　具有本区户籍、年满八十周岁的老年人，可申请居家养老服务补贴。\n"
    "第三条　补贴标准为每人每月200元，以服务券形式发放。\n"
    "第四条　本办法由区民政局负责解释。"
)
OPEN_COMMENTS = (
    ("张伟", "建议延长夏季公园开放时间至晚上十点，方便市民夜间锻炼。", "approve"),
    ("", "第四条建议增加禁止在草坪上烧烤的规定。", "approve"),
    ("陈静", "希望公园增设无障碍通道和母婴室。", "pending"),
)
CLOSED_COMMENTS = (
    ("王建国", "建议将补贴标准提高到每月300元。", True, Adoption.PARTLY,
     "综合考虑财政承受能力，标准调整为每月260元。"),
    ("李梅", "建议服务券可在全区所有养老服务机构通用。", True, Adoption.ADOPTED, ""),
    ("", "建议将申请年龄放宽到七十五周岁。", True, Adoption.NOT_ADOPTED,
     "本办法先行保障高龄老人，七十五周岁以上老人纳入下一步扩面计划。"),
    ("赵磊", "请公开补贴资金的使用情况。", True, Adoption.ADOPTED, ""),
    ("推广", "免费领取保健品，请联系……", False, None, ""),
)  # fmt: skip
SECTIONS = (("区政府文件", "government"), ("部门文件", "units"), ("政策解读", "interpretations"))


def consultations(world: Base) -> None:
    from django.contrib.auth.models import AnonymousUser

    government = world.units[0]
    civil = next((u for u in world.units if u.agency.name.endswith("民政局")), government)
    today = world.today

    # Closed, with feedback: opened ~90 days ago.
    opened_on = world._workdays_before(today, 65)
    held = actions.create_consultation(
        actor=civil.officer, agency=civil.agency, title="瓯江区居家养老服务补贴办法（征求意见稿）",
        summary="为积极应对人口老龄化，区民政局起草了本办法，现向社会公开征求意见。",
        draft_text=CLOSED_DRAFT, how_to_comment="信函：瓯江区民政局养老服务科（注明“意见征集”）",
    )  # fmt: skip
    held = actions.open_consultation(actor=civil.officer, consultation=held, on=opened_on)
    assert held.opens_on and held.closes_on
    for n, (name, body, approve, adoption, reply) in enumerate(CLOSED_COMMENTS, 1):
        day = held.opens_on + dt.timedelta(days=3 * n)
        made = actions.submit_comment(
            actor=AnonymousUser(), consultation=held, name=name,
            contact=f"1380577{n:04d}" if name else "", body=body, token=f"demo-held-{n}",
            proof=challenge.solve(challenge.issue()), address=f"10.20.1.{n}", today=day,
        )[0]  # fmt: skip
        actions.moderate_comment(actor=civil.officer, comment=made, approve=bool(approve))
        if approve and adoption:
            actions.answer_comment(
                actor=civil.officer, comment=made, adoption=adoption, reply=reply
            )
    closed_on = held.closes_on + dt.timedelta(days=1)
    actions.close_consultation(actor=civil.officer, consultation=held, on=closed_on)
    actions.publish_feedback(
        actor=civil.officer, consultation=held, on=min(today, closed_on + dt.timedelta(days=14)),
        feedback=(
            "征求意见期间，共收到公众意见5条，经审核公开4条（1条为广告信息，不予公开）。"
            "采纳2条，部分采纳1条，未采纳1条，未采纳的理由已逐条说明。"
            "根据公众意见，补贴标准由每月200元调整为每月260元，服务券在全区养老服务机构通用，"
            "补贴资金使用情况每年向社会公开。"
        ),
    )  # fmt: skip

    # Open now: opened ten days ago by the government.
    current = actions.create_consultation(
        actor=government.officer, agency=government.agency,
        title="瓯江区城市公园管理办法（征求意见稿）",
        summary="为加强城市公园管理，区政府办公室会同区综合行政执法局起草了本办法。",
        draft_text=OPEN_DRAFT, how_to_comment="电子邮箱：gyyj@oujiang.example.gov.cn",
    )  # fmt: skip
    current = actions.open_consultation(
        actor=government.officer, consultation=current, on=today - dt.timedelta(days=10)
    )
    for n, (name, body, state) in enumerate(OPEN_COMMENTS, 1):
        made = actions.submit_comment(
            actor=AnonymousUser(), consultation=current, name=name,
            contact=f"1390577{n:04d}" if name else "", body=body, token=f"demo-open-{n}",
            proof=challenge.solve(challenge.issue()), address=f"10.20.2.{n}",
            today=today - dt.timedelta(days=8 - 2 * n),
        )[0]  # fmt: skip
        if state == "approve":
            actions.moderate_comment(actor=government.officer, comment=made, approve=True)


def rules(world: Base) -> None:
    """The government's 公开制度, published as catalog items of the 体裁 制度."""
    unit: Unit = world.units[0]
    genre = pub_actions.add_term(
        actor=unit.officer, agency=unit.agency, vocabulary=Genre, name="制度"
    )
    written = dt.date(world.first_year, 3, 2)
    for n, (title, summary) in enumerate(RULES, 1):
        item = pub_actions.create_draft(
            actor=unit.officer, agency=unit.agency, title=f"{unit.agency.name}{title}",
            summary=summary, written_on=written, genre=genre, kind="general",
            document_number=f"{unit.agency.short_name}办〔{world.first_year}〕{n}号",
            body=f"<p>{summary}</p><p>本制度自印发之日起施行。</p>",
        )  # fmt: skip
        pub_actions.submit(actor=unit.officer, publication=item)
        for review in ("content", "confidentiality"):
            pub_actions.sign_off(actor=unit.reviewer, publication=item, kind=review)
        pub_actions.publish(actor=unit.officer, publication=item, on=world._after(written, 3))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def gazettes(world: Base) -> int:
    """12 issues a year for the demo's years, and this year's up to last month."""
    government = world.units[0]
    count = 0
    for year in (*world.years, world.today.year):
        for month in range(1, 13):
            end = _month_end(year, month)
            if end >= world.today:
                break
            items = (
                public_publications()
                .filter(agency__in=[u.agency for u in world.units], published_on__year=year,
                        published_on__month=month)
                .select_related("agency")
                .order_by("published_on", "id")
            )  # fmt: skip
            chosen: list[tuple[str, Publication]] = []
            for section, what in SECTIONS:
                for p in items:
                    kind = (
                        "interpretations" if p.kind == "interpretation"
                        else "government" if p.agency_id == government.agency.pk
                        else "units"
                    )  # fmt: skip
                    if kind == what and len(chosen) < 12:
                        chosen.append((section, p))
            if not chosen:  # a quiet month: the latest items of the government before it
                earlier = public_publications().filter(
                    agency=government.agency, published_on__lte=end
                )
                chosen = [("区政府文件", p) for p in earlier.order_by("-published_on", "-id")[:3]]
            if not chosen:
                continue
            issue = gazette.create_issue(
                actor=government.officer, agency=government.agency, year=year, number=month
            )
            gazette.set_contents(actor=government.officer, issue=issue, entries=chosen)
            gazette.publish_issue(actor=government.officer, issue=issue, on=end)
            count += 1
    return count


def build(world: Base) -> None:
    """Called once by the demo's orchestration, after the catalog is built."""
    rules(world)
    consultations(world)
    gazettes(world)

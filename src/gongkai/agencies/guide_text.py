"""The default text of an agency's 政府信息公开指南 (条例第十二条), generated from its data.

The wording is the official text of the guide (data, like a report's wording, not interface text
to translate); each paragraph cites the article it comes from. The contact block comes from the
agency's record and its profile (传真, 邮编: agencies/profile.py); a field the agency has not
filled is shown as such, never invented. The portal shows it, the console offers it as the
starting text of an edited version (``GuideVersion``).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.agencies.models import Agency
from gongkai.agencies.profile import AgencyProfile

NOT_GIVEN = "（未登记）"


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: list[str]
    contacts: list[tuple[str, str]]


def contacts(agency: Agency) -> list[tuple[str, str]]:
    """条例第十二条: the disclosure office's name, address, hours, telephone, fax, e-mail."""
    profile = AgencyProfile.objects.filter(agency=agency).first()
    return [
        ("受理机构", agency.name),
        ("办公地址", agency.address or NOT_GIVEN),
        ("办公时间", agency.office_hours or NOT_GIVEN),
        ("联系电话", agency.phone or NOT_GIVEN),
        ("电子邮箱", agency.email or NOT_GIVEN),
        ("传真", profile.fax if profile is not None and profile.fax else NOT_GIVEN),
        (
            "邮政编码",
            profile.postcode if profile is not None and profile.postcode else NOT_GIVEN,
        ),
    ]


def sections(agency: Agency) -> list[Section]:
    """The guide, in the order of the model guides published by State Council departments."""
    reconsideration = agency.reconsideration_body or (
        agency.parent.name if agency.parent is not None else NOT_GIVEN
    )
    return [
        Section(
            "一、主动公开",
            [
                # 第十九条、第二十条: what is disclosed on the agency's own initiative.
                "（一）公开范围：本机关依照《中华人民共和国政府信息公开条例》第十九条、第二十条的规定，"
                "主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息。",
                # 第二十三条、第二十四条: the channels.
                "（二）公开方式：通过本网站“政府信息公开目录”“法定主动公开内容”栏目，以及政府公报、"
                "新闻发布会、广播电视、政务新媒体等便于公众知晓的方式公开。",
                # 第二十六条: within 20 working days of being made or changed.
                "（三）公开时限：属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内"
                "予以公开；法律、法规对公开期限另有规定的，从其规定。",
                "（四）编排体系：政府信息按索引号、发布机构、主题分类、体裁、成文日期、发布日期编排，"
                "可在本网站按机构、主题、体裁、年份检索。",
            ],
            [],
        ),
        Section(
            "二、依申请公开",
            [
                # 第二十七条.
                "（一）除主动公开的政府信息外，公民、法人或者其他组织可以向本机关申请获取相关政府信息。",
                # 第二十九条: what an application contains.
                "（二）申请方式：申请人可以通过本网站“在线申请”栏目提交申请，也可以通过信函、"
                "当面提交书面申请。申请内容包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的"
                "政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，"
                "包括获取信息的方式、途径。",
                # 第三十条: correction within 7 working days, once.
                "（三）补正：申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知申请人作出补正；"
                "答复期限自收到补正的申请之日起计算。",
                # 第三十三条: 20 working days, extension by 20 with the head's consent; 第三十二条.
                "（四）答复期限：能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内"
                "予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限"
                "最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在前述期限内。",
                # 第四十二条: no fee, except a processing fee beyond a reasonable range.
                "（五）收费：行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次"
                "明显超过合理范围的，可以依照国务院有关规定收取信息处理费。",
            ],
            contacts(agency),
        ),
        Section(
            "三、监督和救济",
            [
                # 第五十一条: complaint, reconsideration, suit.
                "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关"
                "或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。",
                f"行政复议机关：{reconsideration}。行政诉讼：依法向有管辖权的人民法院提起。",
            ],
            [],
        ),
    ]


def default_text(agency: Agency) -> list[tuple[str, str]]:
    """(title, text) of each section: the paragraphs separated by a blank line."""
    return [(s.title, "\n\n".join(s.paragraphs)) for s in sections(agency)]

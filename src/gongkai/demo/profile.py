"""The demo government's 机构信息, built through the actions (agencies/profile_actions.py).

职能, 传真 and 邮编, its leaders with their 分工, its offices with their telephone, and the
published monthly summary of its 依申请公开 results. Names are invented (the district is fictional).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.agencies import profile_actions

if TYPE_CHECKING:
    from gongkai.demo.base import Base

FUNCTIONS = (
    "执行区人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令，规定行政措施，"
    "发布决定和命令。\n"
    "领导所属各工作部门和下级人民政府的工作。\n"
    "编制和执行国民经济和社会发展计划、预算，管理本行政区域内的经济、教育、科学、文化、卫生、"
    "体育事业、环境和资源保护、城乡建设事业和财政、民政、公安、民族事务、司法行政等行政工作。"
)
LEADERS = (
    ("周建华", "区长", "主持区政府全面工作。负责审计方面工作。"),
    ("吴晓东", "常务副区长", "负责区政府常务工作。负责发展改革、财政、税务、政务公开等方面工作。"),
    ("郑丽娟", "副区长", "负责教育、卫生健康、民政、人力社保、退役军人事务等方面工作。"),
    ("陈国平", "副区长", "负责自然资源和规划、住房城乡建设、交通运输、生态环境等方面工作。"),
)  # fmt: skip
DEPARTMENTS = (
    ("区政府办公室", "负责机关日常运转，组织协调政务公开工作。", "0577-88000001"),
    ("区政务公开办", "受理政府信息公开申请，编制公开指南、目录和年度报告。", "0577-88000002"),
    ("区政府研究室", "开展政策研究，起草区政府重要文稿。", "0577-88000003"),
)  # fmt: skip


def build(world: Base) -> None:
    from gongkai.demo.base import SYSTEM

    profile_actions.save_profile(
        actor=SYSTEM,
        agency=world.government,
        changes={
            "functions": FUNCTIONS,
            "fax": "0577-88000099",
            "postcode": "325000",
            "publish_summary": True,
        },
        leaders=[{"name": n, "post": p, "duties": d} for n, p, d in LEADERS],
        departments=[{"name": n, "duties": d, "phone": t} for n, d, t in DEPARTMENTS],
    )

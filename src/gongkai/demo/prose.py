"""What the demo district's office writes where the report's draft leaves a 【…】 placeholder:
what such an office writes (the seeds' wording), never a stand-in like "已按要求完成".

The figures are the draft's own (from the records); only what the platform cannot know is
written here — the site and contact, 组织领导 and 制度建设, 政府信息管理, the problems and
measures. A sentence whose placeholder asks to be deleted when there is nothing ("无则删除本句")
is deleted.
"""

from __future__ import annotations

import re

from gongkai.demo import names

_PLACEHOLDER = re.compile(r"【([^】]*)】")

WORDING = {
    "门户网站名称及网址": f"{names.GOVERNMENT}门户网站“政府信息公开”专栏",
    "联系单位、地址、电话": f"{names.GOVERNMENT}办公室（政务公开科，电话：0577-88880000）",
    "请补充主动公开的重点领域、政策解读和回应关切情况": (
        "围绕财政预决算、重大建设项目、公共资源配置、社会救助等重点领域做好信息发布，"
        "重要政策文件同步发布解读材料，对社会关切的热点问题及时回应。"
    ),
    # the same, once the platform has counted the 政策解读 and 意见征集 itself
    "请补充主动公开的重点领域和回应关切情况": (
        "围绕财政预决算、重大建设项目、公共资源配置、社会救助等重点领域做好信息发布，"
        "对社会关切的热点问题及时回应。"
    ),
    "请填写政府信息公开审查、公开属性认定、政策文件清理等管理工作情况": (
        "严格执行公开前保密审查，公文拟制时同步确定公开属性；"
        "开展行政规范性文件清理，清理结果及时向社会公布。"
    ),
    "请填写组织领导、制度建设情况": (
        "调整政务公开工作领导小组，明确办公室为政府信息公开工作主管部门，"
        "修订依申请公开办理规程和答复文书范本。"
    ),
    "请填写政府网站、政务新媒体、政府公报等平台建设情况": (
        "持续做好政府门户网站政府信息公开专栏的内容保障，规范政务新媒体账号的开设和管理。"
    ),
    "请填写组织领导、制度建设、教育培训、考核监督等情况": (
        "调整政务公开工作领导小组，组织业务培训，将政务公开工作纳入年度综合考核。"
    ),
    "请填写工作考核、社会评议和责任追究结果情况": (
        "将政务公开工作纳入年度综合考核，开展政务公开满意度测评，"
        "本年度未发生政府信息公开工作责任追究情况。"
    ),
    "请填写社会评议和责任追究结果情况": (
        "开展政务公开满意度测评，本年度未发生政府信息公开工作责任追究情况。"
    ),
    "请补充本机关存在的主要问题": (
        "部分主动公开信息发布不够及时，基层政务公开标准目录个别事项内容更新滞后"
    ),
    "请补充具体改进措施": (
        "一是建立信息发布到期提醒，确保在20个工作日内公开；"
        "二是按季度检查标准目录事项内容，逐项落实责任单位。"
    ),
}


def fill(text: str) -> str:
    """``text`` with every placeholder written out; "无则删除本句" ones removed."""

    def written(match: re.Match[str]) -> str:
        asked = match.group(1)
        if asked in WORDING:
            return WORDING[asked]
        if "无则删除" in asked:
            return ""
        raise KeyError(f"the demo has no wording for 【{asked}】")

    return _PLACEHOLDER.sub(written, text)

"""What makes the demo's items look like a real district's: 体裁, channels, sensible titles.

Everything here is derived from the item itself (no random draw), so the district built from a
seed stays the same apart from these fields.
"""

from __future__ import annotations

import datetime as dt

from gongkai.core.ids import credit_code_check_char

# 体裁 (publications COMMON_GENRES) from how a title ends, first match wins.
_GENRE_BY_ENDING = (
    ("政策解读", "解读"),
    ("通知", "通知"),
    ("通告", "通告"),
    ("公告", "公告"),
    ("公示", "公告"),
    ("号）", "公告"),
    ("意见", "意见"),
    ("办法", "办法"),
    ("细则", "规定"),
    ("政策", "规定"),
    ("情况", "报告"),
    ("信息公开", "决定"),
)
# Where each kind of item is published (第二十三条: website, gazette, new media, press …).
_CHANNELS = {
    "normative": ["website", "gazette", "new_media"],
    "interpretation": ["website", "new_media"],
    "general": ["website"],
}


def genre(title: str, kind: str) -> str:
    if kind == "interpretation":
        return "解读"
    for ending, name in _GENRE_BY_ENDING:
        if title.endswith(ending):
            return name
    return "其他"


# Interpretations by form: a video or a 图解 goes out on new media too, a press conference
# is itself a channel (第二十三条: 新闻发布会).
_FORM_CHANNELS = {
    "graphic": ["website", "new_media"],
    "video": ["website", "new_media"],
    "press": ["press", "website", "new_media"],
    "media": ["new_media", "website"],
}


def channels(kind: str, title: str, form: str = "") -> list[str]:
    if kind == "interpretation" and form in _FORM_CHANNELS:
        return list(_FORM_CHANNELS[form])
    chosen = list(_CHANNELS.get(kind, ["website"]))
    if kind == "general" and title.endswith(("通告", "公告", "号）", "公示")):
        # Notices also go out on the 政务新媒体 account and at the public reading point.
        chosen += ["new_media", "reading_room"]
    elif kind == "general" and ("预算" in title or "决算" in title):
        chosen.append("gazette")  # budgets and final accounts are printed in the 公报
    return chosen


def notice_title(template: str, *, year: int, n: int, written: dt.date, place: str) -> str:
    """A notice's title: its batch number ``n``, and a quarter or month that exists."""
    return template.format(
        year=year, n=n, place=place, quarter=(written.month - 1) // 3 + 1, month=written.month
    )


def credit_code(n: int) -> str:
    """A 统一社会信用代码 for the district's n-th agency: 11 (机关), the fictional district's
    area code 330399, an organisation code, the check character (GB 32100-2015)."""
    body = f"11330399{n:09d}"
    return body + credit_code_check_char(body)

"""A case every letter can be composed from, and a seal to print on it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image, ImageDraw

from gongkai.core.deadlines import Channel
from gongkai.core.letters import CHANNEL_WORDING, FeeBasis, LetterData

AGENCY = "温州市瓯海区人民政府办公室"
RECONSIDERATION = "温州市瓯海区人民政府"
COURT = "温州市鹿城区人民法院"
CASE_NUMBER = "OH-2025-0042"
LETTER_NUMBER = "瓯政公开〔2025〕12号"
ISSUED = "2025年10月20日"
RECEIVED = "2025年9月26日"

FULL = LetterData(
    agency=AGENCY,
    issue_date=dt.date(2025, 10, 20),
    number=LETTER_NUMBER,
    agency_address="温州市瓯海区娄桥街道某路1号",
    agency_postcode="325000",
    agency_phone="0577-12345678",
    contact_person="李四",
    applicant="张三",
    case_number=CASE_NUMBER,
    received=dt.date(2025, 9, 26),
    channel=CHANNEL_WORDING[Channel.ONLINE],
    request="2024年度瓯海区道路建设项目清单",
    due_date=dt.date(2025, 10, 30),
    outcome="3.1",
    reasons="该信息系依法确定的国家秘密，由定密机关于2024年3月1日确定。",
    provision="随本答复书以电子邮件方式提供",
    published_at="瓯海区人民政府门户网站“政府信息公开”栏目",
    responsible_agency="温州市瓯海区交通运输局",
    responsible_contact="0577-88886666",
    correction_date=dt.date(2025, 9, 30),
    fee_notice_date=dt.date(2025, 10, 9),
    new_due_date=dt.date(2025, 11, 27),
    extension_days=20,
    correction_items=("所需文件的名称或者文号", "所需信息的年度"),
    correction_deadline=dt.date(2025, 10, 31),
    consultee="温州某某建设有限公司",
    organisation=False,
    respond_by=dt.date(2025, 11, 10),
    fee_basis=FeeBasis.PER_PAGE,
    fee_amount=Decimal("700"),
    fee_breakdown="第31—100页，共70页，每页10元，计700元",
    payment_due=dt.date(2025, 11, 18),
    payment_method="转账至瓯海区财政局非税收入专户（账号略），附言注明申请编号",
    reconsideration_body=RECONSIDERATION,
    court=COURT,
)


def full_data(**changes: Any) -> LetterData:
    return dataclasses.replace(FULL, **changes)


def seal_png() -> bytes:
    """A red ring on a transparent square, like a scanned seal."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((6, 6, 234, 234), outline=(220, 0, 0, 255), width=10)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def seal() -> bytes:
    return seal_png()

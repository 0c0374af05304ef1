"""通报: a numbered document summarising a round of checks of the units' websites and 政务新媒体
accounts and the 督办单 issued in a period, issued by the supervising office (``ISSUE_ORDERS``
in its government), frozen as data when issued and rendered to DOCX (python-docx) and PDF
(WeasyPrint, the bundled font) from that data.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import Actor, C, descendant_ids, require
from gongkai.agencies.models import Agency
from gongkai.core.deadlines import cn
from gongkai.supervision import audit
from gongkai.supervision.models import Bulletin, ChannelCheck, Order


def summary(issuer: Agency, start: dt.date, end: dt.date) -> dict[str, Any]:
    ids = descendant_ids([issuer.pk]) | {issuer.pk}
    checks = ChannelCheck.objects.filter(
        channel__agency_id__in=ids, checked_on__range=(start, end)
    ).select_related("channel", "channel__agency")
    failed = [c for c in checks if not c.passed]
    orders = Order.objects.filter(issuer=issuer, issued_on__range=(start, end)).select_related(
        "unit"
    )
    return {
        "checked": len(checks),
        "channels": len({c.channel_id for c in checks}),
        "failed": [
            {
                "unit": c.channel.agency.name,
                "channel": str(c.channel),
                "checked_on": c.checked_on.isoformat(),
                "reasons": c.reasons,
            }
            for c in failed
        ],
        "broken_links": sum(c.broken_links for c in checks),
        "orders": [
            {"number": o.number, "unit": o.unit.name, "finding": o.finding, "status": o.status}
            for o in orders
        ],
    }


def issue(
    *,
    actor: Actor,
    issuer: Agency,
    start: dt.date,
    end: dt.date,
    title: str = "",
    today: dt.date | None = None,
) -> Bulletin:
    today = today or timezone.localdate()
    require(actor, C.ISSUE_ORDERS, issuer)
    if end < start or end > today:
        raise ValidationError({"end": _("The period must end by today, after it starts.")})
    with transaction.atomic():
        serial = (
            Bulletin.objects.filter(issuer=issuer, year=today.year).aggregate(m=Max("serial"))["m"]
            or 0
        ) + 1
        name = issuer.short_name or issuer.name
        bulletin = Bulletin.objects.create(
            issuer=issuer,
            year=today.year,
            serial=serial,
            number=f"{name}政务公开通报〔{today.year}〕{serial}号",
            title=title or f"关于{cn(start)}至{cn(end)}政府网站和政务新媒体检查及督办情况的通报",
            period_start=start,
            period_end=end,
            issued_on=today,
            data=summary(issuer, start, end),
        )
        audit.record(
            actor,
            "bulletin.issue",
            agency=issuer,
            subject=bulletin,
            after={"id": bulletin.pk, "period": [start, end], "title": bulletin.title},
        )
    return bulletin


def _paragraphs(bulletin: Bulletin) -> list[str]:
    d = bulletin.data
    lines = [
        f"{cn(bulletin.period_start)}至{cn(bulletin.period_end)}，对{d['channels']}个政府网站和"
        f"政务新媒体开展检查{d['checked']}次，发现错链断链{d['broken_links']}个，"
        f"{len(d['failed'])}次检查不合格。"
    ]
    for f in d["failed"]:
        lines.append(f"{f['unit']}{f['channel']}（{f['checked_on']}）：{'；'.join(f['reasons'])}。")
    if d["orders"]:
        lines.append(f"期间下发督办单{len(d['orders'])}份：")
        lines += [f"{o['number']}（{o['unit']}）：{o['finding']}" for o in d["orders"]]
    lines.append("请各单位对照问题抓紧整改，按督办单要求按时报送整改情况。")
    return lines


def to_docx(bulletin: Bulletin) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(bulletin.number)
    document.add_heading(bulletin.title, level=1)
    for text in _paragraphs(bulletin):
        document.add_paragraph(text)
    document.add_paragraph(f"{bulletin.issuer.name}\n{cn(bulletin.issued_on)}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(bulletin: Bulletin) -> bytes:
    from weasyprint import HTML

    from gongkai.core.report.render.pdf import font_path

    html = render_to_string(
        "supervision/bulletin.html",
        {
            "bulletin": bulletin,
            "paragraphs": _paragraphs(bulletin),
            "issued": cn(bulletin.issued_on),
            "font_uri": font_path().as_uri(),
        },
    )
    return bytes(HTML(string=html).write_pdf())

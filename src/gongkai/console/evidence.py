"""The evidence pack download of a 复议 / 诉讼 (``disputes.evidence``), after the rights check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from gongkai.console.cases._common import _user
from gongkai.disputes import evidence
from gongkai.disputes.access import get_dispute_for_staff


def evidence_pack(request: HttpRequest, pk: int) -> HttpResponse:
    dispute = get_dispute_for_staff(_user(request), pk)
    name = f"{dispute.case.number if dispute.case else dispute.agency_id}-evidence-{dispute.pk}.zip"
    return HttpResponse(
        evidence.build(dispute),
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )

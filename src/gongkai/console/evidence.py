"""The evidence pack download of a 复议 / 诉讼 (``disputes.evidence``), after the rights check.

The pack holds the applicant's own uploads (identity copies, letters, the 内部检索单), so only
the handling agency's case roles get it (``disputes.access.sees_evidence``); a supervisor who
reads the dispute gets 404.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from gongkai.console.cases._common import _user
from gongkai.disputes import evidence
from gongkai.disputes.access import get_dispute_for_staff, sees_evidence


def evidence_pack(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    dispute = get_dispute_for_staff(user, pk)
    if not sees_evidence(user, dispute):
        raise Http404("no such evidence pack")
    name = f"{dispute.case.number if dispute.case else dispute.agency_id}-evidence-{dispute.pk}.zip"
    response = HttpResponse(evidence.build(dispute), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response

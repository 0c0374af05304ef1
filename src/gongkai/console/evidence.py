"""The evidence pack download of a 复议 / 诉讼 (``disputes.evidence``), after the rights check.

The pack holds the applicant's own uploads (identity copies, letters, the 内部检索单), so only
the handling agency's case roles get it (``cases.access.sees_personal_data``), like the
internal forms; a supervisor who reads the dispute gets 404. A dispute not yet linked to its
application holds only its own documents.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from gongkai.agencies.models import User
from gongkai.cases import access as case_access
from gongkai.console.cases._common import _user
from gongkai.disputes import evidence
from gongkai.disputes.access import get_dispute_for_staff
from gongkai.disputes.models import Dispute


def may_download(user: User, dispute: Dispute) -> bool:
    return dispute.case is None or case_access.sees_personal_data(user, dispute.case)


def evidence_pack(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    dispute = get_dispute_for_staff(user, pk)
    if not may_download(user, dispute):
        raise Http404("no such evidence pack")
    name = f"{dispute.case.number if dispute.case else dispute.agency_id}-evidence-{dispute.pk}.zip"
    response = HttpResponse(evidence.build(dispute), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response

"""公开制度: the agency's rules of disclosure work, as catalog items of the 体裁 “制度”.

No model of its own: 政府信息公开工作制度, 保密审查制度 (条例第十七条), 依申请公开办理规程 … are
documents an agency publishes like any other, through the review (先审后发). Filed under the
体裁 ``RULES_GENRE`` (shared or the agency's own word), they are listed here by agency, a
page at a time.
"""

from __future__ import annotations

from itertools import groupby

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.portal import pagecache
from gongkai.portal.filters import PageParams
from gongkai.publications.access import public_publications

RULES_GENRE = "制度"
PER_PAGE = 50  # items a page, grouped by agency (an agency's group may go on over pages)


@pagecache.reads(*PageParams.base_fields)
def rules(request: HttpRequest) -> HttpResponse:
    params = PageParams(request.GET)
    items = (
        public_publications()
        .filter(genre__name=RULES_GENRE)
        .select_related("agency")
        .order_by("agency__kind", "agency__name", "-published_on", "-id")
    )
    if params.problems:
        items = items.none()
    page = Paginator(items, PER_PAGE).get_page(params.value("page"))
    groups = [(agency, list(found)) for agency, found in groupby(page, key=lambda p: p.agency)]
    return render(
        request,
        "portal/site/rules.html",
        {"groups": groups, "page": page, "problems": params.problems},
        status=params.http_status,
    )

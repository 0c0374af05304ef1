"""政务公开工作考核 on the public site: the published schemes (their 考核细则: indicators,
weights, how each is scored, deductions) and results (each unit's score line by line).

Cached like every public page (``pagecache``): publishing a scheme writes it, and a write to a
scheme or score bumps the page cache's version, so a page never shows results that changed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core.assessment import DEDUCTIONS_RULE
from gongkai.supervision import published


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/assessments/index.html", {"schemes": list(published.published_schemes())}
    )


def scheme_page(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = published.get_published(pk)
    return render(
        request,
        "portal/assessments/scheme.html",
        {
            "scheme": scheme,
            "criteria": published.criteria(scheme),
            "full": published.full_marks(scheme),
            "deductions_rule": DEDUCTIONS_RULE,
            "results": published.results(scheme),
        },
    )

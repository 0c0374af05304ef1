"""第四十四条 while applying: published items that may already hold what is being described.

``GET /catalog/suggest/?q=<the description so far>`` answers JSON ``{"items": [{"title",
"index_number", "agency", "published_on", "url"}]}`` from ``cases.suggest`` (the catalog's own
search). Anonymous, read-only, nothing stored: limited per address by ``throttle.SUGGEST`` (a
cache counter; over it 429 with ``Retry-After``) and, for visitors without cookies, answered
from the page cache. The application form's script (``portal/static/portal/suggest.js``) calls
it, debounced, as the description is typed; without JavaScript the form works as before.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from gongkai.agencies import throttle
from gongkai.agencies.auth import client_ip
from gongkai.agencies.params import ParamsForm
from gongkai.cases import suggest as suggestions
from gongkai.portal import pagecache


class SuggestParams(ParamsForm):
    q = forms.CharField(
        label=gettext_lazy("Description"), required=False, max_length=suggestions.MAX_QUERY
    )


@require_GET
@pagecache.reads(*SuggestParams.base_fields)
def suggest(request: HttpRequest) -> JsonResponse:
    params = SuggestParams(request.GET)
    if not params.is_valid():
        return JsonResponse({"detail": "；".join(params.problems), "items": []}, status=400)
    wait = throttle.SUGGEST.hit(address=client_ip(request))
    if wait is not None:
        response = JsonResponse(
            {"detail": _("Too many requests. Please wait a moment."), "items": []}, status=429
        )
        response["Retry-After"] = str(int(wait.total_seconds()))
        return response
    found = suggestions.suggest(params.cleaned_data["q"] or "")
    return JsonResponse(
        {
            "items": [
                {
                    "title": s.title,
                    "index_number": s.index_number,
                    "agency": s.agency,
                    "published_on": s.published_on,
                    "url": reverse("portal:item", args=[s.pk]),
                }
                for s in found
            ]
        }
    )

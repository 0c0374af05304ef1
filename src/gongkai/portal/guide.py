"""政府信息公开指南 (条例第十二条) and 政策解读.

``/guide/`` is the site's government's guide, ``/units/<id>/guide/`` a unit's. 条例第十二条
requires the guide to state how government information is classified and arranged, how to
obtain it, and the disclosure office's name, address, office hours, telephone, fax and online
contact. The text generated from the agency's data (agencies/guide_text.py: official wording,
each paragraph citing its article) is shown until the agency's administrator saves an edited
version in the console; then the latest version is shown, "第N版 · 更新于 …", with the earlier
versions listed (``…/guide/versions/<n>/``). The contact block always comes from the agency's
current record and profile. ``/policies/``: the 政策解读 hub. Nothing here writes.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.guide_text import Section, contacts, sections
from gongkai.agencies.models import Agency
from gongkai.agencies.profile import GuideVersion
from gongkai.agencies.profile_actions import latest_guide
from gongkai.portal import home as home_views
from gongkai.portal import pagecache
from gongkai.portal.agency import public_unit, site_agency
from gongkai.portal.filters import PoliciesParams
from gongkai.publications.choices import InterpretationForm


def _guide(request: HttpRequest, agency: Agency | None, number: int | None = None) -> HttpResponse:
    if agency is None:
        raise Http404("no agency")
    # The latest edited version (agencies/profile.py) replaces the generated text; the contact
    # block always comes from the agency's current record.
    versions = list(
        GuideVersion.objects.filter(agency=agency)
        .only("number", "dated", "agency_id")
        .order_by("-number")
    )
    latest = latest_guide(agency)
    shown = latest
    if number is not None:
        shown = GuideVersion.objects.filter(agency=agency, number=number).first()
        if shown is None:
            raise Http404("no such version")
    if shown is None:
        shown_sections = sections(agency)
    else:
        shown_sections = [Section(t, ps, []) for t, ps in shown.paragraphs()]
        shown_sections.append(Section("联系方式", [], contacts(agency)))
    return render(
        request,
        "portal/site/guide.html",
        {
            "agency": agency,
            "sections": shown_sections,
            "updated": shown.dated if shown is not None else agency.updated_at,
            "version": shown,
            "latest": latest,
            "versions": versions,
            "units": agency.children.filter(is_active=True).order_by("name"),
        },
    )


def guide(request: HttpRequest) -> HttpResponse:
    return _guide(request, site_agency())


def unit_guide(request: HttpRequest, pk: int) -> HttpResponse:
    return _guide(request, public_unit(pk))


def guide_version(request: HttpRequest, number: int) -> HttpResponse:
    return _guide(request, site_agency(), number)


def unit_guide_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    return _guide(request, public_unit(pk), number)


@pagecache.reads(*PoliciesParams.base_fields)
def policies(request: HttpRequest) -> HttpResponse:
    """政策解读: every public interpretation, newest first, with the policy it explains and its
    form (文字解读, 图解, 视频, 新闻发布会, 专家解读, 媒体解读); ``?form=`` shows one form."""
    params = PoliciesParams(request.GET)
    items = home_views.interpretations()
    chosen = params.value("form") or ""
    if params.problems:
        items = items.none()  # a refused parameter (an unknown form): 400, nothing listed
    elif chosen:
        items = items.filter(interpretation_form=chosen)
    page = Paginator(items, 20).get_page(params.value("page"))
    return render(
        request,
        "portal/site/policies.html",
        {
            "page": page,
            "query": f"form={chosen}" if chosen else "",
            "forms": InterpretationForm.choices,
            "chosen": chosen,
            "problems": params.problems,
        },
        status=params.http_status,
    )

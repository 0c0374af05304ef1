"""The console for 机构信息 and the 公开指南's text: views parse, call one action, redirect.

``/console/profile/``: the agencies the user administers (``MANAGE_AGENCY``, access.py). An
agency's page edits 职能, 传真, 邮编, 网址, whether to publish the summary of results, its 领导
and 内设机构 (``profile_actions.save_profile``). Its guide page edits the text of each section,
starting from the latest version or the text generated from the agency's data, and saves a new
numbered, dated version (``profile_actions.save_guide_version``). Anyone else gets a 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies import profile_actions as actions
from gongkai.agencies.access import C, agencies_for, can
from gongkai.agencies.guide_text import default_text
from gongkai.agencies.models import Agency
from gongkai.agencies.profile import AgencyProfile, GuideVersion
from gongkai.console.cases._common import _user


def _managed(request: HttpRequest, agency_id: int) -> Agency:
    """The agency, if the user administers it; a 404 for anyone else (access.py decides)."""
    agency = Agency.objects.filter(pk=agency_id).select_related("parent").first()
    if agency is None or not can(_user(request), C.MANAGE_AGENCY, agency):
        raise Http404("no such agency")
    return agency


class ProfileForm(forms.Form):
    functions = forms.CharField(
        label=gettext_lazy("Main functions"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    fax = forms.CharField(label=gettext_lazy("Fax"), max_length=50, required=False)
    postcode = forms.CharField(
        label=gettext_lazy("Postcode"),
        max_length=6,
        required=False,
        help_text=gettext_lazy("6 digits"),
    )
    website = forms.CharField(label=gettext_lazy("Website"), max_length=200, required=False)
    publish_summary = forms.BooleanField(
        label=gettext_lazy("Publish statistics of handled disclosure applications"),
        required=False,
        help_text=gettext_lazy(
            "Publishes monthly counts of each kind of outcome, with no information about any "
            "applicant."
        ),
    )


class LeaderForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Full name"), max_length=50, required=False)
    post = forms.CharField(label=gettext_lazy("Post"), max_length=100, required=False)
    duties = forms.CharField(
        label=gettext_lazy("Areas of responsibility"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DepartmentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Department name"), max_length=100, required=False)
    duties = forms.CharField(
        label=gettext_lazy("Main duties"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    phone = forms.CharField(label=gettext_lazy("Telephone"), max_length=50, required=False)


class SectionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Heading"), max_length=100, required=False)
    text = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=gettext_lazy("Leave a blank line between paragraphs."),
    )


Leaders = forms.formset_factory(LeaderForm, extra=2, max_num=actions.MAX_ROWS)
Departments = forms.formset_factory(DepartmentForm, extra=2, max_num=actions.MAX_ROWS)
Sections = forms.formset_factory(SectionForm, extra=1, max_num=actions.MAX_SECTIONS)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    agencies = agencies_for(_user(request), C.MANAGE_AGENCY).filter(is_active=True)
    return render(request, "console/profile/index.html", {"agencies": agencies.order_by("name")})


def _rows(formset: Any) -> list[dict[str, str]]:
    return [form.cleaned_data for form in formset.forms if form.cleaned_data]


@login_required
def edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed(request, agency_id)
    profile = actions.profile_of(agency)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        leaders = Leaders(request.POST, prefix="leaders")
        departments = Departments(request.POST, prefix="departments")
        if form.is_valid() and leaders.is_valid() and departments.is_valid():
            try:
                actions.save_profile(
                    actor=_user(request),
                    agency=agency,
                    changes=form.cleaned_data,
                    leaders=_rows(leaders),
                    departments=_rows(departments),
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("The agency profile has been saved."))
                return redirect("console:profile_edit", agency.pk)
    else:
        initial = (
            {name: getattr(profile, name) for name in AgencyProfile.FIELDS}
            if profile is not None
            else {}
        )
        form = ProfileForm(initial=initial)
        leaders = Leaders(
            prefix="leaders",
            initial=[
                {"name": r.name, "post": r.post, "duties": r.duties}
                for r in (profile.leaders.all() if profile is not None else [])
            ],
        )
        departments = Departments(
            prefix="departments",
            initial=[
                {"name": r.name, "duties": r.duties, "phone": r.phone}
                for r in (profile.departments.all() if profile is not None else [])
            ],
        )
    return render(
        request,
        "console/profile/edit.html",
        {"agency": agency, "form": form, "leaders": leaders, "departments": departments},
        status=400 if request.method == "POST" else 200,  # a refused form (a saved one redirects)
    )


@login_required
def guide(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _managed(request, agency_id)
    latest = actions.latest_guide(agency)
    errors: list[str] = []
    if request.method == "POST":
        sections = Sections(request.POST, prefix="sections")
        if sections.is_valid():
            rows = [
                (row["title"], row["text"])
                for row in _rows(sections)
                if row.get("title") or row.get("text")
            ]
            try:
                version = actions.save_guide_version(
                    actor=_user(request), agency=agency, sections=rows
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Saved as version %(n)s.") % {"n": version.number})
                return redirect("console:profile_guide", agency.pk)
    else:
        start = (
            [(s["title"], s["text"]) for s in latest.sections]
            if latest is not None
            else default_text(agency)
        )
        sections = Sections(prefix="sections", initial=[{"title": t, "text": x} for t, x in start])
    versions = (
        GuideVersion.objects.filter(agency=agency)
        .only("number", "dated", "agency_id")
        .order_by("-number")
    )
    return render(
        request,
        "console/profile/guide.html",
        {
            "agency": agency,
            "sections": sections,
            "errors": errors,
            "latest": latest,
            "versions": versions,
        },
        status=400 if request.method == "POST" else 200,  # a refused form (a saved one redirects)
    )

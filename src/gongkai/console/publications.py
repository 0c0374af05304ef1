"""The staff console for the catalog (published items): views parse, call one action, redirect.

The item page's buttons are ``publications.transitions.TABLE.allowed`` for the viewer; the
standard catalog, its spreadsheet and the 条例第二十条 figures have their pages here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import C, agencies_for, get_agency_for_viewer
from gongkai.agencies.models import Agency, User
from gongkai.agencies.params import ParamsForm, YearField
from gongkai.cases.queries import case_of_draft
from gongkai.publications import actions, catalog_xlsx, queries
from gongkai.publications.access import (
    can_draft,
    get_publication_for_staff,
    staff_publications,
)
from gongkai.publications.choices import ReviewKind
from gongkai.publications.forms import (
    CatalogItemForm,
    FiguresForm,
    FiguresImportForm,
    FileUnderForm,
    PublicationForm,
    SupersedeForm,
    ValidityForm,
)
from gongkai.publications.models import Article20Figures, CatalogItem, Publication
from gongkai.publications.transitions import TABLE, reviews_open


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required guarantees it
    return request.user


type Overview = list[tuple[Agency, queries.LateCount, list[Publication]]]


def drafting_overview(
    user: User, today: dt.date, *, late_only: bool = False
) -> tuple[list[Agency], Overview]:
    """The agencies ``user`` drafts for, and for each its published/late counts of this year
    and its unpublished items past their deadline: what the catalog home and the to-do page
    show through the ``console/_drafting.html`` fragment. ``late_only``: the overview keeps
    only agencies with such items (the others' counts are not read)."""
    drafting = [a for a in agencies_for(user, C.VIEW_AGENCY) if can_draft(user, a)]
    overview: Overview = []
    for agency in drafting:
        overdue = queries.overdue_drafts(agency, today)
        if overdue or not late_only:
            overview.append((agency, queries.late_counts(agency, today.year), overdue))
    return drafting, overview


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    items = staff_publications(user).select_related("agency").order_by("-id")[:100]
    today = timezone.localdate()
    drafting, overview = drafting_overview(user, today)
    return render(
        request,
        "console/home.html",
        {"items": items, "drafting": drafting, "overview": overview, "year": today.year},
    )


def _drafting_agency(request: HttpRequest, agency_id: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None or not can_draft(request.user, agency):
        raise Http404("no such agency")
    return agency


@login_required
def new(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _drafting_agency(request, agency_id)
    form = PublicationForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.create_draft(actor=_user(request), agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Draft saved: %(n)s") % {"n": item.index_number})
            return redirect("console:item", item.pk)
    return render(request, "console/edit.html", {"form": form, "agency": agency})


@login_required
def item(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    publication = get_publication_for_staff(user, pk)
    agency = publication.agency
    today = timezone.localdate()
    # The buttons are the steps the life cycle's table allows this viewer now.
    allowed = {t.action for t in TABLE.allowed(user, publication, today)}
    return render(
        request,
        "console/item.html",
        {
            "item": publication,
            "allowed": allowed,
            "events": publication.events.select_related("actor"),
            "signoffs": publication.signoffs.select_related("reviewer"),
            "attachments": publication.attachments.all(),
            "reviews": reviews_open(user, publication, today),
            "validity_form": ValidityForm() if "validity" in allowed else None,
            "filed_under": publication.catalog_items.select_related("domain"),
            "file_form": FileUnderForm(agency=agency) if "file" in allowed else None,
            "supersede_form": SupersedeForm() if "supersede" in allowed else None,
            # 纳入主动公开 (条例第四十四条): the application it came from, for its case staff.
            "from_case": case_of_draft(user, publication.pk),
        },
    )


class _SignoffForm(forms.Form):
    kind = forms.ChoiceField(choices=ReviewKind.choices)
    note = forms.CharField(required=False, max_length=500)


def _submit(request: HttpRequest, user: User, publication: Publication) -> None:
    actions.submit(actor=user, publication=publication)


def _sign_off(request: HttpRequest, user: User, publication: Publication) -> None:
    form = _SignoffForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a review."))
    actions.sign_off(
        actor=user,
        publication=publication,
        kind=form.cleaned_data["kind"],
        note=form.cleaned_data["note"],
    )


def _attach(request: HttpRequest, user: User, publication: Publication) -> None:
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError(_("Choose a file."))
    actions.add_attachment(
        actor=user,
        publication=publication,
        name=upload.name or "file",
        content=upload.read(),
        content_type=upload.content_type or "",
    )


def _send_back(request: HttpRequest, user: User, publication: Publication) -> None:
    actions.send_back(actor=user, publication=publication, reason=request.POST.get("reason", ""))


def _publish(request: HttpRequest, user: User, publication: Publication) -> None:
    actions.publish(actor=user, publication=publication)


def _validity(request: HttpRequest, user: User, publication: Publication) -> None:
    form = ValidityForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Fill in the validity change."))
    actions.change_validity(
        actor=user,
        publication=publication,
        validity=form.cleaned_data["validity"],
        on=form.cleaned_data["on"],
        by_text=form.cleaned_data["by_text"],
    )


def _file(request: HttpRequest, user: User, publication: Publication) -> None:
    form = FileUnderForm(request.POST, agency=publication.agency)
    if not form.is_valid():
        raise ValidationError(_("Choose a standard catalog item."))
    actions.file_under(actor=user, publication=publication, item=form.cleaned_data["item"])


def _supersede(request: HttpRequest, user: User, publication: Publication) -> None:
    form = SupersedeForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Give the index number of the new version."))
    by = Publication.objects.filter(
        agency=publication.agency, index_number=form.cleaned_data["index_number"].strip()
    ).first()
    if by is None:
        raise ValidationError(_("The agency has no item with that index number."))
    actions.supersede(actor=user, publication=publication, by=by)


# The table's actions the item page offers (as forms), by action name.
STEPS: dict[str, Callable[[HttpRequest, User, Publication], None]] = {
    "submit": _submit,
    "sign_off": _sign_off,
    "attach": _attach,
    "send_back": _send_back,
    "publish": _publish,
    "validity": _validity,
    "file": _file,
    "supersede": _supersede,
}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = _user(request)
    publication = get_publication_for_staff(user, pk)
    step = STEPS.get(action)
    if step is None:
        raise Http404("no such action")
    try:
        step(request, user, publication)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, _("You may not do that."))
    else:
        messages.success(request, _("Done."))
    return redirect("console:item", publication.pk)


class _YearParams(ParamsForm):
    year = YearField()


class _CatalogImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX file"))


@login_required
def standard_catalog(request: HttpRequest, agency_id: int) -> HttpResponse:
    """The agency's standard catalog with its gaps: per item, published this year, late, missing."""
    user = _user(request)
    agency = get_agency_for_viewer(user, agency_id)
    wanted = _YearParams(request.GET)
    year = wanted.value("year") or timezone.localdate().year
    for problem in wanted.problems:
        messages.error(request, problem)
    form = _CatalogImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.import_catalog(
                actor=user, agency=agency, rows=catalog_xlsx.read(form.cleaned_data["file"].read())
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        except PermissionDenied:
            messages.error(request, _("You may not do that."))
        else:
            messages.success(request, _("%(n)d catalog items imported.") % {"n": len(saved)})
            return redirect("console:standard_catalog", agency.pk)
    return render(
        request,
        "console/standard_catalog.html",
        {
            "agency": agency,
            "year": year,
            "gaps": queries.catalog_gaps(agency, year),
            "form": form if can_draft(user, agency) else None,
            "can_edit": can_draft(user, agency),
        },
        status=wanted.http_status,
    )


@login_required
def catalog_item(request: HttpRequest, agency_id: int, item_id: int | None = None) -> HttpResponse:
    """Add one standard catalog item, or edit one (its columns, number or domain)."""
    user = _user(request)
    agency = _drafting_agency(request, agency_id)
    item = None
    if item_id is not None:
        item = CatalogItem.objects.filter(agency=agency, pk=item_id).first()
        if item is None:
            raise Http404("no such catalog item")
    form = CatalogItemForm(request.POST or None, instance=item, agency=agency)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if item is None:
                actions.save_catalog_item(actor=user, agency=agency, **fields)
            else:
                actions.update_catalog_item(actor=user, item=item, **fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Done."))
            return redirect("console:standard_catalog", agency.pk)
    return render(
        request, "console/catalog_item.html", {"form": form, "agency": agency, "item": item}
    )


@login_required
def standard_catalog_xlsx(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_agency_for_viewer(_user(request), agency_id)
    response = HttpResponse(
        catalog_xlsx.export(agency),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="catalog-{agency.pk}.xlsx"'
    return response


@login_required
def figures(request: HttpRequest, agency_id: int) -> HttpResponse:
    """条例第二十条 figures for section 二: entered in a form or imported from CSV/XLSX."""
    user = _user(request)
    agency = get_agency_for_viewer(user, agency_id)
    form = FiguresForm(request.POST if "year" in request.POST else None)
    upload = FiguresImportForm(request.POST if request.FILES else None, request.FILES or None)
    try:
        if request.method == "POST" and form.is_bound and form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "year"}
            actions.record_figures(
                actor=user, agency=agency, year=form.cleaned_data["year"], figures=data,
                source=_("form"),
            )  # fmt: skip
            messages.success(request, _("Done."))
            return redirect("console:figures", agency.pk)
        if request.method == "POST" and upload.is_bound and upload.is_valid():
            actions.import_figures(
                actor=user, rows=upload.rows(), source=upload.cleaned_data["file"].name
            )
            messages.success(request, _("Done."))
            return redirect("console:figures", agency.pk)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    except PermissionDenied:
        messages.error(request, _("You may not do that."))
    records = Article20Figures.objects.filter(agency=agency)
    return render(
        request,
        "console/figures.html",
        {"agency": agency, "form": form, "upload": upload, "records": records},
    )

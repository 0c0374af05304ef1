"""The console's 通报: issue one for a period (a round of checks and the 督办单 issued), list
them, download each as DOCX or PDF (``supervision.bulletin``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, agencies_for
from gongkai.agencies.choices import GOVERNMENTS
from gongkai.agencies.models import Agency
from gongkai.console.cases._common import DATE_WIDGET, _add_errors, _user
from gongkai.supervision import bulletin as bulletins
from gongkai.supervision.models import Bulletin


class BulletinForm(forms.Form):
    issuer = forms.ModelChoiceField(
        label=gettext_lazy("Supervising office"), queryset=Agency.objects.none()
    )
    start = forms.DateField(label=gettext_lazy("From"), widget=DATE_WIDGET)
    end = forms.DateField(label=gettext_lazy("To"), widget=DATE_WIDGET)


def bulletin_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    issuers = agencies_for(user, C.ISSUE_ORDERS).filter(kind__in=GOVERNMENTS).order_by("name")
    form = BulletinForm(request.POST or None)
    field = form.fields["issuer"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = issuers
    if request.method == "POST" and form.is_valid():
        try:
            bulletins.issue(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("console:supervision:bulletins")
    return render(
        request,
        "console/supervision/bulletins.html",
        {
            "bulletins": Bulletin.objects.filter(
                issuer__in=agencies_for(user, C.VIEW_SCORECARD)
            ).select_related("issuer"),
            "form": form,
            "can_issue": issuers.exists(),
        },
        status=400 if request.method == "POST" else 200,
    )


def bulletin_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    user = _user(request)
    found = Bulletin.objects.filter(
        pk=pk, issuer__in=agencies_for(user, C.VIEW_SCORECARD)
    ).select_related("issuer")
    item = found.first()
    if item is None or fmt not in ("docx", "pdf"):
        raise Http404("no such bulletin")
    data = bulletins.to_docx(item) if fmt == "docx" else bulletins.to_pdf(item)
    kind = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return HttpResponse(
        data,
        content_type=kind,
        headers={"Content-Disposition": f'attachment; filename="bulletin-{item.pk}.{fmt}"'},
    )

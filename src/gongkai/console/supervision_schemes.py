"""The console's 考核: the schemes a supervising office keeps (one per year), their indicators
edited as lines (``key|label|points|rule|per_item``), manual scores and deductions per unit, the
scores computed from the scorecard, review and publication (``supervision.assessment``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, agencies_for
from gongkai.agencies.choices import GOVERNMENTS
from gongkai.agencies.models import Agency, User
from gongkai.agencies.params import YearField
from gongkai.console.cases._common import _add_errors, _user
from gongkai.supervision import assessment
from gongkai.supervision.models import Scheme
from gongkai.supervision.transitions import SCHEME_TABLE


class NewSchemeForm(forms.Form):
    issuer = forms.ModelChoiceField(
        label=gettext_lazy("Supervising office"), queryset=Agency.objects.none()
    )
    year = YearField(required=True)


class IndicatorsForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Indicators (key|label|points|rule|per item, one per line)"),
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80}),
    )


class UnitScoreForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Agency.objects.none())
    manual = forms.CharField(
        label=gettext_lazy("Manual scores (key=score, one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    deductions = forms.CharField(
        label=gettext_lazy("Deductions (reason|points, one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


def _schemes(user: User) -> Any:
    return Scheme.objects.filter(issuer__in=agencies_for(user, C.ISSUE_ORDERS))


def scheme_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    issuers = agencies_for(user, C.ISSUE_ORDERS).filter(kind__in=GOVERNMENTS)
    form = NewSchemeForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    field = form.fields["issuer"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = issuers.order_by("name")
    if request.method == "POST" and form.is_valid():
        try:
            scheme = assessment.create_scheme(
                actor=user, issuer=form.cleaned_data["issuer"], year=form.cleaned_data["year"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("console:supervision:scheme", scheme.pk)
    return render(
        request,
        "console/supervision/schemes.html",
        {"schemes": _schemes(user).select_related("issuer"), "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _lines_to_indicators(text: str) -> list[dict[str, str]]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 4:
            raise ValidationError({"text": _("Each line needs key|label|points|rule.")})
        out.append(
            {
                "key": parts[0],
                "label": parts[1],
                "points": parts[2],
                "rule": parts[3],
                "per_item": parts[4] if len(parts) > 4 else "0",
            }
        )
    return out


def _pairs(text: str, sep: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        if line.strip():
            key, found, value = line.partition(sep)
            if not found:
                raise ValidationError(_("Use “%(sep)s” between the two parts.") % {"sep": sep})
            pairs.append((key.strip(), value.strip()))
    return pairs


def scheme_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    scheme = _schemes(user).select_related("issuer").filter(pk=pk).first()
    if scheme is None:
        raise Http404("no such scheme")
    text = "\n".join(
        f"{i.key}|{i.label}|{i.points}|{i.rule}|{i.per_item}"
        for i in assessment.indicators_of(scheme)
    )
    which = request.POST.get("form", "") if request.method == "POST" else ""
    indicators_form = IndicatorsForm(
        request.POST if which == "indicators" else None, initial={"text": text}
    )
    unit_form = UnitScoreForm(request.POST if which == "unit" else None)
    field = unit_form.fields["unit"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Agency.objects.filter(pk__in=[u.pk for u in assessment.units_of(scheme)])
    try:
        if which == "indicators" and indicators_form.is_valid():
            assessment.set_indicators(
                actor=user,
                scheme=scheme,
                indicators=_lines_to_indicators(indicators_form.cleaned_data["text"]),
            )
            assessment.compute(actor=user, scheme=scheme)
            messages.success(request, _("Saved."))
            return redirect("console:supervision:scheme", scheme.pk)
        if which == "unit" and unit_form.is_valid():
            f = unit_form.cleaned_data
            try:
                manual = dict(_pairs(f["manual"], "="))
                deductions = [{"reason": r, "points": p} for r, p in _pairs(f["deductions"], "|")]
            except ValidationError as exc:
                raise ValidationError({"manual": exc.messages}) from exc
            assessment.compute(
                actor=user,
                scheme=scheme,
                manual={f["unit"].pk: manual},
                deductions={f["unit"].pk: deductions},
            )
            messages.success(request, _("Saved."))
            return redirect("console:supervision:scheme", scheme.pk)
        if which in ("compute", "review", "reopen", "publish"):
            if which == "compute":
                assessment.compute(actor=user, scheme=scheme)
            else:
                assessment.step(actor=user, scheme=scheme, action=which)
            messages.success(request, _("Saved."))
            return redirect("console:supervision:scheme", scheme.pk)
    except ValidationError as exc:
        if which == "indicators":
            _add_errors(indicators_form, exc)
        elif which == "unit":
            _add_errors(unit_form, exc)
        else:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("console:supervision:scheme", scheme.pk)
    return render(
        request,
        "console/supervision/scheme.html",
        {
            "scheme": scheme,
            "scores": scheme.scores.select_related("unit"),
            "indicators": assessment.indicators_of(scheme),
            "editable": scheme.status == "draft",
            "indicators_form": indicators_form,
            "unit_form": unit_form,
            "allowed": {t.action for t in SCHEME_TABLE.allowed(user, scheme, timezone.localdate())},
        },
        status=400 if which else 200,
    )

"""The console's registry of a unit's websites and 政务新媒体 accounts with their checks, and
its training sessions (``supervision.registry``); a failed check leads to a 督办单."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.agencies.access import C, agencies_for, can
from gongkai.agencies.models import Agency, User
from gongkai.console.cases._common import DATE_WIDGET, _add_errors, _user
from gongkai.supervision import registry
from gongkai.supervision.choices import ChannelKind
from gongkai.supervision.models import Channel, ChannelCheck, TrainingSession


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Platform"), choices=ChannelKind.choices)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    operator = forms.CharField(label=gettext_lazy("Operated by"), max_length=200, required=False)
    opened_on = forms.DateField(label=gettext_lazy("Opened"), required=False, widget=DATE_WIDGET)
    filing = forms.CharField(label=gettext_lazy("Filing number"), max_length=100, required=False)


class CheckForm(forms.Form):
    channel = forms.ModelChoiceField(label=gettext_lazy("Channel"), queryset=Channel.objects.none())
    checked_on = forms.DateField(label=gettext_lazy("Date checked"), widget=DATE_WIDGET)
    last_update = forms.DateField(label=gettext_lazy("Last update"), widget=DATE_WIDGET)
    broken_links = forms.IntegerField(label=gettext_lazy("Broken links"), min_value=0, initial=0)
    wrong_content = forms.IntegerField(label=gettext_lazy("Wrong content"), min_value=0, initial=0)
    unanswered = forms.IntegerField(
        label=gettext_lazy("Messages unanswered"), min_value=0, initial=0
    )


class TrainingForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("Date held"), widget=DATE_WIDGET)
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=300)
    organiser = forms.CharField(label=gettext_lazy("Organiser"), max_length=200)
    participants = forms.IntegerField(label=gettext_lazy("Participants"), min_value=1)


def _agency(user: User, agency_id: int) -> Agency:
    readable = agencies_for(user, C.VIEW_SCORECARD) | agencies_for(user, C.ENTER_FIGURES)
    agency = readable.filter(pk=agency_id).first()
    if agency is None:
        raise Http404("no such unit")
    return agency


def registry_page(request: HttpRequest, agency_id: int) -> HttpResponse:
    user = _user(request)
    agency = _agency(user, agency_id)
    may_record = can(user, C.ENTER_FIGURES, agency) or can(user, C.ISSUE_ORDERS, agency)
    posted = request.method == "POST" and may_record
    which = request.POST.get("form", "") if posted else ""
    channel_form = ChannelForm(request.POST if which == "channel" else None)
    check_form = CheckForm(request.POST if which == "check" else None)
    training_form = TrainingForm(request.POST if which == "training" else None)
    channels = Channel.objects.filter(agency=agency)
    field = check_form.fields["channel"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = channels.filter(closed_on__isnull=True)
    form = {"channel": channel_form, "check": check_form, "training": training_form}.get(which)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if which == "channel":
                registry.register_channel(actor=user, agency=agency, **data)
            elif which == "check":
                registry.record_check(actor=user, **data)
            else:
                registry.record_training(actor=user, agency=agency, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("console:supervision:registry", agency.pk)
    year = timezone.localdate().year
    checks = ChannelCheck.objects.filter(channel__agency=agency).select_related("channel")
    return render(
        request,
        "console/supervision/registry.html",
        {
            "agency": agency,
            "channels": channels,
            "checks": checks[:200],
            "trainings": TrainingSession.objects.filter(agency=agency)[:200],
            "counts": registry.year_counts([agency.pk], year),
            "last_year": registry.year_counts([agency.pk], year - 1),
            "year": year,
            "may_record": may_record,
            "can_issue": can(user, C.ISSUE_ORDERS, agency),
            "channel_form": channel_form,
            "check_form": check_form,
            "training_form": training_form,
        },
        status=400 if form is not None else 200,
    )

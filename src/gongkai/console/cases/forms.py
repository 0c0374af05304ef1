"""One form per action on a case; dates default to today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from gongkai.agencies.choices import Role
from gongkai.agencies.models import Agency, User
from gongkai.agencies.queries import calendar_for
from gongkai.cases.choices import ConsultationAnswer, ConsultationKind, ServiceMethod
from gongkai.cases.models import Assistance, Case, Consultation
from gongkai.console.cases._common import DATE_WIDGET
from gongkai.console.cases.labels import outcome_choices
from gongkai.core import fees, outcomes


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CaseForm(forms.Form):
    """A form for one action on one case; dates default to today."""

    def __init__(self, data: Mapping[str, Any] | None, *, case: Case, today: dt.date) -> None:
        super().__init__(data)
        self.case = case
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and field.required and field.initial is None:
                field.initial = today
        self.setup(case)

    def setup(self, case: Case) -> None:
        """Choices that depend on the case."""

    def _queryset(self, name: str, queryset: QuerySet[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset
        if len(queryset) == 1:
            field.initial = queryset[0]


class OnForm(CaseForm):
    on = _date_field(gettext_lazy("Date"))


class NoteForm(OnForm):
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EmptyForm(CaseForm):
    pass


class AssignForm(CaseForm):
    officer = forms.ModelChoiceField(label=gettext_lazy("Officer"), queryset=User.objects.none())

    def setup(self, case: Case) -> None:
        self._queryset(
            "officer",
            User.objects.filter(
                is_active=True, memberships__agency=case.agency, memberships__role=Role.OFFICER
            )
            .distinct()
            .order_by("username"),
        )


class RequestAssistanceForm(CaseForm):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Agency.objects.none())
    due_on = _date_field(gettext_lazy("The unit's due date"))
    note = forms.CharField(
        label=gettext_lazy("What is needed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def setup(self, case: Case) -> None:
        self._queryset(
            "unit",
            Agency.objects.filter(is_active=True).exclude(pk=case.agency_id).order_by("name"),
        )


class _LabelledChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        if isinstance(obj, Assistance):
            return f"{obj.unit.name}（{obj.due_on:%Y-%m-%d}）"
        if isinstance(obj, Consultation):
            return f"{obj.consultee}（{obj.sent_on:%Y-%m-%d}）"
        return str(obj)


class RecordAssistanceForm(NoteForm):
    assistance = _LabelledChoice(label=gettext_lazy("Request"), queryset=Assistance.objects.none())
    field_order = ("assistance", "on", "note")

    def setup(self, case: Case) -> None:
        self._queryset(
            "assistance", case.assistance.filter(answered_on__isnull=True).select_related("unit")
        )


class RequestCorrectionForm(CaseForm):
    on = _date_field(gettext_lazy("Date of the notice"))
    items = forms.CharField(
        label=gettext_lazy("What the applicant must supplement (one item per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    deadline = _date_field(gettext_lazy("Supplement by"))

    # 条例第三十条 asks for a reasonable period and the action refuses one ending on the day of
    # the notice: the field starts at 15 working days, a common practice, never at today.
    CORRECTION_WORKDAYS = 15

    def __init__(self, data: Mapping[str, Any] | None, *, case: Case, today: dt.date) -> None:
        super().__init__(data, case=case, today=today)
        calendar = calendar_for(today)
        self.fields["deadline"].initial = calendar.add_workdays(today, self.CORRECTION_WORKDAYS)


class ConsultForm(CaseForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ConsultationKind.choices)
    consultee = forms.CharField(label=gettext_lazy("Consulted"), max_length=200, required=False)
    consultee_address = forms.CharField(
        label=gettext_lazy("Address"), max_length=300, required=False
    )
    sent_on = _date_field(gettext_lazy("Letter sent"))


class RecordConsultationForm(CaseForm):
    consultation = _LabelledChoice(
        label=gettext_lazy("Consultation"), queryset=Consultation.objects.none()
    )
    answer = forms.ChoiceField(label=gettext_lazy("Answer"), choices=ConsultationAnswer.choices)
    answered_on = _date_field(gettext_lazy("Answer received (or the day the period lapsed)"))
    delivered_on = _date_field(gettext_lazy("Letter received by the consultee"), required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def setup(self, case: Case) -> None:
        self._queryset("consultation", case.consultations.filter(answered_on__isnull=True))


class NotifyThirdPartyForm(CaseForm):
    consultation = _LabelledChoice(
        label=gettext_lazy("Consultation"), queryset=Consultation.objects.none()
    )
    on = _date_field(gettext_lazy("Date"))
    reasons = forms.CharField(
        label=gettext_lazy("Why the public interest requires disclosure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def setup(self, case: Case) -> None:
        self._queryset("consultation", case.consultations.filter(answer=ConsultationAnswer.OBJECTS))


class RequestReasonsForm(NoteForm):
    respond_by = _date_field(gettext_lazy("Answer by"))

    def setup(self, case: Case) -> None:
        self.fields["respond_by"].initial = None


class ExtendForm(CaseForm):
    granted_on = _date_field(gettext_lazy("Approved on"))
    workdays = forms.IntegerField(
        label=gettext_lazy("Working days"), initial=20, min_value=1, max_value=20
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SetOfficeDateForm(CaseForm):
    set_on = _date_field(gettext_lazy("Date"))
    due_on = _date_field(gettext_lazy("New reply date"))
    reason = forms.CharField(
        label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def setup(self, case: Case) -> None:
        self.fields["due_on"].initial = None


class FeeNoticeForm(CaseForm):
    basis = forms.ChoiceField(
        label=gettext_lazy("Basis"), choices=[(b.value, fees.BASIS_LABELS[b]) for b in fees.Basis]
    )
    pages = forms.IntegerField(
        label=gettext_lazy("Pages (per-page basis)"), required=False, min_value=0
    )
    notice_on = _date_field(gettext_lazy("Date of the notice"))
    payment_method = forms.CharField(
        label=gettext_lazy("How to pay (account, payee, reference)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecordPaymentForm(CaseForm):
    paid_on = _date_field(gettext_lazy("Paid on"))
    receipt_number = forms.CharField(
        label=gettext_lazy("Receipt number"), max_length=60, required=False
    )


class SplitForm(CaseForm):
    descriptions = forms.CharField(
        label=gettext_lazy("The matters, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


REASONS_HELP = gettext_lazy("Required for every outcome except %(codes)s.")


class DecideForm(CaseForm):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=[])
    decided_on = _date_field(gettext_lazy("Decided on"))
    reasons = forms.CharField(
        label=gettext_lazy("Reasons, stated for the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    provision = forms.CharField(
        label=gettext_lazy("How the information is provided (disclosure)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    published_at = forms.CharField(
        label=gettext_lazy("Where it is already published, if so"),
        required=False,
        max_length=500,
    )
    extra_articles = forms.CharField(
        label=gettext_lazy("Further articles cited (one per line, e.g. the exemption's article)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def setup(self, case: Case) -> None:
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *outcome_choices(outcomes.DECIDABLE)]
        free = [c for c in outcomes.DECIDABLE if not outcomes.get(c).reasons_required]
        self.fields["reasons"].help_text = REASONS_HELP % {"codes": "、".join(free)}


class ServeForm(CaseForm):
    method = forms.ChoiceField(label=gettext_lazy("Method"), choices=ServiceMethod.choices)
    served_on = _date_field(gettext_lazy("Served on"))
    reference = forms.CharField(
        label=gettext_lazy("Postal tracking number, e-mail address or collection receipt"),
        max_length=100,
        required=False,
    )


class ReopenForm(OnForm):
    reason = forms.CharField(
        label=gettext_lazy("The decision that requires a new reply"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecordSearchForm(CaseForm):
    """内部检索单: where, with what terms, what was found (actions.record_search)."""

    searched_on = _date_field(gettext_lazy("Date searched"))
    places = forms.CharField(
        label=gettext_lazy("Where the office searched"),
        help_text=gettext_lazy("Archives, information systems, departments: one a line."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    terms = forms.CharField(
        label=gettext_lazy("Search terms"),
        help_text=gettext_lazy("One a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    result = forms.CharField(
        label=gettext_lazy("What was found"), widget=forms.Textarea(attrs={"rows": 3})
    )
    found = forms.BooleanField(label=gettext_lazy("The information was found"), required=False)

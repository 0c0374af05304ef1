"""What the console's case pages share: the signed-in officer, errors onto forms, the case
with what its page reads."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest

from gongkai.agencies.models import User
from gongkai.cases import access
from gongkai.cases.models import Case
from gongkai.console.acting import add_errors

PAGE_SIZE = 50
_add_errors = add_errors  # the name the case pages use
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise Http404("no such application")
    return user


def _case_for_page(user: User, pk: int) -> Case:
    """The case with everything its page and the transition guards read, in few queries."""
    access.get_case_for_staff(user, pk)  # the rights check: 404 otherwise
    return (
        Case.objects.select_related(
            "agency",
            "assigned_to",
            "split_from",
            "correction",
            "extension__approved_by",
            "office_date",
            "fee",
        )
        .prefetch_related("consultations", "split_into")
        .get(pk=pk)
    )

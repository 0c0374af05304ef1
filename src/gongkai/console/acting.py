"""One view for the steps of every life cycle the console acts on (applications, reviews and
suits): GET shows the step's form, POST runs the step's action; bad input or a refusal shows
the form again with the message (400), done goes back to the object's page. ``PageSteps``
serves steps whose buttons post straight from the object's page: every outcome goes back to
that page, with a message.

What may be done is the life cycle's ``TransitionTable`` and nothing else: the right is
checked again here (403), a step the table does not allow now goes back with a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from gongkai.agencies.access import can
from gongkai.agencies.lifecycle import TransitionTable
from gongkai.agencies.models import User


@dataclass(frozen=True)
class Step[M: models.Model]:
    """A step's form and the call of its action with the form's cleaned data."""

    form: Callable[..., forms.Form]  # a form class; case forms take the case and the day
    run: Callable[[User, M, dict[str, Any]], object]
    intro: Promise | None = None
    # A warning shown above the form when something about the object needs attention first.
    warning: Callable[[M], Promise | None] | None = None


@dataclass(frozen=True)
class Steps[M: models.Model]:
    """The steps of one life cycle and where its pages are."""

    table: TransitionTable[M]
    steps: Mapping[str, Step[M]]
    page: str  # the URL name of the object's page
    template: str
    name: str  # the object's name in the template
    refused: Promise  # "“%(action)s” is not possible … now."
    make_form: Callable[[Callable[..., forms.Form], QueryDict | None, M, dt.date], forms.Form]

    def view(self, request: HttpRequest, user: User, obj: M, action: str) -> HttpResponse:
        step = self.steps.get(action)
        if step is None or action not in self.table.by_action:
            raise Http404("no such action")
        transition = self.table.by_action[action]
        today = timezone.localdate()
        if transition.capability is not None and not can(
            user, transition.capability, self.table.agency_of(obj)
        ):
            raise PermissionDenied(f"{user} may not {action} here")
        posted = request.method == "POST"
        if not posted and not self.table.permitted(user, obj, action, today):
            messages.error(request, str(self.refused) % {"action": transition.label})
            return redirect(self.page, obj.pk)
        form = self.make_form(step.form, request.POST if posted else None, obj, today)
        if posted and form.is_valid():
            try:
                step.run(user, obj, form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("%(action)s: done.") % {"action": transition.label})
                return redirect(self.page, obj.pk)
        return render(
            request,
            self.template,
            {
                self.name: obj,
                "form": form,
                "transition": transition,
                "step": step,
                "warning": step.warning(obj) if step.warning else None,
            },
            status=400 if posted else 200,
        )


def add_errors(form: forms.Form, exc: ValidationError, *, only_new: bool = False) -> None:
    """An action's refusal onto the form: by field where the form has it, else above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            if only_new and name in form.errors:
                continue
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def fail_message(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    """A refusal or bad input as a message on the page it goes back to."""
    if isinstance(error, PermissionDenied):
        messages.error(request, _("You are not allowed to do this."))
    else:
        messages.error(request, "；".join(error.messages))


class PageSteps[M: models.Model](Steps[M]):
    """The steps of a page whose buttons post straight from the object's page (no form page):
    the step is one of the life cycle's actions (else 404), its form is made from the posted
    data and files, and bad input or a refusal goes back to the page as a message, as does done.
    The actions check the table themselves (right, status, the law's guard)."""

    def view(self, request: HttpRequest, user: User, obj: M, action: str) -> HttpResponse:
        step = self.steps.get(action)
        if step is None or action not in self.table.by_action:
            raise Http404("no such action")
        form = step.form(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise ValidationError([str(e) for errs in form.errors.values() for e in errs])
            step.run(user, obj, form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            fail_message(request, error)
        else:
            messages.success(request, _("Done."))
        return redirect(self.page, obj.pk)

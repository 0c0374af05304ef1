"""The admin of people: accounts for the platform administrator; an agency administrator
finds colleagues and grants or revokes their roles in the agencies they manage, from the
person's page (through ``actions.grant_role``/``revoke_role``, which check the right again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gongkai.agencies import actions, auth
from gongkai.agencies.access import C, agencies_for, can
from gongkai.agencies.admin import _actor, _anywhere, _staff
from gongkai.agencies.models import Membership, User

if TYPE_CHECKING:
    _UserMembershipInline = admin.TabularInline[Membership, User]
    _UserAdmin = DjangoUserAdmin[User]
else:
    _UserMembershipInline = admin.TabularInline
    _UserAdmin = DjangoUserAdmin


# -- users ------------------------------------------------------------------------------------


class UserMembershipInline(_UserMembershipInline):
    """A person's roles everywhere, for reading (each is changed where its agency's admin may)."""

    model = Membership
    fk_name = "user"
    extra = 0
    fields = ("agency", "role", "created_at")
    readonly_fields = ("agency", "role", "created_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ManagedMembershipInline(_UserMembershipInline):
    """The person's roles in the agencies the viewer manages: granted, changed and revoked here
    (``UserAdmin.save_formset`` → the actions)."""

    model = Membership
    fk_name = "user"
    extra = 1
    fields = ("agency", "role")
    verbose_name = _("role in an agency you manage")
    verbose_name_plural = _("roles in the agencies you manage")

    def _managed(self, request: HttpRequest) -> QuerySet[Any]:
        return agencies_for(request.user, C.MANAGE_MEMBERS)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return super().get_queryset(request).filter(agency__in=self._managed(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = self._managed(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _agency_admin(self, request: HttpRequest) -> bool:
        # The platform administrator grants roles on the agency's page (every agency's).
        return _anywhere(request, C.MANAGE_MEMBERS) and not can(request.user, C.MANAGE_USERS)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._agency_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._agency_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._agency_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._agency_admin(request)


@admin.register(User)
class UserAdmin(_UserAdmin):
    list_display = ("username", "full_name", "email", "is_active", "is_staff", "is_superuser")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("username", "full_name", "email")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email", "phone")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    inlines = (UserMembershipInline, ManagedMembershipInline)
    actions = ("unlock_sign_in", "reset_second_factor")

    @admin.action(description=_("Unlock sign-in (every address)"), permissions=["change"])
    def unlock_sign_in(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset)
        for user in users:
            actions.unlock_sign_in(actor=_actor(request), username=user.username)
        messages.success(
            request,
            ngettext("%(n)d user unlocked.", "%(n)d users unlocked.", len(users))
            % {"n": len(users)},
        )

    @admin.action(description=_("Reset two-factor sign-in (lost phone)"), permissions=["change"])
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset)
        for user in users:
            auth.reset_second_factor(actor=_actor(request), user=user)
        messages.success(
            request,
            ngettext(
                "%(n)d user will enrol a second factor again.",
                "%(n)d users will enrol a second factor again.",
                len(users),
            )
            % {"n": len(users)},
        )

    def _manages_users(self, request: HttpRequest) -> bool:
        return _staff(request) and can(request.user, C.MANAGE_USERS)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._manages_users(request)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        found = super().get_queryset(request)
        if self._manages_users(request):
            return found
        # An agency administrator sees colleagues only: people with a role in an agency they
        # manage, and staff accounts (officials they may give a role); never the public's
        # accounts (applicants' e-mail and phone are not theirs to read).
        return found.filter(
            Q(memberships__agency__in=self._managed(request)) | Q(is_staff=True)
        ).distinct()

    def _managed(self, request: HttpRequest) -> QuerySet[Any]:
        return agencies_for(request.user, C.MANAGE_MEMBERS)

    def get_list_display(self, request: HttpRequest) -> Any:
        if self._manages_users(request):
            return self.list_display
        return tuple(f for f in self.list_display if f != "email")

    def get_search_fields(self, request: HttpRequest) -> Any:
        if self._manages_users(request):
            return self.search_fields
        return ("username", "full_name")  # no probing of addresses

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Agency administrators pick colleagues for roles: they may look people up.
        return self._manages_users(request) or (_anywhere(request, C.MANAGE_MEMBERS))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._manages_users(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # An agency administrator "changes" a person only by their roles (the inline); the
        # account's own fields stay read-only for them (get_readonly_fields).
        return self._manages_users(request) or (
            obj is not None and _anywhere(request, C.MANAGE_MEMBERS)
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if self._manages_users(request):
            return self.readonly_fields
        return ("username", "full_name", "email", "phone", "is_active", "is_staff",
                "is_superuser", "last_login", "date_joined")  # fmt: skip

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self._manages_users(request):
            # Contact details only of the people in the agencies they manage.
            colleague = obj.memberships.filter(agency__in=self._managed(request)).exists()
            hidden = {"password"} if colleague else {"password", "email", "phone"}
            return [(name, {**opts, "fields": tuple(f for f in opts["fields"] if f not in hidden)})
                    for name, opts in fieldsets]  # fmt: skip
        return fieldsets

    def get_actions(
        self, request: HttpRequest, action_location: Any = ActionLocation.CHANGE_LIST
    ) -> Any:
        found = super().get_actions(request, action_location)
        if not self._manages_users(request):
            return {}  # unlocking and second factors: the platform administrator's
        return found

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Both inlines are of memberships: the read-only one never has changes to save.
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        user: User = form.instance
        formset.save(commit=False)
        try:
            for membership in formset.deleted_objects:
                actions.revoke_role(actor=_actor(request), membership=membership)
            for membership, _fields in formset.changed_objects:
                old = Membership.objects.get(pk=membership.pk)
                actions.revoke_role(actor=_actor(request), membership=old)
                actions.grant_role(
                    actor=_actor(request), user=user, agency=membership.agency,
                    role=membership.role,
                )  # fmt: skip
            for membership in formset.new_objects:
                actions.grant_role(
                    actor=_actor(request), user=user, agency=membership.agency,
                    role=membership.role,
                )  # fmt: skip
        except ValidationError as exc:
            raise PermissionDenied(str(exc)) from exc

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # accounts are deactivated: the audit trail and timelines name them

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if change and not self._manages_users(request):
            return  # only roles changed (save_formset); the account is read-only for them
        data = form.cleaned_data
        try:
            if change:
                changes = {f: data[f] for f in form.changed_data if f in actions.USER_FIELDS}
                actions.update_user(actor=_actor(request), user=obj, changes=changes)
                return
            usable = data.get("usable_password", "true") not in {False, "false"}
            saved = actions.create_user(
                actor=_actor(request),
                username=data["username"],
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
                password=data.get("password1") if usable else None,
            )
        except ValidationError as exc:
            raise PermissionDenied(str(exc)) from exc
        obj.pk = saved.pk
        obj._state.adding = False

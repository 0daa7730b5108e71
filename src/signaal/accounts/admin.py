"""Admin for teams and the people who log in, with their roles (groups)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from signaal.accounts.forms import ThrottledAdminAuthenticationForm
from signaal.accounts.models import Team, User

# The admin's log-in page is throttled like the workspace's.
admin.site.login_form = ThrottledAdminAuthenticationForm


# ModelAdmin and ModelForm are generic only in django-stubs: without
# django_stubs_ext.monkeypatch() in the settings they cannot be subscripted at run time,
# hence the "type-arg" ignores on the classes below.
@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "member_count", "created_at")
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Team]:
        queryset: QuerySet[Team] = super().get_queryset(request)
        return queryset.annotate(_members=Count("members"))

    @admin.display(description=_("Members"), ordering="_members")
    def member_count(self, obj: Any) -> int:
        return int(obj._members)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    """Django's user admin with the team, and the roles shown in the list."""

    list_display = ("username", "display_name", "team", "roles", "is_active", "last_login")
    list_filter = ("groups", "team", "is_active", "is_staff")
    list_select_related = ("team",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "team")}),
        (
            _("Roles and access"),
            {
                "fields": ("is_active", "groups", "is_staff", "is_superuser"),
                "description": _(
                    "A role is a group: agent, coach, manager or admin. Managers and admins "
                    "also need 'staff status' to use this admin site."
                ),
            },
        ),
        (_("Extra permissions"), {"classes": ("collapse",), "fields": ("user_permissions",)}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "team",
                    "groups",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        queryset: QuerySet[User] = super().get_queryset(request)
        return queryset.prefetch_related("groups")

    @admin.display(description=_("Name"))
    def display_name(self, obj: User) -> str:
        return obj.display_name

    @admin.display(description=_("Roles"))
    def roles(self, obj: User) -> str:
        names = [g.name for g in obj.groups.all()]
        if obj.is_superuser:
            names.append("superuser")
        return ", ".join(names) or "—"

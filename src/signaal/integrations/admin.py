"""API tokens in the admin: created through the service, the secret shown exactly once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from signaal.integrations.models import ApiToken
from signaal.integrations.services import api_token_create, api_token_revoke


# ModelAdmin and ModelForm are generic only in django-stubs: without
# django_stubs_ext.monkeypatch() in the settings they cannot be subscripted at run time,
# hence the "type-arg" ignores on the classes below.
class ApiTokenCreateForm(forms.ModelForm):  # type: ignore[type-arg]
    """Name and scopes; the secret and its hash are made by ``api_token_create``."""

    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=ApiToken.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Give an integration only what it needs."),
    )

    class Meta:
        model = ApiToken
        fields = ("name", "scopes")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "name",
        "prefix",
        "scope_list",
        "active",
        "created_by",
        "created_at",
        "last_used_at",
    )
    list_filter = ("revoked_at",)
    list_select_related = ("created_by",)
    search_fields = ("name", "prefix")
    actions = ("revoke",)
    readonly_fields = ("prefix", "scopes", "created_by", "created_at", "last_used_at", "revoked_at")
    fields = ("name", "prefix", "scopes", "created_by", "created_at", "last_used_at", "revoked_at")

    def get_form(
        self, request: HttpRequest, obj: ApiToken | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[ApiToken]]:
        if obj is None:
            kwargs["form"] = ApiTokenCreateForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> tuple[str, ...]:
        return ("name", "scopes") if obj is None else tuple(self.fields)

    def get_readonly_fields(
        self, request: HttpRequest, obj: ApiToken | None = None
    ) -> tuple[str, ...]:
        return () if obj is None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            # Only the name can change; scopes and secret are fixed at creation.
            obj.save(update_fields=["name"])
            return
        user = request.user if request.user.is_authenticated else None
        token, secret = api_token_create(
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            created_by=user,
        )
        # The admin goes on with ``obj`` (log entry, redirect): make it the saved token.
        for field in ApiToken._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding = False
        obj._state.db = token._state.db
        messages.warning(
            request,
            _(
                "The secret of %(name)s is %(secret)s — copy it now: it is not stored and "
                "will not be shown again."
            )
            % {"name": token.name, "secret": secret},
        )

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        # Revoke instead: the token stays visible, so the audit trail keeps its meaning.
        return False

    @admin.display(description=_("Scopes"))
    def scope_list(self, obj: ApiToken) -> str:
        return ", ".join(obj.scopes)

    @admin.display(description=_("Active"), boolean=True)
    def active(self, obj: ApiToken) -> bool:
        return obj.is_active

    @admin.action(description=_("Revoke the selected API tokens"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )

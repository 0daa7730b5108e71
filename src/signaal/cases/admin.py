"""Admin for the reference data of cases: contact reasons, channel norms, opening hours and
closed days. Cases and interactions themselves are handled in the workspace, through the
services and with an audit trail, so they are not editable here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from signaal.cases.models import BusinessHours, ChannelNorm, ClosedDay, ContactReason


# ModelAdmin and ModelForm are generic only in django-stubs: without
# django_stubs_ext.monkeypatch() in the settings they cannot be subscripted at run time,
# hence the "type-arg" ignores on the classes below.
@admin.register(ContactReason)
class ContactReasonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("label", "code", "active")
    list_editable = ("active",)
    list_filter = ("active",)
    search_fields = ("label", "code")
    prepopulated_fields = {"code": ("label",)}

    def has_delete_permission(self, request: Any, obj: ContactReason | None = None) -> bool:
        # Closed cases and reports refer to reasons: switch one off instead of deleting it.
        return False


class ChannelNormForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ChannelNorm
        fields = ("channel", "rule", "seconds")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("rule") == ChannelNorm.Rule.SECONDS and not data.get("seconds"):
            self.add_error("seconds", _("Give the number of seconds for this norm."))
        if data.get("rule") != ChannelNorm.Rule.SECONDS:
            data["seconds"] = None
        return data


@admin.register(ChannelNorm)
class ChannelNormAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ChannelNormForm
    list_display = ("channel", "rule", "seconds")
    fieldsets = (
        (
            None,
            {
                "fields": ("channel", "rule", "seconds"),
                "description": _(
                    "A changed norm applies to cases that arrive from now on; the due time "
                    "of cases already open stays as it was."
                ),
            },
        ),
    )


class BusinessHoursForm(forms.ModelForm):  # type: ignore[type-arg]
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=list(WEEKDAYS.items()), coerce=int)

    class Meta:
        model = BusinessHours
        fields = ("weekday", "opens", "closes")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and opens >= closes:
            self.add_error("closes", _("Closing time must be after opening time."))
        return data


@admin.register(BusinessHours)
class BusinessHoursAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = BusinessHoursForm
    list_display = ("weekday_name", "opens", "closes")

    @admin.display(description=_("Weekday"), ordering="weekday")
    def weekday_name(self, obj: BusinessHours) -> str:
        return str(WEEKDAYS.get(obj.weekday, obj.weekday))


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("date", "reason")
    date_hierarchy = "date"
    search_fields = ("reason",)

"""The audit trail in the admin: read-only for everyone, including superusers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from signaal.privacy.models import AuditEvent


# ModelAdmin and ModelForm are generic only in django-stubs: without
# django_stubs_ext.monkeypatch() in the settings they cannot be subscripted at run time,
# hence the "type-arg" ignores on the classes below.
@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "at",
        "actor",
        "integration",
        "action",
        "object_type",
        "object_id",
        "customer_id",
    )
    list_filter = ("action", "object_type", "integration")
    list_select_related = ("actor",)
    search_fields = ("actor__username", "integration", "object_id")
    date_hierarchy = "at"
    readonly_fields = (
        "at",
        "actor",
        "integration",
        "action",
        "object_type",
        "object_id",
        "customer_id",
        "detail",
    )

    # A trail that can be edited proves nothing.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

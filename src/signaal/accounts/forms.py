"""The log-in form: Django's, with throttling of failed attempts (accounts/throttling.py)."""

from __future__ import annotations

import math
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from signaal.accounts.throttling import (
    client_address,
    login_failure_record,
    login_locked_for,
    login_success_record,
)


class _LoginThrottle(AuthenticationForm):
    """Refuses further attempts for a while after too many failed ones."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request else "unknown"
        if username:
            self._refuse_if_locked(username, address)
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if username and error.code == "invalid_login":
                login_failure_record(username=username, address=address)
                self._refuse_if_locked(username, address)
            raise
        if username:
            login_success_record(username=username, address=address)
        return cleaned

    def _refuse_if_locked(self, username: str, address: str) -> None:
        seconds = login_locked_for(username=username, address=address)
        if not seconds:
            return
        minutes = max(1, math.ceil(seconds / 60))
        wait = ngettext(
            "Try again in %(minutes)d minute.", "Try again in %(minutes)d minutes.", minutes
        ) % {"minutes": minutes}
        raise forms.ValidationError(
            f"{_('Too many failed log-in attempts.')} {wait}", code="too_many_attempts"
        )


class ThrottledAuthenticationForm(_LoginThrottle):
    """The workspace log-in form."""


class ThrottledAdminAuthenticationForm(_LoginThrottle, AdminAuthenticationForm):
    """The admin site's log-in form (staff only), with the same throttling."""

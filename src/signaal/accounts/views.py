"""The log-in page: Django's LoginView with the throttled form."""

from __future__ import annotations

from django.contrib.auth.views import LoginView

from signaal.accounts.forms import ThrottledAuthenticationForm


class ThrottledLoginView(LoginView):
    """Log in; too many failed attempts for one user name from one address are refused."""

    authentication_form = ThrottledAuthenticationForm

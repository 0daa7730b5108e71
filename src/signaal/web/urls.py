"""Root URLs: the workspace, the API, the admin and the log-in pages."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from signaal.accounts.views import ThrottledLoginView
from signaal.web.api import api

urlpatterns = [
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("login/", ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("signaal.workspace.urls", namespace="workspace")),
]

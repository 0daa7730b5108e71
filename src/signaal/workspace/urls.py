"""URLs of the agent workspace (mounted at the root, namespace "workspace")."""

from __future__ import annotations

from django.urls import path
from django.views.i18n import set_language

from signaal.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("cases/<int:case_id>/", views.case_detail, name="case"),
    path("cases/<int:case_id>/assign/", views.assign, name="assign"),
    path("cases/<int:case_id>/status/", views.status, name="status"),
    path("cases/<int:case_id>/reply/", views.reply, name="reply"),
    path("cases/<int:case_id>/close/", views.close, name="close"),
    path("lexicon-check/", views.lexicon_check, name="lexicon_check"),
    # Django's own view: stores the choice in a cookie and goes back to ``next``.
    path("language/", set_language, name="set_language"),
]

"""Admin for the organisation's own lexicon entries.

Detected signals and behaviours are deliberately not in the admin site: they carry customers'
words as evidence, so they are read in the workspace (audited) and recomputed by
``interaction_analyze``, never edited by hand.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from signaal.accounts.models import User
from signaal.assist.lexicon import (
    builtin_lexicon_ids,
    lexicon_entry_delete,
    lexicon_entry_problems,
    lexicon_entry_save,
)
from signaal.assist.models import LexiconEntry

TRY_IT = _(
    "Try a sentence: save the entry, then type the sentence in the reply box of a case; the "
    "advice appears as you type. To try patterns before saving them, put them in a pack file "
    'and run: signaal lexicon check "U moet eerst het formulier invullen." --lang nl '
    "--pack-dir my-pack"
)


class LexiconEntryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = LexiconEntry
        fields = (
            "language",
            "key",
            "kind",
            "enabled",
            "patterns",
            "negatable",
            "advice",
            "alternative",
        )
        widgets = {
            "patterns": forms.Textarea(attrs={"rows": 4}),
            "advice": forms.Textarea(attrs={"rows": 3}),
            "alternative": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_error("patterns") or not data.get("language"):
            return data
        # A bad pattern is refused here, so that it never reaches the engine.
        problems = lexicon_entry_problems(
            language=data["language"],
            enabled=bool(data.get("enabled")),
            patterns=LexiconEntry.split_patterns(data.get("patterns") or ""),
            advice=data.get("advice") or "",
        )
        for field, problem in problems.items():
            self.add_error(field, problem)
        return data


@admin.register(LexiconEntry)
class LexiconEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = LexiconEntryForm
    list_display = (
        "key",
        "language",
        "kind",
        "enabled",
        "replaces_builtin",
        "updated_at",
        "updated_by",
    )
    list_filter = ("language", "kind", "enabled")
    list_select_related = ("updated_by",)
    search_fields = ("key", "patterns", "advice", "alternative")
    readonly_fields = ("updated_at", "updated_by")
    actions = ("switch_on", "switch_off")
    fieldsets = (
        (None, {"fields": ("language", "key", "kind", "enabled")}),
        (_("Phrase"), {"fields": ("patterns", "negatable"), "description": TRY_IT}),
        (_("Advice"), {"fields": ("advice", "alternative")}),
        (_("Last change"), {"fields": ("updated_at", "updated_by")}),
    )

    @admin.display(description=_("Replaces a built-in entry"), boolean=True)
    def replaces_builtin(self, obj: LexiconEntry) -> bool:
        return obj.key in builtin_lexicon_ids(obj.language)

    def save_model(self, request: HttpRequest, obj: LexiconEntry, form: Any, change: bool) -> None:
        lexicon_entry_save(entry=obj, user=_user(request))

    def delete_model(self, request: HttpRequest, obj: LexiconEntry) -> None:
        lexicon_entry_delete(entry=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[LexiconEntry]) -> None:
        with transaction.atomic():
            for entry in queryset:
                lexicon_entry_delete(entry=entry)

    @admin.action(description=_("Switch the selected entries on"), permissions=["change"])
    def switch_on(self, request: HttpRequest, queryset: QuerySet[LexiconEntry]) -> None:
        self._switch(request, queryset, enabled=True)

    @admin.action(description=_("Switch the selected entries off"), permissions=["change"])
    def switch_off(self, request: HttpRequest, queryset: QuerySet[LexiconEntry]) -> None:
        self._switch(request, queryset, enabled=False)

    def _switch(
        self, request: HttpRequest, queryset: QuerySet[LexiconEntry], *, enabled: bool
    ) -> None:
        done = 0
        for entry in queryset.filter(enabled=not enabled):
            entry.enabled = enabled
            try:
                lexicon_entry_save(entry=entry, user=_user(request))
            except ValidationError as exc:
                # Through the same checks as the form: an entry that cannot be used stays off.
                problem = " ".join(exc.messages)
                self.message_user(request, f"{entry.key}: {problem}", messages.ERROR)
            else:
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d entry changed.", "%(count)d entries changed.", done)
            % {"count": done},
        )


def _user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None

"""Pages and htmx fragments of the agent workspace.

Views parse the request, call a selector or service, and render: the full page, or only the
fragment htmx asked for. Domain errors become a message to the person (``domain_errors``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any, Concatenate, ParamSpec, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget
from django_htmx.middleware import HtmxDetails

from signaal.accounts.models import User
from signaal.cases.models import Case
from signaal.cases.services import case_set_status
from signaal.errors import DomainError, Forbidden, NotFound
from signaal.privacy.services import audit_record
from signaal.workspace.forms import CloseForm, DraftForm, QueueFilterForm, ReplyForm, StatusForm
from signaal.workspace.selectors import (
    can_handle,
    case_get_for_user,
    case_page,
    case_scope,
    contact_whole,
    draft_hints,
    queue_page,
)
from signaal.workspace.services import (
    case_close_with_message,
    case_release,
    case_take,
    reply_channel_default,
    reply_send,
)
from signaal.workspace.templatetags.workspace import case_ref


class HtmxHttpRequest(HttpRequest):
    """A request that passed django-htmx's middleware."""

    htmx: HtmxDetails


P = ParamSpec("P")
View = Callable[Concatenate[HtmxHttpRequest, P], HttpResponse]


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def login_required(view: View[P]) -> View[P]:
    """Django's login_required, but an htmx request is sent to the log-in page as a whole page
    (instead of the log-in form being swapped into a fragment)."""

    def wrapper(request: HtmxHttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.htmx:
            back = request.htmx.current_url_abs_path or request.get_full_path()
            login = resolve_url(settings.LOGIN_URL)
            return HttpResponseClientRedirect(f"{login}?{urlencode({'next': back})}")
        return redirect_to_login(request.get_full_path())

    update_wrapper(wrapper, view)
    return wrapper


def domain_errors(view: View[P]) -> View[P]:
    """Turn a DomainError into a message on the page the person came from, never a traceback."""

    def wrapper(request: HtmxHttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None
        except Forbidden:
            raise PermissionDenied from None
        except DomainError as exc:
            # Service messages are English (the API's language), marked with gettext_noop
            # where a person can meet them; the catalogues translate them here.
            messages.error(request, _(exc.message))
            if request.htmx:
                response = render(request, "workspace/partials/messages.html")
                return retarget(reswap(response, "innerHTML"), "#messages")
            case_id = kwargs.get("case_id")
            if case_id is not None:
                return redirect("workspace:case", case_id=case_id)
            return redirect("workspace:queue")

    update_wrapper(wrapper, view)
    return wrapper


def _fragment(request: HtmxHttpRequest) -> bool:
    """True when htmx asked for a fragment (not when it restores a page from history)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _vary(response: HttpResponse) -> HttpResponse:
    # The same URL answers with a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


def _require_handle(user: User) -> None:
    if not can_handle(user=user):
        raise PermissionDenied


# --- the queue ------------------------------------------------------------------------------


@require_GET
@login_required
def queue(request: HtmxHttpRequest) -> HttpResponse:
    """Open cases by due time, filtered by team, channel, status and "mine"."""
    user = _user(request)
    form = QueueFilterForm(request.GET or None)
    page = queue_page(user=user, filters=form.filters(), page_number=request.GET.get("page"))
    template = (
        "workspace/partials/queue_list.html" if _fragment(request) else "workspace/queue.html"
    )
    return _vary(render(request, template, {"form": form, "queue": page}))


# --- the case page --------------------------------------------------------------------------


def _case_response(
    request: HtmxHttpRequest,
    case: Case,
    *,
    reply_form: ReplyForm | None = None,
    close_form: CloseForm | None = None,
    whole: tuple[int, ...] = (),
) -> HttpResponse:
    user = _user(request)
    page = case_page(case=case, whole=whole)
    channel = reply_channel_default(case=case)
    context = {
        "case": case,
        "page": page,
        "can_handle": can_handle(user=user) and case.is_open,
        "status_form": StatusForm(initial={"status": case.status}),
        "reply_form": reply_form
        or ReplyForm(initial={"channel": channel, "language": page.language}),
        "close_form": close_form
        or CloseForm(
            initial={
                "reason": case.reason.code if case.reason else None,
                "summary": page.summary,
                "message_channel": channel,
                "language": page.language,
            }
        ),
        "close_open": close_form is not None,
    }
    return _vary(render(request, "workspace/case.html", context))


@require_GET
@login_required
def case_detail(request: HtmxHttpRequest, case_id: int) -> HttpResponse:
    """The case with the customer's whole story, the signals and the reply composer."""
    user = _user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    audit_record(actor=user, action="view", obj=case, customer_id=case.customer_id)
    # ?contact=<id>: that contact with all its turns (a long call is shortened otherwise);
    # htmx asks for just its turns, a plain link for the page with it whole.
    raw = request.GET.get("contact", "")
    contact = int(raw) if raw.isdigit() and len(raw) < 19 else None
    if contact is not None and _fragment(request):
        view = contact_whole(case=case, interaction_id=contact)
        context = {"view": view, "case": case}
        return _vary(render(request, "workspace/partials/turns.html", context))
    return _case_response(request, case, whole=(contact,) if contact is not None else ())


def _header(request: HtmxHttpRequest, case: Case) -> HttpResponse:
    """After assign or status: the header fragment (htmx) or back to the page."""
    if not _fragment(request):
        return redirect("workspace:case", case_id=case.pk)
    context = {
        "case": case,
        "can_handle": can_handle(user=_user(request)) and case.is_open,
        "status_form": StatusForm(initial={"status": case.status}),
    }
    return _vary(render(request, "workspace/partials/case_header_response.html", context))


@require_POST
@login_required
@domain_errors
def assign(request: HtmxHttpRequest, case_id: int) -> HttpResponse:
    """Take the case ("assign to me"), or give it back to the queue."""
    user = _user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    _require_handle(user)
    if request.POST.get("action") == "release":
        case_release(case=case, user=user)
        messages.success(request, _("The case is back in the queue."))
        if not case_scope(user=user).allows(case):
            # Given back to another team's queue: this person no longer sees it.
            if request.htmx:
                return HttpResponseClientRedirect(reverse("workspace:queue"))
            return redirect("workspace:queue")
    else:
        case_take(case=case, user=user)
        messages.success(request, _("The case is assigned to you."))
    return _header(request, case_get_for_user(user=user, case_id=case_id))


@require_POST
@login_required
@domain_errors
def status(request: HtmxHttpRequest, case_id: int) -> HttpResponse:
    """Change the status of an open case."""
    user = _user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    _require_handle(user)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise DomainError(_("Choose one of the statuses."))
    case_set_status(case=case, status=form.cleaned_data["status"], actor=user)
    messages.success(
        request, _("Status changed to “%(status)s”.") % {"status": case.get_status_display()}
    )
    return _header(request, case)


@require_POST
@login_required
@domain_errors
def reply(request: HtmxHttpRequest, case_id: int) -> HttpResponse:
    """Store the agent's message to the customer (or an internal note)."""
    user = _user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    _require_handle(user)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _case_response(request, case, reply_form=form)
    interaction = reply_send(
        case=case,
        text=form.cleaned_data["text"],
        author=user,
        channel=form.cleaned_data["channel"],
        language=form.cleaned_data["language"],
    )
    if interaction.channel == "note":
        messages.success(request, _("Your note has been added to the case."))
    else:
        messages.success(request, _("Your message has been added to the case."))
    url = reverse("workspace:case", kwargs={"case_id": case.pk})
    return HttpResponseRedirect(f"{url}#contact-{interaction.pk}")


@require_POST
@login_required
@domain_errors
def close(request: HtmxHttpRequest, case_id: int) -> HttpResponse:
    """Close the case with reason, resolution and summary, and the optional message."""
    user = _user(request)
    case = case_get_for_user(user=user, case_id=case_id)
    _require_handle(user)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _case_response(request, case, close_form=form)
    data = form.cleaned_data
    case_close_with_message(
        case=case,
        reason_code=data["reason"].code,
        resolution=data["resolution"],
        summary=data["summary"],
        message=data["message"],
        message_channel=data["message_channel"],
        language=data["language"],
        actor=user,
    )
    messages.success(request, _("Case %(ref)s is closed.") % {"ref": case_ref(case)})
    return redirect("workspace:queue")


# --- the reply composer's live hints --------------------------------------------------------


@require_POST
@login_required
def lexicon_check(request: HtmxHttpRequest) -> HttpResponse:
    """Lexicon hints for a draft: the engine only, no query beyond the log-in session."""
    form = DraftForm(request.POST)
    hits: tuple[Any, ...] = ()
    if form.is_valid():
        hits = draft_hints(
            text=form.cleaned_data["text"], language=form.cleaned_data["language"] or "nl"
        )
    discouraged = [h for h in hits if h.kind == "discouraged"]
    encouraged = [h for h in hits if h.kind == "encouraged"]
    return render(
        request,
        "workspace/partials/lexicon_hints.html",
        {"discouraged": discouraged, "encouraged": encouraged},
    )

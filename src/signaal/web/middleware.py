"""Everything under /api/ answers in JSON, also what never reaches the NinjaAPI.

Unknown paths (404), wrong methods (405), errors raised in other middleware (500) and bodies
over the size limit (413, refused before anything reads them) get the API's error shape
``{"message": ..., "extra": {...}}``. API messages are English unless the request's
Accept-Language asks for another language the platform speaks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation.trans_real import parse_accept_lang_header

API_PREFIX = "/api/"


def _messages() -> dict[int, str]:
    return {
        400: gettext("the request is not valid"),
        401: gettext("a valid API token is needed"),
        403: gettext("this is not allowed"),
        404: gettext("not found"),
        405: gettext("this method is not allowed here"),
        413: gettext("the request is larger than the limit"),
        429: gettext("too many requests; try again later"),
        500: gettext("something went wrong on our side; it has been logged"),
    }


def error_message(status: int) -> str:
    """The generic message of an HTTP status, in the active language."""
    known = _messages().get(status)
    if known:
        return known
    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return gettext("error")


def json_error(status: int, message: str, **extra: Any) -> HttpResponse:
    """An error response in the API's shape."""
    body = json.dumps({"message": message, "extra": extra}, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def body_limit() -> int | None:
    """The largest request body in bytes (Django's DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return int(limit) if limit is not None else None


def content_length(request: HttpRequest) -> int:
    """The declared body size; 0 when absent or not a number (Django reads nothing then)."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def _asks_for_a_language(request: HttpRequest) -> bool:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            continue
        try:
            translation.get_supported_language_variant(code)
        except LookupError:
            continue
        return True
    return False


class ApiMiddleware:
    """Size limit, language and JSON errors for every request under /api/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if not _asks_for_a_language(request):
            # Integrations rarely send Accept-Language; business-rule messages are English.
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        limit = body_limit()
        if limit is not None and content_length(request) > limit:
            return json_error(
                413, error_message(413), limit_bytes=limit, size_bytes=content_length(request)
            )
        response = self.get_response(request)
        return self._as_json(response)

    @staticmethod
    def _as_json(response: HttpResponseBase) -> HttpResponseBase:
        if response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        extra: dict[str, Any] = {}
        if response.status_code == 405 and response.has_header("Allow"):
            extra["allowed"] = [m.strip() for m in response["Allow"].split(",") if m.strip()]
        converted = json_error(response.status_code, error_message(response.status_code), **extra)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if response.has_header(header):
                converted[header] = response[header]
        return converted

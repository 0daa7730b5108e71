"""The REST API (django-ninja): one NinjaAPI, routers per app, one error shape for all.

Every error is ``{"message": ..., "extra": {...}}`` with the right status code; the OpenAPI
schema documents these error responses on every operation (docs/api.md has the table).
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import (
    AuthenticationError,
    AuthorizationError,
    HttpError,
    Throttled,
    ValidationError,
)

from signaal.cases.api import router as cases_router
from signaal.customers.api import router as customers_router
from signaal.errors import DomainError
from signaal.web.middleware import body_limit, error_message
from signaal.web.throttling import TokenRateThrottle

logger = logging.getLogger(__name__)

# Messages of business rules (signaal.errors.DomainError) that have a translation; the others
# (with a value in them) stay English. Listed here so that makemessages finds them.
_DOMAIN_MESSAGES = (
    _("case not found"),
    _("customer not found"),
    _("unknown user"),
    _("unknown team"),
    _("unknown contact reason"),
    _("the case is closed"),
    _("the case is already closed"),
    _("a closed case cannot be assigned"),
    _("a resolution is needed to close a case"),
    _("unknown status; close a case with its reason and resolution"),
    _("an interaction needs at least one turn or message"),
    _("at least one customer identifier is needed"),
)

_ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "message": {"type": "string", "description": "what went wrong, for a person to read"},
        "extra": {
            "type": "object",
            "additionalProperties": True,
            "description": "details: the invalid fields, the allowed values, the limit",
        },
    },
    "required": ["message", "extra"],
}
_ERROR_RESPONSES = {
    "400": "The body is not JSON, or a business rule refused the request",
    "401": "No API token, an unknown token or a revoked token",
    "403": "The token does not have the scope this operation needs",
    "404": "The object does not exist (also for ids that are not numbers)",
    "409": "The object is not in a state that allows this (a closed case)",
    "413": "The request body is larger than the limit",
    "422": "The request does not match the schema; extra.errors says where",
    "429": "Too many requests for this token; see the Retry-After header",
}


class SignaalAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema also documents the error responses of each operation."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = _ERROR_SCHEMA
        ref = {"$ref": "#/components/schemas/Error"}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status, description in _ERROR_RESPONSES.items():
                    if status == "409" and method == "get":
                        continue
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": ref}},
                        },
                    )
                if "429" in responses:
                    responses["429"]["headers"] = {
                        "Retry-After": {
                            "description": "seconds to wait",
                            "schema": {"type": "integer"},
                        }
                    }
        return schema


api = SignaalAPI(
    title="Signaal API",
    version="1",
    description=(
        "Ingest contacts from every channel; read timelines and cases; assign and close. "
        "Authenticate with `Authorization: Bearer <token>`; see docs/api.md."
    ),
    urls_namespace="api",
    throttle=[TokenRateThrottle()],
)
api.add_router("/", cases_router)
api.add_router("/customers", customers_router)


def _error(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"message": message, "extra": extra}, status=status)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.status, gettext(exc.message), **exc.extra)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    if errors and all(e["where"].startswith("path.") for e in errors):
        # /api/cases/abc or an id beyond any stored one: no such object, not a malformed body.
        return _error(request, 404, error_message(404), errors=errors)
    return _error(request, 422, gettext("the request is not valid"), errors=errors)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, gettext("a valid API token is needed"))
    response["WWW-Authenticate"] = 'Bearer realm="signaal"'
    return response


@api.exception_handler(AuthorizationError)
def _forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    # Raised by TokenAuth for a valid token without the scope (extra names it), and by
    # ninja's session authentication when the CSRF token is missing.
    scope = getattr(exc, "scope", None)
    if scope:
        message = gettext("this API token does not have the scope %(scope)s") % {"scope": scope}
        return _error(request, 403, message, scope=scope)
    return _error(request, 403, error_message(403))


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    seconds = math.ceil(exc.wait) if exc.wait else 1
    message = ngettext(
        "too many requests; try again in %(seconds)d second",
        "too many requests; try again in %(seconds)d seconds",
        seconds,
    ) % {"seconds": seconds}
    response = _error(request, 429, message, retry_after=seconds)
    response["Retry-After"] = str(seconds)
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, error_message(404))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        # ninja's message for a body that is not JSON (or not UTF-8).
        return _error(request, 400, gettext("the request body is not valid JSON"))
    return _error(request, exc.status_code, str(exc) or error_message(exc.status_code))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, error_message(413), limit_bytes=body_limit())


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unexpected API error on %s", request.path)
    return _error(request, 500, error_message(500))

"""The REST API (django-ninja): one NinjaAPI, routers per app, one error shape for all.

Every error is ``{"message": ..., "extra": {...}}`` with the right status code.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.throttling import AuthRateThrottle

from signaal.cases.api import router as cases_router
from signaal.customers.api import router as customers_router
from signaal.errors import DomainError

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Signaal API",
    version="1",
    description="Ingest contacts from every channel; read timelines and cases; assign and close.",
    urls_namespace="api",
    throttle=[AuthRateThrottle("50/s")],
)
api.add_router("/", cases_router)
api.add_router("/customers", customers_router)


def _error(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"message": message, "extra": extra}, status=status)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, exc.status, exc.message, **exc.extra)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return _error(request, 422, "the request is not valid", errors=errors)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "a valid API token with the right scope is needed")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not found")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, "the request is larger than the limit")


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unexpected API error on %s", request.path)
    return _error(request, 500, "something went wrong on our side; it has been logged")

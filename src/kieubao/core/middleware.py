from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def accepts_uploads(view):
    """Mark a view that takes file uploads: its requests may be up to MAX_UPLOAD_REQUEST_BYTES;
    every other view keeps MAX_REQUEST_BODY_BYTES."""
    view.accepts_uploads = True
    return view


class RequestSizeLimitMiddleware:
    """Refuse bodies over the limit with 413 before anything reads them (process_view runs
    before CSRF's, which is the first to read a form)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The largest body anything accepts: refuse bigger ones at once.
        if _content_length(request) > settings.MAX_UPLOAD_REQUEST_BYTES:
            return _too_large(request, settings.MAX_UPLOAD_REQUEST_BYTES)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        limit = (
            settings.MAX_UPLOAD_REQUEST_BYTES
            if getattr(view_func, "accepts_uploads", False)
            else settings.MAX_REQUEST_BODY_BYTES
        )
        if _content_length(request) > limit:
            return _too_large(request, limit)
        return None


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _too_large(request: HttpRequest, limit: int) -> HttpResponse:
    message = _("The request is too large (at most %(size)s MB).") % {
        "size": f"{limit / 1024 / 1024:.2g}"
    }
    if wants_json(request):
        return JsonResponse({"code": "request_too_large", "message": message}, status=413)
    return HttpResponse(
        render_to_string("413.html", {"message": message}, request=request), status=413
    )


# Connection failures only; other database errors are bugs and stay 500s.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def _remember_exception(sender, request=None, **kwargs) -> None:
    # Sent by Django while it turns an exception raised in a middleware (or a view) into a 500
    # response: remember what it was, so DatabaseUnavailableMiddleware can tell a database
    # outage from a bug.
    if request is not None:
        request._kieubao_exception = sys.exc_info()[1]


got_request_exception.connect(_remember_exception, dispatch_uid="kieubao-remember-exception")


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer 503 with a friendly page (JSON for the API)
    instead of a stack trace. Django reconnects on the next request, so the site recovers by
    itself once the database is back.

    The database is touched before the view too (the session and the user are loaded by the
    middleware below this one) and again by the 500 page's context processors, so besides the
    view's exceptions (process_exception) this catches what the inner middleware turned into a
    500 response, and what escaped because the 500 page itself failed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except UNAVAILABLE_ERRORS as exc:
            return self.unavailable(request, exc)
        exception = getattr(request, "_kieubao_exception", None)
        if response.status_code == 500 and isinstance(exception, UNAVAILABLE_ERRORS):
            return self.unavailable(request, exception)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, UNAVAILABLE_ERRORS):
            return None
        return self.unavailable(request, exception)

    def unavailable(self, request: HttpRequest, exception: Exception) -> HttpResponse:
        logger.error("Database unavailable: %s", exception)
        # LocaleMiddleware may not have run yet: pick the language the way it would.
        with translation.override(translation.get_language_from_request(request)):
            message = _("The service is temporarily unavailable. Please try again in a minute.")
            if request.path == "/healthz":
                response = JsonResponse({"status": "unavailable"}, status=503)
            elif wants_json(request):
                response = JsonResponse({"code": "unavailable", "message": message}, status=503)
            else:
                try:
                    # No request context: context processors would query the database.
                    html = render_to_string("503.html", {"message": message})
                except Exception:
                    html = f"<!doctype html><title>503</title><p>{message}</p>"
                response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        add_never_cache_headers(response)
        return response


class ApiRepeatedParameterMiddleware:
    """An API query parameter given twice (``?country=DE&country=FR``) is refused with a 422
    naming it: no API parameter is a list, and silently taking one of the values would answer
    a question the client did not ask."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            repeated = sorted(k for k, values in request.GET.lists() if len(values) > 1)
            if repeated:
                from django.http import JsonResponse
                from django.utils.translation import gettext as _

                from .api.errors import validation_payload

                errors = [{"field": k, "message": _("Give this parameter once.")} for k in repeated]
                return JsonResponse(validation_payload(errors), status=422)
        return self.get_response(request)

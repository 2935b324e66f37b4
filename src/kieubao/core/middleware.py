from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


class RequestSizeLimitMiddleware:
    """Refuse bodies over MAX_REQUEST_BODY_BYTES with 413 before anything reads them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BODY_BYTES
        if request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
            limit = settings.MAX_UPLOAD_REQUEST_BYTES
        if length > limit:
            message = _("The request is too large (at most %(size)s MB).") % {
                "size": f"{limit / 1024 / 1024:g}"
            }
            if wants_json(request):
                return JsonResponse({"code": "request_too_large", "message": message}, status=413)
            html = render_to_string("413.html", {"message": message}, request=request)
            return HttpResponse(html, status=413)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer 503 with a friendly page (JSON for the API)
    instead of a stack trace. Django reconnects on the next request, so the site recovers by
    itself once the database is back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        # Connection failures only; other database errors are bugs and stay 500s.
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception)
        message = _("The service is temporarily unavailable. Please try again in a minute.")
        if wants_json(request):
            response = JsonResponse({"code": "unavailable", "message": message}, status=503)
        else:
            try:
                html = render_to_string("503.html", {"message": message})
            except Exception:  # the template itself may need the database
                html = f"<!doctype html><title>503</title><p>{message}</p>"
            response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        return response

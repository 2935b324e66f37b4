from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kieubao.community.selectors import fields_taxonomy

from . import audit
from .middleware import wants_json
from .models import AuditAction


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"fields": fields_taxonomy()})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not healthy"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def _error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    """Error pages: JSON under /api/ (clients never get HTML), a friendly page elsewhere."""
    if wants_json(request):
        return JsonResponse({"code": code, "message": message}, status=status)
    return render(request, f"{status}.html", status=status)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", _("Not found."))


def error_500(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "server_error", _("Something went wrong on our side."))


def error_400(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 400, "bad_request", _("The request could not be understood."))


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        audit.record(AuditAction.ACCESS_REFUSED, actor_id=request.user.pk)
    return _error(request, 403, "forbidden", _("You do not have permission to do this."))


@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where to report a vulnerability. Expires a year ahead, always."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    return render(
        request,
        "security.txt",
        {
            "contact": settings.SECURITY_CONTACT_EMAIL,
            "expires": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "canonical": request.build_absolute_uri("/.well-known/security.txt"),
        },
        content_type="text/plain; charset=utf-8",
    )

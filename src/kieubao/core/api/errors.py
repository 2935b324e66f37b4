"""JSON errors with a stable ``code`` and translated, field-level messages."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)


def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    messages = {
        "missing": _("This field is required."),
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "int_from_float": _("Enter a whole number."),
        "bool_parsing": _("Enter true or false."),
        "bool_type": _("Enter true or false."),
        "string_type": _("Enter text."),
        "list_type": _("Enter a list."),
        "dict_type": _("Enter an object."),
        "json_invalid": _("The request body is not valid JSON."),
        "model_attributes_type": _("The request body must be a JSON object."),
        "extra_forbidden": _("Unknown field."),
        "literal_error": _("Select a valid choice."),
        "enum": _("Select a valid choice."),
    }
    if kind in messages:
        return messages[kind]
    if kind == "string_too_long":
        return _("Ensure this value has at most %(max)s characters.") % {
            "max": ctx.get("max_length")
        }
    if kind == "string_too_short":
        return _("Ensure this value has at least %(min)s characters.") % {
            "min": ctx.get("min_length")
        }
    if kind in ("greater_than_equal", "greater_than"):
        return _("Ensure this value is at least %(min)s.") % {"min": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Ensure this value is at most %(max)s.") % {"max": ctx.get("le", ctx.get("lt"))}
    return _("Invalid value.")


def _field_name(loc) -> str:
    # ("body", "payload", "birth_year") -> "birth_year"; ("query", "page") -> "page"
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "filters")]
    return ".".join(parts) or "__all__"


def validation_payload(errors: list[dict]) -> dict:
    return {
        "code": "validation_error",
        "message": _("Some values are not valid: see the errors."),
        "errors": errors,
    }


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def on_validation(request: HttpRequest, exc: NinjaValidationError):
        errors = [
            {"field": _field_name(e.get("loc", ())), "message": _pydantic_message(e)}
            for e in exc.errors
        ]
        return api.create_response(request, validation_payload(errors), status=422)

    @api.exception_handler(DjangoValidationError)
    def on_django_validation(request: HttpRequest, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": message}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "__all__", "message": m} for m in exc.messages]
        return api.create_response(request, validation_payload(errors), status=422)

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError):
        return api.create_response(
            request,
            {"code": "unauthorized", "message": _("Authentication is required.")},
            status=401,
        )

    @api.exception_handler(Http404)
    def on_404(request: HttpRequest, exc: Http404):
        return api.create_response(
            request, {"code": "not_found", "message": _("Not found.")}, status=404
        )

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied):
        # What the caller may see but not do (what they may not see is a 404). Audited as the
        # site's 403 page is (core.views.error_403).
        from kieubao.core import audit
        from kieubao.core.models import AuditAction

        user = getattr(request, "auth", None)
        if getattr(user, "is_authenticated", False):
            audit.record(AuditAction.ACCESS_REFUSED, actor_id=user.pk)
        return api.create_response(
            request,
            {"code": "forbidden", "message": _("You do not have permission to do this.")},
            status=403,
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError):
        if exc.status_code == 403:
            # django-ninja's CSRF refusal of a session-authenticated write.
            payload = {
                "code": "forbidden",
                "message": _(
                    "The request was refused. Reload the page and try again, or use an API token."
                ),
            }
        elif exc.status_code == 400:
            payload = {
                "code": "bad_request",
                "message": _("The request body could not be read: send valid JSON."),
            }
        else:
            payload = {"code": "error", "message": str(exc)}
        return api.create_response(request, payload, status=exc.status_code)

    @api.exception_handler(Exception)
    def on_error(request: HttpRequest, exc: Exception):
        if isinstance(exc, (OperationalError, InterfaceError)):
            response = api.create_response(
                request,
                {
                    "code": "unavailable",
                    "message": _(
                        "The service is temporarily unavailable. Please try again in a minute."
                    ),
                },
                status=503,
            )
            response["Retry-After"] = "30"
            return response
        logger.exception("API error on %s", request.path)
        return api.create_response(
            request,
            {"code": "server_error", "message": _("Something went wrong on our side.")},
            status=500,
        )

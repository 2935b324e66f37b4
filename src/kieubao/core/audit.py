"""Recording to the audit log. Request context (address, user agent, path) is taken from the
request being served, set by AuditContextMiddleware, so services and selectors record entries
without passing the request around."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

from .models import AuditAction, AuditEntry


@dataclass(frozen=True)
class RequestContext:
    ip: str | None
    user_agent: str
    path: str
    request: HttpRequest | None = None


_context: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "kieubao_audit_context", default=None
)


def client_ip(request: HttpRequest) -> str | None:
    # Behind a proxy, Django's SECURE_PROXY_SSL_HEADER deployment also sets REMOTE_ADDR via the
    # WSGI server's forwarded-allow-ips; we never trust X-Forwarded-For from the client here.
    return request.META.get("REMOTE_ADDR") or None


def context_from(request: HttpRequest) -> RequestContext:
    return RequestContext(
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        path=request.path[:200],
        request=request,
    )


def current_actor_id() -> int | None:
    """The signed-in user of the request being served, if any (for services' audit entries)."""
    ctx = _context.get()
    user = getattr(ctx.request, "user", None) if ctx and ctx.request else None
    return user.pk if user is not None and user.is_authenticated else None


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _context.set(context_from(request))
        try:
            return self.get_response(request)
        finally:
            _context.reset(token)


def _entry(
    action: str,
    *,
    actor_id: int | None,
    target_type: str = "",
    target_id: int | None = None,
    actor_body_id: int | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    ctx = _context.get()
    return AuditEntry(
        action=action,
        actor_id=actor_id,
        actor_body_id=actor_body_id,
        target_type=target_type,
        target_id=target_id,
        ip=ctx.ip if ctx else None,
        user_agent=ctx.user_agent if ctx else "",
        path=ctx.path if ctx else "",
        detail=detail or {},
    )


def record(action: str, *, actor_id: int | None, **kwargs) -> AuditEntry:
    entry = _entry(action, actor_id=actor_id, **kwargs)
    entry.save()
    return entry


def record_person_reads(
    *, actor_id: int, actor_body_id: int | None, reads: Iterable[tuple[int, list[str]]]
) -> None:
    """One entry per person whose non-public field groups an official was shown."""
    entries = [
        _entry(
            AuditAction.PERSON_READ,
            actor_id=actor_id,
            actor_body_id=actor_body_id,
            target_type="person",
            target_id=person_id,
            detail={"groups": groups},
        )
        for person_id, groups in reads
    ]
    if entries:
        AuditEntry.objects.bulk_create(entries)

"""Fixed-window request limits for the API: per token, else per signed-in user, else per client
address. Over the limit: 429 with Retry-After. Counters live in the default cache (per process
with the local-memory cache; configure a shared cache when running several app servers)."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from .audit import client_ip


def _parse(rate: str) -> tuple[int, int]:
    """ "600/m" -> (600, 60); "20/s", "5000/h" likewise."""
    count, unit = rate.split("/")
    return int(count), {"s": 1, "m": 60, "h": 3600}[unit]


def _client_key(request: HttpRequest) -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        digest = hashlib.sha256(header[7:].strip().encode()).hexdigest()[:32]
        return f"token:{digest}", settings.API_RATE_LIMITS["token"]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}", settings.API_RATE_LIMITS["user"]
    return f"ip:{client_ip(request)}", settings.API_RATE_LIMITS["anonymous"]


class ApiRateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and settings.API_RATE_LIMITS:
            key, rate = _client_key(request)
            limit, window = _parse(rate)
            now = time.time()
            bucket = int(now // window)
            cache_key = f"ratelimit:{key}:{bucket}"
            cache.add(cache_key, 0, timeout=window + 1)
            try:
                used = cache.incr(cache_key)
            except ValueError:  # expired between add and incr
                cache.set(cache_key, 1, timeout=window + 1)
                used = 1
            if used > limit:
                retry_after = max(1, int((bucket + 1) * window - now) + 1)
                response = JsonResponse(
                    {
                        "code": "rate_limited",
                        "message": _("Too many requests. Try again in %(seconds)s seconds.")
                        % {"seconds": retry_after},
                    },
                    status=429,
                )
                response["Retry-After"] = str(retry_after)
                return response
        return self.get_response(request)

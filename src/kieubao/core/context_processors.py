from __future__ import annotations

from django.http import HttpRequest

from kieubao.community.selectors import viewer_for_request


def platform(request: HttpRequest) -> dict:
    return {"viewer": viewer_for_request(request)}

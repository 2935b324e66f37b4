"""htmx helpers shared by the apps' views."""

from __future__ import annotations

from django.http import HttpRequest


def template_for(request: HttpRequest, full: str, partial: str) -> str:
    """One view serves the page and, for htmx requests, just the fragment that changes (a
    boosted navigation gets the whole page)."""
    return partial if getattr(request, "htmx", False) and not request.htmx.boosted else full

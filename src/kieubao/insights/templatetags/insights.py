from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def figure(value):
    """A count or amount with thousands grouped in the page's language; a suppressed count
    ("<10") or a missing one as is."""
    if isinstance(value, bool) or value is None:
        return "—" if value is None else value
    if isinstance(value, int | float):
        return intcomma(value)
    return value


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def signed_pct(value) -> str:
    if value is None:
        return ""
    text = intcomma(round(value, 2))
    return f"+{text} %" if value > 0 else f"{text} %"

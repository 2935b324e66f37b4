"""Amounts in đồng as a reader expects them: 65.670.000.000 ₫ in Vietnamese, 65,670,000,000 ₫
in English."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def vnd(value) -> str:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    grouped = f"{number:,}"
    if not (get_language() or "vi").startswith("en"):
        grouped = grouped.replace(",", ".")
    return f"{grouped} ₫"

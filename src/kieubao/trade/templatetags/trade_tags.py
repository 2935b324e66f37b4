"""Small display helpers of the trade portal's templates."""

from __future__ import annotations

from django import template

from kieubao.trade import hs
from kieubao.trade.models import CertificateKind

register = template.Library()


@register.filter
def hs_display(code: str) -> str:
    return hs.display(code or "")


@register.filter
def chapter_name(code: str) -> str:
    return hs.chapter_name(code or "")


@register.filter
def stars(n) -> str:
    try:
        return "★" * int(n)
    except (TypeError, ValueError):
        return ""


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def certificate_labels(kinds) -> list[str]:
    labels = dict(CertificateKind.choices)
    return [str(labels.get(k, k)) for k in sorted(kinds or [])]


@register.filter
def certificate_label(kind: str) -> str:
    return str(dict(CertificateKind.choices).get(kind, kind))


@register.filter
def country_name(code: str) -> str:
    from django_countries import countries

    return countries.name(code) or code

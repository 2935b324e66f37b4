"""Tickets: each registration's secret code, shown as a QR code (segno) that encodes the
ticket's check-in address. Staff scan it with any phone camera: the address opens the
check-in page (staff only) with the ticket, and a tap checks it in once."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse

from .models import Registration


def ticket_path(registration: Registration) -> str:
    return reverse("events:ticket_check_in", args=[registration.event_id, registration.ticket_code])


def ticket_url(registration: Registration) -> str:
    return f"{settings.SITE_URL}{ticket_path(registration)}"


def qr_svg(registration: Registration, *, scale: int = 6) -> str:
    """The ticket's QR code as inline SVG markup (no script, no external reference)."""
    qr = segno.make(ticket_url(registration), error="m")
    return qr.svg_inline(scale=scale, dark="#000", light="#fff", border=2)


def qr_png(registration: Registration, *, scale: int = 8) -> bytes:
    import io

    buffer = io.BytesIO()
    segno.make(ticket_url(registration), error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()

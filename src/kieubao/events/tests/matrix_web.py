"""Events' web rows of the authorization matrix (see matrix.py for the world).

Published events, their programme and calendar file are public; a draft is seen by its
organisers only (404 for others). Registering needs an account (anonymous: to log in) and a
profile, which every signed-in role has by the time these rows run. A registration (the
ticket) is seen by its holder, the leader who registered the guest, and the organisers:
others get 404. Check-in is for the organisers and the event's staff: others get 403 (404 for
a draft they cannot see). A ticket's check-in address opened by anyone else is a polite 403
that shows nothing of the ticket.

POST rows change nothing: a registration refused (already registered, or a required question
left empty), a cancellation not confirmed, an empty or unknown ticket code, feedback before the
event begins.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every

_SIGNED_IN = but(200, anonymous=LOGIN)
# ER: member's registration for EV (province A's event); EG: the guest member brought.
_ER_VIEWERS = but(404, anonymous=LOGIN, member=200, official_a=200, admin=200)
_EV_STAFF = but(403, anonymous=LOGIN, official_a=200, admin=200)
_ED_STAFF = but(404, anonymous=LOGIN, official_a=200, admin=200)
_NO_HOLDER = ((), ("holder",))

WEB_ROWS: list[Row] = [
    # --- list, programmes, an event -------------------------------------------------------
    Row("events/", "GET", "/events/", every(200)),
    Row("events/", "GET", "/events/?when=all&q=hoi+nghi&programme={EP}&province=31", every(200)),
    Row("events/", "GET", "/events/?when=past&page=2", every(200)),
    Row("events/mine/", "GET", "/events/mine/", _SIGNED_IN),
    Row("events/programmes/<int:pk>/", "GET", "/events/programmes/{EP}/", every(200)),
    Row("events/programmes/<int:pk>/", "GET", "/events/programmes/0/", every(404)),
    Row("events/<int:pk>/", "GET", "/events/{EV}/", every(200)),
    Row("events/<int:pk>/", "GET", "/events/{EI}/", every(200)),
    Row("events/<int:pk>/", "GET", "/events/{ED}/", but(404, official_a=200, admin=200)),
    Row("events/<int:pk>/", "GET", "/events/0/", every(404)),
    Row("events/<int:pk>/calendar.ics", "GET", "/events/{EV}/calendar.ics", every(200)),
    Row(
        "events/<int:pk>/calendar.ics",
        "GET",
        "/events/{ED}/calendar.ics",
        but(404, official_a=200, admin=200),
    ),
    # --- registration ---------------------------------------------------------------------
    Row("events/<int:pk>/register/", "GET", "/events/{EV}/register/", _SIGNED_IN),
    Row("events/<int:pk>/register/", "GET", "/events/{EI}/register/", _SIGNED_IN),
    Row(
        "events/<int:pk>/register/",
        "GET",
        "/events/{ED}/register/",
        but(404, anonymous=LOGIN, official_a=200, admin=200),
    ),
    # The required dietary question left empty (or already registered): refused on the form.
    Row("events/<int:pk>/register/", "POST", "/events/{EV}/register/", _SIGNED_IN, data={}),
    Row(
        "events/<int:pk>/register/",
        "POST",
        "/events/{EI}/register/",  # by invitation, without one
        _SIGNED_IN,
        data={"invitation": "not-a-token"},
    ),
    Row("events/registrations/<int:pk>/", "GET", "/events/registrations/{ER}/", _ER_VIEWERS),
    Row("events/registrations/<int:pk>/", "GET", "/events/registrations/{EG}/", _ER_VIEWERS),
    Row(
        "events/registrations/<int:pk>/",
        "GET",
        "/events/registrations/{EO}/",
        but(404, anonymous=LOGIN, org_admin=200, official_a=200, admin=200),
    ),
    Row(
        "events/registrations/<int:pk>/",
        "GET",
        "/events/registrations/0/",
        but(404, anonymous=LOGIN),
    ),
    Row(
        "events/registrations/<int:pk>/cancel/",
        "GET",
        "/events/registrations/{ER}/cancel/",
        _ER_VIEWERS,
    ),
    Row(
        "events/registrations/<int:pk>/cancel/",
        "POST",
        "/events/registrations/{ER}/cancel/",  # not confirmed: asks again
        _ER_VIEWERS,
        data={},
    ),
    Row(
        "events/registrations/<int:pk>/feedback/",
        "GET",
        "/events/registrations/{ER}/feedback/",
        but(404, anonymous=LOGIN, member=200, official_a=403, admin=403),
    ),
    Row(
        "events/registrations/<int:pk>/feedback/",
        "POST",
        "/events/registrations/{ER}/feedback/",  # the event has not begun: refused
        but(404, anonymous=LOGIN, member=200, official_a=403, admin=403),
        data={"rating": "5"},
    ),
    # --- check-in -------------------------------------------------------------------------
    Row("events/<int:pk>/check-in/", "GET", "/events/{EV}/check-in/", _EV_STAFF),
    Row("events/<int:pk>/check-in/", "GET", "/events/{ED}/check-in/", _ED_STAFF),
    Row(
        "events/<int:pk>/check-in/",
        "POST",
        "/events/{EV}/check-in/",
        _EV_STAFF,
        data={"code": "unknown-code"},
    ),
    Row("events/<int:pk>/check-in/counts/", "GET", "/events/{EV}/check-in/counts/", _EV_STAFF),
    Row("events/<int:pk>/check-in/counts/", "GET", "/events/{ED}/check-in/counts/", _ED_STAFF),
    Row(
        "events/<int:pk>/check-in/<str:code>/",
        "GET",
        "/events/{EV}/check-in/{ER_CODE}/",
        # What the QR code opens: staff see the holder; anyone else (the holder too) a polite
        # page that shows nothing of the ticket.
        but(200, anonymous=LOGIN),
        shows={
            role: ((), ("holder",)) for role in ("member", "org_admin", "official_b", "ministry")
        }
        | {"official_a": (("holder",), ()), "admin": (("holder",), ())},
    ),
    Row(
        "events/<int:pk>/check-in/<str:code>/",
        "POST",
        "/events/{EV}/check-in/unknown-code/",
        _EV_STAFF,
        shows={"official_a": _NO_HOLDER},
    ),
    Row(
        "events/<int:pk>/check-in/<str:code>/",
        "GET",
        "/events/{ED}/check-in/unknown-code/",
        _ED_STAFF,
    ),
]

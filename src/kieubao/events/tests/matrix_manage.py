"""Events' rows of the authorization matrix: the organisers' pages (see matrix.py for the world).

Organisers of an event are its host's officials (EV, ED: province A, so official_a; EI and the
programme EP: the ministry) and platform admins. Everyone else signed in gets a 403 for an
event they can see and a 404 for a draft (ED) they cannot; anonymous visitors are sent to log
in. "Events I organise" and creating an event or a programme are for anyone who may organise
(officials, organisations' admins, platform admins): other members get a 403. What meetings came to
by province is public (figures only).

POST rows send input that changes nothing (a form shown again with its errors, or an object
of another event: 404), so the rows after them see the same world.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every

# Anyone who administers an organisation may organise: by the time these rows run the member
# administers the company a trade API row registered (a member with none gets a 403:
# test_manage_views.py).
_CREATORS = but(200, anonymous=LOGIN)
_EV = but(403, anonymous=LOGIN, official_a=200, admin=200)  # province A's published event
_ED = but(404, anonymous=LOGIN, official_a=200, admin=200)  # province A's draft
_EI = but(403, anonymous=LOGIN, ministry=200, admin=200)  # the ministry's event by invitation
_EP = _EI  # the ministry's programme
_GONE = but(404, anonymous=LOGIN)
# No such object of this event (POST data are not formatted with the world, so an object of
# another event is tested in test_manage_views.py): its organisers get a 404, others a 403.
_EV_OTHER = but(403, anonymous=LOGIN, official_a=404, admin=404)
_EI_OTHER = but(403, anonymous=LOGIN, ministry=404, admin=404)

_EVENT_PAGES = (
    ("events/<int:pk>/edit/", "edit/"),
    ("events/<int:pk>/sessions/", "sessions/"),
    ("events/<int:pk>/questions/", "questions/"),
    ("events/<int:pk>/staff/", "staff/"),
    ("events/<int:pk>/invitations/", "invitations/"),
    ("events/<int:pk>/attendees/", "attendees/"),
    ("events/<int:pk>/attendees.csv", "attendees.csv"),
    ("events/<int:pk>/attendees.xlsx", "attendees.xlsx"),
    ("events/<int:pk>/statistics/", "statistics/"),
)

MANAGE_ROWS: list[Row] = [
    Row("events/organise/", "GET", "/events/organise/", _CREATORS),
    Row("events/new/", "GET", "/events/new/", _CREATORS),
    Row("events/new/", "GET", "/events/new/?programme={EP}", _CREATORS),
    Row("events/new/", "POST", "/events/new/", _CREATORS, data={"title": ""}),
    Row("events/programmes/new/", "GET", "/events/programmes/new/", _CREATORS),
    Row("events/programmes/new/", "POST", "/events/programmes/new/", _CREATORS, data={}),
    Row("events/programmes/<int:pk>/edit/", "GET", "/events/programmes/{EP}/edit/", _EP),
    Row(
        "events/programmes/<int:pk>/edit/",
        "POST",
        "/events/programmes/{EP}/edit/",
        _EP,
        data={"title": "", "starts_on": "2027-02-09", "ends_on": "2027-02-06"},
    ),
    Row("events/programmes/<int:pk>/edit/", "GET", "/events/programmes/0/edit/", _GONE),
    # --- each management page of an event: EV, the draft ED, EI, and no event ---------------
    *(Row(route, "GET", f"/events/{{EV}}/{tail}", _EV) for route, tail in _EVENT_PAGES),
    *(Row(route, "GET", f"/events/{{ED}}/{tail}", _ED) for route, tail in _EVENT_PAGES),
    *(Row(route, "GET", f"/events/{{EI}}/{tail}", _EI) for route, tail in _EVENT_PAGES),
    *(Row(route, "GET", f"/events/0/{tail}", _GONE) for route, tail in _EVENT_PAGES),
    Row("events/<int:pk>/attendees/", "GET", "/events/{EV}/attendees/?status=waitlisted", _EV),
    Row("events/<int:pk>/attendees/", "GET", "/events/{EV}/attendees/?status=nonsense", _EV),
    Row("events/<int:pk>/attendees.csv", "GET", "/events/{EV}/attendees.csv?status=confirmed", _EV),
    # --- writes that change nothing -----------------------------------------------------------
    Row(
        "events/<int:pk>/edit/",
        "POST",
        "/events/{EV}/edit/",
        _EV,
        data={"action": "save", "title": "", "starts_at": "2027-01-02T10:00"},
    ),
    Row("events/<int:pk>/edit/", "POST", "/events/{ED}/edit/", _ED, data={"action": "save"}),
    Row(
        "events/<int:pk>/edit/",
        "POST",
        "/events/{EI}/edit/",
        _EI,
        data={"action": "cancel", "reason": ""},
    ),
    Row("events/<int:pk>/sessions/", "POST", "/events/{EV}/sessions/", _EV, data={"title": ""}),
    Row(
        "events/<int:pk>/sessions/",
        "POST",
        "/events/{EV}/sessions/",
        _EV_OTHER,
        data={"action": "remove", "id": "0"},
    ),
    Row("events/<int:pk>/questions/", "POST", "/events/{EV}/questions/", _EV, data={"label": ""}),
    Row(
        "events/<int:pk>/questions/",
        "POST",
        "/events/{EI}/questions/",
        _EI_OTHER,  # no such question (the cross-event case: test_manage_views.py)
        data={"action": "remove", "id": "0"},
    ),
    Row(
        "events/<int:pk>/staff/",
        "POST",
        "/events/{EV}/staff/",
        _EV,
        data={"email": "nobody-here@example.invalid"},
    ),
    Row(
        "events/<int:pk>/staff/",
        "POST",
        "/events/{EI}/staff/",
        _EI_OTHER,
        data={"action": "remove", "id": "0"},
    ),
    Row(
        "events/<int:pk>/invitations/",
        "POST",
        "/events/{EI}/invitations/",
        _EI,
        data={"people": "not an email"},
    ),
    Row(
        "events/<int:pk>/invitations/",
        "POST",
        "/events/{EV}/invitations/",
        _EV_OTHER,
        data={"action": "revoke", "id": "x"},
    ),
    # --- public figures -----------------------------------------------------------------------
    Row("events/outcomes/", "GET", "/events/outcomes/", every(200)),
]

"""Events' B2B rows of the authorization matrix (world: see matrix.py).

At EV, member and org_admin are confirmed participants with meeting profiles (EMP, EOP);
official_a (province A hosts EV) and admin organise it; official_b and the ministry official
are neither. The participants' pages are for participants (others get 403 with the reason;
organisers browse the directory without requesting); the organisers' page is for organisers.
A request or meeting is seen by its two sides and the organisers (others: 404). An event
without B2B meetings (ED, a draft: 404 for those who cannot see it) is a 404 for everyone.

POST rows change nothing the later rows rely on: a request to oneself or to someone already
asked is refused, a form with a missing field is shown again, placing in slot 0 is refused,
unpinning a meeting that is not pinned leaves it as it is; running the scheduler keeps EM (the
one accepted request) placed, in the same row.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but

_PARTICIPANTS = but(403, anonymous=LOGIN, member=200, org_admin=200)
_DIRECTORY = but(403, anonymous=LOGIN, member=200, org_admin=200, official_a=200, admin=200)
_ORGANISERS = but(403, anonymous=LOGIN, official_a=200, admin=200)
_ORGANISERS_ACT = but(403, anonymous=LOGIN, official_a=302, admin=302)
_MEETING_SEERS = but(404, anonymous=LOGIN, member=200, org_admin=200, official_a=200, admin=200)
_NOT_B2B = but(404, anonymous=LOGIN)

B2B_ROWS: list[Row] = [
    # --- participants ---------------------------------------------------------------------
    Row("events/<int:pk>/b2b/", "GET", "/events/{EV}/b2b/", _DIRECTORY),
    Row("events/<int:pk>/b2b/", "GET", "/events/{EV}/b2b/?q=ca+phe&language=vi&page=2", _DIRECTORY),
    Row("events/<int:pk>/b2b/", "GET", "/events/{ED}/b2b/", _NOT_B2B),
    Row("events/<int:pk>/b2b/profile/", "GET", "/events/{EV}/b2b/profile/", _PARTICIPANTS),
    Row(
        "events/<int:pk>/b2b/profile/",
        "POST",
        "/events/{EV}/b2b/profile/",
        _PARTICIPANTS,  # no language: shown again with the error, nothing saved
        data={"offer": "Cà phê", "seek": ""},
    ),
    Row(
        "events/<int:pk>/b2b/request/<int:profile_pk>/",
        "POST",
        # member: to oneself; org_admin: already asked member (EMR): both refused, shown again
        "/events/{EV}/b2b/request/{EMP}/",
        _PARTICIPANTS,
        data={"message": "Xin gặp"},
    ),
    Row("events/<int:pk>/b2b/requests/", "GET", "/events/{EV}/b2b/requests/", _PARTICIPANTS),
    Row(
        "events/b2b/requests/<int:pk>/answer/",
        "POST",
        "/events/b2b/requests/{EMR}/answer/",
        # member is asked but has answered already: refused (with a message); the requester
        # and the organisers see it but do not answer it
        but(404, anonymous=LOGIN, member=302, org_admin=403, official_a=403, admin=403),
        data={"decision": "decline", "reason": ""},
    ),
    Row(
        "events/b2b/requests/<int:pk>/answer/",
        "POST",
        "/events/b2b/requests/{EPR}/answer/",  # ETP (outside the roles) is asked
        but(404, anonymous=LOGIN, member=403, official_a=403, admin=403),
        data={"decision": "accept"},
    ),
    Row(
        "events/b2b/requests/<int:pk>/cancel/",
        "POST",
        "/events/b2b/requests/0/cancel/",  # (who may cancel: test_b2b_views)
        _NOT_B2B,
    ),
    Row("events/<int:pk>/b2b/schedule/", "GET", "/events/{EV}/b2b/schedule/", _PARTICIPANTS),
    Row("events/<int:pk>/b2b/schedule.ics", "GET", "/events/{EV}/b2b/schedule.ics", _PARTICIPANTS),
    Row(
        "events/b2b/meetings/<int:pk>/outcome/",
        "GET",
        "/events/b2b/meetings/{EM}/outcome/",
        _MEETING_SEERS,
    ),
    Row(
        "events/b2b/meetings/<int:pk>/outcome/",
        "POST",
        "/events/b2b/meetings/{EM}/outcome/",
        _MEETING_SEERS,  # no kind: shown again with the error
        data={"kind": "", "note": "Sắp ký"},
    ),
    # --- organisers ---------------------------------------------------------------------------
    Row("events/<int:pk>/b2b/organise/", "GET", "/events/{EV}/b2b/organise/", _ORGANISERS),
    Row("events/<int:pk>/b2b/organise/", "GET", "/events/{ED}/b2b/organise/", _NOT_B2B),
    Row(
        "events/<int:pk>/b2b/organise/",
        "POST",
        "/events/{EV}/b2b/organise/",
        _ORGANISERS,  # no number of tables: shown again with the error
        data={"action": "tables", "table_count": ""},
    ),
    Row(
        "events/<int:pk>/b2b/organise/",
        "POST",
        "/events/{EV}/b2b/organise/",
        _ORGANISERS,  # an interpreter with one language: refused on the field
        data={"action": "interpreter", "name": "Phiên dịch", "languages": ["vi"]},
    ),
    Row("events/<int:pk>/b2b/run/", "POST", "/events/{EV}/b2b/run/", _ORGANISERS_ACT),
    Row(
        "events/b2b/requests/<int:pk>/place/",
        "POST",
        "/events/b2b/requests/{EMR}/place/",
        # slot 0 is none of EV's: refused on the field, nothing moves
        but(404, anonymous=LOGIN, member=403, org_admin=403, official_a=200, admin=200),
        data={"slot": "0", "table": "1"},
    ),
    Row(
        "events/b2b/meetings/<int:pk>/unpin/",
        "POST",
        "/events/b2b/meetings/{EM}/unpin/",  # not pinned: stays as it is
        but(404, anonymous=LOGIN, member=403, org_admin=403, official_a=302, admin=302),
    ),
]

"""Events' API rows of the authorization matrix (see matrix.py for the world).

Published events, their agenda, questions and programmes are read without credentials; a draft
only by its organisers (404 for others). Everything else needs credentials (401, not a
redirect). What a caller may not see is a 404, what they see but may not do a 403: only the
organisers (official_a for province A's events, and platform admins) edit, publish, cancel, see
attendees, check tickets in, add slots and interpreters, run the scheduler and pin meetings; a
registration is seen by its holder, the leader who registered the guest and the organisers; the
B2B pages are for the event's confirmed participants (member and org_admin at EV). Rows that
only reach the validation (422) or change nothing come first; rows that change the world come
last, each after the rows that need the world as it was. These rows run after the web, manage
and B2B rows, in the same world.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import Row, but, every

_API = "api/v1/events"
NO_ROW = 2_147_483_647  # an id no row has (ids in bodies are not filled in from the world)


def _api(route: str, method: str, url: str, expect: dict[str, int], **kwargs) -> Row:
    route = f"{_API}/{route}" if route else _API
    url = f"/{_API}{url}" if url.startswith("?") or not url else f"/{_API}/{url}"
    return Row(route, method, url, expect, json=True, **kwargs)


def _signed_in(base: int, **overrides: int) -> dict[str, int]:
    return but(base, anonymous=401, **overrides)


# official_a's body hosts EV and ED; platform admins organise everything.
_ORGANISERS = _signed_in(403, official_a=200, admin=200)
_ORGANISERS_422 = _signed_in(403, official_a=422, admin=422)
_DRAFT = _signed_in(404, official_a=200, admin=200)
# member (with guest EG) and org_admin are EV's confirmed B2B participants.
_PARTICIPANTS = _signed_in(403, member=200, org_admin=200)
_PARTICIPANTS_AND_ORGANISERS = _signed_in(403, member=200, org_admin=200, official_a=200, admin=200)
_ER = _signed_in(404, member=200, official_a=200, admin=200)  # holder/leader and organisers
_EV = "{EV}"

API_ROWS: list[Row] = [
    # --- public reads ---------------------------------------------------------------------------
    _api(
        "",
        "GET",
        "",
        every(200),
        shows={"anonymous": (("results", "b2b_enabled"), ("seats_left",))},
    ),
    _api("", "GET", "?when=all&q=hoi+nghi&programme={EP}&province=31", every(200)),
    _api("", "GET", "?when=later", every(422)),
    _api("programmes", "GET", "programmes", every(200)),
    _api("programmes/<programme_id>", "GET", "programmes/{EP}", every(200)),
    _api("programmes/<programme_id>", "GET", f"programmes/{NO_ROW}", every(404)),
    _api(
        "<event_id>",
        "GET",
        _EV,
        every(200),
        shows={"anonymous": (("seats_left", "agenda"), ("attendees", "ticket_code"))},
    ),
    _api("<event_id>", "GET", "{ED}", but(404, official_a=200, admin=200)),
    _api("<event_id>", "GET", str(NO_ROW), every(404)),
    _api("<event_id>/sessions", "GET", "{EV}/sessions", every(200)),
    _api("<event_id>/sessions", "GET", "{ED}/sessions", but(404, official_a=200, admin=200)),
    _api("<event_id>/questions", "GET", "{EV}/questions?phase=registration", every(200)),
    # --- registrations --------------------------------------------------------------------------
    _api("registrations/mine", "GET", "registrations/mine", _signed_in(200)),
    _api("registrations/<registration_id>", "GET", "registrations/{ER}", _ER),
    _api("registrations/<registration_id>", "GET", "registrations/{EG}", _ER),
    _api(
        "registrations/<registration_id>",
        "GET",
        "registrations/{EO}",
        _ER | {"member": 404, "org_admin": 200},
    ),
    _api(
        "registrations/<registration_id>/waiting-list",
        "GET",
        "registrations/{ER}/waiting-list",
        _ER,
    ),
    _api("<event_id>/attendees", "GET", "{EV}/attendees", _ORGANISERS),
    _api("<event_id>/attendees", "GET", "{ED}/attendees", _DRAFT),
    _api("<event_id>/attendance", "GET", "{EV}/attendance", _ORGANISERS),
    # --- B2B reads ------------------------------------------------------------------------------
    _api("<event_id>/b2b/profile", "GET", "{EV}/b2b/profile", _PARTICIPANTS),
    _api(
        "<event_id>/b2b/directory",
        "GET",
        "{EV}/b2b/directory?q=ca+phe",
        _PARTICIPANTS_AND_ORGANISERS,
    ),
    _api("<event_id>/b2b/requests", "GET", "{EV}/b2b/requests", _PARTICIPANTS),
    _api("<event_id>/b2b/slots", "GET", "{EV}/b2b/slots", _PARTICIPANTS_AND_ORGANISERS),
    _api("<event_id>/b2b/interpreters", "GET", "{EV}/b2b/interpreters", _ORGANISERS),
    _api("<event_id>/b2b/schedule", "GET", "{EV}/b2b/schedule", _PARTICIPANTS_AND_ORGANISERS),
    # --- writes that stop at the validation, or change nothing ----------------------------------
    # A host the caller does not organise for: 403; platform admins reach the validation.
    _api(
        "",
        "POST",
        "",
        _signed_in(403, admin=422),
        data={
            "host_id": NO_ROW,
            "title": "Hội nghị",
            "venue": "Hội trường",
            "starts_at": "2030-03-01T09:00:00",
            "ends_at": "2030-03-01T17:00:00",
        },
    ),
    _api("<event_id>", "PATCH", _EV, _ORGANISERS_422, data={"ends_at": "2000-01-01T00:00:00"}),
    _api(
        "<event_id>",
        "PATCH",
        "{ED}",
        _signed_in(404, official_a=422, admin=422),
        data={"title": " "},
    ),
    _api("<event_id>/publish", "POST", "{EV}/publish", _ORGANISERS),  # already published
    _api("<event_id>/cancel", "POST", "{EV}/cancel", _ORGANISERS_422, data={"reason": ""}),
    # Already registered (member, org_admin) or the required dietary question left empty.
    _api("<event_id>/registrations", "POST", "{EV}/registrations", _signed_in(422), data={}),
    _api("<event_id>/registrations", "POST", "{EI}/registrations", _signed_in(422), data={}),
    _api(
        "<event_id>/registrations",
        "POST",
        "{ED}/registrations",
        _signed_in(404, official_a=422, admin=422),  # not open for registration
        data={},
    ),
    _api(
        "registrations/<registration_id>/feedback",
        "POST",
        "registrations/{ER}/feedback",
        _signed_in(404, member=422, official_a=403, admin=403),  # before the event begins
        data={"rating": 5},
    ),
    _api("<event_id>/check-in", "POST", "{EV}/check-in", _ORGANISERS, data={"code": "nope"}),
    _api(
        "<event_id>/b2b/profile",
        "PUT",
        "{EV}/b2b/profile",
        _signed_in(403, member=422, org_admin=422),
        data={"languages": []},
    ),
    _api(
        "<event_id>/b2b/requests",
        "POST",
        "{EV}/b2b/requests",
        _signed_in(403, member=422, org_admin=422),
        data={"recipient_id": NO_ROW},
    ),
    # EPR: member → a third participant, pending; only its recipient answers.
    _api(
        "b2b/requests/<meeting_request_id>/answer",
        "POST",
        "b2b/requests/{EPR}/answer",
        _signed_in(404, member=403, official_a=403, admin=403),
        data={"accept": True},
    ),
    # EMR: org_admin → member, already accepted.
    _api(
        "b2b/requests/<meeting_request_id>/answer",
        "POST",
        "b2b/requests/{EMR}/answer",
        _signed_in(404, member=422, org_admin=403, official_a=403, admin=403),
        data={"accept": False},
    ),
    _api(
        "b2b/requests/<meeting_request_id>/place",
        "POST",
        "b2b/requests/{EPR}/place",
        _signed_in(404, member=403, official_a=422, admin=422),  # not accepted
        data={"slot_id": NO_ROW},
    ),
    _api(
        "<event_id>/b2b/slots",
        "POST",
        "{EV}/b2b/slots",
        _ORGANISERS_422,
        data={"starts_at": "2000-01-01T09:00:00", "minutes": 20},
    ),
    _api(
        "<event_id>/b2b/interpreters",
        "POST",
        "{EV}/b2b/interpreters",
        _ORGANISERS_422,
        data={"name": "", "languages": ["vi"]},
    ),
    _api(
        "b2b/meetings/<meeting_id>/outcomes",
        "POST",
        "b2b/meetings/{EM}/outcomes",
        _signed_in(404, member=422, org_admin=422, official_a=422, admin=422),
        data={"kind": "nothing", "value_usd": 5},
    ),
    _api(
        "b2b/meetings/<meeting_id>/unpin",
        "POST",
        "b2b/meetings/{EM}/unpin",
        _signed_in(404, member=403, org_admin=403, official_a=200, admin=200),  # not pinned
    ),
    # --- writes that change the world -----------------------------------------------------------
    _api(
        "b2b/meetings/<meeting_id>/outcomes",
        "POST",
        "b2b/meetings/{EM}/outcomes",
        _signed_in(404, member=201, org_admin=201, official_a=201, admin=201),
        data={"kind": "deal", "value_usd": 120000},
    ),
    _api(
        "b2b/requests/<meeting_request_id>/cancel",
        "POST",
        "b2b/requests/{EPR}/cancel",
        _signed_in(404, member=200, official_a=403, admin=403),
    ),
    _api(
        "<event_id>/b2b/schedule/run",
        "POST",
        "{EV}/b2b/schedule/run",
        _ORGANISERS,
    ),
    # A leader's cancellation takes the guest with it.
    _api(
        "registrations/<registration_id>/cancel",
        "POST",
        "registrations/{ER}/cancel",
        _ER,
    ),
    _api("<event_id>/cancel", "POST", "{ED}/cancel", _DRAFT, data={"reason": "Hoãn lại."}),
]

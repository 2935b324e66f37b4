"""Proposals' api rows of the authorization matrix (world: see matrix.py).

Proposals, comments, timelines and the dashboard are read without credentials; writes need them
(401, not a redirect). What a caller may not see is a 404, what they see but may not do a 403:
only officials of the assigned body (and platform admins, for the platform) move a proposal,
answer and link outcomes; screening, assigning, merging and moderation are the platform
admins'. Rows that only reach the validation (422) or change nothing come first; rows that
change the world come last, each after the rows that need the world as it was. These rows run
after the web and dashboard rows, in the same world.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every  # noqa: F401

_API = "api/v1/proposals"
NO_ROW = 2_147_483_647  # an id no row has (ids in bodies are not filled in from the world)


def _api(route: str, method: str, url: str, expect: dict[str, int], **kwargs) -> Row:
    route = f"{_API}/{route}" if route else _API
    url = f"/{_API}/{url}" if url else f"/{_API}"
    return Row(route, method, url, expect, json=True, **kwargs)


def _signed_in(base: int, **overrides: int) -> dict[str, int]:
    return but(base, anonymous=401, **overrides)


# member's person wrote RP (assigned to the ministry) and RA (province A, accepted); org_admin's
# person wrote RS (submitted, anonymous) and RH (hidden). By the time these rows run every
# signed-in role has a registry profile (the core rows PATCH /api/v1/me/profile for each), so
# all of them may submit, endorse and comment.
_RP_HANDLERS = {"ministry": 422, "admin": 422}  # RP is assigned to the ministry
_NAMED = (("name",), ())  # RS has no body yet: "name" can only be its author's
_NOT_NAMED = ((), ("name",))
_RS_AUTHOR = {role: _NOT_NAMED for role in ("anonymous", "member", "official_a", "official_b")}
_RS_AUTHOR |= {"ministry": _NOT_NAMED, "org_admin": _NAMED, "admin": _NAMED}

API_ROWS: list[Row] = [
    # --- public reads -------------------------------------------------------------------------
    _api("", "GET", "", every(200), shows={"anonymous": (("results", "endorsement_count"), ())}),
    _api(
        "<proposal_id>",
        "GET",
        "{RP}",
        every(200),
        shows={"anonymous": (("body", "outcomes", "attachments"), ("actor",))},
    ),
    _api("<proposal_id>", "GET", "{RS}", every(200), shows=_RS_AUTHOR),
    _api("<proposal_id>", "GET", "{RH}", but(404, org_admin=200, admin=200)),
    _api("<proposal_id>", "GET", str(NO_ROW), every(404)),
    _api("similar", "GET", "similar?title=Mạng lưới chuyên gia bán dẫn", every(200)),
    _api("dashboard", "GET", "dashboard", every(200), shows={"anonymous": (("by_agency",), ())}),
    _api("<proposal_id>/comments", "GET", "{RP}/comments", every(200)),
    _api("<proposal_id>/comments", "GET", "{RH}/comments", but(404, org_admin=200, admin=200)),
    _api(
        "<proposal_id>/timeline",
        "GET",
        "{RP}/timeline",
        every(200),
        shows={role: (("by_platform",), ("actor",)) for role in ("anonymous", "admin")},
    ),
    _api("abuse-reports", "GET", "abuse-reports", _signed_in(403, admin=200)),
    # --- writes that stop at the validation, or change nothing ---------------------------------
    _api("", "POST", "", _signed_in(422), data={"title": "Ngắn", "text": "<p>x</p>"}),
    _api(
        "<proposal_id>/endorsement",
        "DELETE",
        "{RP}/endorsement",
        _signed_in(200),  # withdrawing what one did not give
    ),
    _api(
        "<proposal_id>/endorsement",
        "POST",
        "{RP}/endorsement",
        _signed_in(200, member=422),  # not one's own
    ),
    _api(
        "<proposal_id>/endorsement",
        "POST",
        "{RP}/endorsement",
        _signed_in(422),  # a second time
    ),
    _api(
        "<proposal_id>/comments",
        "POST",
        "{RP}/comments",
        _signed_in(422),
        data={"text": " "},
    ),
    _api(
        "<proposal_id>/abuse-reports",
        "POST",
        "{RP}/abuse-reports",
        _signed_in(422),
        data={"reason": ""},
    ),
    _api("<proposal_id>/screen", "POST", "{RP}/screen", _signed_in(403, admin=422)),
    _api(
        "<proposal_id>/assign",
        "POST",
        "{RP}/assign",
        _signed_in(403, admin=422),
        data={"body_id": NO_ROW},
    ),
    # Only the assigned body's officials move it (another body's official: 403).
    _api(
        "<proposal_id>/move",
        "POST",
        "{RP}/move",
        _signed_in(403, **_RP_HANDLERS),
        data={"to": "declined"},  # without a reason
    ),
    _api(
        "<proposal_id>/move",
        "POST",
        "{RP}/move",
        _signed_in(403, **_RP_HANDLERS),
        data={"to": "implemented"},  # not from "assigned"
    ),
    _api(
        "<proposal_id>/answer",
        "POST",
        "{RP}/answer",
        _signed_in(403, **_RP_HANDLERS),
        data={"text": ""},
    ),
    _api(
        "<proposal_id>/merge",
        "POST",
        "{RP}/merge",
        _signed_in(403, admin=422),
        data={"into_id": NO_ROW},
    ),
    _api(
        "<proposal_id>/outcomes",
        "POST",
        "{RP}/outcomes",
        _signed_in(403, **_RP_HANDLERS),  # not accepted yet
        data={"kind": "project", "title": "Dự án"},
    ),
    _api(
        "<proposal_id>/outcomes/<outcome_id>",
        "PATCH",
        "{RA}/outcomes/{RO}",
        _signed_in(403, official_a=200, admin=200),
        data={"progress": 40},  # as it was
    ),
    _api(
        "<proposal_id>/hide",
        "POST",
        "{RP}/hide",
        _signed_in(403, admin=422),
        data={"reason": ""},
    ),
    _api(
        "<proposal_id>/comments/<comment_id>/hide",
        "POST",
        "{RP}/comments/{RC}/hide",
        _signed_in(403, admin=422),
        data={"reason": ""},
    ),
    # --- writes that change the world ----------------------------------------------------------
    _api(
        "",
        "POST",
        "",
        _signed_in(201),
        data={
            "title": "Học bổng cho sinh viên ngành vi mạch",
            "text": "<p>Quỹ học bổng do kỹ sư kiều bào đóng góp và hướng dẫn.</p>",
        },
    ),
    _api(
        "<proposal_id>/endorsement",
        "POST",
        "{RS}/endorsement",
        _signed_in(200, org_admin=422),  # not one's own
    ),
    _api(
        "<proposal_id>/comments",
        "POST",
        "{RP}/comments",
        _signed_in(201),
        data={"text": "Tôi đồng ý."},
    ),
    _api(
        "<proposal_id>/abuse-reports",
        "POST",
        "{RP}/abuse-reports",
        _signed_in(201),
        data={"reason": "Quảng cáo."},
    ),
    _api(
        "<proposal_id>/answer",
        "POST",
        "{RP}/answer",
        _signed_in(403, ministry=201, admin=201),
        data={"text": "Bộ đang xem xét đề xuất."},
    ),
    _api(
        "<proposal_id>/move",
        "POST",
        "{RP}/move",
        _signed_in(403, ministry=200, admin=200),
        data={"to": "under_review"},
    ),
    _api(
        "<proposal_id>/outcomes",
        "POST",
        "{RA}/outcomes",
        _signed_in(403, official_a=201, admin=201),
        data={"kind": "policy", "title": "Chính sách mới", "progress": 5},
    ),
    _api(
        "<proposal_id>/outcomes/<outcome_id>",
        "PATCH",
        "{RA}/outcomes/{RO}",
        _signed_in(403, official_a=200, admin=200),
        data={"progress": 60},
    ),
    _api(
        "abuse-reports/<report_id>/dismiss",
        "POST",
        "abuse-reports/{RAB}/dismiss",
        _signed_in(403, admin=200),
    ),
    _api(
        "<proposal_id>/comments/<comment_id>/hide",
        "POST",
        "{RP}/comments/{RC}/hide",
        _signed_in(403, admin=200),
        data={"reason": "Quảng cáo."},
    ),
    _api("<proposal_id>/screen", "POST", "{RS}/screen", _signed_in(403, admin=200)),
    _api(
        "<proposal_id>/hide",
        "POST",
        "{RS}/hide",
        _signed_in(403, admin=200),
        data={"reason": "Trùng lặp."},
    ),
]

"""Proposals' web rows of the authorization matrix (world: see matrix.py).

Proposals are public (a hidden one: its author and the moderators only, others get 404);
members with a profile submit, endorse and comment; any signed-in user reports abuse; platform
admins screen, assign, merge and moderate; only the assigned body's officials (and admins)
move a proposal on, answer and link outcomes: an official of another body gets 403.

POST rows send input that changes nothing (a form shown again with its errors, a step the
service refuses, withdrawing an endorsement never given): the dashboard and API rows after
them see the same world.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every

# Members with a profile in the registry. By the time these rows run every signed-in role has
# one (the core rows PATCH /api/v1/me/profile for each), so all of them may submit and comment.
_MEMBERS = but(200, anonymous=LOGIN)
_ADMIN = but(403, anonymous=LOGIN, admin=200)
_RP_HANDLERS = but(403, anonymous=LOGIN, ministry=200, admin=200)  # RP: the ministry's
_RA_HANDLERS = but(403, anonymous=LOGIN, official_a=200, admin=200)  # RA: province A's
_AUTHOR = (("author",), ())
_NO_AUTHOR = ((), ("author",))

WEB_ROWS: list[Row] = [
    # --- list, submission, suggestions ----------------------------------------------------
    Row("proposals/", "GET", "/proposals/", every(200)),
    Row(
        "proposals/",
        "GET",
        "/proposals/?q=ban+dan&status=assigned&order=endorsed&mine=on&endorsed=on",
        every(200),
    ),
    Row("proposals/new/", "GET", "/proposals/new/", _MEMBERS),
    Row("proposals/new/", "POST", "/proposals/new/", _MEMBERS, data={"title": ""}),
    Row("proposals/similar/", "GET", "/proposals/similar/?title=mang+luoi+ban+dan", every(200)),
    # --- a proposal -----------------------------------------------------------------------
    Row(
        "proposals/<int:proposal_id>/",
        "GET",
        "/proposals/{RP}/",
        every(200),
        shows={role: _AUTHOR for role in ("anonymous", "member", "official_b")},
    ),
    Row(
        "proposals/<int:proposal_id>/",
        "GET",
        "/proposals/{RS}/",
        every(200),
        # Anonymous to the public: its author and the admins see who it is.
        shows={"org_admin": _AUTHOR, "admin": _AUTHOR}
        | {role: _NO_AUTHOR for role in ("anonymous", "member", "official_a", "ministry")},
    ),
    Row(
        "proposals/<int:proposal_id>/",
        "GET",
        "/proposals/{RH}/",
        but(404, org_admin=200, admin=200),  # hidden: its author and the moderators
    ),
    Row("proposals/<int:proposal_id>/", "GET", "/proposals/0/", every(404)),
    Row(
        "proposals/<int:proposal_id>/attachments/<int:attachment_id>/",
        "GET",
        "/proposals/{RP}/attachments/{RAT}/",
        every(200),
    ),
    Row(
        "proposals/<int:proposal_id>/attachments/<int:attachment_id>/",
        "GET",
        "/proposals/{RA}/attachments/{RAT}/",  # not an attachment of RA
        every(404),
    ),
    Row(
        "proposals/<int:proposal_id>/endorse/",
        "POST",
        "/proposals/{RS}/endorse/",
        # Withdrawing an endorsement never given changes nothing.
        but(302, anonymous=LOGIN),
        data={"action": "withdraw"},
    ),
    Row(
        "proposals/<int:proposal_id>/endorse/",
        "POST",
        "/proposals/{RH}/endorse/",
        # Hidden: only its author and the moderators see it; the service refuses to endorse a
        # hidden proposal (with a message).
        but(404, anonymous=LOGIN, org_admin=302, admin=302),
        data={"action": "endorse"},
    ),
    Row(
        "proposals/<int:proposal_id>/endorse/",
        "POST",
        "/proposals/{RH}/endorse/",
        but(404, anonymous=LOGIN, org_admin=302, admin=302),
        data={"action": "withdraw"},
    ),
    Row(
        "proposals/<int:proposal_id>/comments/",
        "POST",
        "/proposals/{RP}/comments/",
        _MEMBERS,
        data={"text": ""},
    ),
    Row(
        "proposals/<int:proposal_id>/report/",
        "POST",
        "/proposals/{RP}/report/",
        but(200, anonymous=LOGIN),
        data={"reason": ""},
    ),
    Row("proposals/<int:proposal_id>/hide/", "POST", "/proposals/{RP}/hide/", _ADMIN, data={}),
    # --- the platform's workflow ------------------------------------------------------------
    Row(
        "proposals/<int:proposal_id>/screen/",
        "POST",
        "/proposals/{RP}/screen/",  # already assigned: the service refuses
        but(403, anonymous=LOGIN, admin=302),
    ),
    Row(
        "proposals/<int:proposal_id>/assign/",
        "POST",
        "/proposals/{RS}/assign/",
        _ADMIN,
        data={"body": ""},
    ),
    Row(
        "proposals/<int:proposal_id>/merge/",
        "POST",
        "/proposals/{RS}/merge/",
        _ADMIN,
        data={"into": "0"},  # no such number: refused on the field
    ),
    # --- the assigned body's workflow -------------------------------------------------------
    Row(
        "proposals/<int:proposal_id>/move/",
        "POST",
        "/proposals/{RP}/move/",
        _RP_HANDLERS,  # declining without a reason: refused on the field
        data={"to": "declined", "reason": ""},
    ),
    Row(
        "proposals/<int:proposal_id>/answer/",
        "POST",
        "/proposals/{RP}/answer/",
        _RP_HANDLERS,
        data={"text": ""},
    ),
    Row(
        "proposals/<int:proposal_id>/outcomes/",
        "POST",
        "/proposals/{RA}/outcomes/",
        _RA_HANDLERS,
        data={"kind": "project", "title": "", "progress": "0"},
    ),
    Row(
        "proposals/<int:proposal_id>/outcomes/<int:outcome_id>/",
        "POST",
        "/proposals/{RA}/outcomes/{RO}/",
        _RA_HANDLERS,
        data={"progress": "140"},
    ),
    Row(
        "proposals/<int:proposal_id>/outcomes/<int:outcome_id>/",
        "POST",
        "/proposals/{RP}/outcomes/{RO}/",  # RO is RA's outcome
        but(403, anonymous=LOGIN, ministry=404, admin=404),
        data={"progress": "10"},
    ),
    # --- moderation -------------------------------------------------------------------------
    Row("proposals/moderation/", "GET", "/proposals/moderation/", _ADMIN),
    Row(
        "proposals/moderation/<int:report_id>/",
        "POST",
        "/proposals/moderation/{RAB}/",
        but(403, anonymous=LOGIN, admin=302),
        data={"action": "hide", "reason": ""},  # no reason: refused
    ),
]

"""The knowledge network's rows of the authorization matrix, and its part of the world.

World (added to core/tests/test_authorization_matrix.py's ``world``):
    N    a published need of province A's body (Hải Phòng; official_a manages it)
    ND   a draft need of province A's body
    INV  a pending invitation of N to the member's own person (who consented to contact)
    E    an engagement on N of the org admin's own person (an accepted invitation)
    M    a milestone of E, not done
    EX   the org admin's own person id (an expert with a profile)

Roles: see kieubao.core.tests.matrix_support. The web UI's rows go in WEB_ROWS, the API's in
API_ROWS.
"""

from __future__ import annotations

from kieubao.community import services as community
from kieubao.community.models import Organisation, OrganisationKind
from kieubao.core.tests.matrix_support import LOGIN, Row, but, every  # noqa: F401

# Web pages: every page is for signed-in people; what a viewer may not see is a 404, what they
# see but may not change a 403. POST rows send input that changes nothing (a form shown again
# with its errors, or publishing a published need): the API rows after them see the same world.
_MANAGERS = {"official_a": 200, "admin": 200}
# org_admin administers a business (the trade world's exporter TX), which may post needs.
_NEED_POSTERS = {
    "official_a": 200, "official_b": 200, "ministry": 200, "admin": 200, "org_admin": 200
}  # fmt: skip
_SEES_MANAGEMENT = (("recommendations", "invitations"), ())
_NO_MANAGEMENT = ((), ("recommendations", "invitations"))
_PARTICIPANTS = {"org_admin": 200, "official_a": 200, "admin": 200}  # of E
WEB_ROWS: list[Row] = [
    Row("knowledge/", "GET", "/knowledge/", but(200, anonymous=LOGIN)),
    Row(
        "knowledge/needs/new/",
        "GET",
        "/knowledge/needs/new/",
        but(403, anonymous=LOGIN) | _NEED_POSTERS,
    ),
    Row(
        "knowledge/needs/new/",
        "POST",
        "/knowledge/needs/new/",
        but(403, anonymous=LOGIN) | _NEED_POSTERS,
        data={"title": ""},
    ),
    Row(
        "knowledge/needs/<int:need_id>/",
        "GET",
        "/knowledge/needs/{N}/",
        but(200, anonymous=LOGIN),
        shows={role: _NO_MANAGEMENT for role in ("member", "org_admin", "official_b", "ministry")}
        | {"official_a": _SEES_MANAGEMENT, "admin": _SEES_MANAGEMENT},
    ),
    Row(
        "knowledge/needs/<int:need_id>/",
        "GET",
        "/knowledge/needs/{ND}/",
        but(404, anonymous=LOGIN) | _MANAGERS,
    ),
    Row(
        "knowledge/needs/<int:need_id>/edit/",
        "GET",
        "/knowledge/needs/{N}/edit/",
        but(403, anonymous=LOGIN) | _MANAGERS,
    ),
    Row(
        "knowledge/needs/<int:need_id>/edit/",
        "GET",
        "/knowledge/needs/{ND}/edit/",
        but(404, anonymous=LOGIN) | _MANAGERS,
    ),
    Row(
        "knowledge/needs/<int:need_id>/edit/",
        "POST",
        "/knowledge/needs/{N}/edit/",
        but(403, anonymous=LOGIN) | _MANAGERS,
        data={"title": ""},
    ),
    Row(
        "knowledge/needs/<int:need_id>/publish/",
        "POST",
        "/knowledge/needs/{N}/publish/",  # already published: nothing changes
        but(403, anonymous=LOGIN, official_a=302, admin=302),
    ),
    Row(
        "knowledge/needs/<int:need_id>/close/",
        "POST",
        "/knowledge/needs/{N}/close/",
        but(403, anonymous=LOGIN) | _MANAGERS,
        data={"reason": ""},
    ),
    Row(
        "knowledge/needs/<int:need_id>/invite/",
        "POST",
        "/knowledge/needs/{N}/invite/",
        but(403, anonymous=LOGIN) | _MANAGERS,
        data={"expert": "0"},
    ),
    Row("knowledge/me/", "GET", "/knowledge/me/", but(200, anonymous=LOGIN)),
    Row(
        "knowledge/me/",
        "POST",
        "/knowledge/me/",
        # Everyone has a registry profile by now (the PATCH of api/v1/me/profile above made
        # one for the officials and the admin): the form comes back with its errors.
        but(200, anonymous=LOGIN),
        data={"max_load": "99"},
    ),
    Row(
        "knowledge/me/works/",
        "POST",
        "/knowledge/me/works/",
        but(200, anonymous=LOGIN),
        data={"title": ""},
    ),
    Row(
        "knowledge/me/works/<int:work_id>/remove/",
        "POST",
        "/knowledge/me/works/0/remove/",
        but(404, anonymous=LOGIN),
    ),
    Row("knowledge/invitations/", "GET", "/knowledge/invitations/", but(200, anonymous=LOGIN)),
    Row(
        "knowledge/invitations/<int:invitation_id>/",
        "GET",
        "/knowledge/invitations/{INV}/",
        but(404, anonymous=LOGIN, member=200) | _MANAGERS,
    ),
    Row(
        "knowledge/invitations/<int:invitation_id>/",
        "POST",
        "/knowledge/invitations/{INV}/",
        # Only the expert answers (a reason is required); managers may only withdraw.
        but(404, anonymous=LOGIN, member=200, official_a=403, admin=403),
        data={"action": "decline", "reason": ""},
    ),
    Row("knowledge/engagements/", "GET", "/knowledge/engagements/", but(200, anonymous=LOGIN)),
    Row(
        "knowledge/engagements/<int:engagement_id>/",
        "GET",
        "/knowledge/engagements/{E}/",
        but(404, anonymous=LOGIN) | _PARTICIPANTS,
    ),
    Row(
        "knowledge/engagements/<int:engagement_id>/",
        "POST",
        "/knowledge/engagements/{E}/",
        but(404, anonymous=LOGIN) | _PARTICIPANTS,
        data={"action": "milestone", "title": ""},
    ),
    Row(
        "knowledge/engagements/<int:engagement_id>/documents/",
        "POST",
        "/knowledge/engagements/{E}/documents/",
        but(404, anonymous=LOGIN) | _PARTICIPANTS,  # no file: the form again
        data={"title": "x"},
    ),
    Row(
        "knowledge/engagements/<int:engagement_id>/documents/<int:document_id>/",
        "GET",
        "/knowledge/engagements/{E}/documents/0/",
        but(404, anonymous=LOGIN),
    ),
    Row("knowledge/networks/", "GET", "/knowledge/networks/", but(200, anonymous=LOGIN)),
    Row(
        "knowledge/networks/<int:network_id>/",
        "GET",
        "/knowledge/networks/{N}/",  # a need's id: no such network (see test_views for one)
        but(404, anonymous=LOGIN),
    ),
]
# The API: every operation needs credentials (401, not a redirect). Rows that change the world
# come last, each after the rows that need the world as it was.
_API = "api/v1/knowledge"
_API_MANAGERS = {"official_a": 200, "admin": 200}
_API_PARTICIPANTS = {"org_admin": 200, "official_a": 200, "admin": 200}  # of E


def _api(route: str, method: str, url: str, expect: dict[str, int], **kwargs) -> Row:
    return Row(f"{_API}/{route}", method, f"/{_API}/{url}", expect, json=True, **kwargs)


def _signed_in(base: int, **overrides: int) -> dict[str, int]:
    return but(base, anonymous=401, **overrides)


API_ROWS: list[Row] = [
    _api("needs", "GET", "needs", _signed_in(200)),
    _api(
        "needs",
        "POST",
        "needs",
        # Posters get as far as the validation (no field, no description; the admin must
        # choose the body); the member posts for nobody; org_admin for the business it
        # administers (the trade world's exporter TX).
        _signed_in(403, official_a=422, official_b=422, ministry=422, admin=422, org_admin=422),
        data={"title": "Cần giúp", "kind": "advice"},
    ),
    _api("needs/<need_id>", "GET", "needs/{N}", _signed_in(200)),
    _api("needs/<need_id>", "GET", "needs/{ND}", _signed_in(404, **_API_MANAGERS)),
    _api(
        "needs/<need_id>",
        "PATCH",
        "needs/{N}",
        _signed_in(403, official_a=422, admin=422),  # managers: nothing left to match by
        data={"description": None, "fields": None},
    ),
    _api(
        "needs/<need_id>",
        "PATCH",
        "needs/{ND}",
        _signed_in(404, official_a=422, admin=422),
        data={"description": None, "fields": None},
    ),
    _api(
        "needs/<need_id>/publish",
        "POST",
        "needs/{N}/publish",  # already published: nothing changes
        _signed_in(403, **_API_MANAGERS),
    ),
    _api(
        "needs/<need_id>/recommendations",
        "GET",
        "needs/{N}/recommendations",
        _signed_in(403, **_API_MANAGERS),
    ),
    _api(
        "needs/<need_id>/recommendations",
        "GET",
        "needs/{ND}/recommendations",
        _signed_in(404, **_API_MANAGERS),
    ),
    _api(
        "needs/<need_id>/invitations",
        "GET",
        "needs/{N}/invitations",
        _signed_in(403, **_API_MANAGERS),
        shows={"official_a": (("expert", "decline_reason"), ())},
    ),
    _api(
        "needs/<need_id>/invitations",
        "POST",
        "needs/{N}/invitations",
        _signed_in(403, official_a=422, admin=422),  # managers: no such person
        data={"expert_id": 2_147_483_647},
    ),
    _api("invitations", "GET", "invitations", _signed_in(200)),
    _api(
        "invitations/<invitation_id>",
        "GET",
        "invitations/{INV}",
        _signed_in(404, member=200, **_API_MANAGERS),
        shows={"member": (("message", "need"), ())},
    ),
    _api(
        "invitations/<invitation_id>/decline",
        "POST",
        "invitations/{INV}/decline",
        # Only the expert answers, with a reason.
        _signed_in(404, member=422, official_a=403, admin=403),
        data={"reason": " "},
    ),
    _api("engagements", "GET", "engagements", _signed_in(200)),
    _api(
        "engagements/<engagement_id>",
        "GET",
        "engagements/{E}",
        _signed_in(404, **_API_PARTICIPANTS),
        shows={"org_admin": (("milestones", "outcome_note"), ())},
    ),
    _api(
        "me/expert-profile",
        "GET",
        "me/expert-profile",
        _signed_in(404, org_admin=200),  # the others have none yet
        shows={"org_admin": (("keywords", "works", "employers"), ())},
    ),
    # --- changes --------------------------------------------------------------------------------
    _api(
        "needs",
        "POST",
        "needs",
        _signed_in(403, official_a=201, official_b=201, ministry=201, admin=422, org_admin=201),
        data={"title": "Cần tư vấn", "description": "Về vi mạch.", "kind": "advice"},
    ),
    _api("needs/<need_id>/publish", "POST", "needs/{ND}/publish", _signed_in(404, **_API_MANAGERS)),
    _api("needs/<need_id>/close", "POST", "needs/{ND}/close", _signed_in(404, **_API_MANAGERS)),
    _api(
        "invitations/<invitation_id>/withdraw",
        "POST",
        "invitations/{INV}/withdraw",
        _signed_in(404, member=403, **_API_MANAGERS),
    ),
    _api(
        "invitations/<invitation_id>/accept",
        "POST",
        "invitations/{INV}/accept",
        _signed_in(404, member=200, official_a=403, admin=403),
    ),
    _api(
        "engagements/<engagement_id>/milestones",
        "POST",
        "engagements/{E}/milestones",
        _signed_in(404, org_admin=201, official_a=201, admin=201),
        data={"title": "Báo cáo giữa kỳ"},
    ),
    _api(
        "engagements/<engagement_id>/milestones/<milestone_id>/done",
        "POST",
        "engagements/{E}/milestones/{M}/done",
        _signed_in(404, **_API_PARTICIPANTS),
    ),
    _api(
        "engagements/<engagement_id>/end",
        "POST",
        "engagements/{E}/end",
        _signed_in(404, **_API_PARTICIPANTS),
        data={"outcome": "advice_delivered", "note": "Xong."},
    ),
    _api(
        "me/expert-profile",
        "PUT",
        "me/expert-profile",
        _signed_in(200),  # everyone has a registry profile by now (PATCH api/v1/me/profile)
        data={"position": "Cố vấn", "keywords": ["bán dẫn"]},
    ),
    _api("needs/<need_id>/close", "POST", "needs/{N}/close", _signed_in(403, **_API_MANAGERS)),
]


def knowledge_world(world: dict) -> dict:
    from kieubao.knowledge import services

    official_a = world["users"]["official_a"]
    body = Organisation.objects.get(officials__user=official_a)
    assert body.kind == OrganisationKind.PROVINCE
    member_person = world["own"]["member"]
    expert = world["own"]["org_admin"]
    for person in (member_person, expert):
        community.consent_set(person=person, purpose="contact", granted=True)
    services.expert_profile_save(
        person=expert, position="Professor", keywords="semiconductors, chip design"
    )
    need = services.need_create(
        owner=body,
        created_by=official_a,
        title="Tư vấn thiết kế vi mạch",
        description="Cần chuyên gia bán dẫn.",
        kind="advice",
    )
    services.need_publish(need=need)
    draft = services.need_create(
        owner=body, created_by=official_a, title="Bản nháp", description="Nháp.", kind="review"
    )
    invitation = services.invitation_create(need=need, expert=member_person, invited_by=official_a)
    accepted = services.invitation_create(need=need, expert=expert, invited_by=official_a)
    engagement = services.invitation_accept(invitation=accepted)
    milestone = services.milestone_add(engagement=engagement, title="Báo cáo đầu tiên")
    return {
        "N": need.pk,
        "ND": draft.pk,
        "INV": invitation.pk,
        "E": engagement.pk,
        "EX": expert.pk,
        "M": milestone.pk,
    }


KNOWLEDGE_ROWS = [*WEB_ROWS, *API_ROWS]

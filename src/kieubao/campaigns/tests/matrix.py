"""Campaigns' rows of the authorization matrix, and their part of the world.

World (added to core/tests/test_authorization_matrix.py's ``world``; keys start with C):
    CM   an open public campaign owned by the ministry's body (the ministry manages it), with a
         named contribution ("Open Donor"), an anonymous one ("Hidden Donor", in USD at the
         recorded rate CR) and an allocation CMA with its evidence document
    CMA  the allocation of CM
    CR   a recorded USD rate
    CPL  member's open pledge to CM
    CD   a draft campaign of province A (official_a manages it; nobody else sees it)
    CC   a closed campaign of the ministry
    CF   an open support fund of province A (official_a manages it)
    CB   a business administered by org_admin's person (the trade world's exporter TX)
    CFA  CB's application to CF (submitted, with a plan document)

Managers (officials of the owner body, platform admins) edit, open and close, record
contributions and allocations, and decide applications; members with a profile (member,
org_admin) pledge; org_admin applies for CB; applications are seen by CB's admins and CF's
managers. Rows that change the world come last.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kieubao.community.models import Organisation
from kieubao.core.tests.matrix_support import LOGIN, Row, but, every

from .factories import PDF, allocate, contribute, make_campaign


def campaigns_world(world: dict) -> dict:
    from kieubao.campaigns import services

    users = world["users"]
    body_a = Organisation.objects.get(officials__user=users["official_a"])
    ministry = Organisation.objects.get(officials__user=users["ministry"])
    member, org_admin = world["own"]["member"], world["own"]["org_admin"]
    campaign = make_campaign(ministry, target_vnd=65_670_000_000)
    rate = services.rate_record(currency="USD", vnd_per_unit="26000", source="Vietcombank")
    contribute(campaign, 500_000_000, name="Open Donor")
    contribute(campaign, "1000", currency="USD", rate=rate, name="Hidden Donor", anonymous=True)
    allocation = allocate(campaign, 200_000_000, recipient_name="UBND tỉnh Quảng Trị")
    pledge = services.pledge_create(campaign, person=member, amount="2000000")
    draft = make_campaign(body_a, status="draft", title="Chiến dịch nháp")
    closed = make_campaign(ministry, status="closed", title="Chiến dịch đã đóng")
    fund = make_campaign(body_a, kind="fund", title="Quỹ hỗ trợ doanh nghiệp kiều bào")
    # org_admin's business is the trade world's exporter TX: a second one would make other
    # apps ask which organisation org_admin acts for.
    business = Organisation.objects.get(pk=world["TX"])
    application = services.application_submit(
        fund,
        business=business,
        person=org_admin,
        user=users["org_admin"],
        purpose="Chuyển đổi số",
        amount_requested_vnd=300_000_000,
        plan="Kế hoạch hai năm.",
        plan_document=SimpleUploadedFile("ke-hoach.pdf", PDF, "application/pdf"),
    )
    return {
        "CM": campaign.pk,
        "CMA": allocation.pk,
        "CR": rate.pk,
        "CPL": pledge.pk,
        "CD": draft.pk,
        "CC": closed.pk,
        "CF": fund.pk,
        "CB": business.pk,
        "CFA": application.pk,
    }


_P = "campaigns/"
# Who runs campaigns at all: officials, organisations' admins, platform admins.
_RUNNERS = but(200, anonymous=LOGIN, member=403)
_CM_MANAGERS = but(403, anonymous=LOGIN, ministry=200, admin=200)
_CD_MANAGERS = but(404, anonymous=LOGIN, official_a=200, admin=200)
_CF_MANAGERS = but(403, anonymous=LOGIN, official_a=200, admin=200)
_CFA_SEEN = but(404, anonymous=LOGIN, org_admin=200, official_a=200, admin=200)
# Admins of a business apply to the fund (org_admin for CB; in the whole world member and admin
# administer businesses too).
_APPLICANTS = but(403, anonymous=LOGIN, member=200, org_admin=200, admin=200)
# Members with a registry profile pledge (in the whole world every role has one; a signed-in
# user without one is sent to create it: test_views.py).
_PLEDGERS = but(200, anonymous=LOGIN)
_FIGURES = {"anonymous": (("contributed", "allocated", "held"), ())}

WEB_ROWS: list[Row] = [
    Row(_P, "GET", "/campaigns/", every(200)),
    Row(_P, "GET", "/campaigns/?kind=fund", every(200)),
    Row(_P + "mine/", "GET", "/campaigns/mine/", but(200, anonymous=LOGIN)),
    Row(_P + "new/", "GET", "/campaigns/new/", _RUNNERS),
    Row(_P + "new/", "POST", "/campaigns/new/", _RUNNERS, data={"title": ""}),
    Row(_P + "rates/", "GET", "/campaigns/rates/", _RUNNERS),
    Row(_P + "rates/", "POST", "/campaigns/rates/", _RUNNERS, data={"vnd_per_unit": "-1"}),
    Row(_P + "<int:pk>/", "GET", "/campaigns/{CM}/", every(200), shows=_FIGURES),
    Row(_P + "<int:pk>/", "GET", "/campaigns/{CD}/", but(404, official_a=200, admin=200)),
    Row(_P + "<int:pk>/", "GET", "/campaigns/{CF}/", every(200)),
    Row(_P + "<int:pk>/ledger/", "GET", "/campaigns/{CM}/ledger/", every(200), shows=_FIGURES),
    Row(
        _P + "<int:pk>/ledger/",
        "GET",
        "/campaigns/{CD}/ledger/",
        but(404, official_a=200, admin=200),
    ),
    Row(_P + "<int:pk>/ledger.xlsx", "GET", "/campaigns/{CM}/ledger.xlsx", every(200)),
    Row(
        _P + "allocations/<int:pk>/evidence/",
        "GET",
        "/campaigns/allocations/{CMA}/evidence/",
        every(200),
    ),
    Row(_P + "<int:pk>/pledge/", "GET", "/campaigns/{CM}/pledge/", _PLEDGERS),
    Row(
        _P + "<int:pk>/pledge/",
        "POST",
        "/campaigns/{CC}/pledge/",
        _PLEDGERS,
        data={"amount": "100000", "currency": "VND"},
    ),
    Row(
        _P + "<int:pk>/pledge/",
        "GET",
        "/campaigns/{CD}/pledge/",
        but(404, anonymous=LOGIN, official_a=200, admin=200),
    ),
    Row(_P + "<int:pk>/edit/", "GET", "/campaigns/{CM}/edit/", _CM_MANAGERS),
    Row(_P + "<int:pk>/edit/", "GET", "/campaigns/{CD}/edit/", _CD_MANAGERS),
    Row(
        _P + "<int:pk>/edit/",
        "POST",
        "/campaigns/{CM}/edit/",
        _CM_MANAGERS,
        data={"target_vnd": "-5"},
    ),
    Row(
        _P + "<int:pk>/status/",
        "POST",
        "/campaigns/{CD}/status/",
        _CD_MANAGERS | {"official_a": 302, "admin": 302},
        data={"status": "bogus"},
    ),
    Row(
        _P + "<int:pk>/contributions/new/",
        "GET",
        "/campaigns/{CM}/contributions/new/",
        _CM_MANAGERS,
    ),
    Row(
        _P + "<int:pk>/contributions/new/",
        "POST",
        "/campaigns/{CM}/contributions/new/",
        _CM_MANAGERS,
        data={"amount": "abc"},
    ),
    Row(_P + "<int:pk>/allocations/new/", "GET", "/campaigns/{CM}/allocations/new/", _CM_MANAGERS),
    Row(
        _P + "<int:pk>/allocations/new/",
        "POST",
        "/campaigns/{CM}/allocations/new/",
        _CM_MANAGERS,
        data={"amount_vnd": "1"},
    ),
    Row(_P + "<int:pk>/allocations/new/", "GET", "/campaigns/{CD}/allocations/new/", _CD_MANAGERS),
    Row(
        _P + "<int:pk>/apply/",
        "GET",
        "/campaigns/{CF}/apply/",
        _APPLICANTS,
    ),
    Row(
        _P + "<int:pk>/apply/",
        "POST",
        "/campaigns/{CF}/apply/",
        _APPLICANTS,
        data={"purpose": ""},
    ),
    Row(_P + "<int:pk>/apply/", "GET", "/campaigns/{CM}/apply/", but(403, anonymous=LOGIN)),
    Row(_P + "<int:pk>/applications/", "GET", "/campaigns/{CF}/applications/", _CF_MANAGERS),
    Row(_P + "applications/<int:pk>/", "GET", "/campaigns/applications/{CFA}/", _CFA_SEEN),
    Row(
        _P + "applications/<int:pk>/",
        "POST",
        "/campaigns/applications/{CFA}/",
        _CFA_SEEN | {"org_admin": 403},
        data={"action": "noop"},
    ),
    Row(
        _P + "applications/<int:pk>/plan/", "GET", "/campaigns/applications/{CFA}/plan/", _CFA_SEEN
    ),
]

_API = "api/v1/campaigns"


def _api(route: str, method: str, url: str, expect: dict[str, int], **kwargs) -> Row:
    route = f"{_API}/{route}" if route else _API
    url = f"/{_API}/{url}" if url else f"/{_API}"
    return Row(route, method, url, expect, json=True, **kwargs)


def _signed_in(base: int, **overrides: int) -> dict[str, int]:
    return but(base, anonymous=401, **overrides)


_HIDDEN = {
    "anonymous": (("held_vnd", "evidence_url"), ("Hidden Donor",)),
    "member": (("held_vnd",), ("Hidden Donor",)),
    "ministry": (("Hidden Donor",), ()),
}

API_ROWS: list[Row] = [
    _api("", "GET", "", every(200)),
    _api("", "POST", "", _signed_in(422), data={}),
    _api("rates", "GET", "rates", _signed_in(200, member=403)),
    _api("rates", "POST", "rates", _signed_in(422), data={"currency": "USD"}),
    _api("pledges/mine", "GET", "pledges/mine", _signed_in(200)),
    _api("applications", "GET", "applications", _signed_in(200)),
    _api(
        "applications/<application_id>/decide",
        "POST",
        "applications/{CFA}/decide",
        _signed_in(404, org_admin=403, official_a=422, admin=422),
        data={"approve": True, "reason": ""},
    ),
    _api("<campaign_id>", "GET", "{CM}", every(200)),
    _api("<campaign_id>", "GET", "{CD}", but(404, official_a=200, admin=200)),
    _api("<campaign_id>", "PATCH", "{CM}", _signed_in(403, ministry=200, admin=200), data={}),
    _api(
        "<campaign_id>",
        "PATCH",
        "{CD}",
        _signed_in(404, official_a=422, admin=422),
        data={"ends_on": "2000-01-01"},
    ),
    _api("<campaign_id>/ledger", "GET", "{CM}/ledger", every(200), shows=_HIDDEN),
    _api(
        "<campaign_id>/pledges",
        "POST",
        "{CC}/pledges",
        _signed_in(422),  # closed: refused with its reason
        data={"amount": 100000},
    ),
    _api(
        "<campaign_id>/contributions",
        "POST",
        "{CM}/contributions",
        _signed_in(403, ministry=422, admin=422),
        data={"amount": 100, "currency": "XYZ"},
    ),
    _api("<campaign_id>/allocations", "GET", "{CM}/allocations", every(200)),
    _api("<campaign_id>/allocations", "POST", "{CM}/allocations", _signed_in(422), data={}),
    _api(
        "<campaign_id>/applications",
        "POST",
        "{CF}/applications",
        _signed_in(403, member=422, org_admin=422, admin=422),
        data={"business_id": 1, "purpose": "x", "amount_requested_vnd": 1, "plan": ""},
    ),
]

# Rows that change the world: last.
LAST_ROWS: list[Row] = [
    Row(
        _P + "pledges/<int:pk>/withdraw/",
        "POST",
        "/campaigns/pledges/{CPL}/withdraw/",
        but(404, anonymous=LOGIN, member=302, ministry=403, admin=403),
    ),
]

CAMPAIGNS_ROWS = [*WEB_ROWS, *API_ROWS, *LAST_ROWS]

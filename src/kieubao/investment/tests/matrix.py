"""Investment's rows of the authorization matrix, and its part of the world.

World (keys start with IN):
    INA   a published opportunity of province A (official_a's body, Hải Phòng)
    INI   member's interest in INA, moved to the MoU stage
    IND   a draft opportunity of province A (only official_a and admin see it)
    INM   a published opportunity of the ministry's body (in Đà Nẵng)
    INDOC a PDF document of INA
    INE   the registry profile of org_admin's business (the trade world's exporter TX)

Published opportunities, their documents, the province dashboards and the enterprise registry
are public; a draft is seen by its body's officials only (404 for others). The body's officials
(official_a for INA and IND) and admins edit, publish, add documents and move the pipeline
(others 403). Officials of a province or ministry (official_a, official_b, ministry) and admins
publish new opportunities. An interest is seen by its investor (member), the body's officials
and admins (404 for others); only the investor (and the officials) withdraw it. An enterprise's
profile is edited by its organisation's admins (org_admin) and platform admins.

POST rows change nothing: forms refused with their errors, backwards moves, a second interest.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from kieubao.community.models import Organisation
from kieubao.core.tests.matrix_support import LOGIN, Row, but, every

NO_ROW = 2_147_483_647
# Request bodies that name records of the world: the matrix fills in placeholders of URLs only,
# so investment_world writes the ids into these (the same dicts the rows below send).
_MOVE = {"stage": "site_visit"}  # backwards from the MoU: refused
_NEW_OPPORTUNITY = {"title": "Dự án", "sector": "green", "province_code": 48}
_NEW_ENTERPRISE = {"location": "abroad", "country": "FR", "province_code": 31, "sector": "green"}


def investment_world(world: dict) -> dict:
    from kieubao.investment import services

    from .factories import make_enterprise, make_opportunity

    users = world["users"]
    body_a = Organisation.objects.get(officials__user=users["official_a"])
    ministry = Organisation.objects.get(officials__user=users["ministry"])
    published = make_opportunity(body_a)
    draft = make_opportunity(body_a, publish=False, title="Dự án chưa công bố")
    national = make_opportunity(ministry, province_code=48, title="Trung tâm bán dẫn miền Trung")
    interest = services.interest_create(
        opportunity=published, person=world["own"]["member"], amount_usd="1000000"
    )
    services.interest_move(interest, stage="mou", amount_usd="800000")
    document = services.document_add(
        published,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf"),
        title="Quy hoạch",
    )
    # org_admin's business: the trade world's exporter (one business only: a second would make
    # other apps ask org_admin which one they act for).
    business = Organisation.objects.get(pk=world["TX"])
    enterprise = make_enterprise(business, location="home", country="VN")
    _MOVE["interest"] = interest.pk
    _NEW_OPPORTUNITY["body_id"] = body_a.pk
    _NEW_ENTERPRISE["organisation_id"] = enterprise.pk
    return {
        "INA": published.pk,
        "INI": interest.pk,
        "IND": draft.pk,
        "INM": national.pk,
        "INDOC": document.pk,
        "INE": enterprise.pk,
    }


_SIGNED_IN = but(200, anonymous=LOGIN)
_PUBLISHERS = but(403, anonymous=LOGIN, official_a=200, official_b=200, ministry=200, admin=200)
_BODY_A = but(403, anonymous=LOGIN, official_a=200, admin=200)
_DRAFT_A = but(404, anonymous=LOGIN, official_a=200, admin=200)
_INTEREST = but(404, anonymous=LOGIN, member=200, official_a=200, admin=200)
_ENTERPRISE_ADMINS = but(403, anonymous=LOGIN, org_admin=200, admin=200)
# Admins of a business add it to the registry: org_admin (the trade world's exporter) and, in
# the whole world, member too (a business of another app's world); platform admins.
_ENTERPRISE_CREATORS = but(403, anonymous=LOGIN, member=200, org_admin=200, admin=200)
_NAMES = (("investors",), ())
_NO_NAMES = ((), ("investors",))

WEB_ROWS: list[Row] = [
    Row("investment/", "GET", "/investment/", every(200)),
    Row(
        "investment/",
        "GET",
        "/investment/?q=sinh+hoc&sector=biotech&province=31&stage=idea&page=2",
        every(200),
    ),
    Row("investment/", "GET", "/investment/?sector=nope&province=x", every(200)),
    Row("investment/new/", "GET", "/investment/new/", _PUBLISHERS),
    Row("investment/new/", "POST", "/investment/new/", _PUBLISHERS, data={"title": ""}),
    Row("investment/mine/", "GET", "/investment/mine/", _SIGNED_IN),
    Row("investment/<int:pk>/", "GET", "/investment/{INA}/", every(200)),
    Row("investment/<int:pk>/", "GET", "/investment/{INM}/", every(200)),
    Row("investment/<int:pk>/", "GET", "/investment/{IND}/", but(404, official_a=200, admin=200)),
    Row("investment/<int:pk>/", "GET", "/investment/0/", every(404)),
    # member has an interest already: sent back with a message; everyone else with a profile
    # (the other worlds gave officials one) sees the negative amount refused on the form.
    Row(
        "investment/<int:pk>/",
        "POST",
        "/investment/{INA}/",
        but(200, anonymous=LOGIN, member=302),
        data={"amount_usd": "-5"},
    ),
    Row("investment/<int:pk>/edit/", "GET", "/investment/{INA}/edit/", _BODY_A),
    Row("investment/<int:pk>/edit/", "GET", "/investment/{IND}/edit/", _DRAFT_A),
    Row(
        "investment/<int:pk>/edit/",
        "POST",
        "/investment/{INA}/edit/",
        _BODY_A,
        data={"action": "save", "title": "", "size_usd": "abc"},
    ),
    Row("investment/<int:pk>/documents/", "GET", "/investment/{INA}/documents/", _BODY_A),
    Row("investment/<int:pk>/documents/", "POST", "/investment/{INA}/documents/", _BODY_A, data={}),
    Row("investment/documents/<int:pk>/", "GET", "/investment/documents/{INDOC}/", every(200)),
    Row("investment/documents/<int:pk>/", "GET", "/investment/documents/0/", every(404)),
    Row("investment/<int:pk>/pipeline/", "GET", "/investment/{INA}/pipeline/", _BODY_A),
    Row("investment/<int:pk>/pipeline/", "GET", "/investment/{IND}/pipeline/", _DRAFT_A),
    Row(
        "investment/<int:pk>/pipeline/",
        "POST",
        "/investment/{INA}/pipeline/",
        _BODY_A,
        data=_MOVE,
    ),
    Row(
        "investment/interests/<int:pk>/withdraw/",
        "GET",
        "/investment/interests/{INI}/withdraw/",
        _INTEREST,
    ),
    Row(
        "investment/interests/<int:pk>/withdraw/",
        "POST",
        "/investment/interests/{INI}/withdraw/",
        _INTEREST,
        data={"reason": ""},
    ),
    Row(
        "investment/provinces/<int:code>/",
        "GET",
        "/investment/provinces/31/",
        every(200),
        shows={
            "anonymous": _NO_NAMES,
            "member": _NO_NAMES,
            "official_a": _NAMES,
            "official_b": _NO_NAMES,
            "admin": _NAMES,
        },
    ),
    Row("investment/provinces/<int:code>/", "GET", "/investment/provinces/99/", every(404)),
    Row(
        "investment/enterprises/", "GET", "/investment/enterprises/?q=sen&sector=green", every(200)
    ),
    Row("investment/enterprises/new/", "GET", "/investment/enterprises/new/", _ENTERPRISE_CREATORS),
    Row(
        "investment/enterprises/new/",
        "POST",
        "/investment/enterprises/new/",
        _ENTERPRISE_CREATORS,
        data={"location": "abroad"},
    ),
    Row("investment/enterprises/<int:pk>/", "GET", "/investment/enterprises/{INE}/", every(200)),
    Row("investment/enterprises/<int:pk>/", "GET", "/investment/enterprises/0/", every(404)),
    Row(
        "investment/enterprises/<int:pk>/edit/",
        "GET",
        "/investment/enterprises/{INE}/edit/",
        _ENTERPRISE_ADMINS,
    ),
    Row(
        "investment/enterprises/<int:pk>/edit/",
        "POST",
        "/investment/enterprises/{INE}/edit/",
        _ENTERPRISE_ADMINS,
        data={"location": "abroad", "capital_usd": "-1"},
    ),
]

_API = "api/v1/investment"


def _api(route: str, method: str, url: str, expect: dict[str, int], **kwargs) -> Row:
    return Row(f"{_API}/{route}", method, f"/{_API}/{url}", expect, json=True, **kwargs)


def _signed_in(base: int, **overrides: int) -> dict[str, int]:
    return but(base, anonymous=401, **overrides)


API_ROWS: list[Row] = [
    _api("opportunities", "GET", "opportunities", every(200)),
    _api(
        "opportunities",
        "GET",
        "opportunities?q=ban+dan&province=48&sector=semiconductors",
        every(200),
    ),
    _api("opportunities", "GET", "opportunities?sector=nope", every(422)),
    _api(
        "opportunities",
        "POST",
        "opportunities",
        _signed_in(403, official_a=422, admin=422),  # outside province A: refused
        data=_NEW_OPPORTUNITY,
    ),
    _api("opportunities/<opportunity_id>", "GET", "opportunities/{INA}", every(200)),
    _api(
        "opportunities/<opportunity_id>",
        "GET",
        "opportunities/{IND}",
        but(404, official_a=200, admin=200),
    ),
    _api("opportunities/<opportunity_id>", "GET", f"opportunities/{NO_ROW}", every(404)),
    _api(
        "opportunities/<opportunity_id>",
        "PATCH",
        "opportunities/{INA}",
        _signed_in(403, official_a=422, admin=422),
        data={"size_usd": "-1"},
    ),
    _api(
        "opportunities/<opportunity_id>/publish",
        "POST",
        "opportunities/{INA}/publish",  # published already: unchanged
        _signed_in(403, official_a=200, admin=200),
    ),
    _api(
        "opportunities/<opportunity_id>/interests",
        "POST",
        "opportunities/{INA}/interests",
        _signed_in(422),  # a second interest (member) or a negative amount
        data={"amount_usd": -5},
    ),
    _api(
        "opportunities/<opportunity_id>/interests",
        "GET",
        "opportunities/{INA}/interests",
        _signed_in(403, official_a=200, admin=200),
        shows={"official_a": (("investor", "committed_usd"), ())},
    ),
    _api("interests/mine", "GET", "interests/mine", _signed_in(200)),
    _api(
        "interests/<interest_id>/move",
        "POST",
        "interests/{INI}/move",
        _signed_in(404, member=403, official_a=422, admin=422),
        data={"stage": "site_visit"},
    ),
    _api(
        "interests/<interest_id>/withdraw",
        "POST",
        "interests/{INI}/withdraw",
        _signed_in(404, member=422, official_a=422, admin=422),
        data={"reason": ""},
    ),
    _api("provinces/<code>", "GET", "provinces/31", every(200)),
    _api("provinces/<code>", "GET", "provinces/99", every(404)),
    _api("enterprises", "GET", "enterprises?province=31", every(200)),
    _api(
        "enterprises",
        "POST",
        "enterprises",
        _signed_in(403, org_admin=422, admin=422),  # in the registry already
        data=_NEW_ENTERPRISE,
    ),
    _api("enterprises/<enterprise_id>", "GET", "enterprises/{INE}", every(200)),
    _api("enterprises/<enterprise_id>", "GET", f"enterprises/{NO_ROW}", every(404)),
    _api(
        "enterprises/<enterprise_id>",
        "PATCH",
        "enterprises/{INE}",
        _signed_in(403, org_admin=422, admin=422),
        data={"capital_usd": -1},
    ),
]

INVESTMENT_ROWS = [*WEB_ROWS, *API_ROWS]

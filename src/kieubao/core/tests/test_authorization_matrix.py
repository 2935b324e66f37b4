"""Every endpoint × every role × own/other records: the expected status, and for personal data
which fields appear. Routes come from the URL conf: a new endpoint without a row here fails
`test_every_route_has_a_row_in_the_matrix`. Deny by default: an unexpected 200 fails as surely
as an unexpected 403.
"""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import URLResolver, get_resolver

from kieubao.activities.tests.matrix import ACTIVITIES_ROWS, activities_world
from kieubao.campaigns.tests.matrix import CAMPAIGNS_ROWS, campaigns_world
from kieubao.community import services
from kieubao.community.models import Visibility
from kieubao.community.tests.factories import (
    make_ministry,
    make_official,
    make_person,
    make_user,
)
from kieubao.core.tests.matrix_support import LOGIN, ROLES, Row, but, every
from kieubao.events.tests.matrix import EVENTS_ROWS, events_world
from kieubao.insights.models import SurveyImport
from kieubao.investment.tests.matrix import INVESTMENT_ROWS, investment_world
from kieubao.knowledge.tests.matrix import KNOWLEDGE_ROWS, knowledge_world
from kieubao.proposals.tests.matrix import PROPOSALS_ROWS, proposals_world
from kieubao.trade.tests.matrix import TRADE_ROWS, trade_world

pytestmark = pytest.mark.django_db

PERSON_FIELDS_BY_ROLE = {
    # P: hometown Hải Phòng (province A), personal group for officials, contact private.
    "member": (("full_name", "city"), ("birth_year", "phone")),
    "org_admin": (("full_name", "city"), ("birth_year", "phone")),
    "official_a": (("full_name", "birth_year"), ("phone",)),
    "ministry": (("full_name", "birth_year"), ("phone",)),
    "admin": (("full_name", "birth_year", "phone"), ()),
}
# Insights: exact figures for officials of the province, ministries and admins only.
_EXACT = (("exact-figures",), ())
_SUPPRESSED = ((), ("exact-figures",))
EXACT_BY_ROLE_PROVINCE_A = dict.fromkeys(ROLES, _SUPPRESSED) | {
    "official_a": _EXACT, "ministry": _EXACT, "admin": _EXACT
}  # fmt: skip
EXACT_BY_ROLE_NATIONAL = dict.fromkeys(ROLES, _SUPPRESSED) | {"ministry": _EXACT, "admin": _EXACT}
# Survey imports: officials of a province (for their own) and platform admins.
IMPORTERS = but(403, anonymous=LOGIN, official_a=200, official_b=200, admin=200)
IMPORT_OWNERS = but(404, anonymous=LOGIN, official_a=200, admin=200)  # an import of province A

MATRIX: list[Row] = [
    Row("", "GET", "/", every(200)),
    Row("healthz", "GET", "/healthz", every(200)),
    Row(".well-known/security.txt", "GET", "/.well-known/security.txt", every(200)),
    Row("i18n/setlang/", "POST", "/i18n/setlang/", every(302), data={"language": "en"}),
    Row("jsi18n/", "GET", "/jsi18n/", every(200)),
    # --- pages --------------------------------------------------------------------------
    Row("people/", "GET", "/people/", every(200)),
    Row(
        "people/<int:person_id>/",
        "GET",
        "/people/{P}/",
        but(200, anonymous=404, official_b=404),
        shows=PERSON_FIELDS_BY_ROLE,
    ),
    Row("people/<int:person_id>/", "GET", "/people/{Q}/", but(404, admin=200)),  # unlisted
    Row("people/<int:person_id>/", "GET", "/people/{OWN}/", but(200, anonymous=404)),
    Row("me/profile/", "GET", "/me/profile/", but(200, anonymous=LOGIN)),
    Row("me/access-log/", "GET", "/me/access-log/", but(200, anonymous=LOGIN)),
    Row("me/data/", "GET", "/me/data/", but(200, anonymous=LOGIN)),
    # Bulk export and erasure ask for the password again first (force_login records none).
    Row(r"^me/data/export\.(?P<fmt>json|csv)$", "GET", "/me/data/export.json", every(302)),
    Row("me/delete/", "GET", "/me/delete/", every(302)),
    Row("me/delete/", "POST", "/me/delete/", every(302), data={"confirm": "x"}),
    Row("organisations/", "GET", "/organisations/", every(200)),
    Row("organisations/<int:organisation_id>/", "GET", "/organisations/{O}/", every(200)),
    Row(
        "organisations/<int:organisation_id>/membership/",
        "POST",
        "/organisations/{O}/membership/",
        every(302),
        data={"action": "noop"},
    ),
    Row(
        "organisations/<int:organisation_id>/manage/",
        "GET",
        "/organisations/{O}/manage/",
        but(403, anonymous=LOGIN, org_admin=200, admin=200),
    ),
    Row(
        "organisations/<int:organisation_id>/manage/",
        "POST",
        "/organisations/{O}/manage/",
        but(403, anonymous=LOGIN, org_admin=302, admin=302),
        data={"action": "details", "name_en": "Renamed"},
    ),
    # --- provincial insights ------------------------------------------------------------
    Row("insights/", "GET", "/insights/", every(200), shows=EXACT_BY_ROLE_NATIONAL),
    Row(
        r"^insights/(?P<code>national|\d{1,3})/$",
        "GET",
        "/insights/31/",
        every(200),
        shows=EXACT_BY_ROLE_PROVINCE_A,
    ),
    Row(
        r"^insights/(?P<code>national|\d{1,3})/figures\.(?P<fmt>csv|xlsx)$",
        "GET",
        "/insights/31/figures.csv",
        every(200),
    ),
    Row("insights/imports/", "GET", "/insights/imports/", IMPORTERS),
    Row(
        "insights/imports/",
        "POST",
        "/insights/imports/",
        IMPORTERS,  # an empty form: shown again with its errors
        data={"kind": "people"},
    ),
    Row("insights/imports/<int:import_id>/", "GET", "/insights/imports/{I}/", IMPORT_OWNERS),
    Row(
        "insights/imports/<int:import_id>/",
        "POST",
        "/insights/imports/{I}/",
        IMPORT_OWNERS | {"official_a": 302, "admin": 302},
        data={"action": "check"},
    ),
    Row(
        "insights/imports/<int:import_id>/progress/",
        "GET",
        "/insights/imports/{I}/progress/",
        IMPORT_OWNERS,
    ),
    # --- API ----------------------------------------------------------------------------
    Row("api/v1/", "GET", "/api/v1/", every(404), json=True),
    Row("api/v1/openapi.json", "GET", "/api/v1/openapi.json", every(200), json=True),
    Row("api/v1/docs", "GET", "/api/v1/docs", every(200)),
    Row("api/v1/people", "GET", "/api/v1/people", every(200), json=True),
    Row(
        "api/v1/people/<person_id>",
        "GET",
        "/api/v1/people/{P}",
        but(200, anonymous=404, official_b=404),
        shows=PERSON_FIELDS_BY_ROLE,
        json=True,
    ),
    Row("api/v1/people/<person_id>", "GET", "/api/v1/people/{Q}", but(404, admin=200), json=True),
    Row("api/v1/organisations", "GET", "/api/v1/organisations", every(200), json=True),
    Row(
        "api/v1/organisations/<organisation_id>",
        "GET",
        "/api/v1/organisations/{O}",
        every(200),
        json=True,
    ),
    Row(
        "api/v1/insights/provinces/<code>/summary",
        "GET",
        "/api/v1/insights/provinces/31/summary",
        every(200),  # exact or suppressed: see insights/tests/test_summary.py
        json=True,
    ),
    Row(
        "api/v1/insights/provinces/<code>/summary",
        "GET",
        "/api/v1/insights/provinces/99/summary",
        every(404),
        json=True,
    ),
    Row("api/v1/taxonomy/fields", "GET", "/api/v1/taxonomy/fields", every(200), json=True),
    Row(
        "api/v1/me/profile",
        "GET",
        "/api/v1/me/profile",
        # Officials and the admin have no person profile of their own.
        but(404, anonymous=401, member=200, org_admin=200),
        shows={"member": (("full_name", "phone", "visibility"), ())},
        json=True,
    ),
    Row(
        "api/v1/me/profile",
        "PATCH",
        "/api/v1/me/profile",
        but(200, anonymous=401),
        data={"full_name": "Tên Mới"},
        json=True,
    ),
    *KNOWLEDGE_ROWS,
    *TRADE_ROWS,
    *PROPOSALS_ROWS,
    *EVENTS_ROWS,
    *INVESTMENT_ROWS,
    *CAMPAIGNS_ROWS,
    *ACTIVITIES_ROWS,
]

# Third-party flows: django-allauth's account pages and Django's admin site. Their own
# permission checks are exercised here coarsely: anonymous visitors reach only the entry
# points, and only (MFA-enrolled) platform admins reach the admin site.
ALLAUTH_PUBLIC = (
    "accounts/login/",
    "accounts/signup/",
    "accounts/password/reset/",
    "accounts/password/reset/done/",
    "accounts/password/reset/key/done/",
    "accounts/inactive/",
    "accounts/confirm-email/",
    "accounts/login/code/confirm/",
    "accounts/2fa/authenticate/",
    "accounts/2fa/webauthn/login/",
    "accounts/logout/",
)


def _routes() -> list[str]:
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_route_has_a_row_in_the_matrix():
    covered = {row.route for row in MATRIX}
    missing = [
        r for r in _routes() if r not in covered and not r.startswith(("admin/", "accounts/"))
    ]
    assert not missing, f"Add these endpoints to the authorization matrix: {missing}"


# --- the world ---------------------------------------------------------------------------------


@pytest.fixture
def world(index_now, settings, tmp_path):
    with index_now():
        owner = make_user("owner@example.org")
        p = make_person(
            user=owner,
            full_name="Người Được Xem",
            hometown_province=31,
            city="Lyon",
            country="FR",
            birth_year=1981,
            phone="+33 1 23",
            vis_profile=Visibility.MEMBERS,
            vis_location=Visibility.MEMBERS,
            vis_personal=Visibility.OFFICIALS,
            vis_contact=Visibility.PRIVATE,
        )
        q = make_person(full_name="Người Không Niêm Yết", listed=False, hometown_province=31)
    organisation = services.organisation_create(name="Hội A", kind="association", country="FR")
    users = {
        "member": make_user(),
        "org_admin": make_user(),
        "official_a": make_official("Hải Phòng"),
        "official_b": make_official("Đà Nẵng"),
        "ministry": make_official(make_ministry()),
        "admin": make_user(is_staff=True, is_superuser=True),
    }
    own = {}
    for role in ("member", "org_admin"):
        own[role] = make_person(
            user=users[role], full_name=f"Tôi {role}", phone="+1 1", vis_profile=Visibility.PUBLIC
        )
    services.membership_add(person=own["org_admin"], organisation=organisation, role="admin")
    for role in ("official_a", "official_b", "ministry", "admin"):
        Authenticator.objects.create(user=users[role], type="totp", data={"secret": "x"})
    # Hundreds of API rows per role: the matrix checks who may do what, not the rate limit
    # (kieubao.core.ratelimit; tested in core/tests).
    settings.API_RATE_LIMITS = {}
    settings.IMPORT_DIR = tmp_path / "imports"
    settings.IMPORT_DIR.mkdir()
    (settings.IMPORT_DIR / "survey.csv").write_text("Họ và tên,Quốc gia\nAn,Pháp\n")
    survey = SurveyImport.objects.create(
        kind="people", province_code=31, file_name="survey.csv", original_name="survey.csv"
    )
    world = {
        "P": p.pk, "Q": q.pk, "O": organisation.pk, "I": survey.pk, "users": users, "own": own
    }  # fmt: skip
    world.update(knowledge_world(world))
    world.update(trade_world(world))
    world.update(proposals_world(world))
    world.update(events_world(world))
    world.update(investment_world(world))
    world.update(campaigns_world(world))
    world.update(activities_world(world))
    return world


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _request(client: Client, row: Row, url: str):
    if row.method == "GET":
        return client.get(url)
    if row.json and row.method in ("PATCH", "POST", "PUT", "DELETE"):
        import json

        return client.generic(
            row.method, url, json.dumps(row.data or {}), content_type="application/json"
        )
    return client.post(url, row.data or {})


def _own_url(world, role: str, url: str) -> str | None:
    if "{OWN}" not in url:
        return url
    person = world["own"].get(role)
    return url.replace("{OWN}", str(person.pk)) if person else None


@pytest.mark.parametrize("role", ROLES)
def test_matrix(world, role):
    failures = []
    client = _client(world, role)
    for row in MATRIX:
        url = _own_url(world, role, row.url)
        if url is None:
            continue  # roles without a profile have no "own" record
        url = url.format(**{k: v for k, v in world.items() if isinstance(v, (int, str))})
        response = _request(client, row, url)
        expected = row.expect[role]
        if response.status_code != expected:
            failures.append(f"{row.method} {url}: {response.status_code}, expected {expected}")
            continue
        if row.json and response.status_code >= 400:
            if not response["Content-Type"].startswith("application/json"):
                failures.append(f"{row.method} {url}: error not JSON")
        if role in row.shows and response.status_code == 200:
            body = response.content.decode()
            must, must_not = row.shows[role]
            for name in must:
                if not _has_field(body, name, row.json):
                    failures.append(f"{row.method} {url}: {name} missing for {role}")
            for name in must_not:
                if _has_field(body, name, row.json):
                    failures.append(f"{row.method} {url}: {name} LEAKED to {role}")
    assert not failures, "\n".join(failures)


def _has_field(body: str, name: str, is_json: bool) -> bool:
    if is_json:
        return f'"{name}"' in body
    if name == "full_name":
        return "<h1>" in body
    return f'data-field="{name}"' in body


@pytest.mark.parametrize("role", ROLES)
def test_account_pages(world, role):
    """allauth: anonymous visitors reach only the entry points; management pages send them to
    log in. No account page ever fails with a server error."""
    client = _client(world, role)
    failures = []
    for route in _routes():
        if not route.startswith("accounts/") or "<" in route or "(?P" in route:
            continue
        url = "/" + route
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
        elif role == "anonymous" and route not in ALLAUTH_PUBLIC:
            if response.status_code != 302 or "/accounts/login/" not in response["Location"]:
                failures.append(f"{url}: anonymous got {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_admin_site_is_for_platform_admins_only(world, role):
    client = _client(world, role)
    failures = []
    pattern = re.compile(r"^admin/(\w+/\w+/(add/)?)?$")
    read_only_adds = {"admin/core/auditentry/add/", "admin/community/consentrecord/add/"}
    for route in _routes():
        if not pattern.match(route) or route in read_only_adds:
            continue
        response = client.get("/" + route)
        if role == "admin":
            if response.status_code != 200:
                failures.append(f"/{route}: {response.status_code}")
        elif response.status_code not in (302, 403) or (
            response.status_code == 302
            and "/admin/login/" not in response["Location"]
            and "/accounts/" not in response["Location"]
        ):
            failures.append(f"/{route}: {role} got {response.status_code}")
    # The audit log and consent history can be read but never added, changed or deleted.
    if role == "admin":
        for route in sorted(read_only_adds):
            if client.get("/" + route).status_code != 403:
                failures.append(f"/{route}: add allowed")
    assert not failures, "\n".join(failures)


def test_matrix_size():
    """The figure quoted in the closing note: endpoints × roles."""
    endpoints = {(row.route, row.method) for row in MATRIX}
    assert len(endpoints) >= 20
    assert len(ROLES) == 7

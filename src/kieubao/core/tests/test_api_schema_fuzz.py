"""Schemathesis fuzzing of the REST API against the committed OpenAPI document (docs/openapi.json).

Every operation is called in-process, through the real Django WSGI application (so CSRF, the
rate limiter and every middleware are in the path, unlike with Django's test client), with
generated requests per run (EXAMPLES: 100 for the member's valid runs, which must reach the
data; 60 for their invalid ones; 30 anonymous; 15 with made-up credentials, which can only ever
be refused; fewer than before the events, investment, campaigns and activities APIs added 73
operations, to keep CI within its 30 minutes):

    anonymous     valid requests (schema-conforming data), no credentials
    member        valid requests with a member's API token (the member has a profile)
    member-invalid  schema-violating data (Schemathesis' negative mode) with the member's token,
                    for operations that take parameters or a body
    made-up       valid requests with the credentials Schemathesis makes up from the security
                  schemes (random bearer tokens and session cookies)

Each response must not be a server error and must conform to the document: a documented status
code and content type, headers and a body that validate. Invalid data must be refused with a
4xx. Generation is derandomized (same requests on every run) and runs against seeded data, so
list endpoints return results and detail endpoints are also aimed at existing records (and a
few writes at bodies that succeed: see kieubao.knowledge.tests.api_fuzz).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kieubao.accounts.services import api_token_create
from kieubao.activities.tests.api_fuzz import fuzz_world as activities_fuzz_world
from kieubao.campaigns.tests.api_fuzz import fuzz_world as campaigns_fuzz_world
from kieubao.community import services
from kieubao.community.models import OrganisationKind, Visibility
from kieubao.community.search import people_index
from kieubao.community.tests.factories import make_person, make_user
from kieubao.events.tests.api_fuzz import fuzz_world as events_fuzz_world
from kieubao.investment.tests.api_fuzz import fuzz_world as investment_fuzz_world
from kieubao.knowledge.tests.api_fuzz import fuzz_world
from kieubao.proposals.tests.api_fuzz import fuzz_world as proposals_fuzz_world
from kieubao.trade.tests.api_fuzz import fuzz_world as trade_fuzz_world
from kieubao.wsgi import application

REPO = Path(__file__).resolve().parents[4]
EXAMPLES = {"member": 100, "member-invalid": 60, "anonymous": 30, "made-up": 15}
NO_LIMITS = {"token": "1000000/m", "user": "1000000/m", "anonymous": "1000000/m"}

SCHEMA = schemathesis.openapi.from_path(REPO / "docs" / "openapi.json")
SCHEMA.app = application  # Schemathesis calls WSGI applications in-process

CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
OPERATIONS = [
    (method.upper(), path)
    for path, item in SCHEMA.raw_schema["paths"].items()
    for method in item
    if method in ("get", "put", "post", "patch", "delete")
]
RUNS = [
    (method, path, mode)
    for method, path in OPERATIONS
    for mode in ("anonymous", "member", "member-invalid", "made-up")
    # Negative data needs something to negate: parameters or a body.
    if mode != "member-invalid"
    or SCHEMA.raw_schema["paths"][path][method.lower()].get("parameters")
    or SCHEMA.raw_schema["paths"][path][method.lower()].get("requestBody")
]


@pytest.fixture
def wsgi_requests(settings):
    """Requests go through the WSGI handler, which closes the database connection after each
    request; Django's test client disconnects that clean-up (it would end the test's
    transaction), so do we. The rate limiter would stop a fuzzer after 120 requests a minute."""
    settings.API_RATE_LIMITS = NO_LIMITS
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    """Listed people with different visibility (one showing everything, one only to officials),
    one unlisted person, organisations (a chapter, a province body), memberships, and a member
    with a profile whose API token the member runs use."""
    # The services schedule one index update per write on commit; one update of all is faster.
    with django_capture_on_commit_callbacks(execute=False):
        association = services.organisation_create(
            name="Hội Người Việt tại Đức",
            name_en="Vietnamese in Germany",
            kind=OrganisationKind.ASSOCIATION,
            country="DE",
            city="Berlin",
            website="https://hoi.example",
        )
        chapter = services.organisation_create(
            name="Hội Người Việt tại Đức – Leipzig",
            kind=OrganisationKind.ASSOCIATION,
            country="DE",
            parent=association,
            city="Leipzig",
        )
        province = services.organisation_create(
            name="UBND Thành phố Hải Phòng",
            kind=OrganisationKind.PROVINCE,
            country="VN",
            province_code=31,
        )
        people = [
            make_person(
                full_name="Hoàng Thị Đào",
                other_names="Dao Hoang; Đào",
                country="JP",
                qualification="phd",
                fields=("semiconductors",),
                city="Osaka",
                hometown_province=31,
                residency_status="permanent",
                employer="Đại học Osaka",
                languages=["vi", "ja"],
                bio="Nghiên cứu bán dẫn.",
                birth_year=1990,
                sex="female",
                email="dao@example.org",
                phone="+81 90 0000 0000",
                website="https://dao.example",
                vis_profile=Visibility.PUBLIC,
                vis_location=Visibility.PUBLIC,
                vis_work=Visibility.PUBLIC,
                vis_personal=Visibility.PUBLIC,
                vis_contact=Visibility.PUBLIC,
                contact=True,
            ),
            make_person(full_name="Nguyễn Văn Bình", country="DE", vis_profile=Visibility.PUBLIC),
            make_person(full_name="Trần Minh Châu", country="DE", hometown_province=1),
            make_person(
                full_name="Lê Thu Hà",
                country="KR",
                hometown_province=31,
                vis_profile=Visibility.OFFICIALS,
            ),
            make_person(full_name="Phạm Văn Kín", country="FR", listed=False),
        ]
        services.membership_add(person=people[0], organisation=association, role="admin")
        services.membership_add(person=people[1], organisation=chapter, title="Thư ký")
        member = make_user()
        own = make_person(
            user=member,
            full_name="Vũ Thành Viên",
            country="DE",
            city="Berlin",
            hometown_province=1,
            fields=("ai",),
        )
        services.membership_add(person=own, organisation=association)
        knowledge = fuzz_world(member=own, province=province, expert=people[0])
        trade = trade_fuzz_world(member=own)
        proposals = proposals_fuzz_world(member=own)
        events = events_fuzz_world(member=own)
        later = [
            make(member=own)
            for make in (investment_fuzz_world, campaigns_fuzz_world, activities_fuzz_world)
        ]
    people.append(own)
    people_index().update([p.pk for p in people])
    _token, key = api_token_create(user=member)
    ids = {
        "person_id": [p.pk for p in people],
        "organisation_id": [association.pk, chapter.pk, province.pk],
    }
    parts = (knowledge, trade, proposals, events, *later)
    for part in parts:  # an id's name may be shared: its lists are joined
        for name, values in part["ids"].items():
            ids[name] = ids.get(name, []) + values
    return {
        "ids": ids,
        "bodies": {k: v for part in parts for k, v in part["bodies"].items()},
        # Operations for officials or admins only: the member's runs must be refused (403).
        "member_refused": {op for part in parts for op in part.get("member_refused", ())},
        "token": key,
    }


def _strategy(operation, mode: GenerationMode, seeded: dict):
    """Schemathesis' cases; for detail operations, half of them aimed at seeded records (random
    ids would nearly always miss), and for some writes with bodies known to succeed (random
    ones nearly always fail validation)."""
    generated = operation.as_strategy(mode)
    if mode != GenerationMode.POSITIVE:
        return generated
    path_names = sorted(
        p["name"] for p in operation.definition.raw.get("parameters", []) if p["in"] == "path"
    )
    aimed_ids = {name: seeded["ids"][name] for name in path_names if name in seeded["ids"]}
    bodies = seeded["bodies"].get((operation.method.upper(), operation.path))
    if not aimed_ids and not bodies:
        return generated
    paths = st.fixed_dictionaries({name: st.sampled_from(ids) for name, ids in aimed_ids.items()})

    def aimed(path_parameters: dict, body=None):
        kwargs = {"body": body, "media_type": "application/json"} if body is not None else {}
        return operation.as_strategy(mode, path_parameters=path_parameters or None, **kwargs)

    if bodies:
        aimed_cases = st.tuples(paths, st.sampled_from(bodies)).flatmap(lambda pb: aimed(*pb))
    else:
        aimed_cases = paths.flatmap(aimed)
    return st.one_of(generated, aimed_cases)


def _same_on_the_wire(case) -> bool:
    """A one-item list in the query string is the same bytes as a valid scalar (?field=x), and
    an empty object is sent as an empty value (?field=), which a string parameter may be."""
    return any(
        (isinstance(v, list | tuple) and len(v) <= 1) or (isinstance(v, dict) and not v)
        for v in (case.query or {}).values()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "mode"), RUNS, ids=[f"{m} {p} [{mode}]" for m, p, mode in RUNS]
)
def test_api_conforms_to_its_openapi_document(wsgi_requests, seeded, method, path, mode):
    operation = SCHEMA[path][method]
    generation = GenerationMode.NEGATIVE if mode == "member-invalid" else GenerationMode.POSITIVE
    member = mode in ("member", "member-invalid")
    headers = {"Authorization": f"Bearer {seeded['token']}"} if member else {}
    checks = CONFORMANCE + ([negative_data_rejection] if mode == "member-invalid" else [])
    statuses: Counter[int] = Counter()

    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
        ],
    )
    @given(case=_strategy(operation, generation, seeded))
    def run(case):
        if mode != "made-up":
            # Schemathesis makes up credentials from the security schemes: only the
            # "made-up" run keeps them; the others are exactly anonymous or the member.
            case.headers.pop("Authorization", None)
            case.cookies.pop("sessionid", None)
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        case_checks = checks
        if mode == "member-invalid" and _same_on_the_wire(case):
            # The bytes sent are those of a valid request (see _same_on_the_wire): no server
            # can tell it was meant to violate the schema.
            case_checks = CONFORMANCE
        case.validate_response(response, checks=case_checks, headers=headers)

    started = time.monotonic()
    run()
    elapsed = time.monotonic() - started
    examples = sum(statuses.values())
    print(
        f"\n{method} {path} [{mode}]: {examples} examples in {elapsed:.1f}s, "
        f"statuses {dict(sorted(statuses.items()))}"
    )
    assert examples >= EXAMPLES[mode]
    if mode == "member" and (method, path) in seeded["member_refused"]:
        assert statuses[403] > 0 and not statuses[200] + statuses[201], "the member was served"
    elif mode == "member":
        successes = statuses[200] + statuses[201]
        assert successes > 0, "no successful call: the fuzzing missed the seeded data"


@pytest.mark.django_db
def test_rate_limited_responses_conform(wsgi_requests, settings, seeded):
    settings.API_RATE_LIMITS = {"token": "2/m", "user": "2/m", "anonymous": "2/m"}
    for path, credentials in (
        ("/api/v1/people", {}),
        ("/api/v1/taxonomy/fields", {}),
        ("/api/v1/me/profile", {"Authorization": f"Bearer {seeded['token']}"}),
    ):
        operation = SCHEMA[path]["GET"]
        statuses = []
        for _ in range(3):
            case = operation.Case()
            response = case.call(headers=credentials)
            case.validate_response(response, checks=CONFORMANCE, headers=credentials)
            statuses.append(response.status_code)
        assert statuses[-1] == 429, (path, statuses)
        assert int(response.headers["retry-after"][0]) >= 1


@pytest.mark.django_db
def test_writes_without_a_session_are_unauthenticated_not_csrf_refusals(seeded):
    # Django's test client skips CSRF checks unless asked to; a real server does not.
    client = Client(enforce_csrf_checks=True)
    body = {"full_name": "X"}
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer kb_wrong"}):
        response = client.patch(
            "/api/v1/me/profile", body, content_type="application/json", **headers
        )
        assert response.status_code == 401, headers
        assert response.json()["code"] == "unauthorized"
    # A browser session without the CSRF token is still refused.
    client.force_login(make_user())
    response = client.patch("/api/v1/me/profile", body, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        *({name: "a\x00b"} for name in ("full_name", "other_names", "city", "employer", "bio")),
        {"phone": "\x00"},
        {"fields": ["ai\x00"]},
    ],
    ids=lambda body: next(iter(body)),
)
def test_text_with_nul_is_refused_not_a_server_error(wsgi_requests, seeded, body):
    # PostgreSQL text cannot hold NUL: before it was refused, it failed the write (500).
    operation = SCHEMA["/api/v1/me/profile"]["PATCH"]
    headers = {"Authorization": f"Bearer {seeded['token']}"}
    case = operation.Case(body=body, media_type="application/json")
    response = case.call(headers=headers)
    case.validate_response(response, checks=CONFORMANCE, headers=headers)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [next(iter(body))]


@pytest.mark.django_db
@pytest.mark.parametrize("parameter", ["q", "kind"])
def test_organisation_search_with_nul_finds_nothing(wsgi_requests, seeded, parameter):
    operation = SCHEMA["/api/v1/organisations"]["GET"]
    case = operation.Case(query={parameter: "Hội\x00"})
    response = case.call()
    case.validate_response(response, checks=CONFORMANCE)
    assert response.status_code == 200
    assert response.json()["count"] == 0

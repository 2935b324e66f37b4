import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from kieubao.api import api
from kieubao.community.models import ConsentRecord, Person, Visibility
from kieubao.community.tests.factories import make_official, make_person, make_user

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[4]


def _token_for(user) -> str:
    out = StringIO()
    call_command("api-token", user.email, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def member_client():
    user = make_user()
    member = Client(HTTP_AUTHORIZATION=f"Bearer {_token_for(user)}")
    member.user = user
    return member


def test_api_token_command_prints_a_working_token(client):
    user = make_user("token.owner@example.org")
    token = _token_for(user)
    assert token.startswith("kb_")
    response = client.get("/api/v1/me/profile", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404  # authenticated, but has no profile yet
    assert response.json()["code"] == "not_found"


def test_a_wrong_token_is_refused_not_downgraded_to_anonymous(client):
    response = client.get("/api/v1/people", HTTP_AUTHORIZATION="Bearer kb_wrong")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "unauthorized"


def test_own_profile_needs_authentication(client):
    assert client.get("/api/v1/me/profile").status_code == 401


def test_people_search_folds_and_applies_visibility(client, member_client, index_now):
    with index_now():
        make_person(
            full_name="Hoàng Thị Đào",
            country="JP",
            city="Osaka",
            hometown_province=31,
            vis_profile=Visibility.PUBLIC,
            vis_location=Visibility.MEMBERS,
            birth_year=1990,
        )
    anonymous = client.get("/api/v1/people", {"q": "HOANG THI DAO"}).json()
    assert anonymous["count"] == 1
    person = anonymous["results"][0]
    assert person["full_name"] == "Hoàng Thị Đào"
    assert person["country"] == "JP"
    assert "city" not in person and "birth_year" not in person
    assert set(person["hidden_groups"]) == {"location", "work", "personal", "contact"}

    member = member_client.get("/api/v1/people", {"q": "hoang thi dao"}).json()["results"][0]
    assert member["city"] == "Osaka"
    assert member["hometown_province"] == {"code": 31, "name": "Hai Phong"}
    assert "birth_year" not in member


def test_people_filters(member_client, index_now):
    with index_now():
        make_person(full_name="Lê A", country="KR", fields=("semiconductors",))
        make_person(full_name="Lê B", country="KR", hometown_province=31)
        make_person(full_name="Lê C", country="US")
    get = member_client.get
    assert get("/api/v1/people", {"country": "KR"}).json()["count"] == 2
    assert get("/api/v1/people", {"field": "semiconductors"}).json()["count"] == 1
    assert get("/api/v1/people", {"province": "Hải Dương"}).json()["count"] == 1
    response = get("/api/v1/people", {"province": "Atlantis"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "province"


def test_official_sees_officials_only_fields_of_people_in_scope(client, index_now):
    with index_now():
        person = make_person(
            full_name="Trịnh Văn Tỉnh",
            hometown_province=31,
            birth_year=1970,
            vis_personal=Visibility.OFFICIALS,
        )
    for province, sees in (("Hải Phòng", True), ("Đà Nẵng", False)):
        official = make_official(province)
        token = _token_for(official)
        body = client.get(
            f"/api/v1/people/{person.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
        ).json()
        assert ("birth_year" in body) is sees, province


def test_person_detail_of_someone_hidden_is_a_json_404(client):
    person = make_person(listed=False)
    response = client.get(f"/api/v1/people/{person.pk}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}


def test_create_and_edit_own_profile(member_client, index_now):
    payload = {
        "full_name": "Nguyễn Văn Mới",
        "country": "fr",
        "hometown_province": "Quảng Nam",
        "fields": ["ai", "education"],
        "languages": ["vi", "fr"],
        "visibility": {"contact": "private", "personal": "officials"},
        "consents": {"directory": True},
    }
    with index_now():
        response = member_client.patch(
            "/api/v1/me/profile", json.dumps(payload), content_type="application/json"
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["country"] == "FR"
    assert body["hometown_province"]["code"] == 48  # Quảng Nam merged into Đà Nẵng
    assert body["fields"] == ["ai", "education"]
    assert body["consents"]["directory"] is True
    assert body["visibility"]["personal"] == "officials"
    response = member_client.patch(
        "/api/v1/me/profile", {"city": "Lyon"}, content_type="application/json"
    )
    assert response.json()["city"] == "Lyon"
    assert member_client.get("/api/v1/people", {"q": "nguyen van moi"}).json()["count"] == 1


def test_invalid_payload_gets_field_errors_and_nothing_is_saved(member_client):
    make_person(user=member_client.user, full_name="Đinh Văn Giữ", birth_year=1980)
    response = member_client.patch(
        "/api/v1/me/profile",
        {"full_name": "Đổi Tên", "birth_year": 1500, "unknown": 1},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    fields = {e["field"] for e in body["errors"]}
    assert {"birth_year", "unknown"} <= fields
    person = Person.objects.get(user=member_client.user)
    assert person.full_name == "Đinh Văn Giữ"


def test_service_validation_errors_roll_back_consents_too(member_client):
    make_person(user=member_client.user, full_name="Đinh Văn Giữ", listed=False)
    records = ConsentRecord.objects.count()
    response = member_client.patch(
        "/api/v1/me/profile",
        {"fields": ["no-such-field"], "consents": {"directory": True}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "fields"
    assert ConsentRecord.objects.count() == records
    assert Person.objects.get(user=member_client.user).consent_directory is False


def test_validation_messages_follow_the_callers_language(member_client):
    english = member_client.patch(
        "/api/v1/me/profile", {"birth_year": "abc"}, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()  # fmt: skip
    vietnamese = member_client.patch(
        "/api/v1/me/profile", {"birth_year": "abc"}, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="vi",
    ).json()  # fmt: skip
    assert english["errors"][0]["message"] == "Enter a whole number."
    assert vietnamese["errors"][0]["message"] != "Enter a whole number."
    assert vietnamese["message"] != english["message"]


def test_malformed_json_is_a_422_not_a_500(member_client):
    response = member_client.patch(
        "/api/v1/me/profile", "{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] in ("bad_request", "validation_error")


def test_oversized_body_is_refused_with_413(member_client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    response = member_client.patch(
        "/api/v1/me/profile",
        json.dumps({"bio": "x" * 5000}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


def test_organisations_search_folds_names(client):
    from kieubao.community import services

    services.organisation_create(
        name="Hội người Việt Nam tại Đức", kind="association", country="DE"
    )
    services.organisation_create(name="Hội Doanh nhân", kind="business", country="JP")
    body = client.get("/api/v1/organisations", {"q": "hoi nguoi viet nam tai duc"}).json()
    assert body["count"] == 1
    assert body["results"][0]["country"] == "DE"
    assert client.get("/api/v1/organisations", {"kind": "business"}).json()["count"] == 1


def test_taxonomy_is_bilingual(client):
    fields = {f["slug"]: f for f in client.get("/api/v1/taxonomy/fields").json()}
    assert fields["ai"]["name_vi"] == "Trí tuệ nhân tạo"
    assert fields["ai"]["name_en"] == "Artificial intelligence"
    for slug in ("semiconductors", "nuclear-energy", "quantum", "uav", "logistics", "law"):
        assert slug in fields


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_openapi_document_is_published_and_committed(client):
    published = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/people" in published["paths"]
    committed = json.loads((REPO / "docs" / "openapi.json").read_text())
    generated = api.get_openapi_schema()
    assert committed == json.loads(json.dumps(generated)), (
        "docs/openapi.json is out of date: run `make openapi` and commit it "
        "(and note additions in CHANGELOG.md)."
    )


def test_interactive_docs_are_served(client):
    assert client.get("/api/v1/docs").status_code == 200


def test_session_writes_without_csrf_token_are_refused_in_json():
    user = make_user()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    response = browser.patch(
        "/api/v1/me/profile", {"full_name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not Person.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_absurd_page_numbers_give_an_empty_page_not_an_error():
    for url in ("/api/v1/organisations", "/api/v1/people"):
        response = Client().get(url, {"page": 456445831785784370979143680})
        assert response.status_code == 200, url
        assert response.json()["results"] == []


@pytest.mark.django_db
def test_a_parameter_given_twice_is_refused_by_name():
    response = Client().get("/api/v1/organisations?country=DE&country=FR")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "country", "message": "Give this parameter once."}
    ]


@pytest.mark.django_db
def test_a_country_must_be_an_iso_code():
    response = Client().get("/api/v1/organisations", {"country": "Hội\x00"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "country"
    assert Client().get("/api/v1/people", {"country": "de"}).status_code == 200

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from kieubao.community import services
from kieubao.community.models import ConsentRecord, Person, Visibility
from kieubao.community.tests.factories import make_official, make_person, make_user

pytestmark = pytest.mark.django_db


def _logged_in(user, *, mfa: bool = False) -> Client:
    if mfa:
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client = Client()
    client.force_login(user)
    return client


def test_home_page_links_to_the_directory(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'href="/people/"' in response.content


def test_directory_page_and_its_htmx_fragment(client, index_now):
    with index_now():
        make_person(full_name="Cao Thị Công Khai", vis_profile=Visibility.PUBLIC)
    page = client.get("/people/", {"q": "cao thi"})
    assert page.status_code == 200
    assert b"<html" in page.content and "Cao Thị Công Khai" in page.content.decode()
    fragment = client.get("/people/", {"q": "cao thi"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content
    assert "Cao Thị Công Khai" in fragment.content.decode()


def test_directory_page_query_count_does_not_grow_with_results(
    client, index_now, django_assert_max_num_queries
):
    user = make_user()
    member = _logged_in(user)
    with index_now():
        for i in range(25):
            person = make_person(full_name=f"Đỗ Văn {i}", fields=("ai", "law"))
            org = services.organisation_create(name=f"Hội {i}", kind="association", country="DE")
            services.membership_add(person=person, organisation=org)
    with django_assert_max_num_queries(12):
        response = member.get("/people/", {"q": "do van"})
    assert response.content.decode().count('href="/people/') >= 20


def test_person_page_shows_only_what_the_viewer_may_see(index_now):
    person = make_person(
        full_name="Kiều Văn Riêng",
        hometown_province=31,
        birth_year=1975,
        phone="+1 555",
        vis_personal=Visibility.OFFICIALS,
        vis_contact=Visibility.PRIVATE,
    )
    url = f"/people/{person.pk}/"
    member = _logged_in(make_user()).get(url).content.decode()
    official = _logged_in(make_official("Hải Phòng"), mfa=True).get(url).content.decode()
    other = _logged_in(make_official("Đà Nẵng"), mfa=True).get(url).content.decode()
    assert 'data-field="birth_year"' not in member
    assert 'data-field="birth_year"' in official and "1975" in official
    assert 'data-field="birth_year"' not in other
    for html in (member, official, other):
        assert "+1 555" not in html


def test_hidden_person_page_is_a_friendly_404(client):
    person = make_person(listed=False)
    response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 404
    assert b"Traceback" not in response.content


def test_profile_page_requires_login(client):
    response = client.get("/me/profile/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _profile_data(**overrides):
    data = {
        "full_name": "Phan Thị Hồ Sơ",
        "country": "CA",
        "city": "Toronto",
        "hometown_province": "31",
        "qualification": "master",
        "residency_status": "permanent",
        "fields_of_expertise": [],
        "languages": ["vi", "en"],
        "birth_year": "1990",
        "sex": "female",
        "vis_profile": "1",
        "vis_location": "1",
        "vis_work": "1",
        "vis_personal": "2",
        "vis_contact": "3",
        "consent_directory": "on",
    }
    data.update(overrides)
    return data


def test_saving_the_profile_creates_it_with_consent():
    user = make_user()
    client = _logged_in(user)
    response = client.post("/me/profile/", _profile_data())
    assert response.status_code == 302
    person = Person.objects.get(user=user)
    assert person.full_name == "Phan Thị Hồ Sơ"
    assert person.hometown_province == 31
    assert person.consent_directory is True
    assert person.vis_personal == Visibility.OFFICIALS
    assert ConsentRecord.objects.filter(person=person, purpose="directory").count() == 1
    follow = client.get(response["Location"])
    assert "Your profile has been saved." in follow.content.decode()


def test_invalid_profile_shows_field_errors_and_saves_nothing():
    user = make_user()
    client = _logged_in(user)
    response = client.post("/me/profile/", _profile_data(full_name="", birth_year="1800"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-error-for="full_name"' in html
    assert 'data-error-for="birth_year"' in html
    assert "Nothing has been saved yet." in html
    assert not Person.objects.filter(user=user).exists()
    assert ConsentRecord.objects.count() == 0


def test_profile_form_is_in_vietnamese_when_asked():
    client = _logged_in(make_user())
    response = client.get("/me/profile/", HTTP_ACCEPT_LANGUAGE="vi")
    assert '<html lang="vi"' in response.content.decode()


def test_language_switcher_sets_the_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en"' in response.content.decode()
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/"}, follow=True)
    assert '<html lang="vi"' in response.content.decode()


def test_organisation_page_lists_chapters_and_visible_members(client, index_now):
    network = services.organisation_create(
        name="Mạng lưới ĐMST", kind="innovation_network", country="VN"
    )
    chapter = services.organisation_create(
        name="Chi hội Hàn Quốc", kind="innovation_network", country="KR", parent=network
    )
    with index_now():
        visible = make_person(
            full_name="Thành Viên Công Khai",
            vis_profile=Visibility.PUBLIC,
            vis_work=Visibility.PUBLIC,
        )
        hidden = make_person(full_name="Thành Viên Kín", vis_profile=Visibility.PUBLIC)
        services.membership_add(person=visible, organisation=chapter)
        services.membership_add(person=hidden, organisation=chapter)
    html = client.get(f"/organisations/{network.pk}/").content.decode()
    assert "Chi hội Hàn Quốc" in html
    assert "Thành Viên Công Khai" in html
    assert "Thành Viên Kín" not in html  # memberships visible to members only


def test_organisations_directory_filters_by_kind(client):
    services.organisation_create(name="Hội A", kind="association", country="DE")
    services.organisation_create(name="Công ty B", kind="business", country="DE")
    html = client.get("/organisations/", {"kind": "business"}).content.decode()
    assert "Công ty B" in html and "Hội A" not in html


def test_oversized_form_post_is_refused_with_a_page(settings):
    settings.MAX_REQUEST_BODY_BYTES = 500
    client = _logged_in(make_user())
    response = client.post("/me/profile/", _profile_data(bio="x" * 2000))
    assert response.status_code == 413
    assert b"<html" in response.content


def test_every_asset_the_pages_reference_is_served_locally(client):
    import re

    html = client.get("/").content.decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
    # No CDN: nothing is loaded from another host.
    assert not re.search(r'(?:href|src)="(?:https?:)?//', html.split("<footer")[0])

"""The per-process cache of anonymous person pages: same bytes as rendering (bar the CSRF
token), never stale, never used for signed-in viewers."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client, RequestFactory

from kieubao.community import page_cache, services
from kieubao.community.models import Person, Visibility
from kieubao.community.tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty_cache():
    page_cache.clear()
    yield
    page_cache.clear()


@pytest.fixture
def public_person():
    person = make_person(
        full_name="Đinh Thị Công Khai",
        vis_profile=Visibility.PUBLIC,
        vis_work=Visibility.PUBLIC,
        city="Leipzig",
        fields=("ai",),
    )
    return person


def _without_token(html: str) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", html)


def _render_uncached(client, url: str) -> str:
    page_cache.clear()
    response = client.get(url)
    page_cache.clear()
    return response.content.decode()


def test_second_visit_is_served_from_the_cache_with_a_fresh_token(
    client, public_person, django_assert_num_queries
):
    url = f"/people/{public_person.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(2):  # the two plain queries of the fingerprint
        second = Client().get(url)
    assert second.status_code == 200
    assert _without_token(second.content.decode()) == _without_token(first.content.decode())
    assert "Đinh Thị Công Khai" in second.content.decode()
    # Each response carries its own token, matching the cookie it sets.
    token = TOKEN.search(second.content.decode()).group(1)
    assert token != TOKEN.search(first.content.decode()).group(1)
    assert second.cookies["csrftoken"].value


def test_a_token_from_a_cached_page_passes_the_csrf_check(client, public_person):
    url = f"/people/{public_person.pk}/"
    Client().get(url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url).content.decode()
    token = TOKEN.search(page).group(1)
    response = visitor.post(
        "/i18n/setlang/", {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "change",
    ["membership", "organisation name", "consent withdrawn", "visibility", "profile", "language"],
)
def test_a_cached_page_follows_every_change(client, public_person, change):
    url = f"/people/{public_person.pk}/"
    chapter = services.organisation_create(name="Chi hội Leipzig", kind="association", country="DE")
    services.membership_add(person=public_person, organisation=chapter)
    assert "Chi hội Leipzig" in client.get(url).content.decode() or change == "language"
    headers = {}
    if change == "membership":
        other = services.organisation_create(name="Hội Dresden", kind="association", country="DE")
        services.membership_add(person=public_person, organisation=other, title="Thủ quỹ")
        expected, gone = ["Hội Dresden", "Thủ quỹ"], []
    elif change == "organisation name":
        from kieubao.community.models import Organisation

        Organisation.objects.filter(pk=chapter.pk).update(name="Hội Leipzig mới")
        expected, gone = ["Hội Leipzig mới"], ["Chi hội Leipzig"]
    elif change == "consent withdrawn":
        services.consent_set(person=public_person, purpose="directory", granted=False)
        assert client.get(url).status_code == 404
        return
    elif change == "visibility":
        Person.objects.filter(pk=public_person.pk).update(vis_work=Visibility.MEMBERS)
        expected, gone = [], ["Chi hội Leipzig"]
    elif change == "profile":
        services.person_update(person=public_person, city="Dresden", fields=["law"])
        expected, gone = [], []
    else:
        headers = {"HTTP_ACCEPT_LANGUAGE": "vi"}
        expected, gone = ['lang="vi"'], []
    html = client.get(url, **headers).content.decode()
    for text in expected:
        assert text in html
    for text in gone:
        assert text not in html
    assert _without_token(html) == _without_token(_render_uncached(Client(**headers), url))


def test_signed_in_viewers_are_never_served_from_the_cache(public_person):
    url = f"/people/{public_person.pk}/"
    member = Client()
    member.force_login(make_user())
    assert member.get(url).status_code == 200
    assert not page_cache._pages
    Client().get(url)
    assert len(page_cache._pages) == 1


def test_hidden_and_missing_people_are_404_and_not_cached(client):
    hidden = make_person(listed=False)
    assert client.get(f"/people/{hidden.pk}/").status_code == 404
    assert client.get("/people/999999/").status_code == 404
    assert not page_cache._pages


def test_pages_with_pending_messages_are_rendered(public_person):
    request = RequestFactory().get(f"/people/{public_person.pk}/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "Đã lưu.")
    response = page_cache.anonymous_person_page(request, public_person.pk)
    assert "Đã lưu." in response.content.decode()
    assert not page_cache._pages

"""Journeys around the registry: the language switcher, the htmx directory search, and the
profile form's handling of bad input."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kieubao.community.models import Person, Visibility
from kieubao.community.selectors import PAGE_SIZE
from kieubao.community.tests import factories

from .helpers import HtmxRequests, force_login

pytestmark = pytest.mark.e2e


# -- language -----------------------------------------------------------------------------------


def test_language_switcher_switches_between_vietnamese_and_english(server, page, compiled_messages):
    page.goto(f"{server}/people/")
    html = page.locator("html")
    people_link = page.locator('header nav a[href="/people/"]')
    expect(html).to_have_attribute("lang", "en")  # the browser asks for English
    expect(people_link).to_have_text("People")

    page.get_by_test_id("lang-vi").click()
    expect(html).to_have_attribute("lang", "vi")
    assert page.url == f"{server}/people/"  # back where we were
    vietnamese = people_link.inner_text().strip()
    assert vietnamese, "the People link has no Vietnamese label"
    assert vietnamese != "People", "the People link is not translated into Vietnamese"
    expect(page.get_by_test_id("lang-vi")).to_have_class("link active")

    page.reload()  # the choice is remembered (cookie), whatever the browser asks for
    expect(html).to_have_attribute("lang", "vi")
    expect(people_link).to_have_text(vietnamese)

    page.get_by_test_id("lang-en").click()
    expect(html).to_have_attribute("lang", "en")
    expect(people_link).to_have_text("People")


# -- directory search with htmx -------------------------------------------------------------------


def _people(count: int, name: str, country: str) -> None:
    for i in range(1, count + 1):
        factories.make_person(full_name=f"{name} {i:02d}", country=country)


def _names(results) -> set[str]:
    return {name.strip() for name in results.locator(".result-list > li strong").all_inner_texts()}


@pytest.fixture
def directory_page(server, page):
    """A member on the directory, which holds more Nguyễns than fit on a page."""
    _people(PAGE_SIZE + 3, "Nguyễn Văn Thử", "DE")
    _people(3, "Trần Thị Lan", "FR")
    _people(2, "Trần Minh Đức", "DE")
    force_login(page, server, factories.make_user())
    page.goto(f"{server}/people/")
    expect(page.get_by_test_id("result-count")).to_have_text(f"{PAGE_SIZE + 8} people found")
    # A full page load would drop this marker; htmx swaps keep it.
    page.evaluate("window.__samePage = true")
    return page


def test_directory_search_updates_results_in_place_filters_and_pages(directory_page):
    page = directory_page
    htmx = HtmxRequests(page)
    count = page.get_by_test_id("result-count")
    results = page.locator("#results")
    search_box = page.locator("#id_q")

    # Typing searches as one types (debounced), without tones; Enter searches at once.
    search_box.press_sequentially("tran", delay=40)
    search_box.press("Enter")
    assert htmx.settle(), "typing sent no htmx request"
    expect(count).to_have_text("5 people found")
    assert _names(results) == {f"Trần Thị Lan 0{i}" for i in (1, 2, 3)} | {
        f"Trần Minh Đức 0{i}" for i in (1, 2)
    }
    assert "q=tran" in page.url  # hx-push-url keeps the address shareable

    # A country filter narrows them.
    page.locator("#id_country").select_option("FR")
    assert any("country=FR" in url for url in htmx.settle())
    expect(count).to_have_text("3 people found")
    assert _names(results) == {f"Trần Thị Lan 0{i}" for i in (1, 2, 3)}
    assert "country=FR" in page.url

    # Another query, any country: more than one page.
    page.locator("#id_country").select_option("")
    search_box.fill("nguyen")
    search_box.press("Enter")
    htmx.settle()
    expect(count).to_have_text(f"{PAGE_SIZE + 3} people found")
    pagination = results.locator(".pagination")
    expect(pagination).to_contain_text("Page 1 of 2")
    first_page = _names(results)
    assert len(first_page) == PAGE_SIZE

    pagination.get_by_role("link", name="Next").click()
    assert ["page=2" in url for url in htmx.settle()] == [True]
    expect(pagination).to_contain_text("Page 2 of 2")
    second_page = _names(results)
    assert len(second_page) == 3
    assert first_page | second_page == {f"Nguyễn Văn Thử {i:02d}" for i in range(1, PAGE_SIZE + 4)}
    assert "page=2" in page.url and "q=nguyen" in page.url

    pagination.get_by_role("link", name="Previous").click()
    htmx.settle()
    expect(pagination).to_contain_text("Page 1 of 2")
    assert _names(results) == first_page

    assert page.evaluate("window.__samePage") is True, "a full page load happened"


def test_directory_next_page_right_after_typing_sends_one_request(directory_page):
    page = directory_page
    htmx = HtmxRequests(page)
    page.locator("#id_q").press_sequentially("nguyen", delay=40)  # no Enter
    htmx.settle()
    expect(page.get_by_test_id("result-count")).to_have_text(f"{PAGE_SIZE + 3} people found")

    page.locator("#results .pagination").get_by_role("link", name="Next").click()
    sent = htmx.settle()
    assert len(sent) == 1 and "page=2" in sent[0], sent
    expect(page.locator("#results .pagination")).to_contain_text("Page 2 of 2")


# -- bad input on the profile form ----------------------------------------------------------------


def test_profile_form_shows_errors_next_to_fields_and_saves_nothing(server, page):
    user = factories.make_user()
    force_login(page, server, user)
    page.goto(f"{server}/me/profile/")
    form = page.get_by_test_id("profile-form")
    form.locator("#id_country").select_option("JP")
    form.locator("#id_city").fill("Osaka")
    form.locator("#id_birth_year").fill("1800")
    form.locator("#id_consent_directory").check()
    with page.expect_navigation():
        form.get_by_test_id("save-profile").click()
    form = page.get_by_test_id("profile-form")
    expect(form.locator('[role="alert"]').first).to_be_visible()
    # Each error sits right after its own field.
    name_errors = form.locator('#id_full_name + ul.errorlist[data-error-for="full_name"]')
    year_errors = form.locator('#id_birth_year + ul.errorlist[data-error-for="birth_year"]')
    expect(name_errors).to_be_visible()
    expect(name_errors).to_contain_text("required")
    expect(year_errors).to_be_visible()
    expect(year_errors).to_contain_text("1900")
    expect(form.locator("ul.errorlist[data-error-for]")).to_have_count(2)
    # What was typed is kept, and no success message is shown.
    expect(form.locator("#id_city")).to_have_value("Osaka")
    expect(form.locator("#id_birth_year")).to_have_value("1800")
    expect(page.locator(".messages")).to_have_count(0)
    assert not Person.objects.exists()

    # Only the year wrong: still nothing saved.
    form.locator("#id_full_name").fill("Lê Văn Hải")
    with page.expect_navigation():
        form.get_by_test_id("save-profile").click()
    form = page.get_by_test_id("profile-form")
    expect(form.locator('[data-error-for="birth_year"]')).to_be_visible()
    expect(form.locator('[data-error-for="full_name"]')).to_have_count(0)
    assert not Person.objects.exists()

    # Corrected, it saves.
    form.locator("#id_birth_year").fill("1990")
    form.get_by_test_id("save-profile").click()
    expect(page.locator(".messages")).to_contain_text("Your profile has been saved.")
    person = Person.objects.get(user=user)
    assert (person.full_name, person.birth_year, person.city) == ("Lê Văn Hải", 1990, "Osaka")
    assert person.vis_personal == Visibility.OFFICIALS

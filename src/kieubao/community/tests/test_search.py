import unicodedata

import pytest
from django.core.exceptions import ValidationError

from kieubao.community import services
from kieubao.community.models import Visibility
from kieubao.community.rules import ANONYMOUS
from kieubao.community.search import SearchFilters, people_index
from kieubao.community.selectors import people_search, viewer_for_user
from kieubao.community.tests.factories import (
    make_official,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db


def _names(page) -> list[str]:
    return [p.full_name for p in page.items]


@pytest.fixture
def member():
    return viewer_for_user(make_user())


@pytest.mark.parametrize(
    "query", ["da nang", "Đà Nẵng", "ĐÀ NẴNG", "đà nẵng", unicodedata.normalize("NFD", "Đà Nẵng")]
)
def test_any_spelling_finds_the_same_person(index_now, member, query):
    with index_now():
        make_person(full_name="Trần Đà Nẵng", country="US")
        make_person(full_name="Lê Văn Huế", country="US")
    assert _names(people_search(member, text=query)) == ["Trần Đà Nẵng"]


def test_tone_less_query_finds_a_full_name(index_now, member):
    with index_now():
        make_person(full_name="Đặng Thị Hồng Nhung")
        make_person(full_name="Đặng Văn Hùng")
    result = people_search(member, text="dang thi hong nhung")
    assert _names(result)[0] == "Đặng Thị Hồng Nhung"
    assert result.total == 1


def test_name_matches_rank_above_other_text(index_now, member):
    with index_now():
        make_person(full_name="Nguyễn Văn Berlin", city="Paris")
        make_person(full_name="Nguyễn Văn An", city="Berlin")
    assert _names(people_search(member, text="berlin"))[0] == "Nguyễn Văn Berlin"


def test_filters_narrow_results(index_now, member):
    with index_now():
        make_person(full_name="Phạm A", country="JP", fields=("ai",), qualification="phd")
        make_person(full_name="Phạm B", country="JP", fields=("law",), qualification="master")
        make_person(full_name="Phạm C", country="DE", fields=("ai",), qualification="phd")
    # Equal scores: their order is not specified.
    result = people_search(member, text="pham", filters=SearchFilters(country="JP"))
    assert sorted(_names(result)) == ["Phạm A", "Phạm B"]
    assert _names(people_search(member, filters=SearchFilters(country="JP", field="ai"))) == [
        "Phạm A"
    ]
    assert people_search(member, filters=SearchFilters(qualification="phd")).total == 2


def test_filter_by_network_includes_its_chapters(index_now, member):
    network = services.organisation_create(name="Network", kind="innovation_network", country="VN")
    chapter = services.organisation_create(
        name="Chapter KR", kind="innovation_network", country="KR", parent=network
    )
    with index_now():
        person = make_person(full_name="Võ Thị Kim")
        services.membership_add(person=person, organisation=chapter)
        make_person(full_name="Võ Văn Khác")
    assert _names(people_search(member, filters=SearchFilters(organisation=network.pk))) == [
        "Võ Thị Kim"
    ]


def test_unlisted_people_never_appear(index_now, member):
    with index_now():
        make_person(full_name="Hồ Văn Ẩn", listed=False)
    assert people_search(member, text="ho van an").total == 0


def test_withdrawing_the_listing_consent_removes_the_person_at_once(index_now, member):
    with index_now():
        person = make_person(full_name="Bùi Thị Rút")
    assert people_search(member, text="bui thi rut").total == 1
    with index_now():
        services.consent_set(person=person, purpose="directory", granted=False)
    assert people_search(member, text="bui thi rut").total == 0


def test_search_never_matches_text_the_viewer_may_not_see(index_now, member):
    with index_now():
        make_person(
            full_name="Lý Văn Kín",
            city="Bratislava",
            hometown_province=31,
            vis_location=Visibility.OFFICIALS,
        )
    # A member may see the name but not the city: searching by city finds nothing.
    assert people_search(member, text="bratislava").total == 0
    assert people_search(member, filters=SearchFilters(province=31)).total == 0
    assert people_search(member, text="ly van kin").total == 1
    same_province = viewer_for_user(make_official("Hải Phòng"))
    other_province = viewer_for_user(make_official("Đà Nẵng"))
    assert people_search(same_province, text="bratislava").total == 1
    assert people_search(same_province, filters=SearchFilters(province=31)).total == 1
    assert people_search(other_province, text="bratislava").total == 0


def test_anonymous_visitors_find_only_public_profiles(index_now):
    with index_now():
        make_person(full_name="Mai Công Khai", vis_profile=Visibility.PUBLIC)
        make_person(full_name="Mai Thành Viên", vis_profile=Visibility.MEMBERS)
    assert _names(people_search(ANONYMOUS, text="mai")) == ["Mai Công Khai"]


def test_results_without_a_query_are_sorted_by_name_and_paginated(index_now, member):
    with index_now():
        for name in ("Vũ C", "Vũ A", "Vũ B"):
            make_person(full_name=name)
    first = people_search(member, per_page=2)
    second = people_search(member, per_page=2, page=2)
    assert _names(first) == ["Vũ A", "Vũ B"]
    assert _names(second) == ["Vũ C"]
    assert first.total == 3 and first.pages == 2 and first.has_next


def test_reindex_rebuilds_the_index_from_the_database(index_now, member):
    with index_now():
        make_person(full_name="Đoàn Văn Dựng")
    people_index().clear()
    assert people_search(member, text="doan").total == 0
    assert people_index().rebuild() == 1
    assert people_search(member, text="doan").total == 1


def test_profile_changes_are_reindexed(index_now, member):
    with index_now():
        person = make_person(full_name="Tô Văn Cũ")
    with index_now():
        services.person_update(person=person, full_name="Tô Văn Mới")
    assert people_search(member, text="cu").total == 0
    assert _names(people_search(member, text="moi")) == ["Tô Văn Mới"]


def test_a_rolled_back_change_never_reaches_the_index(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            make_person(full_name="Ngô Văn Lỗi", birth_year=1500)
    assert callbacks == []
    assert people_search(member, text="ngo van loi").total == 0

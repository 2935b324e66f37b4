import unicodedata

import pytest
from django.core.exceptions import ValidationError

from kieubao.community import services
from kieubao.community.models import ConsentRecord, Official, Person
from kieubao.community.tests.factories import make_ministry, make_person, make_user

pytestmark = pytest.mark.django_db


def test_names_typed_in_nfd_are_stored_in_nfc_with_a_folded_copy():
    person = make_person(full_name=unicodedata.normalize("NFD", "Nguyễn  Thị Ánh"))
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.full_name_folded == "nguyen thi anh"


def test_former_province_name_resolves_to_successor():
    person = make_person(hometown_province="Hải Dương")
    assert person.hometown_province == 31
    assert person.hometown.name("vi") == "Hải Phòng"


def test_unknown_province_is_refused_with_a_field_error():
    with pytest.raises(ValidationError) as error:
        make_person(hometown_province="Atlantis")
    assert "hometown_province" in error.value.message_dict
    assert Person.objects.count() == 0


def test_invalid_values_are_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as error:
        services.person_create(full_name="Lê Văn A", country="XX", birth_year=1800)
    assert {"country", "birth_year"} <= set(error.value.message_dict)
    assert Person.objects.count() == 0


def test_unknown_field_of_expertise_rolls_back_the_whole_update():
    person = make_person(full_name="Phạm Văn B", fields=("ai",))
    with pytest.raises(ValidationError):
        services.person_update(person=person, full_name="Changed", fields=["no-such-field"])
    person.refresh_from_db()
    assert person.full_name == "Phạm Văn B"
    assert list(person.fields.values_list("slug", flat=True)) == ["ai"]


def test_unknown_language_code_is_refused():
    with pytest.raises(ValidationError) as error:
        make_person(languages=["vi", "klingon"])
    assert "languages" in error.value.message_dict


def test_one_profile_per_account():
    user = make_user()
    make_person(user=user)
    with pytest.raises(ValidationError):
        make_person(user=user)


def test_consent_is_recorded_with_version_and_can_be_withdrawn(settings):
    person = make_person(listed=False)
    services.consent_set(person=person, purpose="directory", granted=True)
    services.consent_set(person=person, purpose="directory", granted=False)
    person.refresh_from_db()
    assert person.consent_directory is False
    records = list(ConsentRecord.objects.filter(person=person).order_by("id"))
    assert [r.granted for r in records] == [True, False]
    assert all(r.text_version == settings.CONSENT_TEXT_VERSION for r in records)


def test_consents_set_records_only_changes():
    person = make_person(listed=True)
    before = ConsentRecord.objects.count()
    services.consents_set(person=person, consents={"directory": True, "contact": True})
    assert ConsentRecord.objects.count() == before + 1


def test_unknown_consent_purpose_is_refused():
    person = make_person()
    with pytest.raises(ValidationError):
        services.consent_set(person=person, purpose="marketing", granted=True)


def test_officials_serve_only_homeland_bodies():
    association = services.organisation_create(
        name="Hội người Việt tại Berlin", kind="association", country="DE"
    )
    with pytest.raises(ValidationError):
        services.official_appoint(user=make_user(), body=association)
    official = services.official_appoint(user=make_user(), body=make_ministry())
    assert Official.objects.get(pk=official.pk).body.kind == "ministry"


def test_province_body_needs_a_province():
    with pytest.raises(ValidationError):
        services.organisation_create(name="UBND ?", kind="province", country="VN")


def test_innovation_network_has_chapters_in_many_countries():
    network = services.organisation_create(
        name="Mạng lưới Đổi mới sáng tạo", kind="innovation_network", country="VN"
    )
    for code in ("KR", "JP", "DE"):
        services.organisation_create(
            name=f"Chapter {code}", kind="innovation_network", country=code, parent=network
        )
    assert network.chapters.count() == 3

"""The matching engine: who is recommended for a need, why, and who never is."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kieubao.community import services as community
from kieubao.community.tests.factories import make_ministry, make_person
from kieubao.knowledge import matching, services
from kieubao.knowledge.expert_index import expert_index
from kieubao.knowledge.models import Engagement, Invitation

pytestmark = pytest.mark.django_db
_examples = itertools.count()


def expert(index_now, *, fields=(), contact=True, languages=("vi", "en"), **profile):
    with index_now():
        person = make_person(
            contact=contact,
            fields=fields,
            full_name=profile.pop("name", None) or "Nguyễn Văn Chuyên Gia",
            languages=list(languages),
        )
        works = profile.pop("works", ())
        employers = profile.pop("employers", None)
        saved = services.expert_profile_save(person=person, employers=employers, **profile)
        for title, year in works:
            services.work_add(profile=saved, title=title, year=year)
    return person


def need(owner, *, title, description="", fields=(), kind="advice", experts_wanted=1):
    created = services.need_create(
        owner=owner,
        title=title,
        description=description or ("" if fields else title),
        fields=fields,
        kind=kind,
        experts_wanted=experts_wanted,
    )
    return services.need_publish(need=created)


def ids(recommendations):
    return [r.person_id for r in recommendations]


@pytest.fixture
def ministry():
    return make_ministry("Bộ Khoa học và Công nghệ")


def test_vietnamese_need_finds_english_profile_expert_with_reasons(index_now, ministry):
    chip = expert(
        index_now,
        name="Trần Minh Khoa",
        languages=("en", "vi"),
        position="Principal engineer, analog design",
        keywords="semiconductors, chip design, analog circuits",
        summary="Twenty years designing mixed-signal integrated circuits.",
        works=[("A low-power analog front end for semiconductor sensors", 2021)],
        engagement_kinds=["advice"],
    )
    farmer = expert(
        index_now,
        keywords="rice breeding, irrigation",
        summary="Agronomist working on rice varieties.",
    )
    wanted = need(
        ministry,
        title="Tư vấn phát triển ngành bán dẫn",
        description="Cần chuyên gia thiết kế vi mạch bán dẫn để tư vấn chiến lược đào tạo.",
    )
    recommendations = matching.recommend(wanted, limit=10)
    assert chip.pk in ids(recommendations)
    assert farmer.pk not in ids(recommendations)
    top = recommendations[0]
    assert top.person_id == chip.pk
    assert top.name == "Trần Minh Khoa"
    assert top.position == "Principal engineer, analog design"
    kinds = {r.kind for r in top.reasons}
    assert {"keyword", "work", "availability", "kind"} <= kinds
    labels = " | ".join(r.label for r in top.reasons)
    assert "Keywords: semiconductors, chip design" in labels
    assert "Publication: A low-power analog front end for semiconductor sensors (2021)" in labels
    assert "Prefers advice" in labels


def test_english_need_finds_vietnamese_profile_expert(index_now, ministry):
    ai = expert(
        index_now,
        keywords="trí tuệ nhân tạo, học máy, xử lý ngôn ngữ tự nhiên",
        summary="Nghiên cứu học sâu cho tiếng Việt.",
    )
    wanted = need(
        ministry,
        title="Machine learning for public services",
        description="We need advice on natural language processing for online public services.",
    )
    recommendations = matching.recommend(wanted)
    assert ids(recommendations)[:1] == [ai.pk]
    assert any(r.kind == "keyword" for r in recommendations[0].reasons)


def test_a_need_with_only_fields_finds_experts_of_those_fields(index_now, ministry):
    bio = expert(index_now, fields=("biotechnology",), keywords="vaccines")
    other = expert(index_now, fields=("tourism",), keywords="hotels")
    wanted = need(ministry, title="Hợp tác", fields=("biotechnology",))
    recommendations = matching.recommend(wanted)
    assert ids(recommendations) == [bio.pk]
    assert other.pk not in ids(recommendations)
    labels = [r.label for r in recommendations[0].reasons]
    assert "Shared fields: Biotechnology" in labels


def test_field_reasons_follow_the_language(index_now, ministry):
    from django.utils import translation

    expert(index_now, fields=("semiconductors",), keywords="chip")
    wanted = need(ministry, title="Chip", fields=("semiconductors",))
    with translation.override("vi"):
        labels = [r.label for r in matching.recommend(wanted)[0].reasons]
    assert any("Bán dẫn" in label for label in labels)


def test_person_without_contact_consent_never_appears(index_now, ministry):
    hidden = expert(index_now, contact=False, keywords="quantum computing")
    shown = expert(index_now, keywords="quantum computing")
    wanted = need(ministry, title="Quantum computing roadmap")
    assert ids(matching.recommend(wanted)) == [shown.pk]
    assert hidden.pk not in ids(matching.recommend(wanted, method="bm25"))


def test_withdrawing_consent_takes_effect_at_once(index_now, ministry):
    person = expert(index_now, keywords="quantum computing")
    wanted = need(ministry, title="Quantum computing roadmap")
    assert ids(matching.recommend(wanted)) == [person.pk]
    with index_now():
        community.consent_set(person=person, purpose="contact", granted=False)
        # Even before the commit: consent is read from the database, not the index.
        assert ids(matching.recommend(wanted)) == []
    assert ids(matching.recommend(wanted)) == []
    assert expert_index().count() == 0  # and the entry left the index on commit
    with index_now():
        community.consent_set(person=person, purpose="contact", granted=True)
    assert ids(matching.recommend(wanted)) == [person.pk]


def test_profile_changes_reach_the_index(index_now, ministry):
    person = expert(index_now, keywords="tourism")
    wanted = need(ministry, title="Offshore wind farm planning")
    assert matching.recommend(wanted) == []
    with index_now():
        services.expert_profile_save(person=person, keywords="offshore wind, wind power")
    assert ids(matching.recommend(wanted)) == [person.pk]


def test_expert_employed_by_the_owner_is_never_recommended_nor_assigned(index_now, ministry):
    employed = expert(index_now, keywords="cybersecurity", employers=[ministry])
    outsider = expert(index_now, keywords="cybersecurity")
    wanted = need(ministry, title="Cybersecurity audit", experts_wanted=2)
    assert ids(matching.recommend(wanted)) == [outsider.pk]
    assert matching.assign([wanted]) == {wanted.pk: [outsider.pk]}
    other_owner = make_ministry("Bộ Công Thương")
    elsewhere = need(other_owner, title="Cybersecurity audit", experts_wanted=2)
    assert set(ids(matching.recommend(elsewhere))) == {employed.pk, outsider.pk}


def test_assign_respects_max_load_and_experts_wanted(index_now, ministry):
    busy = expert(index_now, keywords="green hydrogen, solar power", max_load=1)
    free = expert(index_now, keywords="green hydrogen, solar power", max_load=3)
    third = expert(index_now, keywords="solar power", max_load=2)
    needs = [
        need(ministry, title=f"Green hydrogen and solar power plan {i}", experts_wanted=2)
        for i in range(3)
    ]
    result = matching.assign(needs)
    assert set(result) == {n.pk for n in needs}
    counts = {pid: sum(pid in chosen for chosen in result.values()) for pid in (busy.pk, free.pk)}
    assert counts[busy.pk] <= 1
    assert counts[free.pk] <= 3
    assert sum(third.pk in chosen for chosen in result.values()) <= 2
    assert all(len(chosen) <= 2 for chosen in result.values())
    assert all(len(set(chosen)) == len(chosen) for chosen in result.values())
    # Enough capacity for 6 places: 1 + 3 + 2.
    assert sum(len(chosen) for chosen in result.values()) == 6


def test_active_engagements_count_against_the_load(index_now, ministry):
    person = expert(index_now, keywords="logistics, seaport", max_load=1)
    first = need(ministry, title="Seaport logistics")
    invitation = services.invitation_create(need=first, expert=person)
    services.invitation_accept(invitation=invitation)
    second = need(ministry, title="Seaport logistics, phase two")
    assert matching.assign([second]) == {second.pk: []}
    assert matching.recommend(second)[0].at_capacity
    assert Engagement.objects.count() == 1 and Invitation.objects.count() == 1


def test_needs_for_expert_ranks_fitting_needs_first(index_now, ministry):
    person = expert(
        index_now,
        fields=("semiconductors",),
        keywords="chip design, VLSI",
        engagement_kinds=["training"],
    )
    chips = need(
        ministry,
        title="Đào tạo thiết kế vi mạch",
        description="Khóa đào tạo thiết kế chip cho kỹ sư trẻ.",
        kind="training",
    )
    broad = need(ministry, title="Semiconductor industry strategy", kind="policy")
    unrelated = need(ministry, title="Du lịch sinh thái", fields=("tourism",))
    matches = matching.needs_for_expert(person)
    order = [m.need.pk for m in matches]
    assert order[:2] == [chips.pk, broad.pk]
    assert unrelated.pk not in order
    assert matches[0].reasons


def test_needs_for_expert_leaves_out_needs_of_the_employer(index_now, ministry):
    person = expert(index_now, keywords="vaccines", employers=[ministry])
    need(ministry, title="Vaccines")
    assert matching.needs_for_expert(person) == []


def test_reindex_rebuilds_the_whole_index(index_now, ministry):
    expert(index_now, keywords="graphene")
    expert(index_now, keywords="graphene", contact=False)
    assert expert_index().rebuild() == 1


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    consents=st.lists(st.booleans(), min_size=1, max_size=5),
    employed=st.lists(st.booleans(), min_size=5, max_size=5),
    limit=st.integers(min_value=1, max_value=5),
)
def test_recommendations_only_hold_consenting_people_without_conflict(
    index_now, consents, employed, limit
):
    owner = make_ministry("Bộ Y tế")
    marker = f"marker{next(_examples)}"  # examples share the database: each its own topic
    people = []
    for i, consent in enumerate(consents):
        people.append(
            expert(
                index_now,
                contact=consent,
                keywords=f"public health, {marker}",
                employers=[owner] if employed[i] else [],
            )
        )
    wanted = need(owner, title=f"Cần chuyên gia {marker}")
    got = ids(matching.recommend(wanted, limit=limit))
    allowed = [p.pk for i, p in enumerate(people) if consents[i] and not employed[i]]
    assert set(got) <= set(allowed)
    assert len(got) == min(limit, len(allowed))

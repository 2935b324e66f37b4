"""The knowledge network's part of the API fuzzer's seeded data
(core/tests/test_api_schema_fuzz.py), so that the member's runs reach every operation's happy
path and not only its refusals.

The fuzzer's member is on both sides: admin of a university that posts needs (a draft, needs
with pending invitations, one with none yet), and an expert with a profile, invited to a
province's needs (pending invitations, and one accepted: an engagement with milestones).
"""

from __future__ import annotations

from kieubao.community import services as community
from kieubao.community.models import Organisation, OrganisationKind, Person
from kieubao.community.tests.factories import make_person
from kieubao.knowledge import services

API = "/api/v1/knowledge"


def fuzz_world(*, member: Person, province: Organisation, expert: Person) -> dict:
    """``expert``: someone who consented to be contacted. Returns ids to aim path parameters
    at (by parameter name) and bodies to aim some requests with (by method and path)."""
    university = community.organisation_create(
        name="Đại học Bách khoa Hà Nội", kind=OrganisationKind.UNIVERSITY, country="VN"
    )
    community.membership_add(person=member, organisation=university, role="admin")
    community.consent_set(person=member, purpose="contact", granted=True)
    profile = services.expert_profile_save(
        person=member,
        position="Kỹ sư phần mềm",
        keywords="trí tuệ nhân tạo, machine learning",
        engagement_kinds=["advice", "training"],
        work_modes=["remote"],
    )
    services.work_add(profile=profile, title="Học máy cho tiếng Việt", year=2021)
    other_expert = make_person(full_name="Ngô Chuyên Gia", listed=False, contact=True)

    def need(owner: Organisation, title: str, *, publish: bool = True):
        created = services.need_create(
            owner=owner, title=title, description="Cần chuyên gia.", fields=["ai"], kind="advice"
        )
        return services.need_publish(need=created) if publish else created

    draft = need(university, "Bản nháp", publish=False)
    invited = [need(university, f"Tư vấn AI {n}") for n in (1, 2)]
    managed_invitations = [
        services.invitation_create(need=n, expert=expert, message="Mời anh chị.") for n in invited
    ]
    uninvited = need(university, "Đào tạo AI")
    province_needs = [need(province, f"Hải Phòng cần chuyên gia {n}") for n in range(1, 6)]
    invitations = [services.invitation_create(need=n, expert=member) for n in province_needs]
    engagement = services.invitation_accept(invitation=invitations.pop())
    milestones = [
        services.milestone_add(engagement=engagement, title=title)
        for title in ("Báo cáo đầu tiên", "Báo cáo cuối")
    ]
    return {
        "ids": {
            "need_id": [draft.pk, *(n.pk for n in invited), uninvited.pk, province_needs[0].pk],
            "invitation_id": [i.pk for i in (*invitations, *managed_invitations)],
            "engagement_id": [engagement.pk],
            "milestone_id": [m.pk for m in milestones],
        },
        "bodies": {
            # The member may post for other bodies too (the trade world's companies): it names
            # the university.
            ("POST", f"{API}/needs"): [
                {
                    "owner_id": university.pk,
                    "title": "Cần tư vấn AI",
                    "description": "Mô tả.",
                    "kind": "advice",
                }
            ],
            ("PATCH", f"{API}/needs/{{need_id}}"): [{"title": "Tư vấn học máy"}],
            ("POST", f"{API}/needs/{{need_id}}/invitations"): [
                {"expert_id": expert.pk},
                {"expert_id": other_expert.pk, "message": "Mời anh."},
            ],
            ("POST", f"{API}/invitations/{{invitation_id}}/decline"): [{"reason": "Bận."}],
            ("PUT", f"{API}/me/expert-profile"): [{"position": "Kỹ sư", "keywords": ["AI"]}],
        },
    }

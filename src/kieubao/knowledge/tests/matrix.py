"""The knowledge network's rows of the authorization matrix, and its part of the world.

World (added to core/tests/test_authorization_matrix.py's ``world``):
    N    a published need of province A's body (Hải Phòng; official_a manages it)
    ND   a draft need of province A's body
    INV  a pending invitation of N to the member's own person (who consented to contact)
    E    an engagement on N of the org admin's own person (an accepted invitation)
    EX   the org admin's own person id (an expert with a profile)

Roles: see kieubao.core.tests.matrix_support. The web UI's rows go in WEB_ROWS, the API's in
API_ROWS.
"""

from __future__ import annotations

from kieubao.community import services as community
from kieubao.community.models import Organisation, OrganisationKind
from kieubao.core.tests.matrix_support import LOGIN, Row, but, every  # noqa: F401

WEB_ROWS: list[Row] = []
API_ROWS: list[Row] = []


def knowledge_world(world: dict) -> dict:
    from kieubao.knowledge import services

    official_a = world["users"]["official_a"]
    body = Organisation.objects.get(officials__user=official_a)
    assert body.kind == OrganisationKind.PROVINCE
    member_person = world["own"]["member"]
    expert = world["own"]["org_admin"]
    for person in (member_person, expert):
        community.consent_set(person=person, purpose="contact", granted=True)
    services.expert_profile_save(
        person=expert, position="Professor", keywords="semiconductors, chip design"
    )
    need = services.need_create(
        owner=body,
        created_by=official_a,
        title="Tư vấn thiết kế vi mạch",
        description="Cần chuyên gia bán dẫn.",
        kind="advice",
    )
    services.need_publish(need=need)
    draft = services.need_create(
        owner=body, created_by=official_a, title="Bản nháp", description="Nháp.", kind="review"
    )
    invitation = services.invitation_create(need=need, expert=member_person, invited_by=official_a)
    accepted = services.invitation_create(need=need, expert=expert, invited_by=official_a)
    engagement = services.invitation_accept(invitation=accepted)
    return {
        "N": need.pk,
        "ND": draft.pk,
        "INV": invitation.pk,
        "E": engagement.pk,
        "EX": expert.pk,
    }


KNOWLEDGE_ROWS = [*WEB_ROWS, *API_ROWS]

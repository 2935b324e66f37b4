"""`kieubao knowledge demo`: the knowledge network's demo data on top of the community demo."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kieubao.community.bulk import people_bulk_insert
from kieubao.community.demo import PeopleGenerator, create_demo_users, create_organisations
from kieubao.knowledge.expert_index import expert_index
from kieubao.knowledge.models import (
    Engagement,
    ExpertProfile,
    Invitation,
    Milestone,
    Need,
)

pytestmark = pytest.mark.django_db


def test_demo_loads_needs_experts_invitations_and_engagements(index_now):
    with index_now():
        generator = PeopleGenerator(1, create_organisations())
        create_demo_users()
        people_bulk_insert(generator.rows(400))
        call_command("knowledge", "demo", "--if-empty")
    profiles = ExpertProfile.objects.select_related("person")
    assert profiles.count() > 50
    assert all(p.person.consent_contact for p in profiles)
    assert expert_index().count() == profiles.count()
    assert set(Need.objects.values_list("status", flat=True)) == {"draft", "published", "closed"}
    assert {"vi", "en"} <= set(Need.objects.values_list("language", flat=True))
    statuses = set(Invitation.objects.values_list("status", flat=True))
    assert {"pending", "accepted", "declined"} <= statuses
    assert Invitation.objects.filter(status="declined").exclude(decline_reason="").exists()
    assert Milestone.objects.filter(done_at__isnull=False).exists()
    assert Engagement.objects.filter(status="ended").exclude(outcome="").exists()
    before = Need.objects.count()
    call_command("knowledge", "demo", "--if-empty")
    assert Need.objects.count() == before

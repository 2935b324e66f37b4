"""`kieubao proposals demo`: realistic proposals in every status on top of the community demo."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from kieubao.community.demo import create_demo_users, create_organisations
from kieubao.proposals import selectors
from kieubao.proposals.models import Comment, Outcome, Proposal, Status

pytestmark = pytest.mark.django_db


def _demo(*args) -> str:
    out = StringIO()
    call_command("proposals", "demo", *args, stdout=out)
    return out.getvalue()


def test_demo_loads_proposals_in_every_status_and_is_idempotent(index_now):
    with index_now():
        create_organisations()
        create_demo_users()
        mail.outbox.clear()
        started = time.perf_counter()
        output = _demo("--if-empty")
        seconds = time.perf_counter() - started
    assert seconds < 15
    assert "Proposals demo: 25 proposals" in output
    assert mail.outbox == []  # demo people are not emailed
    assert Proposal.objects.count() == 25
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Proposal.objects.values_list("language", flat=True)) == {"vi", "en"}
    # Two overdue: assigned more than 30 days ago, never answered.
    assert selectors.overdue().count() == 2
    merged = Proposal.objects.get(status=Status.MERGED)
    assert merged.merged_into.title.startswith("Quỹ đào tạo kỹ sư thiết kế vi mạch")
    declined = Proposal.objects.filter(status=Status.DECLINED)
    assert declined.count() == 2
    assert all(p.timeline.filter(to_status=Status.DECLINED).exclude(text="") for p in declined)
    assert Proposal.objects.filter(author__user__email="member@kieubao.local").exists()
    assert Proposal.objects.filter(endorsement_count__gt=5).count() >= 10
    assert Comment.objects.filter(parent__isnull=False).exists()  # threaded
    assert Outcome.objects.filter(progress=100).exists()
    assert Outcome.objects.filter(progress__gt=0, progress__lt=100).exists()
    # Dates spread over the past months: the median days to a first answer means something.
    figures = selectors.dashboard(language="en")
    assert figures.median_days_to_answer is not None
    assert 5 <= figures.median_days_to_answer <= 30
    oldest = Proposal.objects.order_by("created_at").first()
    assert (oldest.timeline.last().created_at - oldest.created_at).days > 60
    answered = Proposal.objects.exclude(first_answer_at=None)
    assert all(p.first_answer_at > p.assigned_at for p in answered)
    # Idempotent with --if-empty.
    assert "already loaded" in _demo("--if-empty")
    assert Proposal.objects.count() == 25
    # The dashboard shows it.
    html = Client(HTTP_ACCEPT_LANGUAGE="en").get("/proposals/dashboard/").content.decode()
    assert 'data-testid="figure-total">24<' in html  # the merged one counts in the other
    assert "Ministry of Science and Technology" in html


def test_an_outcome_is_linked_to_an_engagement_of_the_knowledge_network(index_now):
    with index_now():
        create_organisations()
        create_demo_users()
        call_command("knowledge", "demo", "--if-empty", stdout=StringIO())
        _demo()
    outcome = Outcome.objects.get(kind="engagement")
    assert outcome.engagement is not None

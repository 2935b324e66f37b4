from __future__ import annotations

import pytest
from django.core.management import call_command

from kieubao.insights.models import InvestmentProject
from kieubao.investment.models import Interest, Opportunity, OpportunityStatus, Stage

pytestmark = pytest.mark.django_db


def test_demo_loads_every_stage_once_and_feeds_the_insights(capsys):
    call_command("investment", "demo", "--if-empty")
    assert "Investment demo: 10 opportunities" in capsys.readouterr().out
    assert {i.stage for i in Interest.objects.all()} == set(Stage.values)
    assert Opportunity.objects.filter(status=OpportunityStatus.DRAFT).count() == 1
    assert (
        InvestmentProject.objects.filter(external_id__startswith="kieubao-interest:").count() == 3
    )
    call_command("investment", "demo", "--if-empty")
    assert "already loaded" in capsys.readouterr().out

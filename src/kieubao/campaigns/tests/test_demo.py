"""The demo loads through the services, at the issue's scale, with balanced ledgers."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from kieubao.campaigns import selectors
from kieubao.campaigns.models import ApplicationStatus, Campaign, FundApplication

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_balanced_ledgers():
    out = StringIO()
    call_command("campaigns", "demo", "--if-empty", stdout=out)
    assert "Campaigns demo: 3 campaigns" in out.getvalue()
    solidarity = Campaign.objects.get(kind="fundraising")
    ledger = selectors.ledger(solidarity)
    assert (ledger.target, ledger.contributed, ledger.percent) == (
        65_670_000_000,
        656_700_000_000,
        1000,
    )
    assert ledger.allocated > 0 and ledger.held > 0
    assert set(solidarity.contributions.values_list("currency", flat=True)) == {
        "VND", "USD", "EUR", "JPY", "AUD"
    }  # fmt: skip
    assert set(FundApplication.objects.values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert selectors.ledger_check() == []
    out = StringIO()
    call_command("campaigns", "demo", "--if-empty", stdout=out)
    assert "already loaded" in out.getvalue()

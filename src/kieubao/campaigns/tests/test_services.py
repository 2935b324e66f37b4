"""The ledger's rules: allocations never exceed contributions (also when two are recorded at
once), evidence is required, foreign money is converted at a recorded rate, pledges only while
a campaign is open, bad amounts and dates refused, and the support fund's decisions and awards."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone, translation

from kieubao.campaigns import selectors, services
from kieubao.campaigns.models import (
    Allocation,
    ApplicationStatus,
    Campaign,
    CampaignKind,
    CampaignStatus,
    Contribution,
    ExchangeRate,
    PledgeStatus,
)
from kieubao.community import services as community
from kieubao.community.models import OrganisationKind
from kieubao.community.tests.factories import make_ministry, make_person, make_user

from .factories import allocate, contribute, evidence, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry():
    return make_ministry()


@pytest.fixture
def campaign(ministry):
    return make_campaign(ministry)


def _messages(exc: pytest.ExceptionInfo, field: str) -> str:
    return " ".join(exc.value.message_dict[field])


# --- the ledger ----------------------------------------------------------------------------------
def test_allocations_never_exceed_contributions(campaign):
    contribute(campaign, 1_000_000)
    allocate(campaign, 600_000)
    with pytest.raises(ValidationError) as exc:
        allocate(campaign, 500_000)
    assert "more than the campaign holds" in _messages(exc, "amount_vnd")
    assert "400,000" not in _messages(exc, "amount_vnd")  # đồng grouped with dots
    assert "400.000" in _messages(exc, "amount_vnd")
    allocate(campaign, 400_000)
    with pytest.raises(ValidationError):
        allocate(campaign, 1)
    ledger = selectors.ledger(campaign)
    assert (ledger.contributed, ledger.allocated, ledger.held) == (1_000_000, 1_000_000, 0)
    assert selectors.ledger_check() == []


def test_an_allocation_locks_the_campaign_row_before_summing(campaign):
    """On PostgreSQL, SELECT … FOR UPDATE makes a second allocation wait for the first one's
    commit and then see its amount (SQLite serialises writers itself)."""
    contribute(campaign, 1_000_000)
    locked = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return original(self, *args, **kwargs)

    with mock.patch.object(QuerySet, "select_for_update", spy):
        allocate(campaign, 100_000)
    assert locked == [Campaign]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_allocations_cannot_both_spend_the_same_money(ministry):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite has one writer at a time)")
    import threading

    from django.db import connections

    campaign = make_campaign(ministry)
    contribute(campaign, 1_000_000)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            allocate(Campaign.objects.get(pk=campaign.pk), 700_000)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert selectors.ledger(campaign).held == 300_000


def test_an_allocation_without_evidence_is_refused_and_nothing_is_stored(campaign, _uploads):
    contribute(campaign, 1_000_000)
    with pytest.raises(ValidationError) as exc:
        allocate(campaign, 100_000, evidence=None)
    assert "evidence" in _messages(exc, "evidence")
    fake = evidence("virus.pdf")
    fake.file.write(b"MZ not a pdf")
    fake.file.seek(0)
    fake.file.truncate()
    fake.file.write(b"MZ\x00\x00binary")
    fake.file.seek(0)
    with pytest.raises(ValidationError) as exc:
        allocate(campaign, 100_000, evidence=fake)
    assert "accepted type" in _messages(exc, "evidence")
    assert not Allocation.objects.exists()


def test_the_check_reports_a_ledger_out_of_balance(campaign):
    contribute(campaign, 500_000)
    allocate(campaign, 500_000)
    out = StringIO()
    call_command("campaigns", "check", stdout=out)
    assert "1 campaign" in out.getvalue() and "balance" in out.getvalue()
    Contribution.objects.update(amount_vnd=400_000, amount=Decimal(400_000))  # tampered
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("campaigns", "check", stdout=out)
    assert exit_.value.code == 1
    assert "exceeds contributed" in out.getvalue()


# --- conversion ----------------------------------------------------------------------------------
def test_foreign_money_is_converted_at_the_recorded_rate(campaign):
    user = make_user()
    usd = services.rate_record(
        currency="usd", vnd_per_unit="26268.5", on="2025-11-01", source="Vietcombank", user=user
    )
    c = contribute(campaign, "100.25", currency="USD", rate=usd.pk)
    assert (c.rate, c.vnd_per_unit, c.amount_vnd) == (usd, Decimal("26268.5"), 2_633_417)
    # A rate typed with its source is recorded, then used.
    c = contribute(
        campaign, "1000", currency="JPY", rate_value="171.4", rate_source="SBV", received_on=None
    )
    jpy = ExchangeRate.objects.get(currency="JPY")
    assert (c.rate, c.amount_vnd, jpy.source, jpy.recorded_by) == (jpy, 171_400, "SBV", None)
    # The rate stays with the contribution: a later rate changes nothing.
    services.rate_record(currency="USD", vnd_per_unit="30000", source="later")
    assert Contribution.objects.get(currency="USD").amount_vnd == 2_633_417
    assert selectors.ledger(campaign).contributed == 2_633_417 + 171_400


def test_foreign_money_without_a_recorded_rate_is_refused(campaign):
    eur = services.rate_record(currency="EUR", vnd_per_unit="30500", source="SBV")
    with pytest.raises(ValidationError) as exc:
        contribute(campaign, "50", currency="USD")
    assert "recorded exchange rate" in _messages(exc, "rate")
    with pytest.raises(ValidationError) as exc:
        contribute(campaign, "50", currency="USD", rate=eur.pk)
    assert "EUR" in _messages(exc, "rate")
    with pytest.raises(ValidationError) as exc:
        contribute(campaign, "50", currency="XYZ")
    assert "ISO 4217" in _messages(exc, "currency")
    with pytest.raises(ValidationError) as exc:
        contribute(campaign, "50.5", currency="VND")
    assert "whole number" in _messages(exc, "amount")


# --- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("amount", ["-5000", "0", "mười nghìn", "1e999", "NaN"])
def test_bad_amounts_are_refused_on_their_field(campaign, ministry, language, amount):
    with translation.override(language):
        with pytest.raises(ValidationError) as exc:
            contribute(campaign, amount)
        assert exc.value.message_dict["amount"]
        with pytest.raises(ValidationError) as exc:
            allocate(campaign, amount)
        assert exc.value.message_dict["amount_vnd"]
        with pytest.raises(ValidationError) as exc:
            make_campaign(ministry, target_vnd=amount)
        assert exc.value.message_dict["target_vnd"]
    assert not Allocation.objects.exists()


def test_an_end_date_before_the_start_is_refused(ministry, campaign):
    with pytest.raises(ValidationError) as exc:
        make_campaign(ministry, starts_on="2026-03-10", ends_on="2026-03-01")
    assert "cannot be before the first day" in _messages(exc, "ends_on")
    with pytest.raises(ValidationError) as exc:
        services.campaign_update(campaign, ends_on=campaign.starts_on - timedelta(days=1))
    assert "ends_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make_campaign(ministry, starts_on="10/03/2026")
    assert "YYYY-MM-DD" in _messages(exc, "starts_on")


# --- pledges -------------------------------------------------------------------------------------
def test_a_pledge_is_recorded_fulfilled_and_the_pledger_told(
    campaign, mailoutbox, django_capture_on_commit_callbacks
):
    # She reads her emails in English (each email is in its recipient's language).
    person = make_person(user=make_user(language="en"), full_name="Chị Hoa")
    services.rate_record(currency="EUR", vnd_per_unit="30000", on="2025-01-01", source="old")
    services.rate_record(currency="EUR", vnd_per_unit="30500", source="SBV")
    with django_capture_on_commit_callbacks(execute=True):
        pledge = services.pledge_create(campaign, person=person, amount="100", currency="EUR")
    assert (pledge.amount_vnd, pledge.status) == (3_050_000, PledgeStatus.OPEN)
    assert "pledge" in mailoutbox[-1].subject.lower()
    with django_capture_on_commit_callbacks(execute=True):
        contribute(campaign, 3_050_000, pledge=pledge, name="")
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.FULFILLED
    assert "fulfilled" in mailoutbox[-1].subject
    assert Contribution.objects.get().contributor_name() == "Chị Hoa"


def test_a_pledge_to_a_closed_campaign_or_outside_its_period_is_refused(ministry):
    person = make_person()
    closed = make_campaign(ministry, status=CampaignStatus.CLOSED)
    with pytest.raises(ValidationError) as exc:
        services.pledge_create(closed, person=person, amount="100000")
    assert "closed" in _messages(exc, "campaign")
    today = timezone.localdate()
    later = make_campaign(ministry, starts_on=today + timedelta(days=3))
    with pytest.raises(ValidationError) as exc:
        services.pledge_create(later, person=person, amount="100000")
    assert "opens on" in _messages(exc, "campaign")
    with pytest.raises(ValidationError) as exc:
        services.pledge_create(later, person=person, amount="100", currency="AUD")
    assert "AUD" in _messages(exc, "currency")


# --- the support fund ----------------------------------------------------------------------------
def test_a_fund_application_is_decided_with_its_reason_and_awarded_into_the_ledger(
    ministry, mailoutbox, django_capture_on_commit_callbacks
):
    fund = make_campaign(ministry, kind=CampaignKind.FUND, title="Quỹ hỗ trợ DN kiều bào")
    owner = make_person(user=make_user(language="en"))  # reads English
    business = community.organisation_create(
        name="Công ty Sen Vàng", kind=OrganisationKind.BUSINESS, country="DE"
    )
    community.membership_add(person=owner, organisation=business, role="admin")
    stranger = community.organisation_create(
        name="Công ty Khác", kind=OrganisationKind.BUSINESS, country="DE"
    )
    with pytest.raises(ValidationError) as exc:
        services.application_submit(
            fund, business=stranger, person=owner, purpose="x", amount_requested_vnd=1, plan="y"
        )
    assert "administer" in _messages(exc, "business")
    application = services.application_submit(
        fund,
        business=business,
        person=owner,
        user=owner.user,
        purpose="Chuyển đổi số",
        amount_requested_vnd="500.000.000",
        plan="Kế hoạch hai năm.",
    )
    assert application.amount_requested_vnd == 500_000_000
    services.application_review(application)
    with pytest.raises(ValidationError) as exc:
        services.application_decide(application, approve=True, reason="  ")
    assert "reason" in _messages(exc, "reason")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application, approve=True, reason="Dự án khả thi.")
    assert application.status == ApplicationStatus.APPROVED and application.decided_at
    assert "approved" in mailoutbox[-1].subject and "Dự án khả thi." in mailoutbox[-1].body
    # The award cannot exceed what the fund holds, nor what was asked.
    with pytest.raises(ValidationError) as exc:
        services.application_award(application, amount_vnd=300_000_000, evidence=evidence())
    assert "holds" in _messages(exc, "amount_vnd")
    contribute(fund, 2_000_000_000)
    with pytest.raises(ValidationError) as exc:
        services.application_award(application, amount_vnd=600_000_000, evidence=evidence())
    assert "requested" in _messages(exc, "amount_vnd")
    with pytest.raises(ValidationError):
        services.application_award(application, amount_vnd=300_000_000, evidence=None)
    award = services.application_award(application, amount_vnd=300_000_000, evidence=evidence())
    assert (award.recipient, award.campaign, award.application) == (business, fund, application)
    assert selectors.ledger(fund).held == 1_700_000_000
    with pytest.raises(ValidationError):
        services.application_award(application, amount_vnd=1, evidence=evidence())

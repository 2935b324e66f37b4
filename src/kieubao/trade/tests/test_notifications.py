"""Emails of the trade portal: who is told of what, in their own language."""

from __future__ import annotations

import pytest
from django.core import mail

from kieubao.community.tests.factories import make_person, make_user
from kieubao.trade import services

from .factories import make_distributor, make_exporter, make_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def parties():
    exporter_user = make_user("xk@example.org", language="vi")
    distributor_user = make_user("pp@example.org", language="en")
    exporter = make_exporter(person=make_person(user=exporter_user), name="Cà phê Đắk Lắk")
    distributor = make_distributor(
        person=make_person(user=distributor_user), name="Saigon Foods GmbH"
    )
    return exporter, distributor


def _to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_a_contact_request_reaches_the_other_company_in_its_language(parties):
    exporter, distributor = parties
    mail.outbox.clear()
    request = services.contact_request_create(
        from_company=distributor, to_company=exporter, message="We import coffee."
    )
    [message] = _to("xk@example.org")
    assert "Saigon Foods GmbH" in message.subject
    assert "We import coffee." in message.body
    services.contact_request_answer(request, accept=True)
    # The request had no signed-in author (created_by None): nobody else is written to.
    assert not _to("pp@example.org")


def test_a_deal_is_announced_to_the_other_side_then_to_both(parties):
    exporter, distributor = parties
    product = make_product(exporter)
    mail.outbox.clear()
    deal = services.deal_propose(
        company=distributor,
        counterpart=exporter,
        value_usd="12000",
        volume="3000",
        market="DE",
        deal_date="2026-10-02",
        product=product,
    )
    assert len(_to("xk@example.org")) == 1 and not _to("pp@example.org")
    services.deal_confirm(deal, company=exporter)
    assert len(_to("xk@example.org")) == 2
    [confirmed] = _to("pp@example.org")
    assert "confirmed by both sides" in confirmed.subject


def test_fraud_reports_go_to_platform_admins_and_the_ruling_to_the_reporter(parties):
    exporter, _distributor = parties
    admin = make_user("root@example.org", is_staff=True, is_superuser=True)
    reporter = make_user("reporter@example.org")
    mail.outbox.clear()
    report = services.fraud_report_create(
        company=exporter, reason="Took a deposit and never shipped the goods.", user=reporter
    )
    assert len(_to("root@example.org")) == 1
    services.fraud_report_resolve(report, status="upheld", resolution="Confirmed.", user=admin)
    [ruling] = _to("reporter@example.org")
    assert "Confirmed." in ruling.body

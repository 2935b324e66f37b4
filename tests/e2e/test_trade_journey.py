"""Issue 6 acceptance: a Vietnamese exporter lists a product with an HS code and a certificate;
an overseas Vietnamese distributor in Germany posts a buy request needing that certificate; the
product is the top match, with the reasons; they connect (the contact request is accepted) and
both confirm a deal; the distributor then reviews the exporter. A third party sees no review
form and a forced POST is refused. No console errors under the CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kieubao.community.tests import factories
from kieubao.trade.models import Deal, DealStatus, Review
from kieubao.trade.tests.factories import make_distributor, make_exporter, make_product

from .helpers import login

pytestmark = pytest.mark.e2e

PRODUCT_VI = "Cà phê Robusta Hải Phòng rang mộc"
PRODUCT_EN = "Hai Phong roasted Robusta coffee"
LEAD_TITLE = "Cần cà phê rang xay cho chuỗi cửa hàng ở Berlin"


def _watch_console(page, errors: list[str]) -> None:
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )


def test_product_to_buy_request_to_deal_to_review(server, new_page, settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    exporter_user = factories.make_user("xuatkhau@example.org")
    exporter = make_exporter(
        person=factories.make_person(user=exporter_user, full_name="Phạm Xuất Khẩu"),
        name="Cà phê Cảng Hải Phòng",
        markets=["DE"],
    )
    distributor_user = factories.make_user("phanphoi@example.de")
    distributor = make_distributor(
        person=factories.make_person(user=distributor_user, full_name="Lê Phân Phối", country="DE"),
        name="Saigon Feinkost GmbH",
        country="DE",
    )
    # A competitor of the same HS code, without the certificate: listed, but ranked lower.
    competitor = make_exporter(name="Cà phê Không Chứng Nhận", province_code=48)
    make_product(competitor, name_vi="Cà phê rang xay thường", name_en="Plain ground coffee")
    third_user = factories.make_user("benthuba@example.org")
    make_exporter(
        person=factories.make_person(user=third_user, full_name="Bên Thứ Ba"), name="Gốm Bát Tràng"
    )

    console_errors: list[str] = []

    # The exporter lists the product, published at once, and adds its HACCP certificate.
    seller = new_page()
    _watch_console(seller, console_errors)
    login(seller, server, exporter_user.email)
    seller.goto(f"{server}/trade/companies/{exporter.pk}/")
    seller.get_by_test_id("add-product").click()
    form = seller.get_by_test_id("product-form")
    form.locator("#id_name_vi").fill(PRODUCT_VI)
    form.locator("#id_name_en").fill(PRODUCT_EN)
    form.locator("#id_hs_code").fill("0901.21")
    form.locator("#id_category").select_option("coffee_tea")
    form.locator("#id_province_code").select_option("31")
    form.locator("#id_min_order_quantity").fill("500")
    form.get_by_test_id("publish-now").check()
    form.get_by_test_id("save-product").click()
    expect(seller.get_by_test_id("product-name")).to_have_text(PRODUCT_EN)
    expect(seller.get_by_test_id("hs-code")).to_contain_text("0901.21")
    product_url = seller.url
    seller.get_by_test_id("add-certificate-toggle").click()
    certificate = seller.get_by_test_id("certificate-form")
    certificate.locator("#id_kind").select_option("haccp")
    certificate.locator("#id_issuer").fill("Bureau Veritas")
    certificate.locator("#id_number").fill("HACCP-2026-118")
    certificate.locator("#id_valid_from").fill("2026-01-01")
    certificate.locator("#id_valid_to").fill("2029-12-31")
    certificate.get_by_test_id("save-certificate").click()
    expect(seller.get_by_test_id("certificate").filter(has_text="HACCP-2026-118")).to_contain_text(
        "Valid"
    )

    # The distributor in Germany posts a buy request needing HACCP.
    buyer = new_page()
    _watch_console(buyer, console_errors)
    login(buyer, server, distributor_user.email)
    buyer.goto(f"{server}/trade/")
    buyer.get_by_test_id("trade-leads-link").click()
    buyer.get_by_test_id("post-lead").click()
    lead_form = buyer.get_by_test_id("lead-form")
    expect(lead_form.locator("#id_kind")).to_have_value("buy")
    lead_form.locator("#id_title").fill(LEAD_TITLE)
    lead_form.locator("#id_hs_code").fill("0901")
    lead_form.locator("#id_market").select_option("DE")
    lead_form.locator("#id_volume").fill("2000")
    lead_form.locator('input[name="certificates"][value="haccp"]').check()
    lead_form.get_by_test_id("save-lead").click()
    expect(buyer.get_by_test_id("lead-title")).to_have_text(LEAD_TITLE)

    # The product is the top match, with the reasons.
    matches = buyer.get_by_test_id("match")
    top = matches.first
    expect(top.get_by_test_id("match-name")).to_have_text(PRODUCT_EN)
    expect(top.get_by_test_id("reasons").locator("li").first).to_be_visible()
    assert top.get_by_test_id("reasons").locator("li").count() >= 2
    assert matches.filter(has_text="Plain ground coffee").count() <= 1

    # They connect: the distributor asks, the exporter accepts.
    top.get_by_test_id("contact-match").click()
    expect(buyer.get_by_test_id("outgoing-request").first).to_contain_text("Cà phê Cảng Hải Phòng")
    seller.goto(f"{server}/trade/contacts/")
    request = seller.get_by_test_id("incoming-request").filter(has_text="Saigon Feinkost GmbH")
    request.get_by_test_id("accept-contact").click()
    expect(request.get_by_test_id("contact-status")).to_have_text("Accepted")

    # The exporter records the deal; the distributor confirms it.
    request.get_by_test_id("propose-deal").click()
    deal_form = seller.get_by_test_id("deal-form")
    expect(deal_form.locator("#id_market")).to_have_value("DE")
    deal_form.locator("#id_product").select_option(label=PRODUCT_EN)
    deal_form.locator("#id_value_usd").fill("24000")
    deal_form.locator("#id_volume").fill("2000")
    deal_form.get_by_test_id("save-deal").click()
    expect(seller.get_by_test_id("deal-status")).to_have_text("Waiting for the other side")
    expect(seller.get_by_test_id("confirm-deal")).to_have_count(0)  # proposed by the exporter
    deal = Deal.objects.get(exporter=exporter, distributor=distributor)

    buyer.get_by_test_id("trade-deals-link").click()
    buyer.get_by_test_id("deal-row").first.locator("a").click()
    buyer.get_by_test_id("confirm-deal").click()
    expect(buyer.get_by_test_id("deal-status")).to_have_text("Confirmed by both sides")
    deal.refresh_from_db()
    assert deal.status == DealStatus.CONFIRMED

    # The distributor reviews the exporter.
    review = buyer.get_by_test_id("review-form")
    review.locator("#id_rating").select_option("5")
    review.locator("#id_text").fill("Giao hàng đúng hẹn, chất lượng ổn định.")
    review.get_by_test_id("send-review").click()
    expect(buyer.get_by_test_id("review")).to_contain_text("Giao hàng đúng hẹn")
    expect(buyer.get_by_test_id("review-form")).to_have_count(0)  # once per deal
    seller.goto(f"{server}/trade/companies/{exporter.pk}/")
    expect(seller.get_by_test_id("review").first).to_contain_text("Giao hàng đúng hẹn")
    expect(seller.get_by_test_id("reliability-parts")).to_contain_text("1 deal confirmed")

    # A third party sees no review form; a forced POST is refused with a clear message.
    third = new_page()
    _watch_console(third, console_errors)
    login(third, server, third_user.email)
    third.goto(f"{server}/trade/companies/{exporter.pk}/")
    expect(third.get_by_test_id("company-name")).to_have_text("Cà phê Cảng Hải Phòng")
    expect(third.get_by_test_id("review-form")).to_have_count(0)
    csrf = next(c["value"] for c in third.context.cookies() if c["name"] == "csrftoken")
    forced = third.request.post(
        f"{server}/trade/deals/{deal.pk}/review/",
        form={"rating": "1", "text": "Tệ."},
        headers={"X-CSRFToken": csrf, "Referer": f"{server}/trade/"},
    )
    assert forced.status == 403
    assert "Only the parties to a recorded deal may review each other." in forced.text()
    assert Review.objects.filter(deal=deal).count() == 1

    # The product page still shows the certificate and no gap for Germany's declared needs.
    seller.goto(product_url)
    expect(seller.get_by_test_id("certificate").first).to_contain_text("HACCP")
    assert not console_errors, console_errors

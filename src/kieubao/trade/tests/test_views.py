"""The trade portal's pages: each page's happy path, its refusals, and bad input refused with a
clear message in the reader's language (English and Vietnamese)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from kieubao.community.tests.factories import make_ministry, make_official, make_person, make_user
from kieubao.trade import services
from kieubao.trade.models import (
    Certificate,
    Company,
    ContactRequest,
    ContactStatus,
    Deal,
    DealStatus,
    FraudReport,
    FraudStatus,
    Lead,
    MarketRequirement,
    Product,
    ProductPhoto,
    ProductStatus,
    Review,
    Verification,
)

from .factories import (
    make_certificate,
    make_confirmed_deal,
    make_distributor,
    make_exporter,
    make_product,
    next_tax_code,
)
from .matrix import png_bytes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _client(user=None, *, language: str = "en", mfa: bool = False) -> Client:
    client = Client()
    client.cookies["kieubao_language"] = language
    if user is not None:
        if mfa:
            Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"s": "x"})
        client.force_login(user)
    return client


def _message(language: str, text: str, **values) -> str:
    """``text`` as the reader sees it: translated into their language, HTML-escaped."""
    with translation.override(language):
        translated = gettext(text)
    return escape(translated % values if values else translated)


@pytest.fixture
def world(settings, tmp_path, index_now):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    with index_now():
        exporter_user = make_user("exporter@example.org")
        exporter_person = make_person(user=exporter_user, full_name="Nguyễn Xuất Khẩu")
        exporter = make_exporter(
            person=exporter_person,
            name="Cà phê Hải Phòng",
            contact_email="sales@caphe.example",
            markets=["DE"],
        )
        distributor_user = make_user("distributor@example.org")
        distributor = make_distributor(
            person=make_person(user=distributor_user, full_name="Lê Phân Phối"),
            name="Asia Markt GmbH",
        )
        product = make_product(exporter, ocop_stars=4, min_order_quantity="500")
        draft = make_product(exporter, publish=False, name_vi="Bản nháp", name_en="Draft")
        certificate = make_certificate(exporter, product=product)
        services.requirement_set(country="DE", hs_prefix="09", certificates=["haccp", "iso22000"])
    third_user = make_user("third@example.org")
    with index_now():
        third = make_exporter(
            person=make_person(user=third_user, full_name="Bên Thứ Ba"), name="Gốm Đà Nẵng"
        )
    member = make_user("member@example.org")
    make_person(user=member, full_name="Trần Thành Viên")
    return {
        "exporter": exporter,
        "exporter_user": exporter_user,
        "distributor": distributor,
        "distributor_user": distributor_user,
        "product": product,
        "draft": draft,
        "certificate": certificate,
        "third": third,
        "third_user": third_user,
        "member": member,
    }


# -- catalogue and product pages -----------------------------------------------------------------


def test_catalogue_finds_published_products_without_tones_and_filters_certified(world):
    response = _client().get("/trade/", {"q": "ca phe rang"})
    assert response.status_code == 200
    assert "Roasted ground Robusta coffee" in response.content.decode()
    assert f"/trade/products/{world['draft'].pk}/" not in response.content.decode()
    certified = _client().get("/trade/", {"certificate": "haccp"}).content.decode()
    assert f"/trade/products/{world['product'].pk}/" in certified
    halal = _client().get("/trade/", {"certificate": "halal"}).content.decode()
    assert f"/trade/products/{world['product'].pk}/" not in halal


def test_catalogue_search_answers_htmx_with_the_results_only(world):
    response = _client().get("/trade/", {"q": "robusta"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'data-testid="product-results"' in body
    assert "<html" not in body


def test_company_directory_lists_companies(world):
    body = _client().get("/trade/companies/", {"role": "distributor"}).content.decode()
    assert "Asia Markt GmbH" in body
    assert "Cà phê Hải Phòng" not in body


def test_product_page_in_the_readers_language(world):
    product = world["product"]
    english = _client(language="en").get(f"/trade/products/{product.pk}/").content.decode()
    assert "Roasted ground Robusta coffee" in english
    assert "0901.21" in english
    assert "Coffee, tea, maté and spices" in english or "Coffee" in english
    assert "★★★★" in english
    vietnamese = _client(language="vi").get(f"/trade/products/{product.pk}/").content.decode()
    assert "Cà phê Robusta rang xay" in vietnamese
    assert 'lang="vi"' in vietnamese


def test_product_page_says_which_certificate_a_market_lacks(world):
    product = world["product"]
    body = _client().get(f"/trade/products/{product.pk}/").content.decode()
    # Germany requires HACCP (held) and ISO 22000 (not held) for chapter 09.
    assert 'data-market="DE"' in body
    assert "For Germany this product lacks the certificate ISO 22000" in body
    assert "lacks the certificate HACCP" not in body
    services.requirement_set(country="JP", hs_prefix="0901", certificates=["organic_jas"])
    japan = _client().get(f"/trade/products/{product.pk}/", {"market": "jp"}).content.decode()
    assert "For Japan this product lacks the certificate Organic (JAS, Japan)" in japan


def test_expired_certificate_is_flagged(world):
    today = timezone.localdate()
    make_certificate(
        world["exporter"],
        product=world["product"],
        kind="halal",
        valid_from=today - timedelta(days=400),
        valid_to=today - timedelta(days=1),
    )
    body = _client().get(f"/trade/products/{world['product'].pk}/").content.decode()
    assert body.count('data-testid="expired"') == 1


def test_draft_product_is_seen_by_its_managers_only(world):
    url = f"/trade/products/{world['draft'].pk}/"
    assert _client().get(url).status_code == 404
    assert _client(world["member"]).get(url).status_code == 404
    assert _client(world["exporter_user"]).get(url).status_code == 200


def test_company_contacts_for_signed_in_members_only(world):
    url = f"/trade/companies/{world['exporter'].pk}/"
    assert "sales@caphe.example" not in _client().get(url).content.decode()
    assert "sales@caphe.example" in _client(world["member"]).get(url).content.decode()


def test_company_page_explains_its_reliability(world):
    official = make_official("Hải Phòng")
    client = _client(official, mfa=True)
    response = client.post(
        f"/trade/companies/{world['exporter'].pk}/verify/",
        {"evidence": "Giấy chứng nhận đăng ký doanh nghiệp đã đối chiếu."},
    )
    assert response.status_code == 302
    body = _client().get(f"/trade/companies/{world['exporter'].pk}/").content.decode()
    assert "Verified by 1 public body" in body
    assert "+30" in body
    assert "1 kind of valid certificate" in body
    assert "đã đối chiếu" in body  # the evidence


# -- companies and products: registration, editing, bad input -----------------------------------


def test_member_registers_an_exporter_and_becomes_its_manager(world):
    client = _client(world["member"])
    response = client.post(
        "/trade/companies/new/",
        {
            "role": "exporter",
            "name": "Hạt điều Bình Phước",
            "country": "VN",
            "tax_code": next_tax_code(),
            "province_code": "31",
            "markets": "de, fr",
            "sectors": ["08"],
        },
    )
    company = Company.objects.get(organisation__name="Hạt điều Bình Phước")
    assert response.status_code == 302
    assert response["Location"] == f"/trade/companies/{company.pk}/"
    assert company.markets == ["DE", "FR"]
    assert client.get(f"/trade/companies/{company.pk}/edit/").status_code == 200


@pytest.mark.parametrize("language", ["en", "vi"])
def test_wrong_tax_code_is_refused_on_its_field(world, language):
    client = _client(world["member"], language=language)
    response = client.post(
        "/trade/companies/new/",
        {
            "role": "exporter",
            "name": "Sai Mã Số",
            "country": "VN",
            "tax_code": "0101234567",
            "province_code": "31",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-error-for="tax_code"' in body
    assert 'value="Sai Mã Số"' in body  # what was typed is kept
    assert not Company.objects.filter(organisation__name="Sai Mã Số").exists()
    assert f'lang="{language}"' in body


@pytest.mark.parametrize("language", ["en", "vi"])
def test_wrong_hs_code_is_refused_on_its_field(world, language):
    client = _client(world["exporter_user"], language=language)
    response = client.post(
        f"/trade/companies/{world['exporter'].pk}/products/new/",
        {
            "name_vi": "Tiêu đen",
            "name_en": "Black pepper",
            "hs_code": "7712",
            "category": "coffee_tea",
            "province_code": "31",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-error-for="hs_code"' in body
    assert (
        _message(
            language,
            "An HS code has %(digits)s digits (e.g. 090111 for coffee beans); got “%(value)s”.",
            digits="6",
            value="7712",
        )
        in body
    )
    assert 'value="Tiêu đen"' in body
    assert not Product.objects.filter(name_vi="Tiêu đen").exists()


def test_exporter_lists_and_publishes_a_product(world):
    client = _client(world["exporter_user"])
    response = client.post(
        f"/trade/companies/{world['exporter'].pk}/products/new/",
        {
            "name_vi": "Tiêu đen Phú Quốc",
            "name_en": "Phu Quoc black pepper",
            "hs_code": "0904.11",
            "category": "coffee_tea",
            "province_code": "31",
            "min_order_quantity": "200",
            "min_order_unit": "kg",
        },
    )
    product = Product.objects.get(name_vi="Tiêu đen Phú Quốc")
    assert response.status_code == 302
    assert product.hs_code == "090411"
    assert product.status == ProductStatus.DRAFT
    client.post(f"/trade/products/{product.pk}/status/", {"status": "published"})
    product.refresh_from_db()
    assert product.status == ProductStatus.PUBLISHED
    client.post(f"/trade/products/{product.pk}/status/", {"status": "withdrawn"})
    product.refresh_from_db()
    assert product.status == ProductStatus.WITHDRAWN


def test_others_cannot_edit_a_product(world):
    url = f"/trade/products/{world['product'].pk}/edit/"
    assert _client(world["third_user"]).post(url, {"name_vi": "x"}).status_code == 403
    assert _client().get(url).status_code == 302


@pytest.mark.parametrize("language", ["en", "vi"])
def test_certificate_valid_to_before_valid_from_is_refused(world, language):
    client = _client(world["exporter_user"], language=language)
    response = client.post(
        f"/trade/companies/{world['exporter'].pk}/certificates/",
        {
            "kind": "iso22000",
            "product": world["product"].pk,
            "issuer": "SGS",
            "number": "X-1",
            "valid_from": "2026-05-01",
            "valid_to": "2026-04-30",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-error-for="valid_to"' in body
    assert (
        _message(
            language,
            "A certificate cannot expire (%(end)s) before it is valid (%(start)s).",
            end="2026-04-30",
            start="2026-05-01",
        )
        in body
    )
    assert not Certificate.objects.filter(number="X-1").exists()


def test_certificate_with_a_document_downloads_for_members_only(world):
    client = _client(world["exporter_user"])
    response = client.post(
        f"/trade/companies/{world['exporter'].pk}/certificates/",
        {
            "kind": "iso22000",
            "product": "",
            "issuer": "SGS",
            "number": "ISO-7",
            "valid_from": "2026-01-01",
            "valid_to": "2029-01-01",
            "document": SimpleUploadedFile("cert.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    certificate = Certificate.objects.get(number="ISO-7")
    url = f"/trade/certificates/{certificate.pk}/document/"
    assert _client().get(url).status_code == 302  # to log in
    download = _client(world["member"]).get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    # The exporter removes it.
    client.post(f"/trade/certificates/{certificate.pk}/remove/")
    assert not Certificate.objects.filter(pk=certificate.pk).exists()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_photo_that_is_not_an_image_is_refused(world, language):
    client = _client(world["exporter_user"], language=language)
    response = client.post(
        f"/trade/products/{world['product'].pk}/photos/",
        {"photo": SimpleUploadedFile("photo.png", b"MZ\x90\x00 not an image", "image/png")},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-error-for="photo"' in body
    assert (
        _message(
            language, "This file is not of an accepted type (%(types)s).", types="JPEG, PNG, WEBP"
        )
        in body
    )
    assert not ProductPhoto.objects.exists()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_photo_over_the_size_limit_is_refused(world, language):
    client = _client(world["exporter_user"], language=language)
    big = png_bytes() + b"\x00" * (services.PHOTO_MAX_BYTES + 1)
    response = client.post(
        f"/trade/products/{world['product'].pk}/photos/",
        {"photo": SimpleUploadedFile("big.png", big, "image/png")},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-error-for="photo"' in body
    assert _message(language, "The file is too large (at most %(size)s MB).", size="5") in body
    assert not ProductPhoto.objects.exists()


def test_photo_is_uploaded_shown_inline_and_removed(world):
    client = _client(world["exporter_user"])
    product = world["product"]
    response = client.post(
        f"/trade/products/{product.pk}/photos/",
        {"photo": SimpleUploadedFile("p.png", png_bytes(), "image/png"), "caption": "Gói 500 g"},
    )
    assert response.status_code == 302
    photo = ProductPhoto.objects.get(product=product)
    page = _client().get(f"/trade/products/{product.pk}/").content.decode()
    assert f'src="/trade/products/{product.pk}/photos/{photo.pk}/"' in page
    image = _client().get(f"/trade/products/{product.pk}/photos/{photo.pk}/")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert "attachment" not in image.get("Content-Disposition", "")
    assert image["X-Content-Type-Options"] == "nosniff"
    client.post(f"/trade/products/{product.pk}/photos/{photo.pk}/remove/")
    assert not ProductPhoto.objects.exists()


def test_signature_flag_by_an_official_of_the_province_of_origin(world):
    product = world["product"]
    other = _client(make_official("Đà Nẵng"), mfa=True)
    assert (
        other.post(f"/trade/products/{product.pk}/signature/", {"signature": "1"}).status_code
        == 403
    )
    official = _client(make_official("Hải Phòng"), mfa=True)
    official.post(f"/trade/products/{product.pk}/signature/", {"signature": "1"})
    product.refresh_from_db()
    assert product.signature and product.signature_by is not None
    body = _client().get(f"/trade/products/{product.pk}/").content.decode()
    assert 'data-testid="signature-badge"' in body
    assert product.signature_by.display_name() in body


# -- leads, contacts, deals, reviews -----------------------------------------------------------


def test_leads_are_for_signed_in_members(world):
    assert _client().get("/trade/leads/").status_code == 302
    assert _client(world["member"]).get("/trade/leads/").status_code == 200


def test_buy_request_shows_ranked_matches_with_reasons_to_its_managers(world, index_now):
    client = _client(world["distributor_user"])
    with index_now():
        response = client.post(
            "/trade/leads/new/",
            {
                "company": world["distributor"].pk,
                "kind": "buy",
                "title": "Cà phê cho Berlin",
                "hs_code": "0901",
                "market": "DE",
                "volume": "2000",
                "volume_unit": "kg",
                "certificates": ["haccp"],
            },
        )
    lead = Lead.objects.get(title="Cà phê cho Berlin")
    assert response.status_code == 302
    body = client.get(f"/trade/leads/{lead.pk}/").content.decode()
    assert 'data-field="matches"' in body
    first = body.index('data-testid="match"')
    assert f'data-product="{world["product"].pk}"' in body[first : first + 300]
    assert 'data-testid="reasons"' in body
    # Another member sees the lead, not its matches.
    other = _client(world["member"]).get(f"/trade/leads/{lead.pk}/").content.decode()
    assert 'data-field="matches"' not in other


def test_contact_request_accepted_then_deal_confirmed_then_review(world):
    exporter, distributor = world["exporter"], world["distributor"]
    buyer = _client(world["distributor_user"])
    seller = _client(world["exporter_user"])
    response = buyer.post(
        f"/trade/companies/{exporter.pk}/contact/",
        {"from_company": distributor.pk, "message": "Chúng tôi muốn nhập cà phê."},
    )
    assert response.status_code == 302
    contact = ContactRequest.objects.get(from_company=distributor, to_company=exporter)
    assert "Asia Markt GmbH" in seller.get("/trade/contacts/").content.decode()
    seller.post(f"/trade/contacts/{contact.pk}/answer/", {"action": "accept"})
    contact.refresh_from_db()
    assert contact.status == ContactStatus.ACCEPTED
    # The distributor records the deal; the exporter confirms it.
    form = buyer.get(f"/trade/deals/new/?contact={contact.pk}")
    assert form.status_code == 200
    response = buyer.post(
        "/trade/deals/new/",
        {
            "contact": contact.pk,
            "company": distributor.pk,
            "product": world["product"].pk,
            "value_usd": "18000",
            "volume": "3000",
            "volume_unit": "kg",
            "market": "DE",
            "deal_date": timezone.localdate().isoformat(),
        },
    )
    deal = Deal.objects.get(value_usd=18000)
    assert response.status_code == 302
    assert deal.status == DealStatus.PROPOSED
    page = buyer.get(f"/trade/deals/{deal.pk}/").content.decode()
    assert 'data-field="review-form"' not in page  # not confirmed yet
    seller.post(f"/trade/deals/{deal.pk}/confirm/")
    deal.refresh_from_db()
    assert deal.status == DealStatus.CONFIRMED
    assert "18000" in seller.get("/trade/deals/").content.decode()
    page = buyer.get(f"/trade/deals/{deal.pk}/").content.decode()
    assert 'data-field="review-form"' in page
    buyer.post(f"/trade/deals/{deal.pk}/review/", {"rating": "5", "text": "Hàng đúng hẹn."})
    review = Review.objects.get(deal=deal)
    assert review.company == exporter and review.rating == 5
    company_page = _client(world["member"]).get(f"/trade/companies/{exporter.pk}/").content
    assert "Hàng đúng hẹn." in company_page.decode()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_review_without_a_confirmed_deal_is_refused(world, language):
    deal = services.deal_propose(
        company=world["distributor"],
        counterpart=world["exporter"],
        value_usd="1000",
        volume="100",
        market="DE",
        deal_date=timezone.localdate(),
    )
    client = _client(world["distributor_user"], language=language)
    response = client.post(f"/trade/deals/{deal.pk}/review/", {"rating": "1", "text": "x"})
    body = response.content.decode()
    assert response.status_code == 200
    assert _message(language, "A review needs a deal confirmed by both sides.") in body
    assert not Review.objects.exists()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_third_party_sees_no_review_form_and_a_forced_post_is_refused(world, language):
    deal = make_confirmed_deal(world["exporter"], world["distributor"], product=world["product"])
    third = _client(world["third_user"], language=language)
    page = third.get(f"/trade/companies/{world['exporter'].pk}/").content.decode()
    assert 'data-field="review-form"' not in page
    assert third.get(f"/trade/deals/{deal.pk}/").status_code == 404
    response = third.post(f"/trade/deals/{deal.pk}/review/", {"rating": "1", "text": "Tệ."})
    assert response.status_code == 403
    assert (
        _message(language, "Only the parties to a recorded deal may review each other.")
        in response.content.decode()
    )
    assert not Review.objects.exists()


def test_lead_is_closed_by_its_company(world):
    lead = services.lead_create(
        company=world["distributor"], kind="buy", title="Hạt điều", hs_code="0801", market="DE"
    )
    assert _client(world["member"]).post(f"/trade/leads/{lead.pk}/close/").status_code == 403
    _client(world["distributor_user"]).post(f"/trade/leads/{lead.pk}/close/")
    lead.refresh_from_db()
    assert lead.status == "closed"
    assert _client(world["member"]).get(f"/trade/leads/{lead.pk}/").status_code == 404


# -- verification, fraud reports, requirements ---------------------------------------------------


def test_verification_revoked_with_a_reason_stays_in_the_history(world):
    official = _client(make_official("Hải Phòng"), mfa=True)
    official.post(f"/trade/companies/{world['exporter'].pk}/verify/", {"evidence": "Đã kiểm tra."})
    verification = Verification.objects.get(company=world["exporter"])
    refused = official.post(f"/trade/verifications/{verification.pk}/revoke/", {"reason": ""})
    assert 'data-error-for="reason"' in refused.content.decode()
    official.post(
        f"/trade/verifications/{verification.pk}/revoke/", {"reason": "Giấy phép bị thu hồi."}
    )
    verification.refresh_from_db()
    assert verification.revoked_at is not None
    body = _client().get(f"/trade/companies/{world['exporter'].pk}/").content.decode()
    assert 'data-testid="revoked-verifications"' in body
    assert "Giấy phép bị thu hồi." in body


def test_official_of_another_province_may_not_verify(world):
    official = _client(make_official("Đà Nẵng"), mfa=True)
    response = official.post(f"/trade/companies/{world['exporter'].pk}/verify/", {"evidence": "x"})
    assert response.status_code == 403


def test_fraud_report_resolved_by_an_admin_and_company_suspended(world):
    reporter = _client(world["member"])
    response = reporter.post(
        f"/trade/companies/{world['third'].pk}/report/",
        {"reason": "Nhận tiền đặt cọc rồi không giao hàng, không trả lời."},
    )
    report = FraudReport.objects.get(company=world["third"])
    assert response.status_code == 302
    assert reporter.get(f"/trade/fraud/{report.pk}/").status_code == 200
    assert _client(world["exporter_user"]).get(f"/trade/fraud/{report.pk}/").status_code == 404
    assert reporter.post(f"/trade/fraud/{report.pk}/", {"status": "upheld"}).status_code == 403
    admin = _client(make_user(is_staff=True, is_superuser=True), mfa=True)
    assert "Gốm Đà Nẵng" in admin.get("/trade/fraud/").content.decode()
    admin.post(f"/trade/fraud/{report.pk}/", {"status": "upheld", "resolution": "Đã xác minh."})
    report.refresh_from_db()
    assert report.status == FraudStatus.UPHELD
    admin.post(
        f"/trade/companies/{world['third'].pk}/status/",
        {"status": "suspended", "reason": "Gian lận đã xác minh."},
    )
    assert Company.objects.get(pk=world["third"].pk).status == "suspended"
    assert _client().get(f"/trade/companies/{world['third'].pk}/").status_code == 404


def test_ministry_declares_market_requirements(world):
    ministry = _client(make_official(make_ministry()), mfa=True)
    bad = ministry.post("/trade/requirements/", {"country": "JP", "hs_prefix": "7"})
    assert 'data-error-for="hs_prefix"' in bad.content.decode()
    ministry.post(
        "/trade/requirements/",
        {"country": "JP", "hs_prefix": "0901", "certificates": ["organic_jas", "haccp"]},
    )
    requirement = MarketRequirement.objects.get(country="JP", hs_prefix="0901")
    assert sorted(requirement.certificates) == ["haccp", "organic_jas"]
    assert _client(world["member"]).get("/trade/requirements/").status_code == 403

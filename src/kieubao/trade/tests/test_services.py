"""The trade portal's rules of the data, through its services: tax codes, HS codes, companies,
certificates, photos, leads, contacts, deals, reviews, verification, fraud reports, the
reliability indicator, market requirements and market reports. Each refusal is a
ValidationError keyed by the field the user typed into, with a message that says what is wrong."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from kieubao.community.models import Membership, MembershipRole
from kieubao.community.tests.factories import make_ministry, make_person, make_user, province_body
from kieubao.core.models import AuditAction, AuditEntry
from kieubao.trade import certificates, hs, reliability, services
from kieubao.trade.models import (
    Company,
    ContactStatus,
    DealStatus,
    FraudStatus,
    LeadStatus,
    ProductStatus,
)
from kieubao.trade.taxcode import check_digit, clean_tax_code, make_tax_code

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


def errors_of(call, *args, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.message_dict


def today():
    return timezone.localdate()


@pytest.fixture
def exporter():
    return make_exporter(person=make_person(user=make_user()), name="Cà phê Hải Phòng")


@pytest.fixture
def distributor():
    return make_distributor(person=make_person(user=make_user()), name="Asia Markt GmbH")


@pytest.fixture
def product(exporter):
    return make_product(exporter)


# -- tax codes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["0100109106", "0300588569", " 0100109106 ", "0100.109.106"])
def test_valid_enterprise_tax_codes(code):
    assert clean_tax_code(code) == code.strip().replace(".", "")


@pytest.mark.parametrize("code", ["0100109106-001", "0100109106001", "0100109106 001"])
def test_a_branch_code_is_stored_with_its_hyphen(code):
    assert clean_tax_code(code) == "0100109106-001"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("0100109105", "its check digit does not match"),
        ("0100109105-001", "its check digit does not match"),
        ("010010910", "A tax code has 10 digits, or 13 for a branch"),
        ("01001091061", "A tax code has 10 digits, or 13 for a branch"),
        ("01001091O6", "A tax code has 10 digits, or 13 for a branch"),
        ("", "A tax code has 10 digits, or 13 for a branch"),
        ("0100109106-000", "A branch number runs from 001 to 999; got 000."),
        ("０１００１０９１０６", "A tax code has 10 digits"),  # full-width digits
        ("010010910٦", "A tax code has 10 digits"),  # an Arabic-Indic six
    ],
)
def test_bad_tax_codes_are_refused_with_the_reason(code, message):
    with pytest.raises(ValidationError) as caught:
        clean_tax_code(code)
    assert message in caught.value.messages[0]


def test_the_check_digit():
    assert check_digit("010010910") == 6
    assert make_tax_code("030058856") == "0300588569"
    # Nine digits for which no check digit fits: such a code is never issued.
    impossible = next(f"{n:09d}" for n in range(10**8, 10**9) if check_digit(f"{n:09d}") is None)
    assert make_tax_code(impossible) is None


# -- HS codes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits"), [("090111", "090111"), ("0901.11", "090111"), ("09 01 11", "090111")]
)
def test_hs_codes_take_dots_and_spaces(value, digits):
    assert hs.clean_hs_code(value) == digits


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0901", "An HS code has 6 digits"),
        ("0901111", "An HS code has 6 digits"),
        ("09O111", "An HS code has 6 digits"),
        ("770100", "HS chapter 77 does not exist"),
        ("000100", "HS chapter 00 does not exist"),
        ("980100", "HS chapter 98 does not exist"),
        ("090011", "HS heading 0900 does not exist"),
        ("０９０１１１", "An HS code has 6 digits"),  # full-width digits
    ],
)
def test_bad_hs_codes_are_refused_with_the_reason(value, message):
    with pytest.raises(ValidationError) as caught:
        hs.clean_hs_code(value)
    assert message in caught.value.messages[0]


def test_prefix_lengths_for_leads_and_market_data():
    assert hs.clean_hs_code("09", lengths=(2, 4, 6)) == "09"
    assert hs.clean_hs_code("0901", lengths=(2, 4, 6)) == "0901"
    with pytest.raises(ValidationError) as caught:
        hs.clean_hs_code("090", lengths=(2, 4, 6))
    assert "2 / 4 / 6 digits" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        hs.clean_hs_code("0900", lengths=(2, 4, 6))
    assert hs.prefixes("090111") == ["09", "0901", "090111"]
    assert hs.prefixes("0901") == ["09", "0901"]
    assert hs.display("090111") == "0901.11" and hs.display("0901") == "0901"


def test_chapter_names_follow_the_language():
    assert hs.chapter_name("09", "en") == "Coffee, tea, maté and spices"
    assert hs.chapter_name("090111", "vi").startswith("Cà phê")
    assert "77" not in hs.CHAPTERS and len(hs.CHAPTERS) == 96


# -- companies ------------------------------------------------------------------------------------


def test_an_exporter_is_registered_with_its_admin(exporter):
    organisation = exporter.organisation
    assert organisation.kind == "business" and str(organisation.country) == "VN"
    assert organisation.province_code == 31
    assert Membership.objects.filter(organisation=organisation, role=MembershipRole.ADMIN).exists()
    assert exporter.reliability == 0 and reliability.level(exporter)[0] == "new"


def test_an_exporter_is_vietnamese_with_a_tax_code_and_a_province():
    errors = errors_of(
        services.company_create, role="exporter", name="X", country="DE", province_code=None
    )
    assert errors == {
        "tax_code": ["A Vietnamese exporter gives its tax code."],
        "province_code": ["Choose a province."],
        "country": ["An exporter on this portal is a Vietnamese company (country VN)."],
    }
    errors = errors_of(
        services.company_create,
        role="exporter",
        name="X",
        country="VN",
        province_code=99,
        tax_code="0100109105",
    )
    assert errors["province_code"] == ["Choose one of the 34 provinces."]
    assert "check digit" in errors["tax_code"][0]
    assert Company.objects.count() == 0


def test_a_distributor_is_abroad_and_needs_no_tax_code():
    errors = errors_of(services.company_create, role="distributor", name="Y", country="VN")
    assert errors == {"country": ["A distributor is an overseas business: choose its country."]}
    company = services.company_create(role="distributor", name="Y", country="de")
    assert company.tax_code == "" and company.province_code is None
    assert str(company.country) == "DE"


def test_company_values_are_checked():
    errors = errors_of(
        services.company_create,
        role="importer",
        name=" ",
        country="XX",
        markets=["DE", "Germany"],
        channels=["grocery", "black_market"],
        sectors=["09", "77"],
        contact_email="not an address",
    )
    assert errors["role"] == ["Choose one of the choices."]
    assert errors["name"] == ["This field is required."]
    assert errors["country"] == ["“XX” is not a country code."]
    assert errors["markets"] == ["“Germany” is not a country code."]
    assert errors["channels"] == ["“black_market” is not one of the choices."]
    assert "HS chapter 77 does not exist" in errors["sectors"][0]
    assert errors["contact_email"] == ["Enter a valid email address."]


def test_one_company_per_tax_code(exporter):
    errors = errors_of(
        make_exporter, tax_code=exporter.tax_code.replace("", " ").strip(), name="Copy"
    )
    assert errors == {"tax_code": ["A company with this tax code is already registered."]}
    branch = make_exporter(tax_code=f"{exporter.tax_code}-002")
    assert branch.tax_code == f"{exporter.tax_code}-002"


def test_company_update_keeps_the_rules(exporter):
    errors = errors_of(
        services.company_update, exporter, name="Cà phê Mới", province_code=48, sectors=["9"]
    )
    assert errors == {
        "sectors": ["An HS code has 2 digits (e.g. 090111 for coffee beans); got “9”."]
    }
    # Nothing was changed.
    exporter.refresh_from_db()
    assert exporter.province_code == 31 and exporter.name == "Cà phê Hải Phòng"
    errors = errors_of(services.company_update, exporter, tax_code="")
    assert errors == {"tax_code": ["A Vietnamese exporter gives its tax code."]}
    services.company_update(exporter, name="Cà phê Hải Phòng Mới", province_code=48)
    exporter.refresh_from_db()
    assert exporter.name == "Cà phê Hải Phòng Mới"
    assert exporter.province_code == 48 and exporter.organisation.province_code == 48
    # Its own tax code is not a duplicate of itself.
    services.company_update(exporter, tax_code=exporter.tax_code)


def test_suspending_a_company_is_audited_and_zeroes_its_indicator(exporter, distributor):
    make_confirmed_deal(exporter, distributor)
    assert exporter.reliability > 0 or Company.objects.get(pk=exporter.pk).reliability > 0
    admin = make_user(is_staff=True, is_superuser=True)
    assert errors_of(
        services.company_set_status, exporter, status="suspended", reason="", user=admin
    ) == {"reason": ["Give the reason: the company is told."]}
    services.company_set_status(exporter, status="suspended", reason="Lừa đảo.", user=admin)
    exporter.refresh_from_db()
    assert exporter.reliability == 0
    assert exporter.reliability_detail == [{"key": "suspended", "points": 0, "count": 1}]
    entry = AuditEntry.objects.get(action=AuditAction.TRUST_DECISION, target_id=exporter.pk)
    assert entry.actor_id == admin.pk and entry.detail == {"status": "suspended"}


# -- products and photos --------------------------------------------------------------------------


def test_only_exporters_list_products(distributor):
    errors = errors_of(make_product, distributor)
    assert errors == {"company": ["Only a Vietnamese exporter lists products in the catalogue."]}


def test_product_values_are_checked(exporter):
    errors = errors_of(
        services.product_create,
        company=exporter,
        name_vi="",
        name_en="Coffee",
        hs_code="0901",
        category="gadgets",
        province_code="",
        ocop_stars=6,
        min_order_quantity="-1",
        min_order_unit="barrel",
    )
    assert errors["name_vi"] == ["This field is required."]
    assert "An HS code has 6 digits" in errors["hs_code"][0]
    assert errors["category"] == ["Choose one of the choices."]
    assert errors["province_code"] == ["Choose a province."]
    assert errors["ocop_stars"] == ["OCOP ratings run from 1 to 5 stars."]
    assert errors["min_order_quantity"] == ["Enter a number greater than zero."]
    assert errors["min_order_unit"] == ["Choose one of the choices."]


def test_a_product_is_a_draft_until_published(exporter):
    product = make_product(exporter, publish=False, hs_code="0901.21", ocop_stars="4")
    assert product.status == ProductStatus.DRAFT and product.published_at is None
    assert (product.hs_code, product.ocop_stars) == ("090121", 4)
    assert "ca phe" in product.text_folded and "hai phong" in product.text_folded
    services.product_set_status(product, "published")
    first = product.published_at
    assert product.status == ProductStatus.PUBLISHED and first is not None
    services.product_set_status(product, "withdrawn")
    services.product_set_status(product, "published")
    assert product.published_at == first  # republished: keeps its first date
    assert errors_of(services.product_set_status, product, "deleted") == {
        "status": ["Choose one of the choices."]
    }


def test_a_product_update_changes_only_what_is_sent(product):
    services.product_update(product, name_en="Robusta", ocop_stars="")
    product.refresh_from_db()
    assert (product.name_en, product.name_vi, product.ocop_stars) == (
        "Robusta",
        "Cà phê Robusta rang xay",
        None,
    )
    assert errors_of(services.product_update, product, hs_code="7701.00") == {
        "hs_code": ["HS chapter 77 does not exist (chapters run from 01 to 97, without 77)."]
    }


def test_product_names_follow_the_language(product):
    assert product.name("en") == "Roasted ground Robusta coffee"
    assert product.name("vi") == "Cà phê Robusta rang xay"
    with translation.override("en"):
        assert product.name() == "Roasted ground Robusta coffee"


@pytest.fixture
def uploads(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


def _png(name="p.png"):
    return SimpleUploadedFile(name, png_bytes(), "image/png")


def test_photos_are_images_of_limited_size_and_number(product, uploads, monkeypatch):
    photo = services.photo_add(product=product, upload=_png(), caption="Gói 500 g")
    assert (photo.file_kind, photo.position, photo.caption) == ("png", 0, "Gói 500 g")
    assert (uploads / services.PHOTO_AREA / photo.stored_name).is_file()
    # A PDF (or a text) named .png is not an image.
    fake = SimpleUploadedFile("fake.png", b"%PDF-1.4 not an image", "image/png")
    errors = errors_of(services.photo_add, product=product, upload=fake)
    assert errors == {"photo": ["This file is not of an accepted type (JPEG, PNG, WEBP)."]}
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", 100)
    big = SimpleUploadedFile("big.png", png_bytes(40, 40), "image/png")
    assert big.size > 100
    errors = errors_of(services.photo_add, product=product, upload=big)
    assert errors["photo"][0].startswith("The file is too large")
    monkeypatch.undo()
    for _ in range(services.MAX_PHOTOS - 1):
        services.photo_add(product=product, upload=_png())
    errors = errors_of(services.photo_add, product=product, upload=_png())
    assert errors == {"photo": [f"A product has at most {services.MAX_PHOTOS} photos."]}
    assert product.photos.count() == services.MAX_PHOTOS


def test_removing_a_photo_deletes_its_file(product, uploads, django_capture_on_commit_callbacks):
    photo = services.photo_add(product=product, upload=_png())
    path = uploads / services.PHOTO_AREA / photo.stored_name
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_remove(photo)
    assert not path.exists() and product.photos.count() == 0


def test_a_signature_product_records_who_flagged_it(product):
    body = province_body("Hải Phòng")
    services.product_set_signature(product, signature=True, body=body)
    assert (product.signature, product.signature_by) == (True, body)
    assert product.signature_at is not None
    services.product_set_signature(product, signature=False, body=body)
    assert (product.signature, product.signature_by, product.signature_at) == (False, None, None)


# -- certificates and market requirements ---------------------------------------------------------


def test_a_certificate_cannot_expire_before_it_is_valid(exporter):
    errors = errors_of(
        make_certificate,
        exporter,
        valid_from="2026-05-01",
        valid_to="2026-04-30",
    )
    assert errors == {
        "valid_to": ["A certificate cannot expire (2026-04-30) before it is valid (2026-05-01)."]
    }
    with translation.override("vi"):
        errors = errors_of(
            make_certificate, exporter, valid_from="2026-05-01", valid_to="2026-04-30"
        )
    assert "2026-04-30" in errors["valid_to"][0]


def test_certificate_values_are_checked(exporter, distributor):
    other_product = make_product(make_exporter())
    errors = errors_of(
        services.certificate_add,
        company=exporter,
        kind="iso_made_up",
        issuer="",
        number=" ",
        valid_from="01/05/2026",
        valid_to="",
        product=other_product,
    )
    assert errors == {
        "kind": ["Choose one of the choices."],
        "issuer": ["This field is required."],
        "number": ["This field is required."],
        "valid_from": ["Enter a date as YYYY-MM-DD."],
        "valid_to": ["This field is required."],
        "product": ["This product is not the company's."],
    }


def test_a_certificate_counts_to_its_last_day_and_is_expired_the_day_after(product):
    certificate = make_certificate(product.company, product=product, days_left=0)
    assert certificate.valid_to == today()
    assert certificate.is_valid_on(today())
    assert not certificate.is_valid_on(today() + timedelta(days=1))
    owned = certificates.certificates_of(product)
    assert certificates.valid_kinds(owned) == {"haccp"}
    assert certificates.valid_kinds(owned, today() + timedelta(days=1)) == set()
    assert certificates.valid_kinds_by_product([product.pk]) == {product.pk: {"haccp"}}
    later = today() + timedelta(days=1)
    assert certificates.valid_kinds_by_product([product.pk], later) == {product.pk: set()}


def test_a_company_wide_certificate_covers_all_its_products(exporter, product):
    second = make_product(exporter, name_vi="Chè", name_en="Tea", hs_code="090230")
    make_certificate(exporter, kind="iso22000")  # no product: the whole factory
    make_certificate(exporter, product=product, kind="organic_eu")
    make_certificate(make_exporter(), kind="brcgs")  # another company's
    assert certificates.valid_kinds_by_product([product.pk, second.pk]) == {
        product.pk: {"iso22000", "organic_eu"},
        second.pk: {"iso22000"},
    }
    assert [c.kind for c in certificates.certificates_of(second)] == ["iso22000"]


def test_market_requirements_and_what_a_product_misses(product):
    ministry = make_ministry()
    services.requirement_set(country="DE", hs_prefix="09", certificates=["haccp"], body=ministry)
    services.requirement_set(country="DE", hs_prefix="0901", certificates=["organic_eu"])
    services.requirement_set(country="DE", hs_prefix="", certificates=["ce"])
    services.requirement_set(country="DE", hs_prefix="0902", certificates=["fairtrade"])
    services.requirement_set(country="JP", hs_prefix="09", certificates=["organic_jas"])
    assert certificates.required_kinds("DE", "090121") == {"haccp", "organic_eu", "ce"}
    assert certificates.missing_for_market(product, "DE") == ["ce", "haccp", "organic_eu"]
    make_certificate(product.company, product=product, kind="haccp", days_left=10)
    make_certificate(product.company, kind="ce")
    assert certificates.missing_for_market(product, "DE") == ["organic_eu"]
    # Once the HACCP certificate has expired, it is missing again.
    later = today() + timedelta(days=11)
    assert certificates.missing_for_market(product, "DE", later) == ["haccp", "organic_eu"]
    assert certificates.missing_for_market(product, "US") == []
    assert certificates.required_kinds("", "090121") == set()


def test_a_requirement_is_replaced_and_removed_with_no_certificates():
    first = services.requirement_set(country="de", hs_prefix="0901", certificates=["haccp"])
    second = services.requirement_set(
        country="DE", hs_prefix="09.01", certificates=["haccp", "ifs", "haccp"]
    )
    assert first.pk == second.pk and second.certificates == ["haccp", "ifs"]
    assert services.requirement_set(country="DE", hs_prefix="0901", certificates=[]) is None
    assert certificates.required_kinds("DE", "090121") == set()
    errors = errors_of(
        services.requirement_set, country="", hs_prefix="090", certificates=["gold_star"]
    )
    assert set(errors) == {"country", "hs_prefix", "certificates"}


# -- leads ----------------------------------------------------------------------------------------


def test_buy_requests_are_for_distributors_and_sell_offers_for_exporters(exporter, distributor):
    errors = errors_of(
        services.lead_create, company=exporter, kind="buy", title="Cần", hs_code="09", market="DE"
    )
    assert errors == {"kind": ["Buy requests are posted by overseas distributors."]}
    errors = errors_of(
        services.lead_create, company=distributor, kind="sell", title="Bán", hs_code="09"
    )
    assert errors == {"kind": ["Sell offers are posted by Vietnamese exporters."]}


def test_a_buy_request_names_its_market_and_an_hs_prefix(distributor):
    errors = errors_of(
        services.lead_create, company=distributor, kind="buy", title="Cần", hs_code="090"
    )
    assert errors["market"] == ["Choose a country."]
    assert "2 / 4 / 6 digits" in errors["hs_code"][0]
    lead = services.lead_create(
        company=distributor,
        kind="buy",
        title="Cần cà phê",
        hs_code="09.01",
        market="de",
        volume="2 000",
        certificates=["haccp", "haccp"],
        valid_until=(today() + timedelta(days=30)).isoformat(),
    )
    assert (lead.hs_code, lead.market, lead.volume) == ("0901", "DE", Decimal("2000.00"))
    assert lead.certificates == ["haccp"] and lead.status == LeadStatus.OPEN
    assert lead.text_folded == "can ca phe"


def test_lead_values_are_checked(exporter, distributor):
    other = make_product(make_exporter())
    errors = errors_of(
        services.lead_create,
        company=exporter,
        kind="sell",
        title="",
        product=other,
        volume="many",
        volume_unit="barrel",
        certificates=["gold"],
        valid_until=(today() - timedelta(days=1)).isoformat(),
    )
    assert errors == {
        "title": ["This field is required."],
        "product": ["This product is not the company's."],
        "volume": ["Enter a number, e.g. 1200 or 1200.50."],
        "volume_unit": ["Choose one of the choices."],
        "certificates": ["“gold” is not one of the choices."],
        "valid_until": ["This date has passed."],
    }


def test_a_sell_offer_takes_its_products_hs_code_and_closes(exporter, product):
    lead = services.lead_create(company=exporter, kind="sell", title="Robusta", product=product)
    assert (lead.hs_code, lead.market) == ("090121", "")
    services.lead_close(lead)
    closed_at = lead.closed_at
    assert lead.status == LeadStatus.CLOSED and closed_at is not None
    services.lead_close(lead)  # closing a closed lead changes nothing
    assert lead.closed_at == closed_at


# -- contact requests -----------------------------------------------------------------------------


def test_contact_requests(exporter, distributor):
    errors = errors_of(services.contact_request_create, from_company=exporter, to_company=exporter)
    assert errors == {"to_company": ["A company cannot ask itself for contact."]}
    request = services.contact_request_create(
        from_company=distributor, to_company=exporter, message="Xin chào"
    )
    assert request.status == ContactStatus.PENDING
    errors = errors_of(
        services.contact_request_create, from_company=distributor, to_company=exporter
    )
    assert errors == {"to_company": ["You already asked this company; wait for its answer."]}
    # The other way round is another request.
    services.contact_request_create(from_company=exporter, to_company=distributor)
    services.contact_request_answer(request, accept=False)
    assert request.status == ContactStatus.DECLINED and request.responded_at is not None
    assert errors_of(services.contact_request_answer, request, accept=True) == {
        "status": ["This request was already answered."]
    }
    # Once answered, one may ask again.
    again = services.contact_request_create(from_company=distributor, to_company=exporter)
    services.contact_request_answer(again, accept=True)
    assert again.status == ContactStatus.ACCEPTED


def test_no_contact_request_to_a_suspended_company(exporter, distributor):
    services.company_set_status(exporter, status="suspended", reason="Kiểm tra.", user=None)
    errors = errors_of(
        services.contact_request_create, from_company=distributor, to_company=exporter
    )
    assert errors == {"to_company": ["This company is not active on the portal."]}


# -- deals ----------------------------------------------------------------------------------------


def _propose(company, counterpart, **values):
    values.setdefault("value_usd", "25000")
    values.setdefault("volume", "5000")
    values.setdefault("market", "DE")
    values.setdefault("deal_date", today())
    return services.deal_propose(company=company, counterpart=counterpart, **values)


def test_a_deal_is_confirmed_by_both_sides(exporter, distributor):
    deal = _propose(distributor, exporter)
    assert (deal.exporter, deal.distributor, deal.proposed_by) == (
        exporter,
        distributor,
        distributor,
    )
    assert deal.status == DealStatus.PROPOSED
    assert deal.distributor_confirmed_at is not None and deal.exporter_confirmed_at is None
    deal = services.deal_confirm(deal, company=distributor)  # the proposer again: still waiting
    assert deal.status == DealStatus.PROPOSED
    exporter.refresh_from_db()
    assert exporter.reliability == 0
    deal = services.deal_confirm(deal, company=exporter)
    assert deal.status == DealStatus.CONFIRMED and deal.confirmed_at is not None
    exporter.refresh_from_db()
    assert {"key": "deals", "points": 4, "count": 1} in exporter.reliability_detail
    assert errors_of(services.deal_confirm, deal, company=exporter) == {
        "status": ["This deal is no longer waiting for confirmation."]
    }
    assert errors_of(services.deal_cancel, deal) == {
        "status": ["A confirmed deal stays on record."]
    }


def test_an_exporter_may_propose_too(exporter, distributor):
    deal = _propose(exporter, distributor, volume_unit="t")
    assert deal.exporter_confirmed_at is not None and deal.distributor_confirmed_at is None
    assert (deal.exporter, deal.distributor, deal.volume_unit) == (exporter, distributor, "t")
    services.deal_cancel(deal)
    assert deal.status == DealStatus.CANCELLED


def test_a_deal_is_between_an_exporter_and_a_distributor(exporter, distributor):
    for a, b in ((exporter, make_exporter()), (distributor, make_distributor())):
        errors = errors_of(_propose, a, b)
        assert errors == {
            "counterpart": ["A deal is between a Vietnamese exporter and a distributor."]
        }


def test_only_the_parties_confirm_a_deal(exporter, distributor):
    deal = _propose(distributor, exporter)
    assert errors_of(services.deal_confirm, deal, company=make_exporter()) == {
        "company": ["Only the two parties confirm a deal."]
    }


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"value_usd": "0"}, {"value_usd": ["Enter a number greater than zero."]}),
        ({"value_usd": "-100"}, {"value_usd": ["Enter a number greater than zero."]}),
        ({"value_usd": "abc"}, {"value_usd": ["Enter a number, e.g. 1200 or 1200.50."]}),
        ({"value_usd": "NaN"}, {"value_usd": ["Enter a number, e.g. 1200 or 1200.50."]}),
        ({"value_usd": "Infinity"}, {"value_usd": ["Enter a number, e.g. 1200 or 1200.50."]}),
        ({"value_usd": "1e15"}, {"value_usd": ["This number is too large."]}),
        # Rounded to the cent it is nothing: refused, not a failed write.
        ({"value_usd": "0.001"}, {"value_usd": ["Enter a number greater than zero."]}),
        ({"volume": ""}, {"volume": ["This field is required."]}),
        ({"volume": "1,5"}, {"volume": ["Enter a number, e.g. 1200 or 1200.50."]}),
        ({"market": "ZZ"}, {"market": ["“ZZ” is not a country code."]}),
        ({"deal_date": "tomorrow"}, {"deal_date": ["Enter a date as YYYY-MM-DD."]}),
    ],
)
def test_deal_values_are_checked(exporter, distributor, values, errors):
    assert errors_of(_propose, distributor, exporter, **values) == errors


def test_a_deal_is_recorded_once_it_is_made(exporter, distributor):
    errors = errors_of(_propose, distributor, exporter, deal_date=today() + timedelta(days=1))
    assert errors == {"deal_date": ["A deal is recorded once it is made: this date is ahead."]}


def test_a_deals_product_is_the_exporters(exporter, distributor, product):
    other = make_product(make_exporter())
    errors = errors_of(_propose, distributor, exporter, product=other)
    assert errors == {"product": ["This product is not the exporter's."]}
    assert _propose(distributor, exporter, product=product).product == product


# -- reviews --------------------------------------------------------------------------------------


def test_the_parties_of_a_confirmed_deal_review_each_other_once(exporter, distributor):
    deal = make_confirmed_deal(exporter, distributor)
    review = services.review_create(deal=deal, reviewer=distributor, rating="5", text="Tốt")
    assert (review.company, review.reviewer, review.rating) == (exporter, distributor, 5)
    assert errors_of(services.review_create, deal=deal, reviewer=distributor, rating=4) == {
        "deal": ["You already reviewed this deal."]
    }
    back = services.review_create(deal=deal, reviewer=exporter, rating=4)
    assert back.company == distributor
    exporter.refresh_from_db()
    part = next(p for p in exporter.reliability_detail if p["key"] == "reviews")
    # One five pulled towards 3 by two neutral reviews: 11 / 3 = 3.67 → 17 of 25 points.
    assert part == {"key": "reviews", "points": 17, "count": 1, "mean": 5.0}


def test_a_third_party_does_not_review(exporter, distributor):
    deal = make_confirmed_deal(exporter, distributor)
    errors = errors_of(services.review_create, deal=deal, reviewer=make_exporter(), rating=1)
    assert errors == {"deal": ["Only the parties to a recorded deal may review each other."]}


def test_no_review_before_both_sides_confirm(exporter, distributor):
    deal = _propose(distributor, exporter)
    errors = errors_of(services.review_create, deal=deal, reviewer=distributor, rating=5)
    assert errors == {"deal": ["A review needs a deal confirmed by both sides."]}


@pytest.mark.parametrize("rating", [0, 6, "abc", None, "4.5", -1])
def test_a_rating_runs_from_one_to_five(exporter, distributor, rating):
    deal = make_confirmed_deal(exporter, distributor)
    errors = errors_of(services.review_create, deal=deal, reviewer=distributor, rating=rating)
    assert errors == {"rating": ["Give a rating from 1 to 5."]}


# -- verification and fraud reports ---------------------------------------------------------------


def test_verification_and_revocation_are_audited_trust_decisions(exporter):
    body = province_body("Hải Phòng")
    official = make_user()
    assert errors_of(services.verification_add, company=exporter, body=body, evidence=" ") == {
        "evidence": ["Say on what evidence the company is verified."]
    }
    verification = services.verification_add(
        company=exporter, body=body, evidence="ĐKDN đối chiếu.", user=official
    )
    exporter.refresh_from_db()
    assert exporter.reliability == 30
    assert errors_of(services.verification_add, company=exporter, body=body, evidence="Lại.") == {
        "evidence": ["Your body has already verified this company."]
    }
    second = services.verification_add(company=exporter, body=make_ministry(), evidence="Bộ.")
    exporter.refresh_from_db()
    assert exporter.reliability == 40
    assert errors_of(services.verification_revoke, verification, reason="") == {
        "reason": ["Give the reason for revoking."]
    }
    services.verification_revoke(verification, reason="Giấy phép bị thu hồi.", user=official)
    assert verification.revoked_by == official and verification.revoked_at is not None
    exporter.refresh_from_db()
    assert exporter.reliability == 30
    assert errors_of(services.verification_revoke, verification, reason="Lại.") == {
        "reason": ["This verification was already revoked."]
    }
    entries = AuditEntry.objects.filter(
        action=AuditAction.TRUST_DECISION, target_type="company", target_id=exporter.pk
    ).order_by("at", "id")
    assert [(e.detail["verified"], e.actor_body_id) for e in entries] == [
        (True, body.pk),
        (True, second.body_id),
        (False, body.pk),
    ]
    assert entries[0].actor_id == official.pk
    # Revoked, the body may verify again.
    services.verification_add(company=exporter, body=body, evidence="Đã khắc phục.")


def test_fraud_reports_and_their_resolution(exporter):
    reporter, admin = make_user(), make_user(is_superuser=True)
    errors = errors_of(services.fraud_report_create, company=exporter, reason="Lừa", user=reporter)
    assert errors == {"reason": ["Describe what happened (at least 20 characters)."]}
    reason = "Nhận tiền đặt cọc rồi không giao hàng."
    report = services.fraud_report_create(company=exporter, reason=reason, user=reporter)
    assert report.status == FraudStatus.OPEN
    assert errors_of(
        services.fraud_report_create, company=exporter, reason=reason, user=reporter
    ) == {"reason": ["You already reported this company; the admins are looking at it."]}
    exporter.refresh_from_db()
    assert exporter.reliability_detail == []  # an open report is not a finding
    errors = errors_of(
        services.fraud_report_resolve, report, status="open", resolution="", user=admin
    )
    assert errors == {
        "status": ["Dismiss or uphold the report."],
        "resolution": ["Say what was found."],
    }


def test_an_upheld_fraud_report_lowers_reliability(exporter, distributor):
    admin = make_user(is_superuser=True)
    services.verification_add(company=exporter, body=province_body("Hải Phòng"), evidence="Có.")
    make_confirmed_deal(exporter, distributor)
    exporter.refresh_from_db()
    assert exporter.reliability == 34
    report = services.fraud_report_create(
        company=exporter, reason="Hàng giao không đúng chất lượng cam kết.", user=make_user()
    )
    services.fraud_report_resolve(report, status="upheld", resolution="Xác minh.", user=admin)
    exporter.refresh_from_db()
    assert exporter.reliability == 0  # 34 − 40, never below zero
    assert {"key": "fraud", "points": -40, "count": 1} in exporter.reliability_detail
    entry = AuditEntry.objects.get(
        action=AuditAction.TRUST_DECISION, detail__fraud_report=report.pk
    )
    assert entry.actor_id == admin.pk and entry.detail["status"] == "upheld"
    errors = errors_of(
        services.fraud_report_resolve, report, status="dismissed", resolution="x", user=admin
    )
    assert errors == {"status": ["This report was already resolved."]}


def test_a_dismissed_report_counts_for_nothing(exporter):
    report = services.fraud_report_create(
        company=exporter, reason="Tôi nghĩ họ có thể lừa đảo khách.", user=make_user()
    )
    services.fraud_report_resolve(report, status="dismissed", resolution="Không có.", user=None)
    exporter.refresh_from_db()
    assert exporter.reliability_detail == []


# -- the reliability indicator --------------------------------------------------------------------


def test_reliability_parts_and_their_points(exporter, distributor):
    services.verification_add(company=exporter, body=province_body("Hải Phòng"), evidence="Có.")
    for kind in ("haccp", "iso22000", "brcgs"):
        make_certificate(exporter, kind=kind)
    make_certificate(exporter, kind="ifs", days_left=-1)  # expired: does not count
    deals = [make_confirmed_deal(exporter, distributor) for _ in range(6)]
    for deal in deals[:3]:
        services.review_create(deal=deal, reviewer=distributor, rating=5)
    Company.objects.filter(pk=exporter.pk).update(created_at=timezone.now() - timedelta(days=400))
    exporter.refresh_from_db()
    score, parts = reliability.compute(exporter)
    by_key = {p["key"]: p for p in parts}
    assert by_key["verified"] == {"key": "verified", "points": 30, "count": 1}
    assert by_key["deals"] == {"key": "deals", "points": 20, "count": 6}  # at most 20
    # Three fives pulled towards 3 by two neutral reviews: (15 + 6) / 5 = 4.2 → 20 points.
    assert by_key["reviews"] == {"key": "reviews", "points": 20, "count": 3, "mean": 5.0}
    assert by_key["certificates"] == {"key": "certificates", "points": 10, "count": 3}
    assert by_key["tenure"] == {"key": "tenure", "points": 5, "count": 1}
    assert score == 85
    reliability.refresh(exporter)
    assert Company.objects.get(pk=exporter.pk).reliability == 85
    assert reliability.level(exporter) == ("high", "High")
    with translation.override("en"):
        assert [reliability.describe(p) for p in parts] == [
            "Verified by 1 public body",
            "6 deals confirmed by both sides",
            "3 reviews by deal partners, mean 5.0 / 5",
            "3 kinds of valid certificates",
            "On the platform for more than a year",
        ]


def test_reliability_levels(exporter):
    assert reliability.level(exporter)[0] == "new"
    make_certificate(exporter)
    exporter.refresh_from_db()
    assert (exporter.reliability, reliability.level(exporter)[0]) == (5, "low")
    services.verification_add(company=exporter, body=province_body("Hải Phòng"), evidence="Có.")
    exporter.refresh_from_db()
    assert (exporter.reliability, reliability.level(exporter)[0]) == (35, "low")
    services.verification_add(company=exporter, body=make_ministry(), evidence="Có.")
    exporter.refresh_from_db()
    assert (exporter.reliability, reliability.level(exporter)[0]) == (45, "medium")


def test_a_single_bad_review_is_pulled_towards_neutral(exporter, distributor):
    deal = make_confirmed_deal(exporter, distributor)
    services.review_create(deal=deal, reviewer=distributor, rating=1)
    exporter.refresh_from_db()
    part = next(p for p in exporter.reliability_detail if p["key"] == "reviews")
    assert part["points"] == 8  # (1 + 6) / 3 = 2.33 → round(1.33 / 4 × 25)


def test_removing_a_certificate_updates_the_indicator(exporter):
    certificate = make_certificate(exporter)
    exporter.refresh_from_db()
    assert exporter.reliability == 5
    services.certificate_remove(certificate)
    exporter.refresh_from_db()
    assert exporter.reliability == 0 and exporter.reliability_detail == []


# -- distribution channels and market reports -----------------------------------------------------


def test_distribution_channels(distributor, product):
    errors = errors_of(
        services.channel_add,
        distributor=distributor,
        product=product,
        market="DE",
        channel="grocery",
        shelf_type="world_food",
        started_on="2026-06-01",
        ended_on="2026-05-01",
        outlets="0",
    )
    assert errors == {
        "ended_on": ["The end cannot come before the start."],
        "outlets": ["Enter a whole number of outlets (1 or more)."],
    }
    channel = services.channel_add(
        distributor=distributor,
        product=product,
        market="de",
        channel="grocery",
        shelf_type="world_food",
        started_on="2026-06-01",
        outlets="12",
    )
    assert (channel.market, channel.outlets, channel.status) == ("DE", 12, "active")
    services.channel_end(channel, ended_on="2026-07-01")
    assert channel.status == "ended"
    errors = errors_of(
        services.channel_add,
        distributor=product.company,
        product=make_product(product.company, publish=False),
        market="DE",
        channel="grocery",
        shelf_type="world_food",
        started_on="2026-06-01",
        status="ended",
    )
    assert errors == {
        "distributor": ["Distribution channels are recorded by distributors."],
        "product": ["Choose a product of the catalogue."],
        "ended_on": ["An ended channel has an end date."],
    }


def _report(**values):
    values.setdefault("market", "DE")
    values.setdefault("hs_code", "0901")
    values.setdefault("product_label", "Cà phê Việt Nam rang xay")
    return services.market_report_create(author=make_person(), **values)


def test_a_market_report(db):
    report = _report(price_min="6.5", price_max="11", currency="eur", price_unit="250 g")
    assert (report.price_min, report.price_max, report.currency) == (
        Decimal("6.50"),
        Decimal("11.00"),
        "EUR",
    )
    assert report.observed_on == today() and report.status == "published"
    services.market_report_hide(report, reason="Quảng cáo.")
    assert (report.status, report.hidden_reason) == ("hidden", "Quảng cáo.")
    assert errors_of(services.market_report_hide, report, reason="") == {
        "reason": ["Give the reason for hiding it."]
    }


def test_market_report_prices_are_in_order_and_in_a_currency(db):
    errors = errors_of(_report, price_min="11", price_max="6.5", currency="EUR")
    assert errors == {"price_max": ["The highest price is below the lowest."]}
    errors = errors_of(_report, price_min="6.5")
    assert errors == {"currency": ["Give the currency of the prices (e.g. EUR, USD, JPY)."]}
    errors = errors_of(_report, price_max="6.5", currency="EU")
    assert errors == {"currency": ["Give the currency of the prices (e.g. EUR, USD, JPY)."]}
    assert _report(price_min="5", price_max="5", currency="usd").currency == "USD"


def test_a_market_report_observes_something(db):
    errors = errors_of(_report)
    assert errors == {
        "demand": ["Report at least one observation: prices, rules, competitors or demand."]
    }
    errors = errors_of(
        _report,
        hs_code="77",
        product_label="",
        demand="Tăng.",
        observed_on=(today() + timedelta(days=1)).isoformat(),
    )
    assert set(errors) == {"hs_code", "product_label", "observed_on"}
    assert errors["observed_on"] == ["This date is ahead."]
    assert _report(certificates=["haccp"]).certificates == ["haccp"]


# -- texts ----------------------------------------------------------------------------------------


def test_text_with_nul_or_too_long_is_refused(exporter, distributor):
    errors = errors_of(
        services.lead_create,
        company=distributor,
        kind="buy",
        title="Cần\x00",
        description="x" * 5001,
        hs_code="09",
        market="DE",
    )
    assert errors["title"] == ["Null characters are not allowed."]
    assert errors["description"] == ["At most 5000 characters (this has 5001)."]


def test_messages_are_in_the_users_language(exporter):
    with translation.override("vi"):
        errors = errors_of(services.company_update, exporter, tax_code="0100109105")
    with translation.override("en"):
        english = errors_of(services.company_update, exporter, tax_code="0100109105")
    assert english["tax_code"] == [
        "“0100109105” is not a valid tax code: its check digit does not match."
    ]
    assert "0100109105" in errors["tax_code"][0]


def test_factories_make_distinct_tax_codes():
    codes = {next_tax_code() for _ in range(50)}
    assert len(codes) == 50 and all(clean_tax_code(code) == code for code in codes)

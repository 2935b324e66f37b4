"""Writes of the trade portal. Views, the API, the demo and commands all call these, so every
door validates, audits and re-indexes the same way. Errors are ValidationErrors with translated
messages keyed by field; permission is the caller's business (rules.py), except where a rule is
a fact of the data (a review needs a confirmed deal with the reviewer as a party)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kieubao.community import services as community
from kieubao.community.models import MembershipRole, Organisation, OrganisationKind, Person
from kieubao.core import audit
from kieubao.core.cleaning import choice as _choice
from kieubao.core.cleaning import choices as _choices
from kieubao.core.cleaning import countries as _countries
from kieubao.core.cleaning import country as _country
from kieubao.core.cleaning import day as _date
from kieubao.core.cleaning import decimal as _decimal
from kieubao.core.cleaning import province as _province
from kieubao.core.cleaning import raise_if as _raise
from kieubao.core.cleaning import text as _text
from kieubao.core.models import AuditAction
from kieubao.core.text import fold

from . import notifications, reliability, search
from .currencies import CURRENCIES
from .hs import clean_hs_code
from .models import (
    Certificate,
    CertificateKind,
    Channel,
    ChannelStatus,
    Company,
    CompanyRole,
    CompanyStatus,
    ContactRequest,
    ContactStatus,
    Deal,
    DealStatus,
    DistributionChannel,
    FraudReport,
    FraudStatus,
    Lead,
    LeadKind,
    LeadStatus,
    MarketReport,
    MarketReportStatus,
    MarketRequirement,
    Product,
    ProductCategory,
    ProductPhoto,
    ProductStatus,
    Review,
    ShelfType,
    Unit,
    Verification,
)
from .taxcode import clean_tax_code

_no_nul = ProhibitNullCharactersValidator()
PHOTO_AREA = "trade-photos"
DOCUMENT_AREA = "trade-certificates"
PHOTO_MAX_BYTES = 5 * 1024 * 1024
MAX_PHOTOS = 8
DOCUMENT_KINDS = frozenset({"pdf", "png", "jpeg", "webp"})
PHOTO_KINDS = frozenset({"png", "jpeg", "webp"})

COMPANY_ATTRIBUTES = (
    "tax_code",
    "province_code",
    "sectors",
    "capacity",
    "markets",
    "channels",
    "contact_name",
    "contact_email",
    "contact_phone",
)
ORGANISATION_ATTRIBUTES = ("name", "name_en", "city", "website", "description")
PRODUCT_ATTRIBUTES = (
    "name_vi",
    "name_en",
    "description_vi",
    "description_en",
    "hs_code",
    "category",
    "province_code",
    "ocop_stars",
    "min_order_quantity",
    "min_order_unit",
)


# --- cleaning helpers (shared: kieubao.core.cleaning) ---------------------------------------
def _hs(value: Any, *, field: str, errors: dict, lengths=(6,)) -> str:
    try:
        return clean_hs_code(value, lengths=lengths)
    except ValidationError as exc:
        errors[field] = exc.messages
        return ""


def _fold_product(product: Product) -> str:
    return fold(
        " ".join(
            (
                product.name_vi,
                product.name_en,
                product.description_vi,
                product.description_en,
                product.company.organisation.name,
                product.company.organisation.name_en,
            )
        )
    )


# --- companies ----------------------------------------------------------------------------------
def _clean_company(values: dict, role: str, country: str, errors: dict) -> dict:
    clean: dict[str, Any] = {}
    if "tax_code" in values:
        raw = (values.get("tax_code") or "").strip()
        if raw:
            try:
                clean["tax_code"] = clean_tax_code(raw)
            except ValidationError as exc:
                errors["tax_code"] = exc.messages
        elif role == CompanyRole.EXPORTER:
            errors["tax_code"] = [_("A Vietnamese exporter gives its tax code.")]
        else:
            clean["tax_code"] = ""
    if "province_code" in values:
        clean["province_code"] = _province(
            values.get("province_code"),
            field="province_code",
            errors=errors,
            required=role == CompanyRole.EXPORTER,
        )
    if "sectors" in values:
        sectors = []
        for code in values.get("sectors") or []:
            chapter = _hs(code, field="sectors", errors=errors, lengths=(2,))
            if chapter and chapter not in sectors:
                sectors.append(chapter)
        clean["sectors"] = sorted(sectors)
    if "capacity" in values:
        clean["capacity"] = _text(
            values.get("capacity"), field="capacity", errors=errors, max_length=300
        )
    if "markets" in values:
        clean["markets"] = _countries(values.get("markets"), field="markets", errors=errors)
    if "channels" in values:
        clean["channels"] = _choices(
            values.get("channels"), Channel, field="channels", errors=errors
        )
    for name, limit in (("contact_name", 200), ("contact_email", 254), ("contact_phone", 40)):
        if name in values:
            clean[name] = _text(values.get(name), field=name, errors=errors, max_length=limit)
    if clean.get("contact_email"):
        from django.core.validators import validate_email

        try:
            validate_email(clean["contact_email"])
        except ValidationError:
            errors["contact_email"] = [_("Enter a valid email address.")]
    if role == CompanyRole.EXPORTER and country and country != "VN":
        errors["country"] = [_("An exporter on this portal is a Vietnamese company (country VN).")]
    if role == CompanyRole.DISTRIBUTOR and country == "VN":
        errors["country"] = [_("A distributor is an overseas business: choose its country.")]
    if clean.get("tax_code"):
        others = Company.objects.filter(tax_code=clean["tax_code"])
        if values.get("_pk"):
            others = others.exclude(pk=values["_pk"])
        if others.exists():
            errors["tax_code"] = [_("A company with this tax code is already registered.")]
    return clean


@transaction.atomic
def company_create(
    *,
    role: str,
    name: str,
    country: str,
    person: Person | None = None,
    user=None,
    name_en: str = "",
    city: str = "",
    website: str = "",
    description: str = "",
    **values: Any,
) -> Company:
    """Register a company: a business organisation in the registry, its trade profile, and
    ``person`` as its admin (who then manages it)."""
    errors: dict = {}
    role = _choice(role, CompanyRole, field="role", errors=errors)
    name = _text(name, field="name", errors=errors, max_length=255)
    if not name and "name" not in errors:
        errors["name"] = [_("This field is required.")]
    name_en = _text(name_en, field="name_en", errors=errors, max_length=255)
    country = _country(country, field="country", errors=errors)
    city = _text(city, field="city", errors=errors, max_length=120)
    description = _text(description, field="description", errors=errors, max_length=5000)
    website = _text(website, field="website", errors=errors, max_length=200)
    for name_ in COMPANY_ATTRIBUTES:
        values.setdefault(name_, [] if name_ in ("sectors", "markets", "channels") else "")
    clean = _clean_company(values, role, country, errors)
    _raise(errors)
    organisation = community.organisation_create(
        name=name,
        name_en=name_en,
        kind=OrganisationKind.BUSINESS,
        country=country,
        city=city,
        website=website,
        description=description,
        province_code=clean.get("province_code"),
    )
    company = Company(organisation=organisation, role=role, created_by=user, **clean)
    company.name_folded = fold(f"{name} {name_en}")
    company.save()
    if person is not None:
        community.membership_add(
            person=person, organisation=organisation, role=MembershipRole.ADMIN
        )
    reliability.refresh(company)
    search.schedule_company_update([company.pk])
    return company


@transaction.atomic
def company_update(company: Company, **values: Any) -> Company:
    errors: dict = {}
    organisation = company.organisation
    for name in ORGANISATION_ATTRIBUTES:
        if name in values:
            limit = {"description": 5000, "city": 120, "website": 200}.get(name, 255)
            setattr(
                organisation, name, _text(values[name], field=name, errors=errors, max_length=limit)
            )
    if not organisation.name and "name" not in errors:
        errors["name"] = [_("This field is required.")]
    present = {k: v for k, v in values.items() if k in COMPANY_ATTRIBUTES}
    present["_pk"] = company.pk
    clean = _clean_company(present, company.role, str(organisation.country), errors)
    _raise(errors)
    for name, value in clean.items():
        setattr(company, name, value)
    if company.role == CompanyRole.EXPORTER:
        organisation.province_code = company.province_code
    organisation.name_folded = fold(f"{organisation.name} {organisation.name_en}")
    organisation.save()
    company.name_folded = organisation.name_folded
    company.save()
    search.schedule_company_update([company.pk], with_products=True)
    return company


@transaction.atomic
def company_set_status(company: Company, *, status: str, reason: str, user) -> Company:
    """Suspend a company (it leaves the catalogue and its indicator drops to 0) or reinstate it.
    Platform admins only (the caller checks); audited."""
    errors: dict = {}
    status = _choice(status, CompanyStatus, field="status", errors=errors)
    reason = _text(reason, field="reason", errors=errors, max_length=1000)
    if not reason and "reason" not in errors:
        errors["reason"] = [_("Give the reason: the company is told.")]
    _raise(errors)
    company.status = status
    company.save(update_fields=["status", "updated_at"])
    reliability.refresh(company)
    audit.record(
        AuditAction.TRUST_DECISION,
        actor_id=getattr(user, "pk", None),
        target_type="company",
        target_id=company.pk,
        detail={"status": status},
    )
    notifications.company_status_changed(company, reason)
    search.schedule_company_update([company.pk], with_products=True)
    return company


# --- products -----------------------------------------------------------------------------------
def _clean_product(values: dict, errors: dict) -> dict:
    clean: dict[str, Any] = {}
    for name, limit in (("name_vi", 200), ("name_en", 200)):
        if name in values:
            clean[name] = _text(values[name], field=name, errors=errors, max_length=limit)
            if not clean[name] and name not in errors:
                errors[name] = [_("This field is required.")]
    for name in ("description_vi", "description_en"):
        if name in values:
            clean[name] = _text(values[name], field=name, errors=errors, max_length=5000)
    if "hs_code" in values:
        clean["hs_code"] = _hs(values["hs_code"], field="hs_code", errors=errors)
    if "category" in values:
        clean["category"] = _choice(
            values["category"], ProductCategory, field="category", errors=errors
        )
    if "province_code" in values:
        clean["province_code"] = _province(
            values["province_code"], field="province_code", errors=errors
        )
    if "ocop_stars" in values:
        stars = values["ocop_stars"]
        if stars in (None, ""):
            clean["ocop_stars"] = None
        else:
            try:
                stars = int(stars)
            except (TypeError, ValueError):
                stars = 0
            if not 1 <= stars <= 5:
                errors["ocop_stars"] = [_("OCOP ratings run from 1 to 5 stars.")]
            clean["ocop_stars"] = stars
    if "min_order_quantity" in values:
        clean["min_order_quantity"] = _decimal(
            values["min_order_quantity"], field="min_order_quantity", errors=errors
        )
    if "min_order_unit" in values:
        clean["min_order_unit"] = _choice(
            values["min_order_unit"], Unit, field="min_order_unit", errors=errors, default="kg"
        )
    return clean


def _exporter(company: Company) -> None:
    if company.role != CompanyRole.EXPORTER:
        raise ValidationError(
            {"company": [_("Only a Vietnamese exporter lists products in the catalogue.")]}
        )


@transaction.atomic
def product_create(*, company: Company, user=None, publish: bool = False, **values: Any) -> Product:
    _exporter(company)
    errors: dict = {}
    for name in ("name_vi", "name_en", "hs_code", "category", "province_code"):
        values.setdefault(name, "")
    clean = _clean_product(values, errors)
    _raise(errors)
    product = Product(company=company, created_by=user, **clean)
    product.text_folded = _fold_product(product)
    if publish:
        product.status = ProductStatus.PUBLISHED
        product.published_at = timezone.now()
    product.save()
    search.schedule_product_update([product.pk])
    return product


@transaction.atomic
def product_update(product: Product, **values: Any) -> Product:
    errors: dict = {}
    clean = _clean_product({k: v for k, v in values.items() if k in PRODUCT_ATTRIBUTES}, errors)
    _raise(errors)
    for name, value in clean.items():
        setattr(product, name, value)
    product.text_folded = _fold_product(product)
    product.save()
    search.schedule_product_update([product.pk])
    return product


@transaction.atomic
def product_set_status(product: Product, status: str) -> Product:
    errors: dict = {}
    status = _choice(status, ProductStatus, field="status", errors=errors)
    _raise(errors)
    product.status = status
    if status == ProductStatus.PUBLISHED and product.published_at is None:
        product.published_at = timezone.now()
    product.save(update_fields=["status", "published_at", "updated_at"])
    search.schedule_product_update([product.pk])
    return product


@transaction.atomic
def product_set_signature(
    product: Product, *, signature: bool, body: Organisation | None
) -> Product:
    """Flag (or unflag) a signature product, recording which body did it."""
    product.signature = signature
    product.signature_by = body if signature else None
    product.signature_at = timezone.now() if signature else None
    product.save(update_fields=["signature", "signature_by", "signature_at", "updated_at"])
    search.schedule_product_update([product.pk])
    return product


@transaction.atomic
def photo_add(*, product: Product, upload, caption: str = "") -> ProductPhoto:
    """An image (PNG, JPEG or WebP, checked by content, at most PHOTO_MAX_BYTES)."""
    from kieubao.core.uploads import store_upload

    errors: dict = {}
    caption = _text(caption, field="caption", errors=errors, max_length=200)
    if product.photos.count() >= MAX_PHOTOS:
        errors["photo"] = [_("A product has at most %(n)d photos.") % {"n": MAX_PHOTOS}]
    _raise(errors)
    try:
        stored = store_upload(
            upload, area=PHOTO_AREA, allowed=PHOTO_KINDS, max_bytes=PHOTO_MAX_BYTES
        )
    except ValidationError as exc:
        raise ValidationError({"photo": exc.messages}) from exc
    position = product.photos.count()
    return ProductPhoto.objects.create(
        product=product,
        stored_name=stored.name,
        file_kind=stored.kind,
        size=stored.size,
        caption=caption,
        position=position,
    )


@transaction.atomic
def photo_remove(photo: ProductPhoto) -> None:
    from kieubao.core.uploads import StoredUpload

    stored = StoredUpload(photo.file_kind, photo.stored_name, PHOTO_AREA, photo.size, "")
    photo.delete()
    transaction.on_commit(lambda: stored.path.unlink(missing_ok=True))


# --- certificates and market requirements ----------------------------------------------------
@transaction.atomic
def certificate_add(
    *,
    company: Company,
    kind: str,
    issuer: str,
    number: str,
    valid_from: Any,
    valid_to: Any,
    product: Product | None = None,
    document=None,
    user=None,
) -> Certificate:
    errors: dict = {}
    kind = _choice(kind, CertificateKind, field="kind", errors=errors)
    issuer = _text(issuer, field="issuer", errors=errors, max_length=200)
    number = _text(number, field="number", errors=errors, max_length=100)
    for name, value in (("issuer", issuer), ("number", number)):
        if not value and name not in errors:
            errors[name] = [_("This field is required.")]
    start = _date(valid_from, field="valid_from", errors=errors)
    end = _date(valid_to, field="valid_to", errors=errors)
    if start and end and end < start:
        errors["valid_to"] = [
            _("A certificate cannot expire (%(end)s) before it is valid (%(start)s).")
            % {"end": end.isoformat(), "start": start.isoformat()}
        ]
    if product is not None and product.company_id != company.pk:
        errors["product"] = [_("This product is not the company's.")]
    _raise(errors)
    certificate = Certificate(
        company=company,
        product=product,
        kind=kind,
        issuer=issuer,
        number=number,
        valid_from=start,
        valid_to=end,
        created_by=user,
    )
    if document is not None:
        from kieubao.core.uploads import store_upload

        try:
            stored = store_upload(document, area=DOCUMENT_AREA, allowed=DOCUMENT_KINDS)
        except ValidationError as exc:
            raise ValidationError({"document": exc.messages}) from exc
        certificate.document_name = stored.name
        certificate.document_kind = stored.kind
        certificate.document_size = stored.size
    certificate.save()
    _certificates_changed(company, product)
    return certificate


def _certificates_changed(company: Company, product: Product | None) -> None:
    reliability.refresh(company)
    if product is not None:
        search.schedule_product_update([product.pk])
    else:
        search.schedule_company_update([company.pk], with_products=True)


@transaction.atomic
def certificate_remove(certificate: Certificate) -> None:
    company, product = certificate.company, certificate.product
    certificate.delete()
    _certificates_changed(company, product)


@transaction.atomic
def requirement_set(
    *, country: str, hs_prefix: str, certificates: Iterable[str], note: str = "", body=None
) -> MarketRequirement | None:
    """Declare (or, with no certificates, remove) what a market requires for an HS prefix."""
    errors: dict = {}
    country = _country(country, field="country", errors=errors)
    prefix = ""
    if hs_prefix:
        prefix = _hs(hs_prefix, field="hs_prefix", errors=errors, lengths=(2, 4, 6))
    kinds = _choices(certificates, CertificateKind, field="certificates", errors=errors)
    note = _text(note, field="note", errors=errors, max_length=500)
    _raise(errors)
    if not kinds:
        MarketRequirement.objects.filter(country=country, hs_prefix=prefix).delete()
        return None
    requirement, _created = MarketRequirement.objects.update_or_create(
        country=country,
        hs_prefix=prefix,
        defaults={"certificates": kinds, "note": note, "declared_by": body},
    )
    return requirement


# --- leads, contacts, deals --------------------------------------------------------------------
@transaction.atomic
def lead_create(*, company: Company, kind: str, user=None, **values: Any) -> Lead:
    errors: dict = {}
    kind = _choice(kind, LeadKind, field="kind", errors=errors)
    if kind == LeadKind.BUY and company.role != CompanyRole.DISTRIBUTOR:
        errors["kind"] = [_("Buy requests are posted by overseas distributors.")]
    if kind == LeadKind.SELL and company.role != CompanyRole.EXPORTER:
        errors["kind"] = [_("Sell offers are posted by Vietnamese exporters.")]
    title = _text(values.get("title"), field="title", errors=errors, max_length=200)
    if not title and "title" not in errors:
        errors["title"] = [_("This field is required.")]
    description = _text(
        values.get("description"), field="description", errors=errors, max_length=5000
    )
    product = values.get("product")
    hs_code = values.get("hs_code") or (product.hs_code if product is not None else "")
    hs_code = _hs(hs_code, field="hs_code", errors=errors, lengths=(2, 4, 6))
    if product is not None and product.company_id != company.pk:
        errors["product"] = [_("This product is not the company's.")]
    market = _country(
        values.get("market"), field="market", errors=errors, required=kind == LeadKind.BUY
    )
    volume = _decimal(values.get("volume"), field="volume", errors=errors)
    unit = _choice(
        values.get("volume_unit"), Unit, field="volume_unit", errors=errors, default="kg"
    )
    certificates = _choices(
        values.get("certificates"), CertificateKind, field="certificates", errors=errors
    )
    valid_until = values.get("valid_until")
    if valid_until not in (None, ""):
        valid_until = _date(valid_until, field="valid_until", errors=errors)
        if valid_until and valid_until < timezone.localdate():
            errors["valid_until"] = [_("This date has passed.")]
    else:
        valid_until = None
    _raise(errors)
    lead = Lead.objects.create(
        kind=kind,
        company=company,
        title=title,
        description=description,
        hs_code=hs_code,
        product=product,
        market=market,
        volume=volume,
        volume_unit=unit,
        certificates=certificates,
        valid_until=valid_until,
        text_folded=fold(f"{title} {description}"),
        created_by=user,
    )
    return lead


@transaction.atomic
def lead_close(lead: Lead) -> Lead:
    if lead.status != LeadStatus.CLOSED:
        lead.status = LeadStatus.CLOSED
        lead.closed_at = timezone.now()
        lead.save(update_fields=["status", "closed_at"])
    return lead


@transaction.atomic
def contact_request_create(
    *,
    from_company: Company,
    to_company: Company,
    message: str = "",
    lead: Lead | None = None,
    product: Product | None = None,
    user=None,
) -> ContactRequest:
    errors: dict = {}
    message = _text(message, field="message", errors=errors, max_length=3000)
    if from_company.pk == to_company.pk:
        errors["to_company"] = [_("A company cannot ask itself for contact.")]
    elif to_company.status != CompanyStatus.ACTIVE:
        errors["to_company"] = [_("This company is not active on the portal.")]
    elif ContactRequest.objects.filter(
        from_company=from_company, to_company=to_company, status=ContactStatus.PENDING
    ).exists():
        errors["to_company"] = [_("You already asked this company; wait for its answer.")]
    _raise(errors)
    request = ContactRequest.objects.create(
        from_company=from_company,
        to_company=to_company,
        message=message,
        lead=lead,
        product=product,
        created_by=user,
    )
    notifications.contact_requested(request)
    return request


@transaction.atomic
def contact_request_answer(request: ContactRequest, *, accept: bool) -> ContactRequest:
    if request.status != ContactStatus.PENDING:
        raise ValidationError({"status": [_("This request was already answered.")]})
    request.status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at"])
    notifications.contact_answered(request)
    return request


def _sides(a: Company, b: Company, errors: dict) -> tuple[Company, Company] | None:
    roles = {a.role, b.role}
    if roles != {CompanyRole.EXPORTER, CompanyRole.DISTRIBUTOR}:
        errors["counterpart"] = [_("A deal is between a Vietnamese exporter and a distributor.")]
        return None
    return (a, b) if a.role == CompanyRole.EXPORTER else (b, a)


@transaction.atomic
def deal_propose(
    *,
    company: Company,
    counterpart: Company,
    value_usd: Any,
    volume: Any,
    market: str,
    deal_date: Any,
    volume_unit: str = "kg",
    lead: Lead | None = None,
    product: Product | None = None,
) -> Deal:
    """One side records a deal; it counts once the other side confirms it."""
    errors: dict = {}
    sides = _sides(company, counterpart, errors)
    value = _decimal(value_usd, field="value_usd", errors=errors, required=True)
    amount = _decimal(volume, field="volume", errors=errors, required=True)
    unit = _choice(volume_unit, Unit, field="volume_unit", errors=errors, default="kg")
    market = _country(market, field="market", errors=errors)
    day = _date(deal_date, field="deal_date", errors=errors)
    if day and day > timezone.localdate():
        errors["deal_date"] = [_("A deal is recorded once it is made: this date is ahead.")]
    if product is not None and sides and product.company_id != sides[0].pk:
        errors["product"] = [_("This product is not the exporter's.")]
    _raise(errors)
    exporter, distributor = sides
    now = timezone.now()
    deal = Deal.objects.create(
        exporter=exporter,
        distributor=distributor,
        lead=lead,
        product=product,
        value_usd=value,
        volume=amount,
        volume_unit=unit,
        market=market,
        deal_date=day,
        proposed_by=company,
        exporter_confirmed_at=now if company.pk == exporter.pk else None,
        distributor_confirmed_at=now if company.pk == distributor.pk else None,
    )
    notifications.deal_proposed(deal)
    return deal


@transaction.atomic
def deal_confirm(deal: Deal, *, company: Company) -> Deal:
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if deal.status != DealStatus.PROPOSED:
        raise ValidationError({"status": [_("This deal is no longer waiting for confirmation.")]})
    now = timezone.now()
    if company.pk == deal.exporter_id:
        deal.exporter_confirmed_at = deal.exporter_confirmed_at or now
    elif company.pk == deal.distributor_id:
        deal.distributor_confirmed_at = deal.distributor_confirmed_at or now
    else:
        raise ValidationError({"company": [_("Only the two parties confirm a deal.")]})
    if deal.exporter_confirmed_at and deal.distributor_confirmed_at:
        deal.status = DealStatus.CONFIRMED
        deal.confirmed_at = now
    deal.save()
    if deal.status == DealStatus.CONFIRMED:
        for party in (deal.exporter, deal.distributor):
            reliability.refresh(party)
        search.schedule_company_update([deal.exporter_id, deal.distributor_id], with_products=True)
        notifications.deal_confirmed(deal)
    return deal


@transaction.atomic
def deal_cancel(deal: Deal) -> Deal:
    if deal.status != DealStatus.PROPOSED:
        raise ValidationError({"status": [_("A confirmed deal stays on record.")]})
    deal.status = DealStatus.CANCELLED
    deal.save(update_fields=["status"])
    return deal


@transaction.atomic
def review_create(
    *, deal: Deal, reviewer: Company, rating: Any, text: str = "", user=None
) -> Review:
    """A party to a confirmed deal reviews the other party, once."""
    errors: dict = {}
    if reviewer.pk not in deal.parties():
        errors["deal"] = [_("Only the parties to a recorded deal may review each other.")]
    elif deal.status != DealStatus.CONFIRMED:
        errors["deal"] = [_("A review needs a deal confirmed by both sides.")]
    elif Review.objects.filter(deal=deal, reviewer=reviewer).exists():
        errors["deal"] = [_("You already reviewed this deal.")]
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        errors["rating"] = [_("Give a rating from 1 to 5.")]
    text = _text(text, field="text", errors=errors, max_length=3000)
    _raise(errors)
    other_id = deal.distributor_id if reviewer.pk == deal.exporter_id else deal.exporter_id
    review = Review.objects.create(
        deal=deal, reviewer=reviewer, company_id=other_id, rating=rating, text=text, created_by=user
    )
    company = Company.objects.get(pk=other_id)
    reliability.refresh(company)
    search.schedule_company_update([other_id], with_products=True)
    notifications.review_received(review)
    return review


# --- reliability: verification, fraud ----------------------------------------------------------
@transaction.atomic
def verification_add(
    *, company: Company, body: Organisation, evidence: str, user=None
) -> Verification:
    errors: dict = {}
    evidence = _text(evidence, field="evidence", errors=errors, max_length=3000)
    if not evidence and "evidence" not in errors:
        errors["evidence"] = [_("Say on what evidence the company is verified.")]
    if Verification.objects.filter(company=company, body=body, revoked_at__isnull=True).exists():
        errors["evidence"] = [_("Your body has already verified this company.")]
    _raise(errors)
    verification = Verification.objects.create(
        company=company, body=body, evidence=evidence, verified_by=user
    )
    audit.record(
        AuditAction.TRUST_DECISION,
        actor_id=getattr(user, "pk", None),
        actor_body_id=body.pk,
        target_type="company",
        target_id=company.pk,
        detail={"verification": verification.pk, "verified": True},
    )
    reliability.refresh(company)
    search.schedule_company_update([company.pk], with_products=True)
    notifications.verification_changed(verification)
    return verification


@transaction.atomic
def verification_revoke(verification: Verification, *, reason: str, user=None) -> Verification:
    errors: dict = {}
    reason = _text(reason, field="reason", errors=errors, max_length=1000)
    if not reason and "reason" not in errors:
        errors["reason"] = [_("Give the reason for revoking.")]
    if verification.revoked_at is not None:
        errors["reason"] = [_("This verification was already revoked.")]
    _raise(errors)
    verification.revoked_at = timezone.now()
    verification.revoked_reason = reason
    verification.revoked_by = user
    verification.save()
    audit.record(
        AuditAction.TRUST_DECISION,
        actor_id=getattr(user, "pk", None),
        actor_body_id=verification.body_id,
        target_type="company",
        target_id=verification.company_id,
        detail={"verification": verification.pk, "verified": False},
    )
    reliability.refresh(verification.company)
    search.schedule_company_update([verification.company_id], with_products=True)
    notifications.verification_changed(verification)
    return verification


@transaction.atomic
def fraud_report_create(*, company: Company, reason: str, user) -> FraudReport:
    errors: dict = {}
    reason = _text(reason, field="reason", errors=errors, max_length=5000)
    if len(reason) < 20 and "reason" not in errors:
        errors["reason"] = [_("Describe what happened (at least 20 characters).")]
    if FraudReport.objects.filter(company=company, reporter=user, status=FraudStatus.OPEN).exists():
        errors["reason"] = [_("You already reported this company; the admins are looking at it.")]
    _raise(errors)
    report = FraudReport.objects.create(company=company, reporter=user, reason=reason)
    notifications.fraud_reported(report)
    return report


@transaction.atomic
def fraud_report_resolve(report: FraudReport, *, status: str, resolution: str, user) -> FraudReport:
    errors: dict = {}
    if status not in (FraudStatus.DISMISSED, FraudStatus.UPHELD):
        errors["status"] = [_("Dismiss or uphold the report.")]
    resolution = _text(resolution, field="resolution", errors=errors, max_length=3000)
    if not resolution and "resolution" not in errors:
        errors["resolution"] = [_("Say what was found.")]
    if report.status != FraudStatus.OPEN:
        errors["status"] = [_("This report was already resolved.")]
    _raise(errors)
    report.status = status
    report.resolution = resolution
    report.resolved_by = user
    report.resolved_at = timezone.now()
    report.save()
    audit.record(
        AuditAction.TRUST_DECISION,
        actor_id=getattr(user, "pk", None),
        target_type="company",
        target_id=report.company_id,
        detail={"fraud_report": report.pk, "status": status},
    )
    reliability.refresh(report.company)
    search.schedule_company_update([report.company_id], with_products=True)
    notifications.fraud_resolved(report)
    return report


# --- distribution and market reports -----------------------------------------------------------
@transaction.atomic
def channel_add(*, distributor: Company, product: Product, **values: Any) -> DistributionChannel:
    errors: dict = {}
    if distributor.role != CompanyRole.DISTRIBUTOR:
        errors["distributor"] = [_("Distribution channels are recorded by distributors.")]
    if product.status != ProductStatus.PUBLISHED:
        errors["product"] = [_("Choose a product of the catalogue.")]
    market = _country(values.get("market"), field="market", errors=errors)
    channel = _choice(values.get("channel"), Channel, field="channel", errors=errors)
    shelf = _choice(values.get("shelf_type"), ShelfType, field="shelf_type", errors=errors)
    status = _choice(
        values.get("status"), ChannelStatus, field="status", errors=errors, default="active"
    )
    city = _text(values.get("city"), field="city", errors=errors, max_length=120)
    outlets = values.get("outlets")
    if outlets in (None, ""):
        outlets = None
    else:
        try:
            outlets = int(outlets)
            if outlets < 1:
                raise ValueError
        except (TypeError, ValueError):
            errors["outlets"] = [_("Enter a whole number of outlets (1 or more).")]
    started = _date(values.get("started_on"), field="started_on", errors=errors)
    ended = values.get("ended_on")
    ended = None if ended in (None, "") else _date(ended, field="ended_on", errors=errors)
    if started and ended and ended < started:
        errors["ended_on"] = [_("The end cannot come before the start.")]
    if status == ChannelStatus.ENDED and not ended and "ended_on" not in errors:
        errors["ended_on"] = [_("An ended channel has an end date.")]
    _raise(errors)
    return DistributionChannel.objects.create(
        distributor=distributor,
        product=product,
        market=market,
        channel=channel,
        shelf_type=shelf,
        status=status,
        city=city,
        outlets=outlets,
        started_on=started,
        ended_on=ended,
    )


@transaction.atomic
def channel_end(channel: DistributionChannel, *, ended_on: Any) -> DistributionChannel:
    errors: dict = {}
    ended = _date(ended_on, field="ended_on", errors=errors)
    if ended and ended < channel.started_on:
        errors["ended_on"] = [_("The end cannot come before the start.")]
    _raise(errors)
    channel.ended_on = ended
    channel.status = ChannelStatus.ENDED
    channel.save(update_fields=["ended_on", "status"])
    return channel


@transaction.atomic
def market_report_create(*, author: Person, **values: Any) -> MarketReport:
    errors: dict = {}
    market = _country(values.get("market"), field="market", errors=errors)
    hs_code = _hs(values.get("hs_code"), field="hs_code", errors=errors, lengths=(2, 4, 6))
    label = _text(values.get("product_label"), field="product_label", errors=errors, max_length=200)
    if not label and "product_label" not in errors:
        errors["product_label"] = [_("This field is required.")]
    low = _decimal(values.get("price_min"), field="price_min", errors=errors)
    high = _decimal(values.get("price_max"), field="price_max", errors=errors)
    if low is not None and high is not None and high < low:
        errors["price_max"] = [_("The highest price is below the lowest.")]
    currency = _text(values.get("currency"), field="currency", errors=errors, max_length=3).upper()
    if (low is not None or high is not None) and len(currency) != 3:
        errors["currency"] = [_("Give the currency of the prices (e.g. EUR, USD, JPY).")]
    elif currency and currency not in CURRENCIES:
        errors["currency"] = [
            _("“%(value)s” is not a currency code (e.g. EUR, USD, JPY).") % {"value": currency}
        ]
    texts = {}
    for name in ("regulations", "competitors", "demand"):
        texts[name] = _text(values.get(name), field=name, errors=errors, max_length=5000)
    price_unit = _text(values.get("price_unit"), field="price_unit", errors=errors, max_length=40)
    certificates = _choices(
        values.get("certificates"), CertificateKind, field="certificates", errors=errors
    )
    observed = values.get("observed_on") or timezone.localdate()
    observed = _date(observed, field="observed_on", errors=errors)
    if observed and observed > timezone.localdate():
        errors["observed_on"] = [_("This date is ahead.")]
    if not any(texts.values()) and low is None and high is None and not certificates:
        errors["demand"] = [
            _("Report at least one observation: prices, rules, competitors or demand.")
        ]
    _raise(errors)
    return MarketReport.objects.create(
        author=author,
        market=market,
        hs_code=hs_code,
        product_label=label,
        price_min=low,
        price_max=high,
        currency=currency,
        price_unit=price_unit,
        certificates=certificates,
        observed_on=observed,
        **texts,
    )


@transaction.atomic
def market_report_hide(report: MarketReport, *, reason: str) -> MarketReport:
    errors: dict = {}
    reason = _text(reason, field="reason", errors=errors, max_length=500)
    if not reason and "reason" not in errors:
        errors["reason"] = [_("Give the reason for hiding it.")]
    _raise(errors)
    report.status = MarketReportStatus.HIDDEN
    report.hidden_reason = reason
    report.save(update_fields=["status", "hidden_reason"])
    return report

"""Writes of investment opportunities, interests, the pipeline and the OV enterprises registry.
Views, the API and the demo all call these. Errors are ValidationErrors with translated
messages keyed by field. Permission is the caller's business (rules.py); what the data allows
(a draft cannot take interest, the pipeline only goes forward, amounts are positive) is checked
here.

Money: USD as Decimal to the cent, VND as whole đồng. A size may be given in one currency with
the exchange rate (VND per USD, and its date): the other is computed; or in both.

Amounts in the pipeline: the MoU and the licence record the amount *committed* (the latest
replaces the earlier); each "capital disbursed" step records one tranche, and tranches add up.
Disbursed is not required to stay within committed: a project may raise its capital after the
licence, and the province records what was actually disbursed.

Feeding the provincial insights (kieubao.insights): saving an ``OvEnterprise`` upserts its
``insights.Enterprise`` row; an interest reaching licence or disbursement upserts an
``insights.InvestmentProject`` (licensed, or operating once capital is disbursed). The
insights dashboard reads those tables directly; its briefly cached public figures are
refreshed at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kieubao.community.models import Organisation, OrganisationKind, Person
from kieubao.core.cleaning import choice, country, decimal, integer, province, raise_if, text
from kieubao.core.text import fold
from kieubao.core.uploads import store_upload

from . import notifications
from .models import (
    ENDED,
    PIPELINE,
    WITH_AMOUNT,
    Attachment,
    EnterpriseLocation,
    Interest,
    Opportunity,
    OpportunityStatus,
    OvEnterprise,
    PipelineStep,
    ProjectStage,
    Sector,
    Stage,
)

DOCUMENT_KINDS = frozenset({"pdf", "png", "jpeg", "webp"})
MAX_DOCUMENTS = 20
MAX_VND = 10**18
PUBLISHING_KINDS = (OrganisationKind.PROVINCE, OrganisationKind.MINISTRY)


def _today() -> dt.date:
    return timezone.localdate()


def _date(value: Any, *, field: str, errors: dict, required: bool = True) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if value in (None, ""):
        if required:
            errors[field] = [_("This field is required.")]
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors[field] = [_("Enter a date as YYYY-MM-DD.")]
        return None


def _vnd(value: Any, *, field: str, errors: dict) -> int | None:
    """Whole đồng (VND has no minor unit); spaces, dots and commas as thousands separators."""
    if value in (None, ""):
        return None
    raw = str(value).strip().replace(" ", "").replace(".", "").replace(",", "")
    if raw.startswith("-"):
        errors[field] = [_("Enter a number greater than zero.")]
        return None
    if not raw.isdigit():
        errors[field] = [_("Enter a whole number of đồng, e.g. 25000000000.")]
        return None
    number = int(raw)
    if number <= 0:
        errors[field] = [_("Enter a number greater than zero.")]
        return None
    if number >= MAX_VND:
        errors[field] = [_("This number is too large.")]
        return None
    return number


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- opportunities ------------------------------------------------------------------------------
_OPPORTUNITY_FIELDS = (
    "title",
    "title_en",
    "summary",
    "summary_en",
    "description",
    "description_en",
    "sector",
    "province_code",
    "address",
    "size_usd",
    "size_vnd",
    "rate_vnd_per_usd",
    "rate_date",
    "incentives",
    "incentives_en",
    "stage",
    "contact_email",
    "contact_phone",
)


def _clean_opportunity(values: dict, body: Organisation | None, errors: dict) -> dict:
    out: dict[str, Any] = {}
    for name, limit in (
        ("title", 200),
        ("title_en", 200),
        ("summary", 1000),
        ("summary_en", 1000),
        ("description", 20000),
        ("description_en", 20000),
        ("address", 300),
        ("incentives", 5000),
        ("incentives_en", 5000),
        ("contact_phone", 40),
    ):
        out[name] = text(values.get(name), field=name, errors=errors, max_length=limit)
    if not out["title"] and "title" not in errors:
        errors["title"] = [_("This field is required.")]
    out["contact_email"] = text(
        values.get("contact_email"), field="contact_email", errors=errors, max_length=254
    )
    if out["contact_email"] and "@" not in out["contact_email"]:
        errors["contact_email"] = [_("Enter a valid email address.")]
    out["sector"] = choice(values.get("sector"), Sector, field="sector", errors=errors)
    out["stage"] = choice(
        values.get("stage"), ProjectStage, field="stage", errors=errors, default=ProjectStage.IDEA
    )
    out["province_code"] = province(
        values.get("province_code"), field="province_code", errors=errors
    )
    if (
        body is not None
        and body.kind == OrganisationKind.PROVINCE
        and out["province_code"]
        and out["province_code"] != body.province_code
    ):
        errors["province_code"] = [_("A province publishes projects located in the province.")]
    usd = decimal(values.get("size_usd"), field="size_usd", errors=errors)
    vnd = _vnd(values.get("size_vnd"), field="size_vnd", errors=errors)
    rate = decimal(values.get("rate_vnd_per_usd"), field="rate_vnd_per_usd", errors=errors)
    rate_date = _date(values.get("rate_date"), field="rate_date", errors=errors, required=False)
    if rate is not None and rate_date is None and "rate_date" not in errors:
        rate_date = _today()  # the rate is recorded with the day it was read
    if rate_date and rate_date > _today():
        errors["rate_date"] = [_("The exchange rate's date cannot be in the future.")]
    size_errors = any(f in errors for f in ("size_usd", "size_vnd", "rate_vnd_per_usd"))
    if not size_errors and (usd is None) != (vnd is None):
        if rate is None:
            errors["rate_vnd_per_usd"] = [
                _("Give the exchange rate (VND per USD) to compute the other currency.")
            ]
        elif usd is not None:
            vnd = int((usd * rate).to_integral_value(rounding=ROUND_HALF_UP))
            if vnd >= MAX_VND:
                errors["size_usd"] = [_("This number is too large.")]
        else:
            usd = _cents(Decimal(vnd) / rate)
            if usd <= 0 or usd >= Decimal("1e12"):
                errors["size_vnd"] = [_("This amount is too small or too large for the rate.")]
    out.update(size_usd=usd, size_vnd=vnd, rate_vnd_per_usd=rate, rate_date=rate_date)
    return out


def _search_text(opportunity: Opportunity) -> str:
    return fold(
        " ".join(
            (
                opportunity.title,
                opportunity.title_en,
                opportunity.summary,
                opportunity.summary_en,
                opportunity.address,
            )
        )
    )


def _body(value: Organisation | int | None, errors: dict) -> Organisation | None:
    if isinstance(value, Organisation):
        found = value
    else:
        try:
            found = Organisation.objects.filter(pk=int(value)).first() if value else None
        except (TypeError, ValueError):
            found = None
    if found is None or found.kind not in PUBLISHING_KINDS:
        errors["body"] = [_("Opportunities are published by a province or a ministry.")]
        return None
    return found


@transaction.atomic
def opportunity_create(*, body: Organisation | int, user=None, **values: Any) -> Opportunity:
    errors: dict = {}
    found = _body(body, errors)
    cleaned = _clean_opportunity(values, found, errors)
    raise_if(errors)
    opportunity = Opportunity(body=found, created_by=user, **cleaned)
    opportunity.contact_body = found
    opportunity.search_text = _search_text(opportunity)
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_update(opportunity: Opportunity, *, user=None, **values: Any) -> Opportunity:
    errors: dict = {}
    merged = {f: getattr(opportunity, f) for f in _OPPORTUNITY_FIELDS} | values
    # Changing one currency recomputes the other unless both are given.
    if "size_usd" in values and "size_vnd" not in values and merged["rate_vnd_per_usd"]:
        merged["size_vnd"] = None
    elif "size_vnd" in values and "size_usd" not in values and merged["rate_vnd_per_usd"]:
        merged["size_usd"] = None
    cleaned = _clean_opportunity(merged, opportunity.body, errors)
    raise_if(errors)
    for name, value in cleaned.items():
        setattr(opportunity, name, value)
    opportunity.search_text = _search_text(opportunity)
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_publish(opportunity: Opportunity, *, user=None) -> Opportunity:
    errors: dict = {}
    if opportunity.status == OpportunityStatus.CLOSED:
        errors["status"] = [_("A closed opportunity cannot be published again.")]
    if not opportunity.summary and not opportunity.summary_en:
        errors["summary"] = [_("Write a summary before publishing.")]
    if opportunity.size_usd is None and opportunity.size_vnd is None:
        errors["size_usd"] = [_("Give the project's size before publishing.")]
    raise_if(errors)
    if opportunity.status != OpportunityStatus.PUBLISHED:
        opportunity.status = OpportunityStatus.PUBLISHED
        opportunity.published_at = timezone.now()
        opportunity.save(update_fields=["status", "published_at", "updated_at"])
    return opportunity


@transaction.atomic
def opportunity_close(opportunity: Opportunity, *, user=None) -> Opportunity:
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise ValidationError({"status": [_("Only a published opportunity can be closed.")]})
    opportunity.status = OpportunityStatus.CLOSED
    opportunity.closed_at = timezone.now()
    opportunity.save(update_fields=["status", "closed_at", "updated_at"])
    return opportunity


@transaction.atomic
def document_add(opportunity: Opportunity, *, file, title: str = "", user=None) -> Attachment:
    errors: dict = {}
    title = text(title, field="title", errors=errors, max_length=200)
    if file is None:
        errors["file"] = [_("Choose a file.")]
    elif opportunity.attachments.count() >= MAX_DOCUMENTS:
        errors["file"] = [_("At most %(n)d documents per opportunity.") % {"n": MAX_DOCUMENTS}]
    raise_if(errors)
    try:
        stored = store_upload(file, area="investment", allowed=DOCUMENT_KINDS)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    return Attachment.objects.create(
        opportunity=opportunity,
        title=title or stored.original_name,
        kind=stored.kind,
        file_name=stored.name,
        original_name=stored.original_name,
        size=stored.size,
        uploaded_by=user,
    )


@transaction.atomic
def document_remove(attachment: Attachment, *, user=None) -> None:
    from kieubao.core.uploads import StoredUpload

    stored = StoredUpload(attachment.kind, attachment.file_name, "investment", attachment.size, "")
    attachment.delete()
    transaction.on_commit(lambda: stored.path.unlink(missing_ok=True))


# --- interests and the pipeline -----------------------------------------------------------------
def _meeting_of(person: Person, value: Any, errors: dict):
    """A B2B meeting this person took part in (the interest is then credited to its event)."""
    from kieubao.events.models import Meeting

    if value in (None, ""):
        return None
    if isinstance(value, Meeting):
        meeting = value
    else:
        try:
            meeting = Meeting.objects.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            meeting = None
    if meeting is not None:
        parties = (
            meeting.request.requester.registration.person_id,
            meeting.request.recipient.registration.person_id,
        )
        if person.pk in parties:
            return meeting
    errors["meeting"] = [_("Choose one of your B2B meetings.")]
    return None


@transaction.atomic
def interest_create(
    *,
    opportunity: Opportunity,
    person: Person,
    user=None,
    organisation: Organisation | int | None = None,
    message: Any = "",
    amount_usd: Any = None,
    meeting: Any = None,
    admin_of: frozenset[int] | set[int] = frozenset(),
) -> Interest:
    """``admin_of``: the organisations the person administers (they may act for one of them,
    a business)."""
    errors: dict = {}
    if opportunity.status != OpportunityStatus.PUBLISHED:
        errors["opportunity"] = [_("This opportunity is not open for interest.")]
    org = None
    if organisation not in (None, ""):
        org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
        try:
            org = Organisation.objects.filter(
                pk=int(org_id), kind=OrganisationKind.BUSINESS
            ).first()
        except (TypeError, ValueError):
            org = None
        if org is None or org.pk not in admin_of:
            errors["organisation"] = [_("Choose a business you administer.")]
            org = None
    message = text(message, field="message", errors=errors, max_length=3000)
    amount = decimal(amount_usd, field="amount_usd", errors=errors)
    found_meeting = _meeting_of(person, meeting, errors)
    if Interest.objects.filter(opportunity=opportunity, person=person).exists():
        errors["opportunity"] = [_("You have already expressed interest in this opportunity.")]
    raise_if(errors)
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                opportunity=opportunity,
                person=person,
                organisation=org,
                message=message,
                amount_usd=amount,
                meeting=found_meeting,
            )
    except IntegrityError:
        raise ValidationError(
            {"opportunity": [_("You have already expressed interest in this opportunity.")]}
        ) from None
    PipelineStep.objects.create(
        interest=interest, stage=Stage.INTEREST, date=_today(), amount_usd=amount, recorded_by=user
    )
    notifications.interest_received(interest)
    return interest


@transaction.atomic
def interest_move(
    interest: Interest,
    *,
    stage: Any,
    date: Any = None,
    amount_usd: Any = None,
    note: Any = "",
    user=None,
) -> PipelineStep:
    """Forward one or more stages (never back). Another "capital disbursed" step on a
    disbursed interest records a further tranche. Declining needs a reason."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    errors: dict = {}
    stage = choice(stage, Stage, field="stage", errors=errors)
    when = _date(date, field="date", errors=errors, required=False) or _today()
    if when > _today():
        errors["date"] = [_("The date cannot be in the future.")]
    note = text(note, field="note", errors=errors, max_length=2000)
    amount = None
    if stage in WITH_AMOUNT:
        amount = decimal(amount_usd, field="amount_usd", errors=errors, required=True)
    elif amount_usd not in (None, "") and stage:
        errors["amount_usd"] = [
            _("An amount is recorded at the MoU, the licence and disbursement.")
        ]
    if interest.stage in ENDED:
        errors["stage"] = [_("This interest was withdrawn or declined: it cannot move.")]
    elif stage == Stage.WITHDRAWN:
        errors["stage"] = [_("The investor withdraws through “Withdraw”.")]
    elif stage == Stage.DECLINED:
        if interest.stage == Stage.DISBURSED:
            errors["stage"] = [_("Capital was disbursed: the interest can no longer be declined.")]
        if not note and "note" not in errors:
            errors["note"] = [_("Give the reason for declining.")]
    elif stage:
        current, target = PIPELINE.index(interest.stage), PIPELINE.index(stage)
        if target < current or (target == current and stage != Stage.DISBURSED):
            errors["stage"] = [_("The pipeline only moves forward.")]
    raise_if(errors)
    step = PipelineStep.objects.create(
        interest=interest, stage=stage, date=when, amount_usd=amount, note=note, recorded_by=user
    )
    fields = ["stage", "updated_at"]
    if stage in (Stage.MOU, Stage.LICENCE):
        interest.committed_usd = amount
        fields.append("committed_usd")
    elif stage == Stage.DISBURSED:
        interest.disbursed_usd = (interest.disbursed_usd or Decimal(0)) + amount
        fields.append("disbursed_usd")
    interest.stage = stage
    interest.save(update_fields=fields)
    _feed_insights(interest, year=when.year)
    notifications.pipeline_moved(interest, step)
    return step


@transaction.atomic
def interest_withdraw(interest: Interest, *, reason: Any = "", user=None) -> PipelineStep:
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    errors: dict = {}
    reason = text(reason, field="reason", errors=errors, max_length=2000)
    if not reason and "reason" not in errors:
        errors["reason"] = [_("Give the reason for withdrawing.")]
    if interest.stage in ENDED:
        errors["stage"] = [_("This interest was already withdrawn or declined.")]
    elif interest.stage == Stage.DISBURSED:
        errors["stage"] = [_("Capital was disbursed: the interest can no longer be withdrawn.")]
    raise_if(errors)
    step = PipelineStep.objects.create(
        interest=interest, stage=Stage.WITHDRAWN, date=_today(), note=reason, recorded_by=user
    )
    interest.stage = Stage.WITHDRAWN
    interest.save(update_fields=["stage", "updated_at"])
    _feed_insights(interest, year=_today().year)
    notifications.pipeline_moved(interest, step)
    return step


def _feed_insights(interest: Interest, *, year: int) -> None:
    """An interest at licence or disbursement is an investment project of the province; one
    that ends after its licence is recorded as terminated."""
    from kieubao.insights.models import InvestmentProject, ProjectStatus
    from kieubao.insights.selectors import forget_public_figures

    external_id = f"kieubao-interest:{interest.pk}"
    existing = InvestmentProject.objects.filter(external_id=external_id)
    if interest.stage in (Stage.LICENCE, Stage.DISBURSED):
        status = (
            ProjectStatus.OPERATING
            if interest.stage == Stage.DISBURSED
            else (ProjectStatus.LICENSED)
        )
    elif interest.stage in ENDED and existing.exists():
        status = ProjectStatus.TERMINATED
    else:
        return
    opportunity = interest.opportunity
    capital = interest.committed_usd or interest.disbursed_usd or Decimal(0)
    licensed_year = (
        interest.steps.filter(stage__in=(Stage.LICENCE, Stage.DISBURSED))
        .order_by("date", "pk")
        .values_list("date", flat=True)
        .first()
    )
    investor = interest.organisation or interest.person
    country_code = str(getattr(investor, "country", "") or "")
    existing.exclude(province_code=opportunity.province_code).delete()
    InvestmentProject.objects.update_or_create(
        province_code=opportunity.province_code,
        external_id=external_id,
        defaults={
            "name": opportunity.title[:255],
            "investor": interest.investor_name[:255],
            "investor_country": country_code if len(country_code) == 2 else "",
            "sector": str(Sector(opportunity.sector).label)[:200],
            "location": (opportunity.address or str(opportunity.province or ""))[:200],
            "capital_usd": int(capital.to_integral_value(rounding=ROUND_HALF_UP)),
            "year": licensed_year.year if licensed_year else year,
            "status": status,
        },
    )
    transaction.on_commit(forget_public_figures)


# --- the OV enterprises registry ----------------------------------------------------------------
_ENTERPRISE_FIELDS = (
    "location",
    "country",
    "province_code",
    "sector",
    "founded_year",
    "employees",
    "capital_usd",
    "description",
)


def _clean_enterprise(values: dict, errors: dict) -> dict:
    out = {
        "location": choice(
            values.get("location"), EnterpriseLocation, field="location", errors=errors
        ),
        "country": country(values.get("country"), field="country", errors=errors),
        "province_code": province(
            values.get("province_code"), field="province_code", errors=errors
        ),
        "sector": choice(values.get("sector"), Sector, field="sector", errors=errors),
        "founded_year": integer(
            values.get("founded_year"),
            field="founded_year",
            errors=errors,
            minimum=1900,
            maximum=_today().year,
        ),
        "employees": integer(
            values.get("employees"), field="employees", errors=errors, maximum=10**7
        ),
        "capital_usd": decimal(values.get("capital_usd"), field="capital_usd", errors=errors),
        "description": text(
            values.get("description"), field="description", errors=errors, max_length=3000
        ),
    }
    if out["location"] == EnterpriseLocation.HOME and out["country"] and out["country"] != "VN":
        errors["country"] = [_("An enterprise in Vietnam has Vietnam as its country.")]
    if out["location"] == EnterpriseLocation.ABROAD and out["country"] == "VN":
        errors["country"] = [_("An enterprise abroad is in another country than Vietnam.")]
    return out


def _feed_enterprise(enterprise: OvEnterprise) -> None:
    from kieubao.insights.models import Enterprise
    from kieubao.insights.selectors import forget_public_figures

    organisation = enterprise.organisation
    external_id = f"kieubao-org:{organisation.pk}"
    Enterprise.objects.filter(external_id=external_id).exclude(
        province_code=enterprise.province_code
    ).delete()
    owner = (
        Person.objects.filter(memberships__organisation=organisation, memberships__role="admin")
        .order_by("pk")
        .values_list("full_name", flat=True)
        .first()
    )
    capital = enterprise.capital_usd
    Enterprise.objects.update_or_create(
        province_code=enterprise.province_code,
        external_id=external_id,
        defaults={
            "name": organisation.name[:255],
            "location": enterprise.location,
            "country": str(enterprise.country),
            "sector": str(Sector(enterprise.sector).label)[:200],
            "founded_year": enterprise.founded_year,
            "owner": (owner or "")[:200],
            "employees": enterprise.employees,
            "capital_usd": int(capital.to_integral_value(rounding=ROUND_HALF_UP))
            if capital is not None
            else None,
        },
    )
    transaction.on_commit(forget_public_figures)


@transaction.atomic
def enterprise_create(
    *, organisation: Organisation | int, user=None, **values: Any
) -> OvEnterprise:
    errors: dict = {}
    org = organisation
    if not isinstance(org, Organisation):
        try:
            org = Organisation.objects.filter(pk=int(organisation)).first()
        except (TypeError, ValueError):
            org = None
    if org is None or org.kind != OrganisationKind.BUSINESS:
        errors["organisation"] = [_("Choose a business organisation.")]
    elif OvEnterprise.objects.filter(pk=org.pk).exists():
        errors["organisation"] = [_("This business is already in the registry.")]
    cleaned = _clean_enterprise(values, errors)
    raise_if(errors)
    enterprise = OvEnterprise.objects.create(organisation=org, **cleaned)
    _feed_enterprise(enterprise)
    return enterprise


@transaction.atomic
def enterprise_update(enterprise: OvEnterprise, *, user=None, **values: Any) -> OvEnterprise:
    errors: dict = {}
    merged = {f: getattr(enterprise, f) for f in _ENTERPRISE_FIELDS} | values
    merged["country"] = str(merged["country"] or "")
    cleaned = _clean_enterprise(merged, errors)
    raise_if(errors)
    for name, value in cleaned.items():
        setattr(enterprise, name, value)
    enterprise.save()
    _feed_enterprise(enterprise)
    return enterprise

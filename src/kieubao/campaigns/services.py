"""Writes of campaigns and funds. Views, the API, the demo and commands all call these, so every
door validates, converts currencies and keeps the ledger balanced the same way. Errors are
ValidationErrors with translated messages keyed by field. Permission is the caller's business
(rules.py); what the campaign allows (open, within its period, enough money held) is checked
here.

The ledger's invariant — allocated ≤ contributed, so held = contributed − allocated ≥ 0 — is
kept by ``allocation_record``: it locks the campaign's row (SELECT … FOR UPDATE) before summing
and writing, so two allocations recorded at the same time are checked one after the other and
cannot both spend the same money.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kieubao.community.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Person,
)
from kieubao.core.cleaning import choice, day, decimal, raise_if, text

from . import notifications
from .models import (
    CURRENCIES,
    VND,
    Allocation,
    ApplicationStatus,
    Campaign,
    CampaignKind,
    CampaignStatus,
    Contribution,
    ExchangeRate,
    FundApplication,
    Pledge,
    PledgeStatus,
)

EVIDENCE_AREA = "campaigns-evidence"
EVIDENCE_KINDS = frozenset({"pdf", "png", "jpeg", "webp"})
MAX_VND = 10**15  # a thousand trillion đồng: far above any campaign
_VND_GROUPED = re.compile(r"^\d{1,3}([., ]\d{3})+$")


# --- cleaning ----------------------------------------------------------------------------------
def vnd(value: Any, *, field: str, errors: dict, required: bool = True) -> int | None:
    """An amount in đồng: a whole number greater than zero (thousands may be grouped with dots,
    commas or spaces: 5.000.000)."""
    if value in (None, ""):
        if required:
            errors[field] = [_("This field is required.")]
        return None
    if isinstance(value, bool):
        errors[field] = [_("Enter an amount in đồng, a whole number such as 5000000.")]
        return None
    raw = str(value).strip()
    if _VND_GROUPED.match(raw):
        raw = re.sub(r"[., ]", "", raw)
    try:
        number = Decimal(raw)
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        errors[field] = [_("Enter an amount in đồng, a whole number such as 5000000.")]
        return None
    if number <= 0:
        errors[field] = [_("Enter an amount greater than zero.")]
        return None
    if number > MAX_VND:
        errors[field] = [_("This amount is too large.")]
        return None
    return int(number)


def clean_currency(value: Any, *, field: str, errors: dict) -> str:
    code = str(value or VND).strip().upper()
    if code not in CURRENCIES:
        errors[field] = [
            _("“%(value)s” is not a currency we accept (an ISO 4217 code such as USD).")
            % {"value": str(value)[:10]}
        ]
        return ""
    return code


def _org(value: Organisation | int | None, *, field: str, errors: dict) -> Organisation | None:
    if value in (None, ""):
        return None
    if isinstance(value, Organisation):
        return value
    try:
        found = Organisation.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        errors[field] = [_("Choose an organisation from the list.")]
    return found


def _person(value: Person | int | None, *, field: str, errors: dict) -> Person | None:
    if value in (None, ""):
        return None
    if isinstance(value, Person):
        return value
    try:
        found = Person.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        errors[field] = [_("Choose a person from the registry.")]
    return found


def _required(out: dict, errors: dict, *names: str) -> None:
    for name in names:
        if not out.get(name) and name not in errors:
            errors[name] = [_("This field is required.")]


def _today() -> dt.date:
    return timezone.localdate()


# --- campaigns ---------------------------------------------------------------------------------
def _clean_campaign(values: dict, errors: dict, *, partial: bool = False) -> dict:
    out: dict[str, Any] = {}
    for name, limit in (("title", 200), ("title_en", 200), ("cause", 10000), ("cause_en", 10000)):
        if name in values or not partial:
            out[name] = text(values.get(name), field=name, errors=errors, max_length=limit)
    if "kind" in values or not partial:
        out["kind"] = choice(values.get("kind"), CampaignKind, field="kind", errors=errors)
    if "target_vnd" in values or not partial:
        out["target_vnd"] = vnd(values.get("target_vnd"), field="target_vnd", errors=errors)
    for name in ("starts_on", "ends_on"):
        if name in values or not partial:
            out[name] = day(values.get(name), field=name, errors=errors)
    if "public" in values:
        out["public"] = bool(values["public"])
    if not partial or "title" in out:
        _required(out, errors, "title")
    return out


def _check_period(starts_on, ends_on, errors: dict) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [
            _("The last day (%(end)s) cannot be before the first day (%(start)s).")
            % {"end": ends_on.isoformat(), "start": starts_on.isoformat()}
        ]


@transaction.atomic
def campaign_create(*, owner: Organisation | int, user=None, **values: Any) -> Campaign:
    """A draft campaign of ``owner`` (a homeland body or an association)."""
    errors: dict = {}
    owner = _org(owner, field="owner", errors=errors)
    if owner is None and "owner" not in errors:
        errors["owner"] = [_("Choose an organisation from the list.")]
    if owner is not None and owner.kind not in (
        OrganisationKind.MINISTRY,
        OrganisationKind.PROVINCE,
        OrganisationKind.MISSION,
        OrganisationKind.ASSOCIATION,
    ):
        errors["owner"] = [_("A campaign is run by a homeland body or an association.")]
    out = _clean_campaign(values, errors)
    _check_period(out.get("starts_on"), out.get("ends_on"), errors)
    raise_if(errors)
    return Campaign.objects.create(owner=owner, created_by=user, **out)


@transaction.atomic
def campaign_update(campaign: Campaign, *, user=None, **values: Any) -> Campaign:
    """Only the fields given change. A fund stays a fund once it has applications."""
    errors: dict = {}
    out = _clean_campaign(values, errors, partial=True)
    _check_period(
        out.get("starts_on", campaign.starts_on), out.get("ends_on", campaign.ends_on), errors
    )
    kind = out.get("kind")
    if kind and kind != campaign.kind and campaign.applications.exists():
        errors["kind"] = [_("This fund has applications: it stays a fund.")]
    raise_if(errors)
    for name, value in out.items():
        setattr(campaign, name, value)
    campaign.save()
    return campaign


@transaction.atomic
def campaign_set_status(campaign: Campaign, *, status: str, user=None) -> Campaign:
    """Open (members pledge, money is recorded) or close a campaign; an opened campaign does
    not go back to draft."""
    errors: dict = {}
    status = choice(status, CampaignStatus, field="status", errors=errors)
    if status == CampaignStatus.DRAFT and campaign.status != CampaignStatus.DRAFT:
        errors["status"] = [_("An opened campaign cannot go back to draft.")]
    raise_if(errors)
    campaign.status = status
    campaign.save(update_fields=["status", "updated_at"])
    return campaign


# --- exchange rates and conversion -------------------------------------------------------------
@transaction.atomic
def rate_record(
    *, currency: str, vnd_per_unit: Any, on: Any = None, source: str = "", user=None
) -> ExchangeRate:
    """Record a rate (VND per unit of ``currency``) with its source: amounts are converted at
    recorded rates only."""
    errors: dict = {}
    code = clean_currency(currency, field="currency", errors=errors)
    if code == VND:
        errors["currency"] = [_("Amounts in VND need no exchange rate.")]
    value = _rate_value(vnd_per_unit, field="vnd_per_unit", errors=errors)
    on = day(on or _today(), field="on", errors=errors)
    source = text(source, field="source", errors=errors, max_length=200)
    _required({"source": source}, errors, "source")
    raise_if(errors)
    return ExchangeRate.objects.create(
        currency=code, vnd_per_unit=value, on=on, source=source, recorded_by=user
    )


def _rate_value(value: Any, *, field: str, errors: dict) -> Decimal | None:
    number = decimal(value, field=field, errors=errors, required=True)
    if number is None:
        return None
    try:  # up to four decimals (JPY ≈ 170.1234 VND)
        return Decimal(str(value).strip().replace(" ", "")).quantize(Decimal("0.0001"))
    except ArithmeticError:
        return number


def _rate(value: ExchangeRate | int | None, *, field: str, errors: dict) -> ExchangeRate | None:
    if value in (None, ""):
        return None
    if isinstance(value, ExchangeRate):
        return value
    try:
        found = ExchangeRate.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        errors[field] = [_("Choose a recorded exchange rate.")]
    return found


def _money(values: dict, errors: dict, *, user=None, latest_rate: bool = False) -> dict:
    """Amount, currency and the recorded rate → the Money fields (amount_vnd at that rate).
    A rate typed with its source is recorded first (the ``rate_value``/``rate_source`` pair);
    with ``latest_rate`` (pledges: members do not record rates) the latest recorded rate of the
    currency is used when none is chosen."""
    amount = decimal(values.get("amount"), field="amount", errors=errors, required=True)
    code = clean_currency(values.get("currency"), field="currency", errors=errors)
    rate = _rate(values.get("rate"), field="rate", errors=errors)
    if not code or amount is None:
        return {}
    if code == VND:
        if amount != amount.to_integral_value():
            errors["amount"] = [_("VND has no minor unit: enter a whole number of đồng.")]
            return {}
        return {"amount": amount, "currency": VND, "rate": None, "vnd_per_unit": Decimal(1),
                "amount_vnd": int(amount)}  # fmt: skip
    if rate is None and "rate" not in errors and values.get("rate_value") not in (None, ""):
        try:
            rate = rate_record(
                currency=code,
                vnd_per_unit=values.get("rate_value"),
                on=values.get("rate_on") or None,
                source=values.get("rate_source") or "",
                user=user,
            )
        except ValidationError as exc:
            names = {"vnd_per_unit": "rate_value", "on": "rate_on", "source": "rate_source"}
            for name, messages in exc.message_dict.items():
                errors[names.get(name, name)] = messages
            return {}
    if rate is None and latest_rate and "rate" not in errors:
        rate = ExchangeRate.objects.filter(currency=code).order_by("-on", "-pk").first()
        if rate is None:
            errors["currency"] = [
                _(
                    "No exchange rate is recorded for %(currency)s yet: pledge in VND, or ask the "
                    "campaign's managers to record one."
                )
                % {"currency": code}
            ]
            return {}
    if rate is None:
        if "rate" not in errors:
            errors["rate"] = [
                _(
                    "An amount in %(currency)s needs a recorded exchange rate: choose one or "
                    "enter the rate and its source."
                )
                % {"currency": code}
            ]
        return {}
    if rate.currency != code:
        errors["rate"] = [
            _("This rate is for %(rate)s, not %(currency)s.")
            % {"rate": rate.currency, "currency": code}
        ]
        return {}
    amount_vnd = int((amount * rate.vnd_per_unit).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if amount_vnd > MAX_VND:
        errors["amount"] = [_("This amount is too large.")]
        return {}
    return {"amount": amount, "currency": code, "rate": rate,
            "vnd_per_unit": rate.vnd_per_unit, "amount_vnd": amount_vnd}  # fmt: skip


# --- pledges -----------------------------------------------------------------------------------
def _accepting(campaign: Campaign, errors: dict, *, field: str = "campaign") -> None:
    today = _today()
    if campaign.status != CampaignStatus.OPEN:
        errors[field] = [
            _("This campaign is closed: it takes no more pledges.")
            if campaign.status == CampaignStatus.CLOSED
            else _("This campaign is not open yet.")
        ]
    elif today < campaign.starts_on:
        errors[field] = [
            _("This campaign opens on %(day)s.") % {"day": campaign.starts_on.strftime("%d/%m/%Y")}
        ]
    elif today > campaign.ends_on:
        errors[field] = [
            _("This campaign ended on %(day)s.") % {"day": campaign.ends_on.strftime("%d/%m/%Y")}
        ]


def _administers(person: Person, organisation: Organisation) -> bool:
    return Membership.objects.filter(
        person=person, organisation=organisation, role=MembershipRole.ADMIN
    ).exists()


@transaction.atomic
def pledge_create(
    campaign: Campaign,
    *,
    person: Person,
    user=None,
    organisation: Organisation | int | None = None,
    anonymous: bool = False,
    note: str = "",
    **money: Any,
) -> Pledge:
    """A member's promise (for themself or an organisation they administer) to an open campaign
    within its period; the pledger is told by email."""
    errors: dict = {}
    _accepting(campaign, errors)
    organisation = _org(organisation, field="organisation", errors=errors)
    if organisation is not None and not _administers(person, organisation):
        errors["organisation"] = [_("You may pledge only for an organisation you administer.")]
    note = text(note, field="note", errors=errors, max_length=500)
    money.pop("rate_value", None)
    values = _money(money, errors, user=user, latest_rate=True)
    raise_if(errors)
    pledge = Pledge.objects.create(
        campaign=campaign,
        person=person,
        organisation=organisation,
        anonymous=bool(anonymous),
        note=note,
        created_by=user,
        **values,
    )
    notifications.pledge_recorded(pledge)
    return pledge


@transaction.atomic
def pledge_withdraw(pledge: Pledge) -> Pledge:
    if pledge.status != PledgeStatus.OPEN:
        raise ValidationError({"status": [_("Only an open pledge can be withdrawn.")]})
    pledge.status = PledgeStatus.WITHDRAWN
    pledge.save(update_fields=["status"])
    return pledge


# --- contributions -----------------------------------------------------------------------------
@transaction.atomic
def contribution_record(
    campaign: Campaign,
    *,
    user=None,
    received_on: Any = None,
    person: Person | int | None = None,
    organisation: Organisation | int | None = None,
    name: str = "",
    anonymous: bool = False,
    reference: str = "",
    pledge: Pledge | int | None = None,
    **money: Any,
) -> Contribution:
    """Money received (by a manager's hand), converted at a recorded rate. A contribution that
    completes a pledge marks it fulfilled (the pledger is told)."""
    errors: dict = {}
    if campaign.status == CampaignStatus.DRAFT:
        errors["campaign"] = [_("Open the campaign before recording money.")]
    received_on = day(received_on or _today(), field="received_on", errors=errors)
    person = _person(person, field="person", errors=errors)
    organisation = _org(organisation, field="organisation", errors=errors)
    name = text(name, field="name", errors=errors, max_length=200)
    reference = text(reference, field="reference", errors=errors, max_length=200)
    if pledge not in (None, "") and not isinstance(pledge, Pledge):
        try:
            pledge = Pledge.objects.filter(pk=int(pledge)).first()
        except (TypeError, ValueError, OverflowError):
            pledge = None
        if pledge is None:
            errors["pledge"] = [_("Choose an open pledge of this campaign.")]
    if isinstance(pledge, Pledge):
        if pledge.campaign_id != campaign.pk or pledge.status != PledgeStatus.OPEN:
            errors["pledge"] = [_("Choose an open pledge of this campaign.")]
        elif person is None and organisation is None and not name:
            person, organisation = pledge.person, pledge.organisation
            anonymous = anonymous or pledge.anonymous
    else:
        pledge = None
    if (
        person is None
        and organisation is None
        and not name
        and not errors.keys()
        & {
            "person",
            "organisation",
            "name",
        }
    ):
        errors["name"] = [_("Say who contributed (a name, a person or an organisation).")]
    values = _money(money, errors, user=user)
    raise_if(errors)
    contribution = Contribution.objects.create(
        campaign=campaign,
        person=person,
        organisation=organisation,
        name=name,
        anonymous=bool(anonymous),
        received_on=received_on,
        reference=reference,
        pledge=pledge,
        recorded_by=user,
        **values,
    )
    if pledge is not None:
        paid = pledge.contributions.aggregate(total=Sum("amount_vnd"))["total"] or 0
        if paid >= pledge.amount_vnd:
            pledge.status = PledgeStatus.FULFILLED
            pledge.save(update_fields=["status"])
            notifications.pledge_fulfilled(pledge)
    return contribution


# --- allocations -------------------------------------------------------------------------------
def _store_evidence(evidence, *, field: str, errors: dict):
    from kieubao.core.uploads import store_upload

    if evidence is None:
        errors[field] = [
            _(
                "Attach the evidence document (a PDF or an image): an allocation without evidence "
                "is not recorded."
            )
        ]
        return None
    try:
        return store_upload(evidence, area=EVIDENCE_AREA, allowed=EVIDENCE_KINDS)
    except ValidationError as exc:
        errors[field] = exc.messages
        return None


def held(campaign: Campaign) -> int:
    contributed = campaign.contributions.aggregate(total=Sum("amount_vnd"))["total"] or 0
    allocated = campaign.allocations.aggregate(total=Sum("amount_vnd"))["total"] or 0
    return contributed - allocated


@transaction.atomic
def allocation_record(
    campaign: Campaign,
    *,
    user=None,
    amount_vnd: Any,
    allocated_on: Any = None,
    purpose: str = "",
    recipient_name: str = "",
    recipient: Organisation | int | None = None,
    evidence=None,
    application: FundApplication | None = None,
) -> Allocation:
    """Where money went, with its evidence document (required). Refused when it would allocate
    more than the campaign holds: the campaign's row is locked first, so concurrent allocations
    are checked one after the other."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    errors: dict = {}
    if locked.status == CampaignStatus.DRAFT:
        errors["campaign"] = [_("Open the campaign before recording money.")]
    amount = vnd(amount_vnd, field="amount_vnd", errors=errors)
    allocated_on = day(allocated_on or _today(), field="allocated_on", errors=errors)
    purpose = text(purpose, field="purpose", errors=errors, max_length=500)
    recipient_name = text(recipient_name, field="recipient_name", errors=errors, max_length=200)
    recipient = _org(recipient, field="recipient", errors=errors)
    _required({"purpose": purpose}, errors, "purpose")
    if not recipient_name and recipient is None and "recipient" not in errors:
        errors["recipient_name"] = [_("Say who received the money.")]
    if amount is not None:
        available = held(locked)
        if amount > available:
            errors["amount_vnd"] = [
                _(
                    "This would allocate more than the campaign holds: %(held)s ₫ held, "
                    "%(amount)s ₫ asked. Record the contributions first."
                )
                % {
                    "held": f"{available:,}".replace(",", "."),
                    "amount": f"{amount:,}".replace(",", "."),
                }
            ]
    if errors:  # the evidence is stored only for an allocation that is otherwise valid
        if evidence is None:
            _store_evidence(None, field="evidence", errors=errors)
        raise_if(errors)
    stored = _store_evidence(evidence, field="evidence", errors=errors)
    raise_if(errors)
    return Allocation.objects.create(
        campaign=locked,
        recipient_name=recipient_name,
        recipient=recipient,
        amount_vnd=amount,
        allocated_on=allocated_on,
        purpose=purpose,
        evidence_name=stored.name,
        evidence_kind=stored.kind,
        evidence_size=stored.size,
        evidence_original=stored.original_name,
        application=application,
        recorded_by=user,
    )


# --- support fund applications -----------------------------------------------------------------
@transaction.atomic
def application_submit(
    fund: Campaign,
    *,
    business: Organisation | int | None,
    person: Person,
    user=None,
    purpose: str = "",
    amount_requested_vnd: Any = None,
    plan: str = "",
    plan_document=None,
) -> FundApplication:
    """An OV business (administered by the applicant) applies to an open fund."""
    errors: dict = {}
    if not fund.is_fund:
        errors["fund"] = [_("Only a support fund takes applications.")]
    else:
        _accepting(fund, errors, field="fund")
        if "fund" in errors and fund.status == CampaignStatus.CLOSED:
            errors["fund"] = [_("This fund is closed: it takes no more applications.")]
    business = _org(business, field="business", errors=errors)
    if business is None and "business" not in errors:
        errors["business"] = [_("Choose the business you apply for.")]
    elif business is not None:
        if business.kind != OrganisationKind.BUSINESS:
            errors["business"] = [_("Only a business may apply to the fund.")]
        elif not _administers(person, business):
            errors["business"] = [_("You may apply only for a business you administer.")]
    purpose = text(purpose, field="purpose", errors=errors, max_length=300)
    plan = text(plan, field="plan", errors=errors, max_length=10000)
    amount = vnd(amount_requested_vnd, field="amount_requested_vnd", errors=errors)
    _required({"purpose": purpose, "plan": plan}, errors, "purpose", "plan")
    raise_if(errors)
    application = FundApplication(
        fund=fund,
        business=business,
        applicant=user,
        purpose=purpose,
        amount_requested_vnd=amount,
        plan=plan,
    )
    if plan_document is not None:
        stored = _store_evidence(plan_document, field="plan_document", errors=errors)
        raise_if(errors)
        application.plan_name, application.plan_kind = stored.name, stored.kind
        application.plan_size = stored.size
    application.save()
    return application


@transaction.atomic
def application_review(application: FundApplication, *, user=None) -> FundApplication:
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError({"status": [_("Only a submitted application can be taken up.")]})
    application.status = ApplicationStatus.UNDER_REVIEW
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def application_decide(
    application: FundApplication, *, approve: bool, reason: str, user=None
) -> FundApplication:
    """Approve or reject, with the reason (required) recorded with who decided and when; the
    applicant is told by email."""
    errors: dict = {}
    if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW):
        errors["status"] = [_("This application has been decided already.")]
    reason = text(reason, field="reason", errors=errors, max_length=5000)
    _required({"reason": reason}, errors, "reason")
    if "reason" in errors and reason == "":
        errors["reason"] = [_("Give the reason for the decision: the applicant will read it.")]
    raise_if(errors)
    application.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    application.reason = reason
    application.decided_by = user
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    notifications.application_decided(application)
    return application


@transaction.atomic
def application_award(
    application: FundApplication,
    *,
    user=None,
    amount_vnd: Any,
    allocated_on: Any = None,
    evidence=None,
) -> Allocation:
    """Pay an approved application: an allocation of the fund to the business (at most the
    amount requested, at most what the fund holds), with the decision document as evidence."""
    errors: dict = {}
    if application.status != ApplicationStatus.APPROVED:
        errors["status"] = [_("Only an approved application is awarded.")]
    elif Allocation.objects.filter(application=application).exists():
        errors["status"] = [_("This application has been awarded already.")]
    amount = vnd(amount_vnd, field="amount_vnd", errors=errors)
    if amount is not None and amount > application.amount_requested_vnd:
        errors["amount_vnd"] = [
            _("An award cannot exceed the amount requested (%(amount)s ₫).")
            % {"amount": f"{application.amount_requested_vnd:,}".replace(",", ".")}
        ]
    raise_if(errors)
    return allocation_record(
        application.fund,
        user=user,
        amount_vnd=amount,
        allocated_on=allocated_on,
        purpose=application.purpose,
        recipient=application.business,
        evidence=evidence,
        application=application,
    )

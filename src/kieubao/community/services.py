"""Writes to the registry. Views, the API, the demo loader and management commands all call
these, so every door validates and indexes the same way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils.translation import gettext as _

from kieubao.core import audit
from kieubao.core.languages import LANGUAGES
from kieubao.core.models import AuditAction
from kieubao.core.provinces import resolve_province
from kieubao.core.text import fold, normalize

from .models import (
    HOMELAND_BODY_KINDS,
    ConsentPurpose,
    ConsentRecord,
    ExpertiseField,
    FieldGroup,
    Membership,
    MembershipRole,
    Official,
    Organisation,
    Person,
)
from .search import schedule_reindex

# Attributes a person may set on their own profile (plus ``fields`` and visibility).
PROFILE_ATTRIBUTES = (
    "full_name",
    "other_names",
    "country",
    "qualification",
    "city",
    "hometown_province",
    "residency_status",
    "employer",
    "languages",
    "bio",
    "birth_year",
    "sex",
    "email",
    "phone",
    "website",
)
VISIBILITY_ATTRIBUTES = tuple(f"vis_{g}" for g in FieldGroup.values)
_TEXT_ATTRIBUTES = ("full_name", "other_names", "city", "employer", "bio", "phone")
_no_nul = ProhibitNullCharactersValidator()


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    """Normalise what callers pass: NFC text, upper-case country codes, a hometown province
    given by any usual name (former provinces resolve to their successor). Text with NUL is
    refused, as Django's form fields do (PostgreSQL cannot store it)."""
    cleaned = dict(values)
    errors = {}
    for name, value in cleaned.items():
        if isinstance(value, str):
            try:
                _no_nul(value)
            except ValidationError as error:
                errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    for name in _TEXT_ATTRIBUTES:
        if isinstance(cleaned.get(name), str):
            cleaned[name] = normalize(cleaned[name]) if name != "bio" else cleaned[name].strip()
    if isinstance(cleaned.get("country"), str):
        cleaned["country"] = cleaned["country"].strip().upper()
    province = cleaned.get("hometown_province")
    if isinstance(province, str) and province.strip():
        resolved = resolve_province(province)
        if resolved is None:
            raise ValidationError(
                {"hometown_province": _("Unknown province: %(value)s") % {"value": province}}
            )
        cleaned["hometown_province"] = resolved.code
    elif province == "":
        cleaned["hometown_province"] = None
    if "languages" in cleaned:
        languages = cleaned["languages"] or []
        unknown = [code for code in languages if code not in LANGUAGES]
        if unknown:
            raise ValidationError(
                {"languages": _("Unknown language code: %(codes)s") % {"codes": ", ".join(unknown)}}
            )
        cleaned["languages"] = list(dict.fromkeys(languages))
    return cleaned


def _fields_by_slug(slugs: Iterable[str]) -> list[ExpertiseField]:
    slugs = list(dict.fromkeys(slugs))
    # A slug with NUL names no field (and PostgreSQL refuses it even in a query).
    found = list(ExpertiseField.objects.filter(slug__in=[s for s in slugs if "\x00" not in s]))
    missing = set(slugs) - {f.slug for f in found}
    if missing:
        raise ValidationError(
            {
                "fields": _("Unknown field of expertise: %(slugs)s")
                % {"slugs": ", ".join(sorted(missing))}
            }
        )
    return found


def _save_validated(person: Person) -> None:
    person.full_name_folded = fold(person.full_name)
    person.full_clean(exclude=["user"], validate_unique=True)
    person.save()


@transaction.atomic
def person_create(
    *,
    user=None,
    fields: Iterable[str] = (),
    source: str = "self",
    external_id: str | None = None,
    **values: Any,
) -> Person:
    unknown = set(values) - set(PROFILE_ATTRIBUTES) - set(VISIBILITY_ATTRIBUTES)
    if unknown:
        raise TypeError(f"Unknown person attributes: {sorted(unknown)}")
    if user is not None and Person.objects.filter(user=user).exists():
        raise ValidationError(_("This account already has a profile."))
    person = Person(user=user, source=source, external_id=external_id, **_clean_values(values))
    if not person.email and user is not None:
        person.email = user.email
    _save_validated(person)
    if fields:
        person.fields.set(_fields_by_slug(fields))
    schedule_reindex([person.pk])
    return person


@transaction.atomic
def person_update(*, person: Person, fields: Iterable[str] | None = None, **values: Any) -> Person:
    """Change profile attributes and/or visibility; validates everything before writing."""
    unknown = set(values) - set(PROFILE_ATTRIBUTES) - set(VISIBILITY_ATTRIBUTES)
    if unknown:
        raise TypeError(f"Unknown person attributes: {sorted(unknown)}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    for name, value in _clean_values(values).items():
        setattr(person, name, value)
    new_fields = _fields_by_slug(fields) if fields is not None else None
    _save_validated(person)
    if new_fields is not None:
        person.fields.set(new_fields)
    schedule_reindex([person.pk])
    return person


@transaction.atomic
def consent_set(
    *, person: Person, purpose: str, granted: bool, text_version: str | None = None
) -> ConsentRecord:
    """Grant or withdraw consent for one purpose. Takes effect at once: a withdrawn directory
    listing leaves the index when this transaction commits."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Unknown consent purpose.")})
    record = ConsentRecord.objects.create(
        person=person,
        purpose=purpose,
        granted=granted,
        text_version=text_version or settings.CONSENT_TEXT_VERSION,
    )
    setattr(person, f"consent_{purpose}", granted)
    # A save, not a queryset update, so that model signals see it (statistics aggregates).
    person.save(update_fields=[f"consent_{purpose}", "updated_at"])
    audit.record(
        AuditAction.CONSENT_CHANGE,
        actor_id=audit.current_actor_id(),
        target_type="person",
        target_id=person.pk,
        detail={"purpose": purpose, "granted": granted, "text_version": record.text_version},
    )
    if purpose == ConsentPurpose.DIRECTORY:
        schedule_reindex([person.pk])
    return record


def consents_set(*, person: Person, consents: dict[str, bool]) -> list[ConsentRecord]:
    """Record only the purposes whose state changes."""
    return [
        consent_set(person=person, purpose=purpose, granted=granted)
        for purpose, granted in consents.items()
        if getattr(person, f"consent_{purpose}") != granted
    ]


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    country: str,
    name_en: str = "",
    parent: Organisation | None = None,
    province_code: int | None = None,
    fields: Iterable[str] = (),
    **extra: Any,
) -> Organisation:
    organisation = Organisation(
        name=normalize(name),
        name_en=normalize(name_en),
        kind=kind,
        country=country.upper(),
        parent=parent,
        province_code=province_code,
        **extra,
    )
    organisation.name_folded = fold(f"{organisation.name} {organisation.name_en}")
    organisation.full_clean()
    organisation.save()
    if fields:
        organisation.fields.set(_fields_by_slug(fields))
    return organisation


@transaction.atomic
def membership_add(
    *, person: Person, organisation: Organisation, role: str = "member", title: str = ""
) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        person=person, organisation=organisation, defaults={"role": role, "title": title}
    )
    if role == MembershipRole.ADMIN:
        _record_membership_role(membership)
    schedule_reindex([person.pk])
    return membership


@transaction.atomic
def official_appoint(*, user, body: Organisation, title: str = "") -> Official:
    """Make ``user`` an official of ``body``. One body per official; MFA is then required."""
    if body.kind not in HOMELAND_BODY_KINDS:
        raise ValidationError(
            {"body": _("Officials serve a ministry, a province or a diplomatic mission.")}
        )
    official, _created = Official.objects.update_or_create(
        user=user, defaults={"body": body, "title": title}
    )
    audit.record(
        AuditAction.ROLE_CHANGE,
        actor_id=audit.current_actor_id(),
        target_type="user",
        target_id=user.pk,
        detail={"role": "official", "body": body.pk},
    )
    return official


ORGANISATION_EDITABLE = ("name_en", "description", "website", "email", "city")


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, fields: Iterable[str] | None = None, **values: Any
) -> Organisation:
    unknown = set(values) - set(ORGANISATION_EDITABLE)
    if unknown:
        raise TypeError(f"Not editable here: {sorted(unknown)}")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    for name, value in values.items():
        setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    organisation.name_folded = fold(f"{organisation.name} {organisation.name_en}")
    new_fields = _fields_by_slug(fields) if fields is not None else None
    organisation.full_clean()
    organisation.save()
    if new_fields is not None:
        organisation.fields.set(new_fields)
    return organisation


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    person_id = membership.person_id
    organisation = membership.organisation
    if (
        membership.role == MembershipRole.ADMIN
        and not organisation.memberships.filter(role=MembershipRole.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
        and organisation.memberships.count() > 1
    ):
        raise ValidationError(
            _("An organisation with members needs at least one admin: appoint another first.")
        )
    membership.delete()
    schedule_reindex([person_id])


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    if (
        role != MembershipRole.ADMIN
        and membership.role == MembershipRole.ADMIN
        and not (
            membership.organisation.memberships.filter(role=MembershipRole.ADMIN)
            .exclude(pk=membership.pk)
            .exists()
        )
    ):
        raise ValidationError(
            _("An organisation with members needs at least one admin: appoint another first.")
        )
    membership.role = role
    membership.save(update_fields=["role"])
    _record_membership_role(membership)
    return membership


def _record_membership_role(membership: Membership) -> None:
    audit.record(
        AuditAction.ROLE_CHANGE,
        actor_id=audit.current_actor_id(),
        target_type="person",
        target_id=membership.person_id,
        detail={"role": membership.role, "organisation": membership.organisation_id},
    )

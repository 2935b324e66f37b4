"""Builders for tests: everything goes through the services, as production code does."""

from __future__ import annotations

import itertools

from allauth.account.models import EmailAddress

from kieubao.accounts.models import User
from kieubao.community import services
from kieubao.community.models import Organisation, OrganisationKind, Person
from kieubao.core.provinces import resolve_province

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def make_user(email: str | None = None, *, verified: bool = True, **extra) -> User:
    email = email or f"user{next(_counter)}@example.org"
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_person(
    *,
    user: User | None = None,
    listed: bool = True,
    contact: bool = False,
    fields: tuple[str, ...] = (),
    **values,
) -> Person:
    values.setdefault("full_name", f"Nguyễn Văn Thử {next(_counter)}")
    values.setdefault("country", "DE")
    person = services.person_create(user=user, fields=fields, **values)
    if listed:
        services.consent_set(person=person, purpose="directory", granted=True)
    if contact:
        services.consent_set(person=person, purpose="contact", granted=True)
    return person


def province_body(name: str) -> Organisation:
    province = resolve_province(name)
    existing = Organisation.objects.filter(
        kind=OrganisationKind.PROVINCE, province_code=province.code
    ).first()
    return existing or services.organisation_create(
        name=f"UBND {province.official_name}",
        kind=OrganisationKind.PROVINCE,
        country="VN",
        province_code=province.code,
    )


def make_official(body: Organisation | str, email: str | None = None) -> User:
    if isinstance(body, str):
        body = province_body(body)
    user = make_user(email)
    services.official_appoint(user=user, body=body)
    return user


def make_ministry(name: str = "Bộ Ngoại giao") -> Organisation:
    return services.organisation_create(name=name, kind=OrganisationKind.MINISTRY, country="VN")


def make_mission(country: str) -> Organisation:
    return services.organisation_create(
        name=f"Đại sứ quán tại {country}", kind=OrganisationKind.MISSION, country=country
    )


def reauthenticated_client(user):
    """A client logged in through the form and just re-authenticated, as a person is asked to
    be before exports, erasure and role changes."""
    from django.test import Client

    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    return client

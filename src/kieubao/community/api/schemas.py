from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

VisibilityName = Literal["public", "members", "officials", "private"]
GroupName = Literal["profile", "location", "work", "personal", "contact"]
PurposeName = Literal["directory", "contact", "statistics"]
QualificationName = Literal["phd", "master", "bachelor", "college", "other"]
ResidencyName = Literal["permanent", "temporary", "student", "labour", ""]
SexName = Literal["female", "male", "other", ""]


class NamedCode(Schema):
    code: int | str
    name: str


class FieldOut(Schema):
    slug: str
    name_vi: str
    name_en: str
    parent: str | None = None


class MembershipOut(Schema):
    organisation_id: int
    organisation: str
    role: str
    title: str = ""


class PersonOut(Schema):
    """A person as the caller may see them: fields of hidden groups are absent and the
    group names are listed in ``hidden_groups``."""

    id: int
    hidden_groups: list[GroupName]
    full_name: str | None = None
    other_names: list[str] | None = None
    country: str | None = None
    qualification: QualificationName | None = None
    fields: list[str] | None = None
    city: str | None = None
    hometown_province: NamedCode | None = None
    residency_status: str | None = None
    employer: str | None = None
    languages: list[str] | None = None
    bio: str | None = None
    memberships: list[MembershipOut] | None = None
    birth_year: int | None = None
    sex: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    consents: dict[str, bool] | None = None


class OwnProfileOut(PersonOut):
    visibility: dict[GroupName, VisibilityName]


class PeopleOut(Schema):
    count: int
    page: int
    pages: int
    results: list[PersonOut]


class OrganisationOut(Schema):
    id: int
    name: str
    name_en: str
    kind: str
    country: str
    city: str = ""
    province: NamedCode | None = None
    parent_id: int | None = None
    chapter_count: int = 0
    website: str = ""


class OrganisationsOut(Schema):
    count: int
    page: int
    pages: int
    results: list[OrganisationOut]


class ProfileIn(Schema):
    """Changes to one's own profile. Only the attributes sent are changed; creating a profile
    (first call) needs ``full_name``."""

    model_config = ConfigDict(extra="forbid")

    full_name: str | None = Field(None, min_length=1, max_length=200)
    other_names: str | None = Field(None, max_length=300)
    country: str | None = Field(None, max_length=2)
    qualification: QualificationName | None = None
    fields: list[str] | None = Field(None, max_length=30)
    city: str | None = Field(None, max_length=120)
    hometown_province: int | str | None = None
    residency_status: ResidencyName | None = None
    employer: str | None = Field(None, max_length=200)
    languages: list[str] | None = Field(None, max_length=20)
    bio: str | None = Field(None, max_length=2000)
    birth_year: int | None = Field(None, ge=1900, le=2100)
    sex: SexName | None = None
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    website: str | None = Field(None, max_length=200)
    visibility: dict[GroupName, VisibilityName] | None = None
    consents: dict[PurposeName, bool] | None = None


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[ErrorItem] | None = None

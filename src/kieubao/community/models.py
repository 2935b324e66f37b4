"""The community registry: people, organisations, memberships, officials, consent, taxonomy.

Writes go through ``services``; reads of personal data go through ``selectors``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from kieubao.core.provinces import province_by_code, province_choices


class Visibility(models.IntegerChoices):
    """Who may see a group of a person's fields. Ordered: a viewer at level L sees every group
    whose visibility is <= L. Only the person and platform admins reach PRIVATE."""

    PUBLIC = 0, _("Everyone")
    MEMBERS = 1, _("Signed-in members")
    OFFICIALS = 2, _("Officials responsible for me")
    PRIVATE = 3, _("Only me")


class FieldGroup(models.TextChoices):
    PROFILE = "profile", _("Name, country, expertise and qualification")
    LOCATION = "location", _("City, hometown province and residency status")
    WORK = "work", _("Employer, languages, biography and organisations")
    PERSONAL = "personal", _("Year of birth and sex")
    CONTACT = "contact", _("Email, phone and website")


# Which attributes belong to which field group (the API and the templates project through this).
FIELD_GROUP_MEMBERS: dict[str, tuple[str, ...]] = {
    FieldGroup.PROFILE: ("full_name", "other_names", "country", "fields", "qualification"),
    FieldGroup.LOCATION: ("city", "hometown_province", "residency_status"),
    FieldGroup.WORK: ("employer", "languages", "bio", "memberships"),
    FieldGroup.PERSONAL: ("birth_year", "sex"),
    FieldGroup.CONTACT: ("email", "phone", "website"),
}

DEFAULT_VISIBILITY: dict[str, int] = {
    FieldGroup.PROFILE: Visibility.MEMBERS,
    FieldGroup.LOCATION: Visibility.MEMBERS,
    FieldGroup.WORK: Visibility.MEMBERS,
    FieldGroup.PERSONAL: Visibility.OFFICIALS,
    FieldGroup.CONTACT: Visibility.PRIVATE,
}


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNSPECIFIED = "", _("Prefer not to say")


class ResidencyStatus(models.TextChoices):
    PERMANENT = "permanent", _("Permanent resident")
    TEMPORARY = "temporary", _("Temporary resident")
    STUDENT = "student", _("Student")
    LABOUR = "labour", _("Contract worker")


class Qualification(models.TextChoices):
    PHD = "phd", _("PhD")
    MASTER = "master", _("Master's degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    COLLEGE = "college", _("College diploma")
    OTHER = "other", _("Other")


class ConsentPurpose(models.TextChoices):
    DIRECTORY = "directory", _("List me in the community directory")
    CONTACT = "contact", _("Officials may contact me")
    STATISTICS = "statistics", _("Include me in anonymous statistics")


class PersonSource(models.TextChoices):
    SELF = "self", _("Registered themselves")
    IMPORT = "import", _("Imported from a survey")
    DEMO = "demo", _("Demo data")


class ExpertiseField(models.Model):
    """An entry of the bilingual taxonomy of fields of expertise."""

    slug = models.SlugField(unique=True, max_length=60)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "slug")
        verbose_name = _("field of expertise")
        verbose_name_plural = _("fields of expertise")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        language = language or get_language() or "vi"
        return self.name_en if language.startswith("en") else self.name_vi


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Overseas Vietnamese association")
    INNOVATION_NETWORK = "innovation_network", _("Innovation network")
    PROFESSIONAL = "professional", _("Professional organisation")
    BUSINESS = "business", _("Business")
    UNIVERSITY = "university", _("University")
    MINISTRY = "ministry", _("Ministry or agency")
    PROVINCE = "province", _("Province")
    MISSION = "mission", _("Diplomatic mission")


# Bodies whose officials act for the State, each over a scope.
HOMELAND_BODY_KINDS = (
    OrganisationKind.MINISTRY,
    OrganisationKind.PROVINCE,
    OrganisationKind.MISSION,
)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("English name"), max_length=255, blank=True)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    province_code = models.PositiveSmallIntegerField(
        _("province"), null=True, blank=True, choices=province_choices("vi")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chapters",
        verbose_name=_("parent organisation"),
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    fields = models.ManyToManyField(ExpertiseField, blank=True, verbose_name=_("fields"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name_folded",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="province") | models.Q(province_code__isnull=False),
                name="province_body_has_province",
            )
        ]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        language = language or get_language() or "vi"
        return self.name_en if language.startswith("en") and self.name_en else self.name

    @property
    def province(self):
        return province_by_code(self.province_code)


class Person(models.Model):
    """An overseas Vietnamese person. May have an account (``user``) or be a statistical record
    from a provincial survey (no account, no contact data)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    source = models.CharField(max_length=16, choices=PersonSource.choices, default="self")
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)

    # Profile group
    full_name = models.CharField(_("full name"), max_length=200)
    full_name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    other_names = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_("Names used abroad or before marriage, separated by semicolons."),
    )
    country = CountryField(_("country of residence"), blank=True, db_index=True)
    qualification = models.CharField(
        _("highest qualification"),
        max_length=16,
        choices=Qualification.choices,
        default=Qualification.OTHER,
    )
    fields = models.ManyToManyField(
        ExpertiseField, blank=True, related_name="people", verbose_name=_("fields of expertise")
    )
    # Location group
    city = models.CharField(_("city of residence"), max_length=120, blank=True)
    hometown_province = models.PositiveSmallIntegerField(
        _("hometown province"),
        null=True,
        blank=True,
        db_index=True,
        choices=province_choices("vi"),
    )
    residency_status = models.CharField(
        _("residency status"), max_length=16, choices=ResidencyStatus.choices, blank=True
    )
    # Work group
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    bio = models.TextField(_("short biography"), max_length=2000, blank=True)
    # Personal group
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    # Contact group
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    # Visibility of each field group (see Visibility / FieldGroup).
    vis_profile = models.PositiveSmallIntegerField(
        choices=Visibility.choices, default=DEFAULT_VISIBILITY[FieldGroup.PROFILE]
    )
    vis_location = models.PositiveSmallIntegerField(
        choices=Visibility.choices, default=DEFAULT_VISIBILITY[FieldGroup.LOCATION]
    )
    vis_work = models.PositiveSmallIntegerField(
        choices=Visibility.choices, default=DEFAULT_VISIBILITY[FieldGroup.WORK]
    )
    vis_personal = models.PositiveSmallIntegerField(
        choices=Visibility.choices, default=DEFAULT_VISIBILITY[FieldGroup.PERSONAL]
    )
    vis_contact = models.PositiveSmallIntegerField(
        choices=Visibility.choices, default=DEFAULT_VISIBILITY[FieldGroup.CONTACT]
    )

    # Current state of consent. ConsentRecord keeps the history (who agreed to which text, when);
    # these flags mirror its latest entry per purpose so that search and listing filter on a
    # column instead of a subquery over millions of records.
    # Indexed as the first column of Meta.indexes' (consent_directory, country).
    consent_directory = models.BooleanField(default=False)
    consent_contact = models.BooleanField(default=False)
    consent_statistics = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["consent_directory", "country"])]

    def __str__(self) -> str:
        return self.full_name

    def visibility_of(self, group: str) -> int:
        return getattr(self, f"vis_{group}")

    @property
    def hometown(self):
        return province_by_code(self.hometown_province)

    @property
    def other_names_list(self) -> list[str]:
        return [n.strip() for n in self.other_names.split(";") if n.strip()]


class ConsentRecord(models.Model):
    """Append-only history of consent: every grant and withdrawal, with the text version."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=16, choices=ConsentPurpose.choices)
    granted = models.BooleanField()
    text_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Newest first. Ids grow with time, so the primary key orders them without an index
        # on created_at (millions of rows; read per person through the person_id index).
        ordering = ("-id",)
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.person_id} {self.purpose} {self.granted}"


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    ADMIN = "admin", _("Organisation admin")


class Membership(models.Model):
    # No index of its own: the unique (person, organisation) constraint's index leads with it.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", db_index=False
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"], name="one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.organisation_id}"


class Official(models.Model):
    """A user who acts for one homeland body (ministry, province or diplomatic mission) and
    sees personal data only within that body's scope."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official"
    )
    body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="officials",
        limit_choices_to={"kind__in": HOMELAND_BODY_KINDS},
        verbose_name=_("body"),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return f"{self.user} ({self.body})"


class StatisticalRemnant(models.Model):
    """What is left of erased people who had consented to be counted in statistics: an
    anonymous count per combination, with nothing that identifies anyone."""

    country = models.CharField(max_length=2, blank=True)
    hometown_province = models.PositiveSmallIntegerField(default=0)  # 0: not given
    qualification = models.CharField(max_length=16, blank=True)
    residency_status = models.CharField(max_length=16, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("anonymous statistical count")
        verbose_name_plural = _("anonymous statistical counts")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "hometown_province", "qualification", "residency_status"],
                name="one_remnant_per_combination",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country}/{self.hometown_province}/{self.qualification}: {self.count}"

"""The knowledge network: needs posted by homeland bodies, expert profiles of overseas
Vietnamese, invitations and the engagements they become, up to a recorded outcome.

Who owns what: a need belongs to one *owner body* (an Organisation: a ministry, a province, a
diplomatic mission, a university or a business). Officials of that body (homeland bodies) and
its organisation admins (universities, businesses) manage the need. An expert profile belongs
to its person; only people who consented to be contacted (ConsentPurpose.CONTACT, the
registry's consent) are ever recommended or invited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kieubao.community.models import ExpertiseField, Organisation, Person


class EngagementKind(models.TextChoices):
    ADVICE = "advice", _("Advice")
    REVIEW = "review", _("Review")
    TRAINING = "training", _("Lecture or training")
    RESEARCH = "research", _("Joint research")
    TRANSFER = "transfer", _("Technology transfer")
    INVESTMENT = "investment", _("Investment")
    POLICY = "policy", _("Policy advice")


class WorkMode(models.TextChoices):
    REMOTE = "remote", _("Remote")
    ON_SITE = "on_site", _("On site")
    EITHER = "either", _("Remote or on site")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    LIMITED = "limited", _("Limited availability")
    UNAVAILABLE = "unavailable", _("Not available at the moment")


class ExpertProfile(models.Model):
    """What an expert adds to their registry profile. Shown to the owners of needs only when
    the person consented to be contacted; the person's registry visibility still governs the
    registry fields (name aside, which a recommendation needs)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="expert")
    position = models.CharField(_("current position"), max_length=200, blank=True)
    keywords = models.CharField(
        _("expertise keywords"),
        max_length=1000,
        blank=True,
        help_text=_("Separated by commas, in Vietnamese or English."),
    )
    summary = models.TextField(_("expertise summary"), max_length=3000, blank=True)
    availability = models.CharField(
        _("availability"),
        max_length=16,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
    )
    engagement_kinds = models.JSONField(
        _("preferred kinds of engagement"), default=list, blank=True
    )
    work_modes = models.JSONField(_("ways of working"), default=list, blank=True)
    max_load = models.PositiveSmallIntegerField(
        _("at most this many engagements at once"), default=2
    )
    employers = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="employed_experts",
        verbose_name=_("employed by (conflicts of interest)"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self) -> str:
        return f"expert {self.person_id}"

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]


class WorkKind(models.TextChoices):
    PUBLICATION = "publication", _("Publication")
    PATENT = "patent", _("Patent")


class Work(models.Model):
    """A publication or a patent of an expert."""

    profile = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="works")
    kind = models.CharField(
        _("kind"), max_length=16, choices=WorkKind.choices, default=WorkKind.PUBLICATION
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    link = models.URLField(_("link"), blank=True)

    class Meta:
        # Undated works last on both engines (PostgreSQL sorts NULL first when descending).
        ordering = (models.F("year").desc(nulls_last=True), "id")
        verbose_name = _("publication or patent")
        verbose_name_plural = _("publications and patents")

    def __str__(self) -> str:
        return self.title


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Need(models.Model):
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="needs", verbose_name=_("owner body")
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000, blank=True)
    language = models.CharField(_("language"), max_length=2, default="vi")
    # fold(title + description): tone-less search of needs (kept by services.py).
    text_folded = models.TextField(editable=False, blank=True)
    fields = models.ManyToManyField(ExpertiseField, blank=True, verbose_name=_("fields"))
    kind = models.CharField(_("kind of engagement"), max_length=16, choices=EngagementKind.choices)
    mode = models.CharField(
        _("remote or on site"), max_length=16, choices=WorkMode.choices, default=WorkMode.EITHER
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    deadline = models.DateField(_("answer by"), null=True, blank=True)
    experts_wanted = models.PositiveSmallIntegerField(_("experts wanted"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.DRAFT
    )
    closed_reason = models.CharField(_("reason for closing"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Drafts (never published) after published needs on both engines.
        ordering = (models.F("published_at").desc(nulls_last=True), "-id")
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(experts_wanted__gte=1), name="need_wants_an_expert"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Invitation(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="invitations")
    expert = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    message = models.TextField(_("message"), max_length=3000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    decline_reason = models.CharField(_("reason"), max_length=1000, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["need", "expert"], name="one_invitation_per_expert")
        ]

    def __str__(self) -> str:
        return f"{self.need_id} → {self.expert_id}"


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", _("Under way")
    ENDED = "ended", _("Ended")


class Outcome(models.TextChoices):
    ADVICE_DELIVERED = "advice_delivered", _("Advice delivered")
    TRAINING_HELD = "training_held", _("Training held")
    PROJECT_STARTED = "project_started", _("Project started")
    INVESTMENT_MADE = "investment_made", _("Investment made")
    NOTHING = "nothing", _("Nothing came of it")


class Engagement(models.Model):
    """An accepted invitation: the work between an expert and the owner body."""

    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="engagement"
    )
    # Denormalised from the invitation for the networks' dashboards and the load counts.
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="engagements")
    expert = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="engagements")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EngagementStatus.choices,
        default=EngagementStatus.ACTIVE,
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("what came of it"), max_length=5000, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-started_at", "-id")
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="active") | ~models.Q(outcome=""),
                name="ended_engagement_has_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"engagement {self.pk}"


class Milestone(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ("due_on", "id")
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class EngagementDocument(models.Model):
    """A file shared in an engagement; stored through kieubao.core.uploads."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    stored_name = models.CharField(max_length=100)
    file_kind = models.CharField(max_length=16)  # kieubao.core.uploads kind: pdf, png, xlsx …
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-uploaded_at", "-id")
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

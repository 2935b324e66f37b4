"""Proposals: ideas of overseas Vietnamese, routed to a homeland body and tracked in public
until they become a concrete solution or are answered with a reason.

A proposal is written by a member (a registry Person). It may be addressed to a body (a
ministry, a province, a mission) or left to the platform to route. Platform admins screen it and
assign it to a body; the officials of that body review it, accept or decline it (always with a
reason), implement it, and link what came of it (an engagement of the knowledge network, a
policy, a project) with its progress. Every change is a public ``TimelineEntry`` naming the body
that acted, not the official (unless they choose to sign). A proposer may be anonymous to the
public; the assigned body and the platform admins always see who it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kieubao.community.models import ExpertiseField, Organisation, Person


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Being screened")
    ASSIGNED = "assigned", _("Assigned to an agency")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", pgettext_lazy("proposal status", "Accepted")
    DECLINED = "declined", pgettext_lazy("proposal status", "Declined")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    IMPLEMENTED = "implemented", _("Implemented")
    MERGED = "merged", _("Merged into another proposal")


# Statuses in which the assigned body has answered (first answer: leaving ASSIGNED).
ANSWERED = (
    Status.UNDER_REVIEW,
    Status.ACCEPTED,
    Status.DECLINED,
    Status.IN_IMPLEMENTATION,
    Status.IMPLEMENTED,
)
# Statuses with nothing left to do.
FINAL = (Status.DECLINED, Status.IMPLEMENTED, Status.MERGED)
OVERDUE_DAYS = 30


class Proposal(models.Model):
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="proposals")
    anonymous = models.BooleanField(
        _("anonymous to the public"),
        default=False,
        help_text=_("The agency handling it and the platform admins always know who you are."),
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    body = models.TextField(_("proposal"), max_length=50_000)  # sanitised HTML (core.richtext)
    language = models.CharField(_("language"), max_length=2, default="vi")
    fields = models.ManyToManyField(ExpertiseField, blank=True, verbose_name=_("fields"))
    addressed_to = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("addressed to"),
        help_text=_("Leave empty to let the platform route it."),
    )
    assigned_body = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_proposals",
        verbose_name=_("assigned to"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    # fold(title + text of the body): similar-proposal suggestions and search.
    text_folded = models.TextField(editable=False, blank=True)
    title_folded = models.CharField(max_length=200, editable=False, blank=True)
    endorsement_count = models.PositiveIntegerField(default=0, editable=False)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    first_answer_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["assigned_body", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="merged_proposal_names_its_target",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="proposal_not_merged_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    """A PDF or an image attached to a proposal (kieubao.core.uploads: checked by content)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    stored_name = models.CharField(max_length=100)
    file_kind = models.CharField(max_length=16)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("uploaded_at", "id")
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Endorsement(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="endorsements")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="endorsements")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="one_endorsement_each")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} endorses {self.proposal_id}"


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=5000)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"comment {self.pk}"


class AbuseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("abuse report", "Open")
    HIDDEN = "hidden", _("Content hidden")
    DISMISSED = "dismissed", _("Dismissed")


class AbuseReport(models.Model):
    """A member reports a proposal or a comment; moderators (platform admins) decide."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="abuse_reports")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="abuse_reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("what is wrong"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=AbuseStatus.choices, default=AbuseStatus.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")

    def __str__(self) -> str:
        return f"abuse report {self.pk}"


class EntryKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    ANSWER = "answer", _("Public answer")
    OUTCOME = "outcome", _("Outcome")
    MERGED = "merged", _("Merged")


class TimelineEntry(models.Model):
    """One public step of a proposal: who (the body; the official's name only if they chose to
    sign), when, what changed and the public text (an answer, the reason of a decline)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    body = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_platform = models.BooleanField(default=False)  # platform admins (screening, moderation)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # never shown to the public
    signed_name = models.CharField(max_length=200, blank=True)  # the official chose to sign
    text = models.TextField(max_length=10_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.kind}"


class OutcomeKind(models.TextChoices):
    ENGAGEMENT = "engagement", _("Engagement of the knowledge network")
    POLICY = "policy", _("Policy")
    PROJECT = "project", _("Project")
    OTHER = "other", _("Other")


class Outcome(models.Model):
    """What came of an accepted proposal, with its progress."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=16, choices=OutcomeKind.choices)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    link = models.URLField(_("link"), blank=True)
    engagement = models.ForeignKey(
        "knowledge.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("engagement"),
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="progress_is_a_percentage"
            )
        ]

    def __str__(self) -> str:
        return self.title

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    ACCESS_REFUSED = "access_refused", _("Access refused")
    PERSON_READ = "person_read", _("Viewed non-public personal data")
    EXPORT = "export", _("Exported data")
    IMPORT = "import", _("Imported data")
    ROLE_CHANGE = "role_change", _("Changed a role")
    CONSENT_CHANGE = "consent_change", _("Changed consent")
    MFA_CHANGE = "mfa_change", _("Changed two-factor authentication")
    ERASURE = "erasure", _("Erased an account")
    TRUST_DECISION = "trust_decision", _("Verified, revoked or judged a company")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what, when (UTC) and from where. Append-only: the application cannot change or
    delete rows (the ORM refuses, and database triggers refuse too). Holds ids and labels, never
    field values or secrets."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,  # entries outlive accounts; the id stays as a pseudonym
        related_name="+",
    )
    # The body an official acted for, so a person sees "Hải Phòng" rather than a colleague's name.
    actor_body_id = models.BigIntegerField(null=True, blank=True)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")

"""Events: programmes such as Homeland Spring and investment conferences, from registration to
check-in, with scheduled one-to-one B2B meetings and what came of them.

- A ``Programme`` (Homeland Spring 2026, 6–9 February, Hà Nội and Ninh Bình) holds ``Event``s;
  an event has ``Session``s (its agenda), a venue and a province, a time (stored in UTC, shown
  in Vietnam time and the viewer's), a capacity, and is open or by invitation. Its *host* is the
  organisation that runs it: its officials (a homeland body) or admins (an association) are the
  organisers, together with the ``EventStaff`` they add for check-in.
- A ``Registration`` is one seat: a member registers themself, and as the leader of a
  delegation also the people they bring (guests need no account). Seats beyond the capacity go
  to the waiting list, promoted in order when a seat frees up. ``Question``s are the event's
  custom questions (registration) and its feedback survey (phase feedback).
- Each registration has a ticket with a secret code (its QR code); check-in marks it used once.
- B2B: a confirmed participant publishes a ``MeetingProfile`` (what they offer and seek, their
  languages, the slots they are not available); they send ``MeetingRequest``s that the other
  side accepts or declines. Organisers set ``Slot``s, a number of tables and ``Interpreter``s;
  the scheduler (scheduler.py) turns accepted requests into ``Meeting``s (slot, table,
  interpreter), keeping the ones organisers pinned. A meeting's ``MeetingOutcome`` (MoU, deal,
  investment project, nothing) is credited to the event and its province.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kieubao.community.models import Organisation, Person


def _pick(vi: str, en: str, language: str | None) -> str:
    language = language or get_language() or "vi"
    return en if language.startswith("en") and en else vi


class Programme(models.Model):
    title = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (Vietnamese)"), blank=True, max_length=5000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=5000)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("organised by"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-starts_on", "pk")
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self.title, self.title_en, language)

    def text(self, language: str | None = None) -> str:
        return _pick(self.description, self.description_en, language)


class Access(models.TextChoices):
    OPEN = "open", _("Open to members")
    INVITATION = "invitation", _("By invitation")


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "Draft")
    PUBLISHED = "published", pgettext_lazy("event status", "Published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


class Event(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("programme"),
    )
    host = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="events", verbose_name=_("host")
    )
    title = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda (Vietnamese)"), blank=True, max_length=20000)
    agenda_en = models.TextField(_("agenda (English)"), blank=True, max_length=20000)
    venue = models.CharField(_("venue"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    # The province that hosts it (the 34 after the 2025 merger), credited with its outcomes;
    # empty for an event abroad.
    province_code = models.PositiveSmallIntegerField(_("province"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, default="VN")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    access = models.CharField(
        _("access"), max_length=12, choices=Access.choices, default=Access.OPEN
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    # B2B meetings: participants publish profiles and request meetings; organisers set slots,
    # a number of tables and interpreters, and run the scheduler.
    b2b_enabled = models.BooleanField(_("B2B meetings"), default=False)
    table_count = models.PositiveIntegerField(_("tables for meetings"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("starts_at", "pk")
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self.title, self.title_en, language)

    def agenda_text(self, language: str | None = None) -> str:
        return _pick(self.agenda, self.agenda_en, language)

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED


class Session(models.Model):
    """One item of an event's agenda."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (Vietnamese)"), blank=True, max_length=5000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=5000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("room or venue"), max_length=200, blank=True)

    class Meta:
        ordering = ("starts_at", "pk")
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.name()

    def name(self, language: str | None = None) -> str:
        return _pick(self.title, self.title_en, language)

    def text(self, language: str | None = None) -> str:
        return _pick(self.description, self.description_en, language)


class EventStaff(models.Model):
    """Someone the organisers let check tickets in (a volunteer at the door)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_staff"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("event", "user"), name="event_staff_once")]

    def __str__(self) -> str:
        return str(self.user)


class Phase(models.TextChoices):
    REGISTRATION = "registration", _("Registration form")
    FEEDBACK = "feedback", _("Feedback survey")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    YESNO = "yesno", _("Yes or no")
    CHOICE = "choice", _("One of a list")
    DATE = "date", pgettext_lazy("question kind", "Date")
    RATING = "rating", _("Rating from 1 to 5")


class Question(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    phase = models.CharField(max_length=12, choices=Phase.choices, default=Phase.REGISTRATION)
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices)
    label = models.CharField(_("question (Vietnamese)"), max_length=300)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    # For kind CHOICE: [{"value": "veg", "vi": "Chay", "en": "Vegetarian"}, ...]
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("phase", "position", "pk")
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        return _pick(self.label, self.label_en, language)

    def choice_pairs(self, language: str | None = None) -> list[tuple[str, str]]:
        return [
            (c["value"], _pick(c.get("vi", ""), c.get("en", ""), language)) for c in self.choices
        ]


class Invitation(models.Model):
    """A single-use link to register for an event by invitation. Only the token's hash is kept;
    the link is in the email."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return self.email


class RegStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


ACTIVE = (RegStatus.CONFIRMED, RegStatus.WAITLISTED)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    # The member's registry profile; empty for a guest brought by a delegation's leader.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations"
    )
    # A delegation's members point to its leader's registration.
    leader = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="delegates"
    )
    delegation_name = models.CharField(_("delegation"), max_length=200, blank=True)
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    status = models.CharField(max_length=12, choices=RegStatus.choices, db_index=True)
    # {str(question id): value}
    answers = models.JSONField(default=dict, blank=True)
    # The ticket: a secret code, shown as a QR code; check-in uses it once.
    ticket_code = models.CharField(max_length=32, unique=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When it joined the queue it is in (the waiting list is first come, first served).
    queued_at = models.DateTimeField(db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("queued_at", "pk")
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # A person holds at most one active registration for an event.
            models.UniqueConstraint(
                fields=("event", "person"),
                condition=Q(person__isnull=False) & ~Q(status="cancelled"),
                name="registration_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class Slot(models.Model):
    """A time slot for B2B meetings."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ("starts_at", "pk")
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")

    def __str__(self) -> str:
        from django.utils import timezone

        return timezone.localtime(self.starts_at).strftime("%d/%m %H:%M")


class MeetingProfile(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="meeting_profile"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_profiles")
    offer = models.TextField(_("what I offer"), max_length=2000, blank=True)
    seek = models.TextField(_("what I seek"), max_length=2000, blank=True)
    sectors = models.CharField(_("sectors"), max_length=300, blank=True)
    # ISO 639-1 codes.
    languages = models.JSONField(_("languages I speak"), default=list)
    unavailable = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("slots I am not available")
    )
    published = models.BooleanField(_("shown to the other participants"), default=True)
    folded = models.TextField(editable=False, blank=True)  # for search: name, offer, seek, sectors
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("registration__full_name", "pk")
        verbose_name = _("meeting profile")
        verbose_name_plural = _("meeting profiles")

    def __str__(self) -> str:
        return self.registration.full_name


class Interpreter(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="interpreters")
    name = models.CharField(_("name"), max_length=200)
    languages = models.JSONField(_("languages"), default=list)
    unavailable = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("slots not available")
    )

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def __str__(self) -> str:
        return self.name


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("meeting request", "Accepted")
    DECLINED = "declined", pgettext_lazy("meeting request", "Declined")
    CANCELLED = "cancelled", pgettext_lazy("meeting request", "Cancelled")


class MeetingRequest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        MeetingProfile, on_delete=models.CASCADE, related_name="requests_sent"
    )
    recipient = models.ForeignKey(
        MeetingProfile, on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        max_length=12, choices=RequestStatus.choices, default=RequestStatus.PENDING, db_index=True
    )
    # Interest: each side marks it high or not; both having asked each other is mutual interest.
    requester_priority = models.BooleanField(_("high interest"), default=False)
    recipient_priority = models.BooleanField(_("high interest"), default=False)
    mutual = models.BooleanField(default=False)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=models.F("recipient")), name="meeting_not_with_oneself"
            ),
            models.UniqueConstraint(
                fields=("requester", "recipient"),
                condition=Q(status__in=("pending", "accepted")),
                name="meeting_request_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.recipient_id}"

    @property
    def weight(self) -> int:
        """What holding this meeting is worth to the scheduler: mutual interest counts most."""
        if self.mutual:
            return 4
        return 1 + int(self.requester_priority) + int(self.recipient_priority)


class Meeting(models.Model):
    """An accepted request placed in a slot at a table (with an interpreter if needed)."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="meetings")
    table = models.PositiveIntegerField(_("table"))
    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    # Placed or moved by hand: a re-run of the scheduler keeps it where it is.
    pinned = models.BooleanField(_("pinned"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("slot__starts_at", "table", "pk")
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=("slot", "table"), name="meeting_table_once_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} @ {self.slot} #{self.table}"


class ScheduleRun(models.Model):
    """One run of the scheduler, kept so organisers see what it did."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requests = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    pinned = models.PositiveIntegerField(default=0)
    weight = models.PositiveIntegerField(default=0)
    weight_possible = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.placed}/{self.requests}"


class OutcomeKind(models.TextChoices):
    MOU = "mou", _("MoU signed")
    DEAL = "deal", _("Deal")
    INVESTMENT = "investment", _("Investment project")
    NOTHING = "nothing", _("Nothing came of it")


class MeetingOutcome(models.Model):
    """What came of a meeting, credited to the event and the province that hosted it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=12, choices=OutcomeKind.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    value_usd = models.DecimalField(
        _("value (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-recorded_at", "-pk")
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")

    def __str__(self) -> str:
        return self.get_kind_display()


class Feedback(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(_("overall rating"))
    answers = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), max_length=3000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.rating}"

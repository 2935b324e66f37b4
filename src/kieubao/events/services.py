"""Writes of events. Views, the API, the demo and commands all call these, so every door
validates, keeps the waiting list in order and notifies the same way. Errors are
ValidationErrors with translated messages keyed by field. Permission is the caller's business
(rules.py); what the event allows (deadline, capacity, invitation, one registration per person,
meetings within the event) is checked here.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kieubao.community.models import Organisation, Person
from kieubao.core.cleaning import choice, day, decimal, integer, moment, province, raise_if, text
from kieubao.core.languages import LANGUAGES
from kieubao.core.text import fold

from . import notifications, scheduler
from .models import (
    ACTIVE,
    Access,
    Event,
    EventStaff,
    EventStatus,
    Feedback,
    Interpreter,
    Invitation,
    Meeting,
    MeetingOutcome,
    MeetingProfile,
    MeetingRequest,
    OutcomeKind,
    Phase,
    Programme,
    Question,
    QuestionKind,
    Registration,
    RegStatus,
    RequestStatus,
    ScheduleRun,
    Session,
    Slot,
)

INVITATION_DAYS = 60
MAX_DELEGATES = 30
MAX_INVITATIONS = 500


def _org(value: Organisation | int | None, *, field: str, errors: dict) -> Organisation | None:
    if isinstance(value, Organisation):
        return value
    try:
        found = Organisation.objects.filter(pk=int(value)).first() if value else None
    except (TypeError, ValueError):
        found = None
    if found is None:
        errors[field] = [_("Choose an organisation from the list.")]
    return found


def _languages(values: Iterable[str] | None, *, field: str, errors: dict) -> list[str]:
    result: list[str] = []
    for value in values or []:
        code = str(value).strip().lower()
        if code not in LANGUAGES:
            errors[field] = [_("“%(value)s” is not a language we know.") % {"value": value}]
            return []
        if code not in result:
            result.append(code)
    return result


def _slots(event: Event, ids: Iterable, *, field: str, errors: dict) -> list[Slot]:
    try:
        wanted = {int(i) for i in ids or []}
    except (TypeError, ValueError):
        errors[field] = [_("Choose slots of this event.")]
        return []
    found = list(Slot.objects.filter(event=event, pk__in=wanted))
    if len(found) != len(wanted):
        errors[field] = [_("Choose slots of this event.")]
    return found


# --- programmes and events ---------------------------------------------------------------------
def _clean_programme(values: dict, errors: dict) -> dict:
    out = {
        "title": text(values.get("title"), field="title", errors=errors, max_length=200),
        "title_en": text(values.get("title_en"), field="title_en", errors=errors, max_length=200),
        "description": text(
            values.get("description"), field="description", errors=errors, max_length=5000
        ),
        "description_en": text(
            values.get("description_en"), field="description_en", errors=errors, max_length=5000
        ),
        "starts_on": day(values.get("starts_on"), field="starts_on", errors=errors),
        "ends_on": day(values.get("ends_on"), field="ends_on", errors=errors),
    }
    if not out["title"] and "title" not in errors:
        errors["title"] = [_("This field is required.")]
    if out["starts_on"] and out["ends_on"] and out["ends_on"] < out["starts_on"]:
        errors["ends_on"] = [_("The last day cannot be before the first day.")]
    return out


@transaction.atomic
def programme_create(*, owner: Organisation | int, user=None, **values: Any) -> Programme:
    errors: dict = {}
    body = _org(owner, field="owner", errors=errors)
    cleaned = _clean_programme(values, errors)
    raise_if(errors)
    return Programme.objects.create(owner=body, **cleaned)


@transaction.atomic
def programme_update(programme: Programme, *, user=None, **values: Any) -> Programme:
    errors: dict = {}
    merged = {f: getattr(programme, f) for f in _PROGRAMME_FIELDS} | values
    cleaned = _clean_programme(merged, errors)
    raise_if(errors)
    for name, value in cleaned.items():
        setattr(programme, name, value)
    programme.save()
    return programme


_PROGRAMME_FIELDS = ("title", "title_en", "description", "description_en", "starts_on", "ends_on")
EVENT_FIELDS = (
    "title",
    "title_en",
    "agenda",
    "agenda_en",
    "venue",
    "address",
    "city",
    "province_code",
    "country",
    "starts_at",
    "ends_at",
    "capacity",
    "access",
    "registration_deadline",
    "b2b_enabled",
    "table_count",
    "programme",
)


def _clean_event(values: dict, errors: dict) -> dict:
    def _t(name: str, n: int) -> str:
        return text(values.get(name), field=name, errors=errors, max_length=n)

    out: dict[str, Any] = {
        "title": _t("title", 200),
        "title_en": _t("title_en", 200),
        "agenda": _t("agenda", 20000),
        "agenda_en": _t("agenda_en", 20000),
        "venue": _t("venue", 200),
        "address": _t("address", 300),
        "city": _t("city", 120),
    }
    for name in ("title", "venue"):
        if not out[name] and name not in errors:
            errors[name] = [_("This field is required.")]
    country = str(values.get("country") or "VN").strip().upper()
    out["country"] = country
    out["province_code"] = province(
        values.get("province_code"), field="province_code", errors=errors, required=False
    )
    if country == "VN" and out["province_code"] is None and "province_code" not in errors:
        errors["province_code"] = [_("Choose the province that hosts the event.")]
    out["starts_at"] = moment(values.get("starts_at"), field="starts_at", errors=errors)
    out["ends_at"] = moment(values.get("ends_at"), field="ends_at", errors=errors)
    if out["starts_at"] and out["ends_at"] and out["ends_at"] <= out["starts_at"]:
        errors["ends_at"] = [_("The end must be after the start.")]
    out["registration_deadline"] = moment(
        values.get("registration_deadline"),
        field="registration_deadline",
        errors=errors,
        required=False,
    )
    deadline = out["registration_deadline"]
    if deadline and out["ends_at"] and deadline > out["ends_at"]:
        errors["registration_deadline"] = [_("The deadline cannot be after the event ends.")]
    out["capacity"] = integer(
        values.get("capacity"), field="capacity", errors=errors, minimum=1, maximum=1_000_000
    )
    out["access"] = choice(
        values.get("access"), Access, field="access", errors=errors, default="open"
    )
    out["b2b_enabled"] = bool(values.get("b2b_enabled"))
    out["table_count"] = (
        integer(values.get("table_count"), field="table_count", errors=errors, maximum=10_000) or 0
    )
    programme = values.get("programme")
    if programme not in (None, "") and not isinstance(programme, Programme):
        try:
            programme = Programme.objects.filter(pk=int(programme)).first()
        except (TypeError, ValueError):
            programme = None
        if programme is None:
            errors["programme"] = [_("Choose a programme from the list.")]
    out["programme"] = programme or None
    return out


@transaction.atomic
def event_create(*, host: Organisation | int, user=None, **values: Any) -> Event:
    errors: dict = {}
    body = _org(host, field="host", errors=errors)
    cleaned = _clean_event(values, errors)
    raise_if(errors)
    return Event.objects.create(host=body, created_by=user, **cleaned)


@transaction.atomic
def event_update(event: Event, *, user=None, **values: Any) -> Event:
    errors: dict = {}
    event = Event.objects.select_for_update().get(pk=event.pk)
    merged = {f: getattr(event, f) for f in EVENT_FIELDS} | values
    cleaned = _clean_event(merged, errors)
    raise_if(errors)
    for name, value in cleaned.items():
        setattr(event, name, value)
    event.save()
    promote_waitlist(event)  # a larger capacity seats people from the waiting list
    return event


@transaction.atomic
def event_publish(event: Event, *, user=None) -> Event:
    if event.status == EventStatus.CANCELLED:
        raise ValidationError({"status": [_("A cancelled event cannot be published again.")]})
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def event_cancel(event: Event, *, user=None, reason: str = "") -> Event:
    errors: dict = {}
    reason = text(reason, field="reason", errors=errors, max_length=1000)
    if not reason and "reason" not in errors:
        errors["reason"] = [_("Say why the event is cancelled: the participants are told.")]
    raise_if(errors)
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    notifications.event_cancelled(event, reason)
    return event


@transaction.atomic
def session_add(event: Event, *, user=None, **values: Any) -> Session:
    errors: dict = {}
    title = text(values.get("title"), field="title", errors=errors, max_length=200)
    if not title and "title" not in errors:
        errors["title"] = [_("This field is required.")]
    starts = moment(values.get("starts_at"), field="starts_at", errors=errors)
    ends = moment(values.get("ends_at"), field="ends_at", errors=errors)
    if starts and ends and ends <= starts:
        errors["ends_at"] = [_("The end must be after the start.")]
    cleaned = {
        name: text(values.get(name), field=name, errors=errors, max_length=n)
        for name, n in (("title_en", 200), ("description", 5000), ("description_en", 5000))
    }
    venue = text(values.get("venue"), field="venue", errors=errors, max_length=200)
    raise_if(errors)
    return Session.objects.create(
        event=event, title=title, starts_at=starts, ends_at=ends, venue=venue, **cleaned
    )


def session_remove(session: Session, *, user=None) -> None:
    session.delete()


def staff_add(event: Event, *, email: str, user=None) -> EventStaff:
    found = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if found is None:
        raise ValidationError({"email": [_("No account has this email address.")]})
    staff, _created = EventStaff.objects.get_or_create(
        event=event, user=found, defaults={"added_by": user}
    )
    return staff


def staff_remove(staff: EventStaff, *, user=None) -> None:
    staff.delete()


# --- questions and answers ---------------------------------------------------------------------
@transaction.atomic
def question_add(event: Event, *, user=None, **values: Any) -> Question:
    errors: dict = {}
    phase = choice(values.get("phase"), Phase, field="phase", errors=errors, default="registration")
    kind = choice(values.get("kind"), QuestionKind, field="kind", errors=errors)
    label = text(values.get("label"), field="label", errors=errors, max_length=300)
    if not label and "label" not in errors:
        errors["label"] = [_("This field is required.")]
    label_en = text(values.get("label_en"), field="label_en", errors=errors, max_length=300)
    choices: list[dict] = []
    if kind == QuestionKind.CHOICE:
        raw = values.get("choices") or []
        if isinstance(raw, str):
            raw = [line for line in raw.splitlines() if line.strip()]
        for i, item in enumerate(raw):
            if isinstance(item, dict):
                vi, en = str(item.get("vi", "")).strip(), str(item.get("en", "")).strip()
            else:  # "Chay | Vegetarian"
                vi, _sep, en = str(item).partition("|")
                vi, en = vi.strip(), en.strip()
            if vi:
                choices.append({"value": f"c{i + 1}", "vi": vi[:200], "en": en[:200]})
        if len(choices) < 2:
            errors["choices"] = [_("Give at least two choices, one per line.")]
    position = event.questions.filter(phase=phase).count()
    raise_if(errors)
    return Question.objects.create(
        event=event,
        phase=phase,
        kind=kind,
        label=label,
        label_en=label_en,
        choices=choices,
        required=bool(values.get("required")),
        position=position,
    )


def question_remove(question: Question, *, user=None) -> None:
    question.delete()


def clean_answers(event: Event, raw: dict | None, *, phase: str, errors: dict) -> dict[str, Any]:
    """Answers keyed by question id (as a string), each checked against its question."""
    raw = {str(k): v for k, v in (raw or {}).items()}
    answers: dict[str, Any] = {}
    for question in event.questions.filter(phase=phase):
        key, field = str(question.pk), f"q{question.pk}"
        value = raw.get(key)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            if question.required and question.kind != QuestionKind.YESNO:
                errors[field] = [_("Please answer this question.")]
            if question.kind == QuestionKind.YESNO:
                answers[key] = False
            continue
        if question.kind == QuestionKind.TEXT:
            answers[key] = text(value, field=field, errors=errors, max_length=1000)
        elif question.kind == QuestionKind.YESNO:
            answers[key] = value in (True, "true", "on", "yes", "1", 1)
        elif question.kind == QuestionKind.CHOICE:
            if value not in {c["value"] for c in question.choices}:
                errors[field] = [_("Choose one of the choices.")]
            else:
                answers[key] = value
        elif question.kind == QuestionKind.DATE:
            parsed = day(value, field=field, errors=errors)
            if parsed:
                answers[key] = parsed.isoformat()
        elif question.kind == QuestionKind.RATING:
            answers[key] = integer(value, field=field, errors=errors, minimum=1, maximum=5)
    return answers


# --- invitations -------------------------------------------------------------------------------
def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(
    event: Event, *, people: Iterable[tuple[str, str]], user=None
) -> list[tuple[Invitation, str]]:
    """Invite people (name, email): each gets a single-use link by email. Returns the
    invitations with their tokens (the tokens are not stored)."""
    errors: dict = {}
    people = [(str(n or "").strip()[:200], str(e or "").strip().lower()) for n, e in people]
    bad = []
    for _name, email in people:
        try:
            validate_email(email)
        except ValidationError:
            bad.append(email or "—")
    if bad:
        errors["emails"] = [_("Not an email address: %(list)s.") % {"list": ", ".join(bad[:5])}]
    if not people and not bad:
        errors["emails"] = [_("Give at least one email address.")]
    if len(people) > MAX_INVITATIONS:
        errors["emails"] = [_("At most %(n)d invitations at a time.") % {"n": MAX_INVITATIONS}]
    if event.status == EventStatus.CANCELLED:
        errors["emails"] = [_("This event is cancelled.")]
    raise_if(errors)
    made = []
    expires = timezone.now() + timedelta(days=INVITATION_DAYS)
    for name, email in dict.fromkeys(people):
        token = secrets.token_urlsafe(24)
        invitation = Invitation.objects.create(
            event=event,
            email=email,
            name=name,
            token_hash=_hash(token),
            created_by=user,
            expires_at=min(expires, event.ends_at),
        )
        made.append((invitation, token))
    notifications.invitations_sent(event, made)
    return made


def invitation_for(event: Event, token: str | None) -> Invitation | None:
    """The usable invitation this token opens, or None."""
    if not token:
        return None
    invitation = Invitation.objects.filter(event=event, token_hash=_hash(str(token))).first()
    if (
        invitation is None
        or invitation.used_at is not None
        or invitation.revoked_at is not None
        or invitation.expires_at <= timezone.now()
    ):
        return None
    return invitation


def invitation_revoke(invitation: Invitation, *, user=None) -> None:
    if invitation.used_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


# --- registration ------------------------------------------------------------------------------
def _ticket_code() -> str:
    return secrets.token_urlsafe(15)  # 20 characters, 120 bits


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=RegStatus.CONFIRMED).count()


def seats_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(0, event.capacity - confirmed_count(event))


def _clean_delegates(raw: Iterable[dict] | None, errors: dict) -> list[dict]:
    delegates = []
    for i, item in enumerate(raw or []):
        item = item or {}
        name = text(item.get("full_name"), field="delegates", errors=errors, max_length=200)
        email = str(item.get("email") or "").strip().lower()
        organisation = text(
            item.get("organisation_name"), field="delegates", errors=errors, max_length=200
        )
        if not name and not email:
            continue
        if not name:
            errors["delegates"] = [_("Give the name of each person in the delegation.")]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors["delegates"] = [
                    _("Person %(n)d of the delegation: not an email address.") % {"n": i + 1}
                ]
        delegates.append({"full_name": name, "email": email, "organisation_name": organisation})
    if len(delegates) > MAX_DELEGATES:
        errors["delegates"] = [_("At most %(n)d people in a delegation.") % {"n": MAX_DELEGATES}]
    return delegates


@transaction.atomic
def register(
    event: Event,
    *,
    person: Person,
    user=None,
    answers: dict | None = None,
    delegates: Iterable[dict] | None = None,
    delegation_name: str = "",
    organisation_name: str = "",
    invitation_token: str | None = None,
) -> Registration:
    """Register a member (and the delegation they lead). Everyone of a delegation gets a seat,
    or all of them go to the waiting list together."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    errors: dict = {}
    now = timezone.now()
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError({"event": [_("This event is not open for registration.")]})
    if event.registration_deadline and now > event.registration_deadline:
        raise ValidationError(
            {
                "event": [
                    _("Registration closed on %(date)s.")
                    % {
                        "date": timezone.localtime(event.registration_deadline).strftime(
                            "%d/%m/%Y %H:%M"
                        )
                    }
                ]
            }
        )
    if now >= event.ends_at:
        raise ValidationError({"event": [_("This event is over.")]})
    if event.registrations.filter(person=person, status__in=ACTIVE).exists():
        raise ValidationError({"event": [_("You are already registered for this event.")]})
    invitation = None
    if event.access == Access.INVITATION:
        invitation = invitation_for(event, invitation_token)
        if invitation is None:
            raise ValidationError(
                {
                    "invitation": [
                        _(
                            "This event is by invitation: use the link in your invitation. "
                            "A link works once and expires."
                        )
                    ]
                }
            )
    answers = clean_answers(event, answers, phase=Phase.REGISTRATION, errors=errors)
    people = _clean_delegates(delegates, errors)
    delegation_name = text(delegation_name, field="delegation_name", errors=errors, max_length=200)
    organisation_name = text(
        organisation_name, field="organisation_name", errors=errors, max_length=200
    )
    raise_if(errors)

    seats = 1 + len(people)
    left = seats_left(event)
    waiting = event.registrations.filter(status=RegStatus.WAITLISTED).exists()
    fits = left is None or (left >= seats and not waiting)
    status = RegStatus.CONFIRMED if fits else RegStatus.WAITLISTED
    common = {
        "event": event,
        "registered_by": user,
        "status": status,
        "queued_at": now,
        "confirmed_at": now if fits else None,
    }
    try:
        with transaction.atomic():
            leader = Registration.objects.create(
                person=person,
                full_name=person.full_name,
                email=person.email or (getattr(user, "email", "") or ""),
                organisation_name=organisation_name or person.employer,
                delegation_name=delegation_name if people else "",
                invitation=invitation,
                answers=answers,
                ticket_code=_ticket_code(),
                **common,
            )
    except IntegrityError as exc:  # a double submit racing the check above
        raise ValidationError({"event": [_("You are already registered for this event.")]}) from exc
    for item in people:
        Registration.objects.create(leader=leader, ticket_code=_ticket_code(), **item, **common)
    if invitation is not None:
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
    notifications.registered(leader)
    return leader


def group_of(registration: Registration) -> list[Registration]:
    """A delegation's leader and the active people they brought, or the one registration."""
    if registration.leader_id is not None:
        return [registration]
    return [registration, *registration.delegates.filter(status__in=ACTIVE)]


@transaction.atomic
def registration_cancel(registration: Registration, *, user=None) -> list[Registration]:
    """Cancel a registration (a leader's cancels the delegation's too) and promote from the
    waiting list. Returns the registrations promoted."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == RegStatus.CANCELLED:
        raise ValidationError({"registration": [_("This registration is already cancelled.")]})
    if registration.checked_in_at is not None:
        raise ValidationError({"registration": [_("This ticket has already been used.")]})
    now = timezone.now()
    ids = [r.pk for r in group_of(registration)]
    Registration.objects.filter(pk__in=ids).update(status=RegStatus.CANCELLED, cancelled_at=now)
    # Their requests and meetings go too.
    profiles = MeetingProfile.objects.filter(registration_id__in=ids)
    MeetingRequest.objects.filter(
        Q(requester__in=profiles) | Q(recipient__in=profiles),
        status__in=(RequestStatus.PENDING, RequestStatus.ACCEPTED),
    ).update(status=RequestStatus.CANCELLED)
    Meeting.objects.filter(
        Q(request__requester__in=profiles) | Q(request__recipient__in=profiles)
    ).delete()
    notifications.cancelled(registration)
    return promote_waitlist(event)


def promote_waitlist(event: Event) -> list[Registration]:
    """Seat people from the waiting list, first come first served; a delegation moves
    together, and one that does not fit lets the next in line through. Call in a transaction
    holding the event's row."""
    if event.status == EventStatus.CANCELLED:
        return []
    promoted: list[Registration] = []
    left = seats_left(event)
    waiting = list(
        event.registrations.filter(status=RegStatus.WAITLISTED, leader__isnull=True).order_by(
            "queued_at", "pk"
        )
    )
    now = timezone.now()
    for head in waiting:
        if left is not None and left <= 0:
            break
        group = [head, *head.delegates.filter(status=RegStatus.WAITLISTED)]
        if left is not None and len(group) > left:
            continue
        Registration.objects.filter(pk__in=[r.pk for r in group]).update(
            status=RegStatus.CONFIRMED, confirmed_at=now, promoted_at=now
        )
        if left is not None:
            left -= len(group)
        head.refresh_from_db()
        promoted.append(head)
        notifications.promoted(head)
    return promoted


# --- check-in ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckIn:
    ok: bool
    message: str
    registration: Registration | None = None


@transaction.atomic
def check_in(event: Event, code: str, *, user=None) -> CheckIn:
    """Check a ticket in once. Refused: an unknown code, a ticket of another event, a used one,
    a cancelled one, one still on the waiting list."""
    code = str(code or "").strip()
    if "/" in code:  # a scanned URL: the code is its last part
        code = code.rstrip("/").rsplit("/", 1)[-1]
    found = Registration.objects.select_related("event").filter(ticket_code=code).first()
    if found is None or not code:
        return CheckIn(False, _("Unknown ticket."))
    if found.event_id != event.pk:
        return CheckIn(
            False,
            _("This ticket is for another event: %(event)s.") % {"event": found.event.name()},
            found,
        )
    if found.status == RegStatus.CANCELLED:
        return CheckIn(False, _("This registration was cancelled."), found)
    if found.status == RegStatus.WAITLISTED:
        return CheckIn(False, _("This person is still on the waiting list."), found)
    now = timezone.now()
    # The update only succeeds once, even with two phones scanning at the same moment.
    done = Registration.objects.filter(pk=found.pk, checked_in_at__isnull=True).update(
        checked_in_at=now, checked_in_by=user
    )
    found.refresh_from_db()
    if not done:
        return CheckIn(
            False,
            _("Already checked in at %(time)s.")
            % {"time": timezone.localtime(found.checked_in_at).strftime("%H:%M %d/%m")},
            found,
        )
    return CheckIn(True, _("Checked in: %(name)s.") % {"name": found.full_name}, found)


# --- feedback ----------------------------------------------------------------------------------
@transaction.atomic
def feedback_submit(
    registration: Registration, *, rating: Any, answers: dict | None = None, comment: str = ""
) -> Feedback:
    errors: dict = {}
    if registration.status != RegStatus.CONFIRMED:
        raise ValidationError({"registration": [_("Only participants give feedback.")]})
    if timezone.now() < registration.event.starts_at:
        raise ValidationError({"registration": [_("Feedback opens when the event begins.")]})
    if Feedback.objects.filter(registration=registration).exists():
        raise ValidationError({"registration": [_("You have already given your feedback.")]})
    score = integer(rating, field="rating", errors=errors, required=True, minimum=1, maximum=5)
    cleaned = clean_answers(registration.event, answers, phase=Phase.FEEDBACK, errors=errors)
    comment = text(comment, field="comment", errors=errors, max_length=3000)
    raise_if(errors)
    return Feedback.objects.create(
        registration=registration, rating=score, answers=cleaned, comment=comment
    )


# --- B2B: profiles, slots, tables, interpreters ------------------------------------------------
@transaction.atomic
def profile_save(registration: Registration, **values: Any) -> MeetingProfile:
    errors: dict = {}
    event = registration.event
    if not event.b2b_enabled:
        raise ValidationError({"event": [_("This event has no B2B meetings.")]})
    if registration.status != RegStatus.CONFIRMED:
        raise ValidationError(
            {"registration": [_("Only confirmed participants take part in B2B meetings.")]}
        )
    offer = text(values.get("offer"), field="offer", errors=errors, max_length=2000)
    seek = text(values.get("seek"), field="seek", errors=errors, max_length=2000)
    sectors = text(values.get("sectors"), field="sectors", errors=errors, max_length=300)
    if not offer and not seek and "offer" not in errors:
        errors["offer"] = [_("Say what you offer or what you seek.")]
    languages = _languages(values.get("languages"), field="languages", errors=errors)
    if not languages and "languages" not in errors:
        errors["languages"] = [_("Choose at least one language you speak.")]
    unavailable = _slots(event, values.get("unavailable") or [], field="unavailable", errors=errors)
    raise_if(errors)
    profile, _created = MeetingProfile.objects.update_or_create(
        registration=registration,
        defaults={
            "event": event,
            "offer": offer,
            "seek": seek,
            "sectors": sectors,
            "languages": languages,
            "published": bool(values.get("published", True)),
            "folded": fold(
                " ".join(
                    [registration.full_name, registration.organisation_name, offer, seek, sectors]
                )
            ),
        },
    )
    profile.unavailable.set(unavailable)
    # A meeting placed in a slot its participant no longer has drops out of the schedule.
    Meeting.objects.filter(
        Q(request__requester=profile) | Q(request__recipient=profile), slot__in=unavailable
    ).delete()
    return profile


@transaction.atomic
def slot_add(event: Event, *, starts_at: Any, ends_at: Any = None, minutes: Any = None) -> Slot:
    errors: dict = {}
    starts = moment(starts_at, field="starts_at", errors=errors)
    if ends_at in (None, "") and minutes not in (None, ""):
        length = integer(minutes, field="minutes", errors=errors, minimum=5, maximum=480)
        ends = starts + timedelta(minutes=length) if starts and length else None
    else:
        ends = moment(ends_at, field="ends_at", errors=errors)
    if starts and ends and ends <= starts:
        errors["ends_at"] = [_("The end must be after the start.")]
    if starts and ends and (starts < event.starts_at or ends > event.ends_at):
        errors["starts_at"] = [_("A slot must lie within the event's time.")]
    if starts and ends and event.slots.filter(starts_at__lt=ends, ends_at__gt=starts).exists():
        errors["starts_at"] = [_("This slot overlaps another slot.")]
    raise_if(errors)
    return Slot.objects.create(event=event, starts_at=starts, ends_at=ends)


@transaction.atomic
def slots_generate(
    event: Event, *, first: Any, count: Any, minutes: Any, gap: Any = 0
) -> list[Slot]:
    """A series of slots: ``count`` slots of ``minutes`` with ``gap`` minutes between."""
    errors: dict = {}
    start = moment(first, field="first", errors=errors)
    n = integer(count, field="count", errors=errors, required=True, minimum=1, maximum=64)
    length = integer(minutes, field="minutes", errors=errors, required=True, minimum=5, maximum=480)
    pause = integer(gap, field="gap", errors=errors, maximum=240) or 0
    raise_if(errors)
    made = []
    for i in range(n):
        begins = start + timedelta(minutes=i * (length + pause))
        try:
            made.append(slot_add(event, starts_at=begins, minutes=length))
        except ValidationError as exc:
            raise ValidationError(
                {
                    "first": [
                        _("Slot %(n)d: %(error)s") % {"n": i + 1, "error": " ".join(exc.messages)}
                    ]
                }
            ) from exc
    return made


def slot_remove(slot: Slot) -> None:
    slot.delete()  # its meetings go with it; a re-run places them again


def tables_set(event: Event, *, count: Any) -> Event:
    errors: dict = {}
    n = integer(count, field="table_count", errors=errors, required=True, maximum=10_000)
    raise_if(errors)
    event.table_count = n
    event.save(update_fields=["table_count", "updated_at"])
    Meeting.objects.filter(event=event, table__gt=n).delete()
    return event


@transaction.atomic
def interpreter_add(
    event: Event, *, name: Any, languages: Any, unavailable: Any = ()
) -> Interpreter:
    errors: dict = {}
    name = text(name, field="name", errors=errors, max_length=200)
    if not name and "name" not in errors:
        errors["name"] = [_("This field is required.")]
    langs = _languages(languages, field="languages", errors=errors)
    if len(langs) < 2 and "languages" not in errors:
        errors["languages"] = [_("An interpreter speaks at least two languages.")]
    slots = _slots(event, unavailable, field="unavailable", errors=errors)
    raise_if(errors)
    interpreter = Interpreter.objects.create(event=event, name=name, languages=langs)
    interpreter.unavailable.set(slots)
    return interpreter


def interpreter_remove(interpreter: Interpreter) -> None:
    interpreter.delete()


# --- B2B: requests -----------------------------------------------------------------------------
def _profile_in(event: Event, value: MeetingProfile | int | None) -> MeetingProfile | None:
    if isinstance(value, MeetingProfile):
        return value if value.event_id == event.pk else None
    try:
        return (
            MeetingProfile.objects.select_related("registration")
            .filter(pk=int(value), event=event)
            .first()
        )
    except (TypeError, ValueError):
        return None


@transaction.atomic
def meeting_request(
    *,
    requester: MeetingProfile,
    recipient: MeetingProfile | int,
    message: str = "",
    priority: bool = False,
) -> MeetingRequest:
    event = requester.event
    errors: dict = {}
    other = _profile_in(event, recipient)
    if requester.registration.status != RegStatus.CONFIRMED:
        raise ValidationError({"recipient": [_("Your registration is not confirmed.")]})
    if other is None or not other.published or other.registration.status != RegStatus.CONFIRMED:
        raise ValidationError(
            {
                "recipient": [
                    _("This person is not a participant of the B2B meetings of this event.")
                ]
            }
        )
    if other.pk == requester.pk:
        raise ValidationError({"recipient": [_("You cannot request a meeting with yourself.")]})
    message = text(message, field="message", errors=errors, max_length=1000)
    raise_if(errors)
    open_ = (RequestStatus.PENDING, RequestStatus.ACCEPTED)
    if MeetingRequest.objects.filter(
        requester=requester, recipient=other, status__in=open_
    ).exists():
        raise ValidationError(
            {"recipient": [_("You have already asked this person for a meeting.")]}
        )
    reverse = MeetingRequest.objects.filter(
        requester=other, recipient=requester, status__in=open_
    ).first()
    if reverse is not None:
        # They asked us too: mutual interest. Their request is the meeting; it is accepted.
        reverse.mutual = True
        reverse.recipient_priority = reverse.recipient_priority or bool(priority)
        if reverse.status == RequestStatus.PENDING:
            reverse.status = RequestStatus.ACCEPTED
            reverse.answered_at = timezone.now()
        if message and not reverse.message:
            reverse.message = message
        reverse.save()
        notifications.request_answered(reverse)
        return reverse
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        recipient=other,
        message=message,
        requester_priority=bool(priority),
    )
    notifications.request_received(request)
    return request


@transaction.atomic
def request_answer(
    request: MeetingRequest, *, accept: bool, priority: bool = False, reason: str = ""
) -> MeetingRequest:
    errors: dict = {}
    if request.status != RequestStatus.PENDING:
        raise ValidationError({"status": [_("This request has already been answered.")]})
    reason = text(reason, field="reason", errors=errors, max_length=300)
    raise_if(errors)
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.recipient_priority = bool(priority) if accept else False
    request.decline_reason = "" if accept else reason
    request.answered_at = timezone.now()
    request.save()
    notifications.request_answered(request)
    return request


@transaction.atomic
def request_cancel(request: MeetingRequest) -> MeetingRequest:
    if request.status not in (RequestStatus.PENDING, RequestStatus.ACCEPTED):
        raise ValidationError({"status": [_("This request is no longer open.")]})
    request.status = RequestStatus.CANCELLED
    request.save(update_fields=["status"])
    Meeting.objects.filter(request=request).delete()
    return request


# --- B2B: the schedule -------------------------------------------------------------------------
def build_problem(event: Event) -> tuple[scheduler.Problem, dict[int, int], list[Slot]]:
    """The scheduler's view of an event: slot indices, participants (profile ids), accepted
    requests with their weights, interpreters, and the pinned meetings."""
    slots = list(event.slots.order_by("starts_at", "pk"))
    index = {slot.pk: i for i, slot in enumerate(slots)}
    profiles = MeetingProfile.objects.filter(event=event).prefetch_related("unavailable")
    languages = {p.pk: frozenset(p.languages or ()) for p in profiles}
    unavailable = {
        p.pk: frozenset(index[s.pk] for s in p.unavailable.all() if s.pk in index) for p in profiles
    }
    requests = [
        scheduler.Request(id=r.pk, a=r.requester_id, b=r.recipient_id, weight=r.weight)
        for r in MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
        .filter(requester__registration__status=RegStatus.CONFIRMED)
        .filter(recipient__registration__status=RegStatus.CONFIRMED)
        .order_by("pk")
    ]
    interpreters = [
        scheduler.InterpreterSpec(
            id=i.pk,
            languages=frozenset(i.languages or ()),
            unavailable=frozenset(index[s.pk] for s in i.unavailable.all() if s.pk in index),
        )
        for i in event.interpreters.prefetch_related("unavailable")
    ]
    pinned = {
        m.request_id: scheduler.Placement(index[m.slot_id], m.table, m.interpreter_id)
        for m in Meeting.objects.filter(event=event, pinned=True)
        if m.slot_id in index
    }
    problem = scheduler.Problem(
        n_slots=len(slots),
        tables=event.table_count,
        requests=requests,
        languages=languages,
        unavailable=unavailable,
        interpreters=interpreters,
        pinned=pinned,
    )
    return problem, index, slots


def _current(event: Event, index: dict[int, int]) -> dict[int, scheduler.Placement]:
    return {
        m.request_id: scheduler.Placement(index[m.slot_id], m.table, m.interpreter_id)
        for m in Meeting.objects.filter(event=event)
        if m.slot_id in index
    }


_PARKED = 1_000_000_000  # a table number no plan uses, to move meetings without clashing


def _write_plan(
    event: Event, plan: scheduler.Plan, slots: list[Slot], pinned: set[int]
) -> list[Meeting]:
    """Write the plan over the event's meetings. A meeting that stays placed keeps its row (its
    id, the links in emails and the outcomes recorded for it), moved if the plan moves it; the
    meetings the plan drops are deleted and the new ones created. Returns the meetings that
    moved to another slot or table."""
    existing = {m.request_id: m for m in Meeting.objects.filter(event=event)}
    dropped = [m.pk for request_id, m in existing.items() if request_id not in plan.placements]
    for start in range(0, len(dropped), 1000):
        Meeting.objects.filter(pk__in=dropped[start : start + 1000]).delete()
    moved, changed, new = [], [], []
    for request_id, placement in plan.placements.items():
        slot_id = slots[placement.slot].pk
        meeting = existing.get(request_id)
        if meeting is None:
            new.append(
                Meeting(
                    request_id=request_id,
                    event=event,
                    slot_id=slot_id,
                    table=placement.table,
                    interpreter_id=placement.interpreter,
                    pinned=request_id in pinned,
                )
            )
            continue
        target = (slot_id, placement.table, placement.interpreter, request_id in pinned)
        if (meeting.slot_id, meeting.table, meeting.interpreter_id, meeting.pinned) == target:
            continue
        if (meeting.slot_id, meeting.table) != target[:2]:
            moved.append(meeting)
        meeting.slot_id, meeting.table, meeting.interpreter_id, meeting.pinned = target
        changed.append(meeting)
    if moved:  # first out of the way of the others' new places
        parked = [Meeting(pk=m.pk, table=_PARKED + m.pk) for m in moved]
        Meeting.objects.bulk_update(parked, ["table"], batch_size=1000)
    if changed:
        Meeting.objects.bulk_update(
            changed, ["slot", "table", "interpreter", "pinned"], batch_size=1000
        )
    Meeting.objects.bulk_create(new, batch_size=1000)
    return moved


@transaction.atomic
def schedule(event: Event, *, user=None, time_limit: float = 20.0) -> ScheduleRun:
    """Place every accepted request it can: nobody double-booked, availability, tables and
    interpreters respected, the most valuable meetings (mutual interest first) kept. Pinned
    meetings stay where they are."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.b2b_enabled:
        raise ValidationError({"event": [_("This event has no B2B meetings.")]})
    problem, index, slots = build_problem(event)
    if not slots:
        raise ValidationError({"slots": [_("Add meeting slots first.")]})
    if event.table_count < 1:
        raise ValidationError({"table_count": [_("Set the number of tables first.")]})
    started = time.perf_counter()
    plan = scheduler.solve(problem, time_limit=time_limit, initial=_current(event, index))
    _write_plan(event, plan, slots, set(problem.pinned))
    run = ScheduleRun.objects.create(
        event=event,
        run_by=user,
        requests=len(problem.requests),
        placed=len(plan.placements),
        pinned=len(problem.pinned),
        weight=plan.weight,
        weight_possible=sum(r.weight for r in problem.requests),
        seconds=round(time.perf_counter() - started, 3),
    )
    notifications.schedule_ready(event)
    return run


@transaction.atomic
def meeting_place(
    request: MeetingRequest, *, slot: Slot | int, table: Any = None, user=None
) -> Meeting:
    """Pin a meeting by hand to a slot (and a table): whatever was in the way is placed again
    by an interactive re-plan (about a second at most), keeping every other pinned meeting."""
    event = Event.objects.select_for_update().get(pk=request.event_id)
    errors: dict = {}
    if request.status != RequestStatus.ACCEPTED:
        raise ValidationError({"request": [_("Only accepted requests become meetings.")]})
    target = slot if isinstance(slot, Slot) else None
    if target is None:
        try:
            target = Slot.objects.filter(pk=int(slot), event=event).first()
        except (TypeError, ValueError):
            target = None
    if target is None or target.event_id != event.pk:
        raise ValidationError({"slot": [_("Choose a slot of this event.")]})
    problem, index, slots = build_problem(event)
    s = index[target.pk]
    table_no = integer(
        table, field="table", errors=errors, minimum=1, maximum=max(1, event.table_count)
    )
    raise_if(errors)
    a, b = request.requester_id, request.recipient_id
    for profile_id in (a, b):
        if s in problem.unavailable.get(profile_id, ()):
            raise ValidationError({"slot": [_("A participant is not available in this slot.")]})
    clash = [
        m
        for m in Meeting.objects.filter(event=event, slot=target, pinned=True).exclude(
            request=request
        )
        if {m.request.requester_id, m.request.recipient_id} & {a, b}
        or (table_no and m.table == table_no)
    ]
    if clash:
        raise ValidationError(
            {"slot": [_("Another pinned meeting holds a participant or the table in this slot.")]}
        )
    previous = _current(event, index)
    previous.pop(request.pk, None)
    problem.pinned.pop(request.pk, None)  # moving a pinned meeting: its old pin goes
    pinned_here = [p for p in problem.pinned.values() if p.slot == s]
    if not table_no:
        used = {p.table for p in pinned_here}
        table_no = next((t for t in range(1, event.table_count + 1) if t not in used), None)
        if table_no is None:
            raise ValidationError({"slot": [_("Every table of this slot holds a pinned meeting.")]})
    interpreter = None
    wanted = scheduler.Request(id=request.pk, a=a, b=b, weight=request.weight)
    if scheduler.needs_interpreter(problem, wanted):
        busy = {p.interpreter for p in pinned_here}
        interpreter = next(
            (
                i.id
                for i in problem.interpreters
                if s not in i.unavailable
                and i.id not in busy
                and scheduler.can_interpret(problem, i, wanted)
            ),
            None,
        )
        if interpreter is None:
            raise ValidationError(
                {"slot": [_("No interpreter for this meeting is free in this slot.")]}
            )
    problem.pinned[request.pk] = scheduler.Placement(s, table_no, interpreter)
    plan = scheduler.replan(problem, previous, time_limit=1.0)
    moved = _write_plan(event, plan, slots, set(problem.pinned))
    meeting = Meeting.objects.filter(request=request).first()
    if meeting is None:  # the pin could not be honoured (should not happen: checked above)
        raise ValidationError({"slot": [_("This meeting cannot be placed in this slot.")]})
    # The participants of the pinned meeting, and of those the re-plan moved out of its way,
    # hear of their new slot and table.
    notifications.meeting_moved(meeting)
    for other in moved:
        if other.request_id != request.pk:
            notifications.meeting_moved(other)
    return meeting


def meeting_unpin(meeting: Meeting) -> Meeting:
    meeting.pinned = False
    meeting.save(update_fields=["pinned"])
    return meeting


@transaction.atomic
def outcome_add(
    meeting: Meeting, *, kind: Any, note: Any = "", value_usd: Any = None, user=None
) -> MeetingOutcome:
    errors: dict = {}
    kind = choice(kind, OutcomeKind, field="kind", errors=errors)
    note = text(note, field="note", errors=errors, max_length=2000)
    value = decimal(value_usd, field="value_usd", errors=errors)
    if value is not None and kind == OutcomeKind.NOTHING:
        errors["value_usd"] = [_("“Nothing came of it” has no value.")]
    raise_if(errors)
    return MeetingOutcome.objects.create(
        meeting=meeting, kind=kind, note=note, value_usd=value, recorded_by=user
    )

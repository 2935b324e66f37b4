"""Writes of the knowledge network. Views, the API, the demo and commands all call these, so
every door validates, audits and notifies the same way. Errors are ValidationErrors with
translated messages keyed by field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kieubao.community.models import ExpertiseField, Organisation, Person
from kieubao.core.text import fold, normalize

from . import notifications
from .models import (
    Engagement,
    EngagementDocument,
    EngagementKind,
    EngagementStatus,
    ExpertProfile,
    Invitation,
    InvitationStatus,
    Milestone,
    Need,
    NeedStatus,
    Outcome,
    Work,
    WorkMode,
)
from .rules import OWNER_KINDS

_no_nul = ProhibitNullCharactersValidator()
# Letters only Vietnamese uses among the languages we meet: a text holding one is Vietnamese.
_VIETNAMESE = re.compile(
    "[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE
)
NEED_ATTRIBUTES = (
    "title",
    "description",
    "kind",
    "mode",
    "starts_on",
    "ends_on",
    "deadline",
    "experts_wanted",
)
PROFILE_ATTRIBUTES = (
    "position",
    "keywords",
    "summary",
    "availability",
    "engagement_kinds",
    "work_modes",
    "max_load",
)


def text_language(text: str) -> str:
    """'vi' for Vietnamese text, else 'en' (what matching and display need to know)."""
    return "vi" if _VIETNAMESE.search(text or "") else "en"


def _clean_text(values: dict[str, Any], names: Iterable[str]) -> None:
    errors = {}
    for name in names:
        value = values.get(name)
        if isinstance(value, str):
            try:
                _no_nul(value)
            except ValidationError as exc:
                errors[name] = exc.messages
                continue
            values[name] = normalize(value).strip()
    if errors:
        raise ValidationError(errors)


def _fields(slugs_or_fields: Iterable) -> list[ExpertiseField]:
    items = list(slugs_or_fields)
    if all(isinstance(f, ExpertiseField) for f in items):
        return items
    slugs = {str(s) for s in items}
    found = list(ExpertiseField.objects.filter(slug__in=slugs))
    unknown = slugs - {f.slug for f in found}
    if unknown:
        raise ValidationError(
            {
                "fields": _("Unknown field of expertise: %(slugs)s.")
                % {"slugs": ", ".join(sorted(unknown))}
            }
        )
    return found


# -- needs ---------------------------------------------------------------------------------------


def _derive(need: Need) -> None:
    text = f"{need.title} {need.description}"
    need.language = text_language(text)
    need.text_folded = fold(text)


def _validate_need(need: Need, fields: list[ExpertiseField]) -> None:
    errors: dict[str, list[str]] = {}
    if not need.title:
        errors.setdefault("title", []).append(_("Give the need a title."))
    if not fields and not need.description.strip():
        errors.setdefault("fields", []).append(
            _(
                "Choose at least one field of expertise or describe what you need: "
                "without either, no expert can be found for it."
            )
        )
    if need.kind not in EngagementKind.values:
        errors.setdefault("kind", []).append(_("Choose the kind of engagement."))
    if need.mode not in WorkMode.values:
        errors.setdefault("mode", []).append(_("Choose remote, on site, or either."))
    if need.starts_on and need.ends_on and need.ends_on < need.starts_on:
        errors.setdefault("ends_on", []).append(_("The period ends before it starts."))
    if not need.experts_wanted or not 1 <= need.experts_wanted <= 50:
        errors.setdefault("experts_wanted", []).append(_("Between 1 and 50 experts."))
    if need.owner.kind not in OWNER_KINDS:
        errors.setdefault("owner", []).append(
            _("Needs are posted by ministries, provinces, missions, universities or businesses.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def need_create(*, owner: Organisation, created_by=None, fields: Iterable = (), **values) -> Need:
    _clean_text(values, ("title", "description"))
    unknown = set(values) - set(NEED_ATTRIBUTES)
    if unknown:
        raise TypeError(f"unknown need attributes {sorted(unknown)}")
    need = Need(owner=owner, created_by=created_by, **values)
    need.description = need.description or ""
    need.mode = need.mode or WorkMode.EITHER
    need.experts_wanted = need.experts_wanted or 1
    field_list = _fields(fields)
    _validate_need(need, field_list)
    _derive(need)
    need.save()
    need.fields.set(field_list)
    return need


@transaction.atomic
def need_update(*, need: Need, fields: Iterable | None = None, **values) -> Need:
    if need.status == NeedStatus.CLOSED:
        raise ValidationError(_("A closed need cannot be changed."))
    _clean_text(values, ("title", "description"))
    for name, value in values.items():
        if name not in NEED_ATTRIBUTES:
            raise TypeError(f"unknown need attribute {name!r}")
        setattr(need, name, value)
    field_list = _fields(fields) if fields is not None else list(need.fields.all())
    _validate_need(need, field_list)
    _derive(need)
    need.save()
    if fields is not None:
        need.fields.set(field_list)
    return need


def need_publish(*, need: Need) -> Need:
    if need.status == NeedStatus.PUBLISHED:
        return need
    if need.status == NeedStatus.CLOSED:
        raise ValidationError(_("A closed need cannot be published again; post a new one."))
    if need.deadline and need.deadline < date.today():
        raise ValidationError({"deadline": _("The deadline has passed: choose a later one.")})
    need.status = NeedStatus.PUBLISHED
    need.published_at = timezone.now()
    need.save(update_fields=["status", "published_at", "updated_at"])
    return need


@transaction.atomic
def need_close(*, need: Need, reason: str = "") -> Need:
    """Close a need; pending invitations are withdrawn (their experts are told)."""
    if need.status == NeedStatus.CLOSED:
        return need
    values = {"reason": reason or ""}
    _clean_text(values, ("reason",))  # NUL: PostgreSQL cannot store it
    need.status = NeedStatus.CLOSED
    need.closed_at = timezone.now()
    need.closed_reason = values["reason"][:500]
    need.save(update_fields=["status", "closed_at", "closed_reason", "updated_at"])
    for invitation in need.invitations.filter(status=InvitationStatus.PENDING):
        invitation_withdraw(invitation=invitation)
    return need


# -- expert profiles -----------------------------------------------------------------------------


@transaction.atomic
def expert_profile_save(
    *, person: Person, employers: Iterable[Organisation] | None = None, **values
) -> ExpertProfile:
    _clean_text(values, ("position", "keywords", "summary"))
    profile, _created = ExpertProfile.objects.get_or_create(person=person)
    for name, value in values.items():
        if name not in PROFILE_ATTRIBUTES:
            raise TypeError(f"unknown expert profile attribute {name!r}")
        setattr(profile, name, value)
    errors = {}
    bad_kinds = set(profile.engagement_kinds or []) - set(EngagementKind.values)
    if bad_kinds:
        errors["engagement_kinds"] = [_("Unknown kind of engagement.")]
    if set(profile.work_modes or []) - set(WorkMode.values):
        errors["work_modes"] = [_("Unknown way of working.")]
    if profile.max_load is None or not 0 <= profile.max_load <= 20:
        errors["max_load"] = [_("Between 0 and 20 engagements at once.")]
    try:
        profile.full_clean(exclude=["person", "engagement_kinds", "work_modes"])
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    profile.save()
    if employers is not None:
        profile.employers.set(list(employers))
    _reindex_expert(person.pk)
    return profile


def work_add(
    *, profile: ExpertProfile, title: str, year=None, link: str = "", kind="publication"
) -> Work:
    work = Work(
        profile=profile, title=normalize(title or "").strip(), year=year, link=link or "", kind=kind
    )
    work.full_clean()
    work.save()
    _reindex_expert(profile.person_id)
    return work


def work_remove(*, work: Work) -> None:
    person_id = work.profile.person_id
    work.delete()
    _reindex_expert(person_id)


def _reindex_expert(person_id: int) -> None:
    from .matching import schedule_expert_reindex

    schedule_expert_reindex([person_id])


# -- invitations ---------------------------------------------------------------------------------


def conflict_of_interest(need: Need, person: Person) -> bool:
    """An expert employed by the need's owner body is never its reviewer or adviser."""
    return ExpertProfile.objects.filter(person=person, employers=need.owner_id).exists()


@transaction.atomic
def invitation_create(
    *, need: Need, expert: Person, invited_by=None, message: str = ""
) -> Invitation:
    if need.status != NeedStatus.PUBLISHED:
        raise ValidationError(_("Publish the need before inviting experts."))
    expert = Person.objects.select_for_update().get(pk=expert.pk)
    if not expert.consent_contact:
        raise ValidationError(
            {
                "expert": _(
                    "This person has not consented (or has withdrawn consent) to be contacted "
                    "through the platform: they cannot be invited."
                )
            }
        )
    if conflict_of_interest(need, expert):
        raise ValidationError(
            {
                "expert": _(
                    "This expert works for the body that posted the need (conflict of interest)."
                )
            }
        )
    if Invitation.objects.filter(need=need, expert=expert).exists():
        raise ValidationError({"expert": _("This expert has already been invited to this need.")})
    _clean = {"message": message or ""}
    _clean_text(_clean, ("message",))
    invitation = Invitation.objects.create(
        need=need, expert=expert, invited_by=invited_by, message=_clean["message"]
    )
    transaction.on_commit(lambda: notifications.invited(invitation))
    return invitation


def _pending(invitation: Invitation) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("This invitation has already been answered or withdrawn."))


@transaction.atomic
def invitation_accept(*, invitation: Invitation) -> Engagement:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _pending(invitation)
    if invitation.need.status == NeedStatus.CLOSED:
        raise ValidationError(_("The need has been closed."))
    invitation.status = InvitationStatus.ACCEPTED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    engagement = Engagement.objects.create(
        invitation=invitation, need=invitation.need, expert=invitation.expert
    )
    transaction.on_commit(lambda: notifications.answered(invitation))
    return engagement


@transaction.atomic
def invitation_decline(*, invitation: Invitation, reason: str) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _pending(invitation)
    values = {"reason": reason or ""}
    _clean_text(values, ("reason",))
    if not values["reason"]:
        raise ValidationError({"reason": _("Say why you decline: it helps the body that asked.")})
    invitation.status = InvitationStatus.DECLINED
    invitation.decline_reason = values["reason"][:1000]
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "decline_reason", "responded_at"])
    transaction.on_commit(lambda: notifications.answered(invitation))
    return invitation


def invitation_withdraw(*, invitation: Invitation) -> Invitation:
    _pending(invitation)
    invitation.status = InvitationStatus.WITHDRAWN
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    transaction.on_commit(lambda: notifications.withdrawn(invitation))
    return invitation


# -- engagements ---------------------------------------------------------------------------------


def _active(engagement: Engagement) -> None:
    if engagement.status != EngagementStatus.ACTIVE:
        raise ValidationError(_("This engagement has ended."))


def milestone_add(*, engagement: Engagement, title: str, due_on=None) -> Milestone:
    _active(engagement)
    milestone = Milestone(
        engagement=engagement, title=normalize(title or "").strip(), due_on=due_on
    )
    milestone.full_clean()
    milestone.save()
    return milestone


def milestone_done(*, milestone: Milestone, done: bool = True) -> Milestone:
    _active(milestone.engagement)
    milestone.done_at = timezone.now() if done else None
    milestone.save(update_fields=["done_at"])
    return milestone


DOCUMENT_AREA = "engagements"
DOCUMENT_KINDS = frozenset({"pdf", "png", "jpeg", "webp", "xlsx", "csv"})


def document_add(
    *, engagement: Engagement, upload, title: str = "", uploaded_by=None
) -> EngagementDocument:
    """Store an uploaded file (checked by content, size-limited) with the engagement."""
    from kieubao.core.uploads import store_upload

    _active(engagement)
    stored = store_upload(upload, area=DOCUMENT_AREA, allowed=DOCUMENT_KINDS)
    document = EngagementDocument(
        engagement=engagement,
        title=normalize(title or getattr(upload, "name", "") or "").strip()[:200] or _("Document"),
        stored_name=stored.name,
        file_kind=stored.kind,
        size=stored.size,
        uploaded_by=uploaded_by,
    )
    document.save()
    return document


@transaction.atomic
def engagement_end(*, engagement: Engagement, outcome: str, note: str = "") -> Engagement:
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    _active(engagement)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose what came of the engagement.")})
    values = {"note": note or ""}
    _clean_text(values, ("note",))
    engagement.status = EngagementStatus.ENDED
    engagement.outcome = outcome
    engagement.outcome_note = values["note"][:5000]
    engagement.ended_at = timezone.now()
    engagement.save(update_fields=["status", "outcome", "outcome_note", "ended_at"])
    return engagement

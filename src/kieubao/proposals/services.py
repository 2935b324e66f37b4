"""Writes of proposals. Views, the API, the demo and commands all call these, so every door
validates, records the public timeline and notifies the same way. Errors are ValidationErrors
with translated messages keyed by field. Permission is the caller's business (rules.py); what
the workflow allows (which status follows which) is checked here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from kieubao.community.models import HOMELAND_BODY_KINDS, ExpertiseField, Organisation, Person
from kieubao.core.richtext import sanitize_html
from kieubao.core.text import fold, normalize

from . import notifications
from .models import (
    FINAL,
    AbuseReport,
    AbuseStatus,
    Attachment,
    Comment,
    Endorsement,
    EntryKind,
    Outcome,
    OutcomeKind,
    Proposal,
    Status,
    TimelineEntry,
)

ATTACHMENT_AREA = "proposal-attachments"
ATTACHMENT_KINDS = frozenset({"pdf", "png", "jpeg", "webp"})
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
LANGUAGES = ("vi", "en")

# What the assigned body may do from each status (the platform's moves are separate).
BODY_MOVES: dict[str, tuple[str, ...]] = {
    Status.ASSIGNED: (Status.UNDER_REVIEW, Status.ACCEPTED, Status.DECLINED),
    Status.UNDER_REVIEW: (Status.ACCEPTED, Status.DECLINED),
    Status.ACCEPTED: (Status.IN_IMPLEMENTATION, Status.IMPLEMENTED),
    Status.IN_IMPLEMENTATION: (Status.IMPLEMENTED,),
}
_no_nul = ProhibitNullCharactersValidator()


def _text(value: Any, *, field: str, errors: dict, max_length: int, required: bool = False) -> str:
    value = "" if value is None else str(value)
    try:
        _no_nul(value)
    except ValidationError as exc:
        errors[field] = exc.messages
        return ""
    value = normalize(value).strip()
    if len(value) > max_length:
        errors[field] = [
            _("At most %(n)d characters (this has %(got)d).") % {"n": max_length, "got": len(value)}
        ]
    elif required and not value:
        errors[field] = [_("This field is required.")]
    return value


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _fields(slugs: Iterable[str] | None, errors: dict) -> list[ExpertiseField]:
    slugs = [s for s in (slugs or []) if s]
    found = list(ExpertiseField.objects.filter(slug__in=slugs))
    if len(found) != len(set(slugs)):
        errors["fields"] = [_("Choose fields from the list.")]
    return found


def _body(value: Organisation | int | None, *, field: str, errors: dict) -> Organisation | None:
    if value in (None, ""):
        return None
    body = value if isinstance(value, Organisation) else None
    if body is None:
        try:
            body = Organisation.objects.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            body = None
    if body is None or body.kind not in HOMELAND_BODY_KINDS:
        errors[field] = [_("Choose a ministry, a province or a diplomatic mission.")]
        return None
    return body


def _entry(proposal: Proposal, kind: str, *, actor=None, body=None, platform=False, **values):
    return TimelineEntry.objects.create(
        proposal=proposal, kind=kind, actor=actor, body=body, by_platform=platform, **values
    )


# --- submission ----------------------------------------------------------------------------------
@transaction.atomic
def proposal_submit(
    *,
    author: Person,
    title: str,
    body: str,
    language: str = "vi",
    fields: Iterable[str] = (),
    addressed_to: Organisation | int | None = None,
    anonymous: bool = False,
    attachments: Iterable = (),
) -> Proposal:
    errors: dict = {}
    title = _text(title, field="title", errors=errors, max_length=200, required=True)
    if title and len(title) < 10 and "title" not in errors:
        errors["title"] = [_("Say in a few words what you propose (at least 10 characters).")]
    raw = _text(body, field="body", errors=errors, max_length=50_000, required=True)
    clean = sanitize_html(raw)
    if raw and len(strip_tags(clean).strip()) < 30 and "body" not in errors:
        errors["body"] = [_("Explain your proposal (at least 30 characters of text).")]
    if language not in LANGUAGES:
        errors["language"] = [_("Choose Vietnamese or English.")]
    chosen = _fields(fields, errors)
    target = _body(addressed_to, field="addressed_to", errors=errors)
    attachments = list(attachments)
    if len(attachments) > MAX_ATTACHMENTS:
        errors["attachments"] = [_("At most %(n)d attachments.") % {"n": MAX_ATTACHMENTS}]
    _raise(errors)
    proposal = Proposal.objects.create(
        author=author,
        anonymous=bool(anonymous),
        title=title,
        body=clean,
        language=language,
        addressed_to=target,
        title_folded=fold(title),
        text_folded=fold(f"{title} {strip_tags(clean)}"),
    )
    proposal.fields.set(chosen)
    for upload in attachments:
        attachment_add(proposal=proposal, upload=upload)
    _entry(proposal, EntryKind.SUBMITTED, to_status=Status.SUBMITTED)
    notifications.submitted(proposal)
    return proposal


@transaction.atomic
def attachment_add(*, proposal: Proposal, upload, title: str = "") -> Attachment:
    from kieubao.core.uploads import store_upload

    if proposal.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": [_("At most %(n)d attachments.") % {"n": MAX_ATTACHMENTS}]}
        )
    try:
        stored = store_upload(
            upload, area=ATTACHMENT_AREA, allowed=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES
        )
    except ValidationError as exc:
        name = getattr(upload, "name", "") or ""
        messages = [f"{name}: {m}" if name else m for m in exc.messages]
        raise ValidationError({"attachments": messages}) from exc
    name = normalize(title or getattr(upload, "name", "") or "").strip()[:200]
    return Attachment.objects.create(
        proposal=proposal,
        title=name or _("Attachment"),
        stored_name=stored.name,
        file_kind=stored.kind,
        size=stored.size,
    )


# --- endorsements, comments, moderation ----------------------------------------------------------
@transaction.atomic
def endorse(*, proposal: Proposal, person: Person) -> Endorsement:
    if proposal.author_id == person.pk:
        raise ValidationError({"proposal": [_("You cannot endorse your own proposal.")]})
    if proposal.status in FINAL or proposal.hidden:
        raise ValidationError({"proposal": [_("This proposal can no longer be endorsed.")]})
    if Endorsement.objects.filter(proposal=proposal, person=person).exists():
        raise ValidationError({"proposal": [_("You have already endorsed this proposal.")]})
    endorsement = Endorsement.objects.create(proposal=proposal, person=person)
    Proposal.objects.filter(pk=proposal.pk).update(endorsement_count=F("endorsement_count") + 1)
    proposal.refresh_from_db(fields=["endorsement_count"])
    return endorsement


@transaction.atomic
def endorsement_withdraw(*, proposal: Proposal, person: Person) -> None:
    deleted, _details = Endorsement.objects.filter(proposal=proposal, person=person).delete()
    if deleted:
        Proposal.objects.filter(pk=proposal.pk).update(endorsement_count=F("endorsement_count") - 1)
        proposal.refresh_from_db(fields=["endorsement_count"])


@transaction.atomic
def comment_add(
    *, proposal: Proposal, author: Person, text: str, parent: Comment | None = None
) -> Comment:
    errors: dict = {}
    text = _text(text, field="text", errors=errors, max_length=5000, required=True)
    if parent is not None and parent.proposal_id != proposal.pk:
        errors["parent"] = [_("You can only reply to a comment on the same proposal.")]
    if parent is not None and parent.hidden:
        errors["parent"] = [_("This comment was hidden by a moderator.")]
    _raise(errors)
    return Comment.objects.create(proposal=proposal, author=author, text=text, parent=parent)


@transaction.atomic
def abuse_report(*, proposal: Proposal, reason: str, user, comment: Comment | None = None):
    errors: dict = {}
    reason = _text(reason, field="reason", errors=errors, max_length=2000, required=True)
    if comment is not None and comment.proposal_id != proposal.pk:
        errors["comment"] = [_("This comment is not on this proposal.")]
    _raise(errors)
    report = AbuseReport.objects.create(
        proposal=proposal, comment=comment, reason=reason, reporter=user
    )
    notifications.abuse_reported(report)
    return report


def _hide_reason(reason: str) -> str:
    errors: dict = {}
    reason = _text(reason, field="reason", errors=errors, max_length=500, required=True)
    _raise(errors)
    return reason


@transaction.atomic
def comment_hide(comment: Comment, *, reason: str, user) -> Comment:
    comment.hidden = True
    comment.hidden_reason = _hide_reason(reason)
    comment.hidden_by = user
    comment.save(update_fields=["hidden", "hidden_reason", "hidden_by"])
    AbuseReport.objects.filter(comment=comment, status=AbuseStatus.OPEN).update(
        status=AbuseStatus.HIDDEN, resolved_by=user, resolved_at=timezone.now()
    )
    return comment


@transaction.atomic
def proposal_hide(proposal: Proposal, *, reason: str, user) -> Proposal:
    proposal.hidden = True
    proposal.hidden_reason = _hide_reason(reason)
    proposal.save(update_fields=["hidden", "hidden_reason", "updated_at"])
    AbuseReport.objects.filter(
        proposal=proposal, comment__isnull=True, status=AbuseStatus.OPEN
    ).update(status=AbuseStatus.HIDDEN, resolved_by=user, resolved_at=timezone.now())
    return proposal


@transaction.atomic
def abuse_dismiss(report: AbuseReport, *, user) -> AbuseReport:
    if report.status != AbuseStatus.OPEN:
        raise ValidationError({"status": [_("This report was already dealt with.")]})
    report.status = AbuseStatus.DISMISSED
    report.resolved_by = user
    report.resolved_at = timezone.now()
    report.save(update_fields=["status", "resolved_by", "resolved_at"])
    return report


# --- the workflow --------------------------------------------------------------------------------
def _move(
    proposal: Proposal,
    to: str,
    *,
    actor,
    body: Organisation | None = None,
    platform: bool = False,
    text: str = "",
    signed_name: str = "",
) -> Proposal:
    was = proposal.status
    now = timezone.now()
    proposal.status = to
    if to in FINAL:
        proposal.closed_at = now
    # The body's first step is its first answer, even when the platform moved it before.
    if body is not None and proposal.first_answer_at is None:
        proposal.first_answer_at = now
    proposal.save()
    _entry(
        proposal,
        EntryKind.STATUS,
        actor=actor,
        body=body,
        platform=platform,
        from_status=was,
        to_status=to,
        text=text,
        signed_name=signed_name,
    )
    notifications.status_changed(proposal, was)
    return proposal


@transaction.atomic
def screen(proposal: Proposal, *, user) -> Proposal:
    if proposal.status != Status.SUBMITTED:
        raise ValidationError({"status": [_("Only a newly submitted proposal goes to screening.")]})
    return _move(proposal, Status.SCREENING, actor=user, platform=True)


@transaction.atomic
def assign(proposal: Proposal, *, body: Organisation | int, user, note: str = "") -> Proposal:
    """The platform routes the proposal to a body (or to another body)."""
    errors: dict = {}
    target = _body(body, field="body", errors=errors)
    if target is None and "body" not in errors:
        errors["body"] = [_("Choose the agency that will handle it.")]
    note = _text(note, field="note", errors=errors, max_length=2000)
    if proposal.status not in (Status.SUBMITTED, Status.SCREENING, Status.ASSIGNED):
        errors["status"] = [
            _("A proposal is assigned before its agency answers; this one is: %(status)s.")
            % {"status": proposal.get_status_display()}
        ]
    elif target is not None and proposal.assigned_body_id == target.pk:
        errors["body"] = [_("It is already assigned to this agency.")]
    _raise(errors)
    proposal.assigned_body = target
    proposal.assigned_at = timezone.now()
    proposal.overdue_notified_at = None
    was = proposal.status
    proposal.status = Status.ASSIGNED
    proposal.save()
    _entry(
        proposal,
        EntryKind.ASSIGNED,
        actor=user,
        body=target,
        platform=True,
        from_status=was,
        to_status=Status.ASSIGNED,
        text=note,
    )
    notifications.status_changed(proposal, was)
    notifications.assigned(proposal)
    return proposal


@transaction.atomic
def move(
    proposal: Proposal,
    *,
    to: str,
    user,
    body: Organisation | None,
    reason: str = "",
    signed_name: str = "",
) -> Proposal:
    """The assigned body moves the proposal on. Declining needs a reason (public); any move
    may carry a public text. ``body`` is the acting body (None: a platform admin acting for
    the platform)."""
    errors: dict = {}
    reason = _text(reason, field="reason", errors=errors, max_length=10_000)
    signed_name = _text(signed_name, field="signed_name", errors=errors, max_length=200)
    allowed = BODY_MOVES.get(proposal.status, ())
    if to not in Status.values:
        errors["to"] = [_("Choose one of the statuses.")]
    elif to not in allowed:
        errors["to"] = [
            _("A proposal that is “%(now)s” cannot become “%(to)s”.")
            % {"now": proposal.get_status_display(), "to": Status(to).label}
        ]
    if to == Status.DECLINED and not reason and "reason" not in errors:
        errors["reason"] = [_("Declining needs a reason: the proposer and the public are told.")]
    _raise(errors)
    return _move(
        proposal,
        to,
        actor=user,
        body=body,
        platform=body is None,
        text=reason,
        signed_name=signed_name,
    )


@transaction.atomic
def answer(
    proposal: Proposal, *, text: str, user, body: Organisation | None, signed_name: str = ""
) -> TimelineEntry:
    """A public answer of the assigned body (it counts as the first answer)."""
    errors: dict = {}
    text = _text(text, field="text", errors=errors, max_length=10_000, required=True)
    signed_name = _text(signed_name, field="signed_name", errors=errors, max_length=200)
    if proposal.assigned_body_id is None:
        errors["text"] = [_("The proposal has not been assigned to an agency yet.")]
    _raise(errors)
    if body is not None and proposal.first_answer_at is None:
        proposal.first_answer_at = timezone.now()
        proposal.save(update_fields=["first_answer_at", "updated_at"])
    entry = _entry(
        proposal,
        EntryKind.ANSWER,
        actor=user,
        body=body,
        platform=body is None,
        text=text,
        signed_name=signed_name,
    )
    notifications.answered(proposal, entry)
    return entry


@transaction.atomic
def merge(proposal: Proposal, *, into: Proposal, user, note: str = "") -> Proposal:
    errors: dict = {}
    note = _text(note, field="note", errors=errors, max_length=2000)
    if into.pk == proposal.pk:
        errors["into"] = [_("A proposal cannot be merged into itself.")]
    elif into.status == Status.MERGED:
        errors["into"] = [_("That proposal was itself merged; merge into the one it joined.")]
    if proposal.status in FINAL:
        errors["status"] = [_("This proposal is closed.")]
    _raise(errors)
    proposal.merged_into = into
    was = proposal.status
    proposal.status = Status.MERGED
    proposal.closed_at = timezone.now()
    proposal.save()
    _entry(
        proposal,
        EntryKind.MERGED,
        actor=user,
        platform=True,
        from_status=was,
        to_status=Status.MERGED,
        text=note,
    )
    # Endorsers of the merged proposal now back the one it joined (once each).
    already = set(into.endorsements.values_list("person_id", flat=True)) | {into.author_id}
    moved = [
        Endorsement(proposal=into, person_id=pid)
        for pid in proposal.endorsements.values_list("person_id", flat=True)
        if pid not in already
    ]
    Endorsement.objects.bulk_create(moved)
    if moved:
        Proposal.objects.filter(pk=into.pk).update(
            endorsement_count=F("endorsement_count") + len(moved)
        )
    notifications.status_changed(proposal, was)
    return proposal


# --- outcomes ------------------------------------------------------------------------------------
def _progress(value: Any, errors: dict) -> int:
    try:
        progress = int(str(value).strip())
    except (TypeError, ValueError):
        errors["progress"] = [_("Give the progress as a whole number from 0 to 100.")]
        return 0
    if not 0 <= progress <= 100:
        errors["progress"] = [_("Give the progress as a whole number from 0 to 100.")]
    return progress


@transaction.atomic
def outcome_add(
    proposal: Proposal,
    *,
    kind: str,
    title: str,
    user,
    body: Organisation | None,
    description: str = "",
    link: str = "",
    engagement=None,
    progress: Any = 0,
) -> Outcome:
    errors: dict = {}
    if proposal.status not in (Status.ACCEPTED, Status.IN_IMPLEMENTATION, Status.IMPLEMENTED):
        errors["kind"] = [_("Outcomes are linked to accepted proposals.")]
    if kind not in OutcomeKind.values:
        errors["kind"] = [_("Choose one of the kinds.")]
    title = _text(title, field="title", errors=errors, max_length=200, required=True)
    description = _text(description, field="description", errors=errors, max_length=5000)
    link = _text(link, field="link", errors=errors, max_length=200)
    if link:
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            errors["link"] = [_("Enter a web address starting with https://")]
    if kind == OutcomeKind.ENGAGEMENT and engagement is None:
        errors["engagement"] = [_("Choose the engagement of the knowledge network.")]
    progress = _progress(progress, errors)
    _raise(errors)
    outcome = Outcome.objects.create(
        proposal=proposal,
        kind=kind,
        title=title,
        description=description,
        link=link,
        engagement=engagement if kind == OutcomeKind.ENGAGEMENT else None,
        progress=progress,
    )
    _entry(
        proposal,
        EntryKind.OUTCOME,
        actor=user,
        body=body,
        platform=body is None,
        text=f"{title} ({progress}%)",  # the kind is shown with the outcome, translated
    )
    notifications.outcome_linked(proposal, outcome)
    return outcome


@transaction.atomic
def outcome_progress(outcome: Outcome, *, progress: Any, user, body: Organisation | None):
    errors: dict = {}
    progress = _progress(progress, errors)
    _raise(errors)
    if progress != outcome.progress:
        outcome.progress = progress
        outcome.save(update_fields=["progress", "updated_at"])
        _entry(
            outcome.proposal,
            EntryKind.OUTCOME,
            actor=user,
            body=body,
            platform=body is None,
            text=f"{outcome.title}: {progress}%",
        )
    return outcome

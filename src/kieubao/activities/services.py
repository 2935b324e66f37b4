"""Writes of activity reports. Views, the API and the demo all call these, so every door
validates and notifies the same way. Errors are ValidationErrors with translated messages keyed
by field. Permission is the caller's business (rules.py); what the workflow allows (which status
follows which) is checked here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kieubao.community.models import HOMELAND_BODY_KINDS, Organisation, OrganisationKind
from kieubao.core import cleaning
from kieubao.core.text import fold, normalize

from . import notifications
from .models import EDITABLE, ActivityReport, Attachment, Kind, Status, Theme
from .rules import REPORTING_KINDS

ATTACHMENT_AREA = "activity-attachments"
ATTACHMENT_KINDS = frozenset({"pdf", "png", "jpeg", "webp"})
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 8
MAX_PARTICIPANTS = 10_000_000

# The fields of the template (what create and update take).
FIELDS = (
    "kind",
    "title",
    "date",
    "end_date",
    "country",
    "city",
    "partners",
    "activity_count",
    "participants",
    "participants_overseas",
    "participants_local",
    "theme",
    "programme",
    "description",
)


def _partners(value: Any, errors: dict) -> str:
    """One partner a line (a list from the API, or the lines of the form's text)."""
    lines = value if isinstance(value, (list, tuple)) else str(value or "").splitlines()
    clean = [cleaning.text(line, field="partners", errors=errors, max_length=200) for line in lines]
    joined = "\n".join(line for line in clean if line)
    if len(joined) > 2000 and "partners" not in errors:
        errors["partners"] = [
            _("At most %(n)d characters (this has %(got)d).") % {"n": 2000, "got": len(joined)}
        ]
    return joined


def _programme(value: Any, errors: dict):
    from kieubao.events.models import Programme

    if value in (None, ""):
        return None
    if isinstance(value, Programme):
        return value
    try:
        found = Programme.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError, OverflowError):
        found = None
    if found is None:
        errors["programme"] = [_("Choose a programme from the list.")]
    return found


def _reporter(value: Organisation | int | None, errors: dict) -> Organisation | None:
    reporter = value if isinstance(value, Organisation) else None
    if reporter is None and value not in (None, ""):
        try:
            reporter = Organisation.objects.filter(pk=int(value)).first()
        except (TypeError, ValueError, OverflowError):
            reporter = None
    if reporter is None or (
        reporter.kind not in REPORTING_KINDS and reporter.kind != OrganisationKind.MISSION
    ):
        errors["reporter"] = [
            _("Choose an association, a network, a professional body or a diplomatic mission.")
        ]
        return None
    return reporter


def _clean(values: dict[str, Any], errors: dict) -> dict[str, Any]:
    """The template's values, cleaned; a missing key is left out (partial updates)."""
    clean: dict[str, Any] = {}
    if "kind" in values:
        clean["kind"] = cleaning.choice(values["kind"], Kind, field="kind", errors=errors)
    if "theme" in values:
        clean["theme"] = cleaning.choice(values["theme"], Theme, field="theme", errors=errors)
    if "title" in values:
        title = cleaning.text(values["title"], field="title", errors=errors, max_length=200)
        if not title and "title" not in errors:
            errors["title"] = [_("This field is required.")]
        clean["title"] = title
    if "date" in values:
        clean["date"] = cleaning.day(values["date"], field="date", errors=errors)
    if "end_date" in values:
        clean["end_date"] = (
            None
            if values["end_date"] in (None, "")
            else cleaning.day(values["end_date"], field="end_date", errors=errors)
        )
    if "country" in values:
        clean["country"] = cleaning.country(values["country"], field="country", errors=errors)
    if "city" in values:
        clean["city"] = cleaning.text(values["city"], field="city", errors=errors, max_length=120)
    if "partners" in values:
        clean["partners"] = _partners(values["partners"], errors)
    if "description" in values:
        clean["description"] = cleaning.text(
            values["description"], field="description", errors=errors, max_length=10_000
        )
    if "activity_count" in values:
        count = cleaning.integer(
            values["activity_count"],
            field="activity_count",
            errors=errors,
            minimum=1,
            maximum=10_000,
        )
        clean["activity_count"] = 1 if count is None else count
    for name in ("participants", "participants_overseas", "participants_local"):
        if name in values:
            number = cleaning.integer(
                values[name],
                field=name,
                errors=errors,
                required=name == "participants",
                maximum=MAX_PARTICIPANTS,
            )
            clean[name] = number
    if "programme" in values:
        clean["programme"] = _programme(values["programme"], errors)
    return clean


def _check(report: ActivityReport, errors: dict) -> None:
    """What holds across fields (checked on the report as it would be saved)."""
    if report.date and report.end_date and report.end_date < report.date:
        errors.setdefault("end_date", [_("The end cannot come before the start.")])
    split = [n for n in (report.participants_overseas, report.participants_local) if n is not None]
    if split and report.participants is not None and sum(split) > report.participants:
        errors.setdefault(
            "participants",
            [
                _(
                    "Overseas Vietnamese and local participants add up to more than "
                    "the participants (%(n)d)."
                )
                % {"n": report.participants}
            ],
        )


@transaction.atomic
def report_create(
    *, reporter: Organisation | int | None, user=None, attachments: Iterable = (), **values: Any
) -> ActivityReport:
    errors: dict = {}
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    body = _reporter(reporter, errors)
    required = dict.fromkeys(("kind", "theme", "title", "date", "country", "participants"))
    clean = _clean(required | values, errors)
    report = ActivityReport(reporter=body, created_by=user, **clean)
    _check(report, errors)
    attachments = list(attachments)
    if len(attachments) > MAX_ATTACHMENTS:
        errors["attachments"] = [_("At most %(n)d attachments.") % {"n": MAX_ATTACHMENTS}]
    cleaning.raise_if(errors)
    report.title_folded = fold(report.title)[:200]
    report.save()
    for upload in attachments:
        attachment_add(report=report, upload=upload)
    return report


@transaction.atomic
def report_update(
    *, report: ActivityReport, attachments: Iterable = (), **values: Any
) -> ActivityReport:
    """Change the given fields of a draft or returned report."""
    if report.status not in EDITABLE:
        raise ValidationError({"status": [_("Only a draft or a returned report can be changed.")]})
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    errors: dict = {}
    clean = _clean(values, errors)
    for name, value in clean.items():
        setattr(report, name, value)
    _check(report, errors)
    attachments = list(attachments)
    if report.pk and len(attachments) + report.attachments.count() > MAX_ATTACHMENTS:
        errors["attachments"] = [_("At most %(n)d attachments.") % {"n": MAX_ATTACHMENTS}]
    if errors:
        report.refresh_from_db()
        raise ValidationError(errors)
    report.title_folded = fold(report.title)[:200]
    report.save()
    for upload in attachments:
        attachment_add(report=report, upload=upload)
    return report


@transaction.atomic
def attachment_add(*, report: ActivityReport, upload, title: str = "") -> Attachment:
    from kieubao.core.uploads import store_upload

    if report.attachments.count() >= MAX_ATTACHMENTS:
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
        report=report,
        title=name or _("Attachment"),
        stored_name=stored.name,
        file_kind=stored.kind,
        size=stored.size,
    )


def _locked(report: ActivityReport) -> ActivityReport:
    return ActivityReport.objects.select_for_update().get(pk=report.pk)


def _refresh(report: ActivityReport, fresh: ActivityReport) -> ActivityReport:
    report.refresh_from_db()
    return report


@transaction.atomic
def report_submit(*, report: ActivityReport) -> ActivityReport:
    fresh = _locked(report)
    if fresh.status not in EDITABLE:
        raise ValidationError({"status": [_("This report has already been submitted.")]})
    fresh.status = Status.SUBMITTED
    fresh.submitted_at = timezone.now()
    fresh.save(update_fields=["status", "submitted_at", "updated_at"])
    notifications.submitted(fresh)
    return _refresh(report, fresh)


def _deciding_body(user, body: Organisation | None) -> Organisation | None:
    if body is not None:
        return body
    official = getattr(user, "official", None) if user is not None else None
    return official.body if official is not None else None


@transaction.atomic
def report_approve(*, report: ActivityReport, user=None, body=None) -> ActivityReport:
    """Approve a submitted report, for ``body`` (the approver's mission or ministry; by default
    the body of ``user`` if they are an official; none for a platform admin)."""
    fresh = _locked(report)
    if fresh.status != Status.SUBMITTED:
        raise ValidationError({"status": [_("Only a submitted report can be approved.")]})
    deciding = _deciding_body(user, body)
    if deciding is not None and deciding.kind not in HOMELAND_BODY_KINDS:
        raise ValidationError({"body": [_("Reports are approved by a mission or the ministry.")]})
    fresh.status = Status.APPROVED
    fresh.decided_by = user
    fresh.decided_body = deciding
    fresh.decided_at = timezone.now()
    fresh.return_reason = ""
    fresh.reopen_reason = ""
    fresh.save()
    notifications.decided(fresh)
    return _refresh(report, fresh)


def _reason(value: Any, *, field: str, errors: dict, required: bool) -> str:
    reason = cleaning.text(value, field=field, errors=errors, max_length=1000)
    if required and not reason and field not in errors:
        errors[field] = [_("Give a reason: the reporter reads it to correct the report.")]
    return reason


@transaction.atomic
def report_return(*, report: ActivityReport, reason: Any, user=None, body=None) -> ActivityReport:
    errors: dict = {}
    reason = _reason(reason, field="reason", errors=errors, required=True)
    cleaning.raise_if(errors)
    fresh = _locked(report)
    if fresh.status != Status.SUBMITTED:
        raise ValidationError({"status": [_("Only a submitted report can be returned.")]})
    fresh.status = Status.RETURNED
    fresh.return_reason = reason
    fresh.decided_by = user
    fresh.decided_body = _deciding_body(user, body)
    fresh.decided_at = timezone.now()
    fresh.save()
    notifications.decided(fresh)
    return _refresh(report, fresh)


@transaction.atomic
def report_reopen(*, report: ActivityReport, reason: Any = "", user=None) -> ActivityReport:
    """Take an approved report back to the reporter (it leaves the public list and the review);
    the reason is optional."""
    errors: dict = {}
    reason = _reason(reason, field="reason", errors=errors, required=False)
    cleaning.raise_if(errors)
    fresh = _locked(report)
    if fresh.status != Status.APPROVED:
        raise ValidationError({"status": [_("Only an approved report can be reopened.")]})
    fresh.status = Status.RETURNED
    fresh.reopen_reason = reason
    fresh.return_reason = reason
    fresh.breakthrough = False
    fresh.breakthrough_note = ""
    fresh.save()
    return _refresh(report, fresh)


@transaction.atomic
def breakthrough_set(*, report: ActivityReport, flag: bool, note: Any = "") -> ActivityReport:
    errors: dict = {}
    note = cleaning.text(note, field="breakthrough_note", errors=errors, max_length=1000)
    if flag and report.status != Status.APPROVED:
        errors["breakthrough"] = [_("Only an approved report can be marked as a breakthrough.")]
    cleaning.raise_if(errors)
    report.breakthrough = bool(flag)
    report.breakthrough_note = note if flag else ""
    report.save(update_fields=["breakthrough", "breakthrough_note", "updated_at"])
    return report

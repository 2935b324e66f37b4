"""The organisers' attendee list as a table, for the page and its CSV and XLSX exports.

Rows come from selectors.attendees, so an export shows exactly what the page shows: a member's
contact and location only where their registry visibility lets this viewer see them (and the
officials' reads audited there). Every text cell goes through core.csvsafe (no formulas), and
each export is itself recorded in the audit log.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_countries import countries

from kieubao.community.rules import Viewer
from kieubao.core import audit
from kieubao.core.csvsafe import safe_cell
from kieubao.core.models import AuditAction

from . import selectors
from .models import Event, Phase, Question, QuestionKind

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def answer_text(question: Question, value, language: str | None = None) -> str:
    """An answer as a reader sees it: a choice's label, yes or no, the text typed."""
    if value in (None, ""):
        return ""
    if question.kind == QuestionKind.CHOICE:
        return dict(question.choice_pairs(language)).get(value, str(value))
    if question.kind == QuestionKind.YESNO:
        return pgettext("answer", "Yes") if value else pgettext("answer", "No")
    return str(value)


@dataclass
class AttendeeTable:
    questions: list[Question]
    rows: list  # selectors.AttendeeRow, with .answer_list set


def attendee_table(
    viewer: Viewer, event: Event, *, status: str | None = None, language: str | None = None
) -> AttendeeTable:
    questions = list(event.questions.filter(phase=Phase.REGISTRATION))
    rows = selectors.attendees(viewer, event, status=status or None)
    for row in rows:
        if row.country:
            row.country = countries.name(row.country) or row.country
        answers = row.answers or {}
        row.answer_list = [(q, answer_text(q, answers.get(str(q.pk)), language)) for q in questions]
    return AttendeeTable(questions=questions, rows=rows)


def _headers(table: AttendeeTable, language: str | None) -> list[str]:
    return [
        _("Full name"),
        _("Organisation"),
        _("Delegation"),
        _("Status"),
        _("Checked in (Vietnam time)"),
        _("Email"),
        _("Phone"),
        _("Country"),
        _("City"),
        _("Ticket number"),
        *(q.text(language) for q in table.questions),
    ]


def _cells(row) -> list:
    checked = (
        row.checked_in_at.astimezone(VIETNAM).strftime("%Y-%m-%d %H:%M")
        if (row.checked_in_at)
        else ""
    )
    return [
        row.full_name,
        row.organisation,
        row.delegation,
        str(row.status),
        checked,
        row.email,
        row.phone,
        row.country,
        row.city,
        row.registration.pk,
        *(text for _q, text in row.answer_list),
    ]


def _record(viewer: Viewer, event: Event, fmt: str, count: int) -> None:
    audit.record(
        AuditAction.EXPORT,
        actor_id=viewer.user_id,
        actor_body_id=viewer.scope.body_id if viewer.scope else None,
        target_type="event",
        target_id=event.pk,
        detail={"format": fmt, "scope": "attendees", "rows": count},
    )


def attendees_csv(
    viewer: Viewer, event: Event, *, status: str | None = None, language: str | None = None
) -> str:
    table = attendee_table(viewer, event, status=status, language=language)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in _headers(table, language)])
    for row in table.rows:
        writer.writerow([safe_cell(c) for c in _cells(row)])
    _record(viewer, event, "csv", len(table.rows))
    return out.getvalue()


def attendees_xlsx(
    viewer: Viewer, event: Event, *, status: str | None = None, language: str | None = None
) -> bytes:
    from openpyxl import Workbook

    table = attendee_table(viewer, event, status=status, language=language)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(safe_cell(_("Attendees"))[:31])
    sheet.append([safe_cell(h) for h in _headers(table, language)])
    for row in table.rows:
        sheet.append([c if isinstance(c, int) else safe_cell(c) for c in _cells(row)])
    out = io.BytesIO()
    book.save(out)
    _record(viewer, event, "xlsx", len(table.rows))
    return out.getvalue()

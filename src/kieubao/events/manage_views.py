"""The organisers' pages: their events, creating and editing an event or a programme,
publishing and cancelling, the agenda, the questions, check-in staff, invitations, the
attendee list and its exports, and the statistics; and the public figures of what meetings
at events came to, by province.

Thin: parse, check the rule (rules.py), call a service or selector, render. Deny by default:
anonymous visitors are sent to log in; an event the viewer may not see (a draft of someone
else) is a 404; an event they see but do not organise is a 403, as is every page for someone
who organises nothing. A service's refusal is shown on the form, in the reader's language,
with what was typed kept.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.forms import apply_errors
from kieubao.core.provinces import province_by_code

from . import exports, rules, selectors, services
from .manage_forms import (
    AttendeeFilterForm,
    CancelForm,
    EventForm,
    InvitationsForm,
    ProgrammeForm,
    QuestionForm,
    SessionForm,
    StaffForm,
    parse_people,
)
from .models import (
    Event,
    EventStatus,
    Feedback,
    Invitation,
    OutcomeKind,
    Phase,
    Programme,
    RegStatus,
    RequestStatus,
)

T = "events/manage/"


def _language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def _creator(request: HttpRequest) -> Viewer:
    viewer = viewer_for_request(request)
    if not rules.can_create_event(viewer):
        raise PermissionDenied
    return viewer


def _organised(request: HttpRequest, pk: int) -> tuple[Viewer, Event]:
    """An event the viewer organises: a draft they may not see is a 404, an event they see
    but do not organise a 403."""
    viewer = viewer_for_request(request)
    event = selectors.event_get(viewer, pk)
    if event is None:
        raise Http404
    if not rules.is_organiser(viewer, event):
        raise PermissionDenied
    return viewer, event


def _hub(request: HttpRequest, event: Event, section: str, **context) -> dict:
    """The context of one of an event's management pages (its subnav shows the section)."""
    return {"event": event, "section": section, **context}


def _action(request: HttpRequest, default: str = "add") -> str:
    return request.POST.get("action") or default


def _object_pk(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("id", ""))
    except ValueError:
        raise Http404 from None


# --- my events ---------------------------------------------------------------------------------
@login_required
@require_GET
def organise(request: HttpRequest) -> HttpResponse:
    viewer = _creator(request)
    events = selectors.organised_by(viewer).annotate(
        n_confirmed=Count("registrations", filter=Q(registrations__status=RegStatus.CONFIRMED)),
        n_waiting=Count("registrations", filter=Q(registrations__status=RegStatus.WAITLISTED)),
        n_checked_in=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
    )
    try:
        page = int(request.GET.get("page", 1))
    except ValueError:
        page = 1
    result = selectors.paginate(events, page, 50)
    programmes = Programme.objects.select_related("owner").order_by("-starts_on", "pk")
    if not viewer.is_admin:
        hosts = set(viewer.admin_of) | ({viewer.scope.body_id} if viewer.scope else set())
        programmes = programmes.filter(owner_id__in=hosts)
    return render(
        request,
        T + "organise.html",
        {"result": result, "programmes": programmes[:50], "section": "organise"},
    )


# --- events ------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    viewer = _creator(request)
    if request.method == "POST":
        form = EventForm(request.POST, viewer=viewer)
        if form.is_valid():
            host = form.cleaned_data["host"]
            if not rules.can_host(viewer, host):
                raise PermissionDenied
            try:
                event = services.event_create(host=host, user=request.user, **form.values())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The event is saved as a draft: add its agenda, then publish it."),
                )
                return redirect("events:manage", pk=event.pk)
    else:
        initial = {"country": "VN"}
        if viewer.scope is not None:
            initial["host"] = viewer.scope.body_id
        programme = request.GET.get("programme", "")
        if programme.isdigit():
            initial["programme"] = programme
        form = EventForm(initial=initial, viewer=viewer)
    return render(request, T + "event_form.html", {"form": form, "section": "new"})


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, event = _organised(request, pk)
    form = EventForm(initial=EventForm.initial_for(event), with_host=False)
    cancel_form = CancelForm()
    if request.method == "POST":
        action = request.POST.get("action") or next(
            (a for a in ("publish", "cancel") if a in request.POST), "save"
        )
        if action == "publish":
            try:
                services.event_publish(event, user=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The event is published."))
            return redirect("events:manage", pk=event.pk)
        if action == "cancel":
            cancel_form = CancelForm(request.POST)
            if cancel_form.is_valid():
                try:
                    services.event_cancel(
                        event, user=request.user, reason=cancel_form.cleaned_data["reason"]
                    )
                except ValidationError as exc:
                    apply_errors(cancel_form, exc)
                else:
                    messages.success(
                        request, _("The event is cancelled; everyone registered is told.")
                    )
                    return redirect("events:manage", pk=event.pk)
        else:
            form = EventForm(request.POST, with_host=False)
            if form.is_valid():
                try:
                    services.event_update(event, user=request.user, **form.values())
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(request, _("The event is saved."))
                    return redirect("events:manage", pk=event.pk)
    return render(
        request,
        T + "manage.html",
        _hub(
            request,
            event,
            "manage",
            form=form,
            cancel_form=cancel_form,
            attendance=selectors.attendance(event),
        ),
    )


# --- programmes --------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest) -> HttpResponse:
    viewer = _creator(request)
    if request.method == "POST":
        form = ProgrammeForm(request.POST, viewer=viewer)
        if form.is_valid():
            owner = form.cleaned_data["owner"]
            if not rules.can_host(viewer, owner):
                raise PermissionDenied
            try:
                programme = services.programme_create(
                    owner=owner, user=request.user, **form.values()
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The programme is saved."))
                return redirect("events:programme_edit", pk=programme.pk)
    else:
        initial = {"owner": viewer.scope.body_id} if viewer.scope is not None else {}
        form = ProgrammeForm(initial=initial, viewer=viewer)
    return render(
        request, T + "programme_form.html", {"form": form, "programme": None, "section": "new"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    programme = Programme.objects.select_related("owner").filter(pk=pk).first()
    if programme is None:
        raise Http404
    if not rules.can_host(viewer, programme.owner_id):
        raise PermissionDenied
    if request.method == "POST":
        form = ProgrammeForm(request.POST, with_owner=False)
        if form.is_valid():
            try:
                services.programme_update(programme, user=request.user, **form.values())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The programme is saved."))
                return redirect("events:programme_edit", pk=programme.pk)
    else:
        form = ProgrammeForm(
            initial={
                "title": programme.title,
                "title_en": programme.title_en,
                "description": programme.description,
                "description_en": programme.description_en,
                "starts_on": programme.starts_on.isoformat(),
                "ends_on": programme.ends_on.isoformat(),
            },
            with_owner=False,
        )
    events = list(selectors.programme_events(viewer, programme))
    for event in events:
        event.mine = rules.is_organiser(viewer, event)
    return render(
        request,
        T + "programme_form.html",
        {"form": form, "programme": programme, "events": events, "section": "organise"},
    )


# --- agenda, questions, staff, invitations -----------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def sessions(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, event = _organised(request, pk)
    form = SessionForm()
    if request.method == "POST":
        if _action(request) == "remove":
            session = event.sessions.filter(pk=_object_pk(request)).first()
            if session is None:
                raise Http404
            services.session_remove(session, user=request.user)
            messages.success(request, _("The session is removed."))
            return redirect("events:sessions", pk=event.pk)
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                services.session_add(event, user=request.user, **form.values())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The session is added to the agenda."))
                return redirect("events:sessions", pk=event.pk)
    return render(
        request,
        T + "sessions.html",
        _hub(request, event, "sessions", form=form, items=event.sessions.all()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, event = _organised(request, pk)
    form = QuestionForm()
    if request.method == "POST":
        if _action(request) == "remove":
            question = event.questions.filter(pk=_object_pk(request)).first()
            if question is None:
                raise Http404
            services.question_remove(question, user=request.user)
            messages.success(request, _("The question is removed."))
            return redirect("events:questions", pk=event.pk)
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                services.question_add(event, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The question is added."))
                return redirect("events:questions", pk=event.pk)
    language = _language()
    groups = []
    for phase, label in Phase.choices:
        items = list(event.questions.filter(phase=phase))
        for q in items:
            q.choice_labels = [text for _v, text in q.choice_pairs(language)]
        groups.append((phase, label, items))
    return render(
        request, T + "questions.html", _hub(request, event, "questions", form=form, groups=groups)
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, event = _organised(request, pk)
    form = StaffForm()
    if request.method == "POST":
        if _action(request) == "remove":
            member = event.staff.filter(pk=_object_pk(request)).first()
            if member is None:
                raise Http404
            services.staff_remove(member, user=request.user)
            messages.success(request, _("They can no longer check tickets in at this event."))
            return redirect("events:staff", pk=event.pk)
        form = StaffForm(request.POST)
        if form.is_valid():
            try:
                services.staff_add(event, email=form.cleaned_data["email"], user=request.user)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("They can now check tickets in at this event."))
                return redirect("events:staff", pk=event.pk)
    items = event.staff.select_related("user").order_by("created_at", "pk")
    return render(request, T + "staff.html", _hub(request, event, "staff", form=form, items=items))


def _invitation_status(invitation: Invitation, now) -> tuple[str, str]:
    if invitation.used_at is not None:
        return "used", _("Used")
    if invitation.revoked_at is not None:
        return "revoked", _("Revoked")
    if invitation.expires_at <= now:
        return "expired", _("Expired")
    return "open", _("Open")


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    from django.utils import timezone

    _viewer, event = _organised(request, pk)
    form = InvitationsForm()
    if request.method == "POST":
        if _action(request) == "revoke":
            invitation = event.invitations.filter(pk=_object_pk(request)).first()
            if invitation is None:
                raise Http404
            services.invitation_revoke(invitation, user=request.user)
            messages.success(request, _("The invitation is revoked: its link no longer works."))
            return redirect("events:invitations", pk=event.pk)
        form = InvitationsForm(request.POST)
        if form.is_valid():
            try:
                made = services.invite(
                    event, people=parse_people(form.cleaned_data["people"]), user=request.user
                )
            except ValidationError as exc:
                apply_errors(form, exc, aliases={"emails": "people"})
            else:
                messages.success(
                    request,
                    _("%(n)d invitations sent by email.") % {"n": len(made)},
                )
                return redirect("events:invitations", pk=event.pk)
    now = timezone.now()
    items = list(event.invitations.order_by("-created_at", "-pk"))
    for item in items:
        item.state, item.state_label = _invitation_status(item, now)
    return render(
        request,
        T + "invitations.html",
        _hub(request, event, "invitations", form=form, items=items),
    )


# --- attendees and their exports ---------------------------------------------------------------
def _status_filter(request: HttpRequest) -> tuple[AttendeeFilterForm, str]:
    form = AttendeeFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    return form, status


@login_required
@require_GET
def attendees(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, event = _organised(request, pk)
    form, status = _status_filter(request)
    table = exports.attendee_table(viewer, event, status=status, language=_language())
    query = f"?status={status}" if status else ""
    return render(
        request,
        T + "attendees.html",
        _hub(
            request,
            event,
            "attendees",
            form=form,
            table=table,
            attendance=selectors.attendance(event),
            query=query,
        ),
    )


def _export_name(event: Event, extension: str) -> str:
    return f"event-{event.pk}-attendees-{date.today().isoformat()}.{extension}"


@login_required
@require_GET
def attendees_csv(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, event = _organised(request, pk)
    _form, status = _status_filter(request)
    content = exports.attendees_csv(viewer, event, status=status, language=_language())
    response = HttpResponse("\ufeff" + content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(event, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def attendees_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, event = _organised(request, pk)
    _form, status = _status_filter(request)
    content = exports.attendees_xlsx(viewer, event, status=status, language=_language())
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(event, "xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- statistics --------------------------------------------------------------------------------
def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


@login_required
@require_GET
def statistics(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer, event = _organised(request, pk)
    figures = selectors.statistics(event)
    requests = [(RequestStatus(s).label, figures.requests.get(s, 0)) for s in RequestStatus.values]
    outcomes = [(OutcomeKind(k).label, figures.outcomes.get(k, 0)) for k in OutcomeKind.values]
    ratings = [(r, figures.ratings.get(r, 0)) for r in range(5, 0, -1)]
    comments = (
        Feedback.objects.filter(registration__event=event)
        .exclude(comment="")
        .order_by("-created_at", "-pk")[:200]
    )
    chart = {
        "requests": {
            "labels": [str(label) for label, _n in requests],
            "datasets": [{"label": _("Meeting requests"), "data": [n for _l, n in requests]}],
        },
        "ratings": {
            "labels": [str(r) for r, _n in ratings],
            "datasets": [{"label": _("Answers"), "data": [n for _r, n in ratings]}],
        },
    }
    return render(
        request,
        T + "statistics.html",
        _hub(
            request,
            event,
            "statistics",
            figures=figures,
            checked_in_percent=_percent(figures.attendance.share_checked_in),
            requests=requests,
            outcomes=outcomes,
            ratings=ratings,
            comments=comments,
            province=province_by_code(event.province_code),
            chart=chart,
        ),
    )


# --- public: what meetings at events came to, by province ----------------------------------------
@require_GET
def outcomes(request: HttpRequest) -> HttpResponse:
    codes = (
        Event.objects.exclude(status=EventStatus.DRAFT)
        .filter(province_code__isnull=False)
        .values_list("province_code", flat=True)
        .distinct()
    )
    rows = []
    for code in sorted(set(codes)):
        province = province_by_code(code)
        if province is None:
            continue
        figures = selectors.province_outcomes(code)
        rows.append(
            {
                "province": province,
                "events": figures["events"],
                "by_kind": [figures["by_kind"].get(k, 0) for k in OutcomeKind.values],
                "total": sum(figures["by_kind"].values()),
                "value_usd": figures["value_usd"],
            }
        )
    rows.sort(key=lambda r: (-r["value_usd"], -r["total"], r["province"].name()))
    return render(
        request,
        T + "outcomes.html",
        {"rows": rows, "kinds": OutcomeKind.labels, "section": "outcomes"},
    )


urlpatterns = [
    path("events/organise/", organise, name="organise"),
    path("events/new/", event_new, name="new"),
    path("events/<int:pk>/edit/", manage, name="manage"),
    path("events/programmes/new/", programme_new, name="programme_new"),
    path("events/programmes/<int:pk>/edit/", programme_edit, name="programme_edit"),
    path("events/<int:pk>/sessions/", sessions, name="sessions"),
    path("events/<int:pk>/questions/", questions, name="questions"),
    path("events/<int:pk>/staff/", staff, name="staff"),
    path("events/<int:pk>/invitations/", invitations, name="invitations"),
    path("events/<int:pk>/attendees/", attendees, name="attendees"),
    path("events/<int:pk>/attendees.csv", attendees_csv, name="attendees_csv"),
    path("events/<int:pk>/attendees.xlsx", attendees_xlsx, name="attendees_xlsx"),
    path("events/<int:pk>/statistics/", statistics, name="statistics"),
    path("events/outcomes/", outcomes, name="outcomes"),
]

"""Public event pages, registration, tickets and check-in.

Thin: parse, check the rule (rules.py), call a service or selector, render. Deny by default: an
event a viewer may not see (a draft) and a registration that is not theirs are 404; an event
they see but may not check tickets in for is 403. A service's refusal is shown on the form, in
the reader's language, with what was typed kept.

Times are stored in UTC and shown in Vietnam time by the server (the site's time zone); the
pages also carry a ``<time datetime>`` that static/events/local-time.js shows in the viewer's
own time zone (no inline script under the CSP).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kieubao.community.models import Person
from kieubao.community.rules import Viewer
from kieubao.community.selectors import viewer_for_request
from kieubao.core.htmx import template_for

from . import ics, rules, selectors, services, tickets
from .forms import CheckInForm, EventSearchForm, FeedbackForm, RegistrationForm, apply_errors
from .models import Access, Event, EventStatus, Feedback, Programme, Registration, RegStatus

PER_PAGE = 20


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _posted(request: HttpRequest):
    """The POST data for a bound form (even an empty POST is a submission), else None."""
    return request.POST if request.method == "POST" else None


def _event_or_404(request: HttpRequest, pk: int) -> Event:
    event = selectors.event_get(viewer_for_request(request), pk)
    if event is None:
        raise Http404
    return event


def _registration_or_404(request: HttpRequest, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related("event", "event__host", "leader").filter(pk=pk).first()
    )
    if registration is None or not rules.can_view_registration(
        viewer_for_request(request), registration
    ):
        raise Http404
    return registration


def _staff_event(request: HttpRequest, pk: int) -> Event:
    """An event whose tickets this viewer may check in (its organisers and staff)."""
    event = _event_or_404(request, pk)
    if not rules.can_check_in(viewer_for_request(request), event):
        raise PermissionDenied
    return event


def _seat_message(registration: Registration) -> str:
    if registration.status == RegStatus.CONFIRMED:
        return _("Your registration is confirmed. Your ticket is below.")
    position = selectors.waitlist_position(registration)
    return _(
        "The event is full: you are on the waiting list, position %(n)d. "
        "We will write to you if a seat frees up."
    ) % {"n": position or 0}


# -- list and programmes -------------------------------------------------------------------------


@require_GET
def events_page(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    programmes = list(Programme.objects.order_by("-starts_on", "pk")[:200])
    form = EventSearchForm(request.GET or None, programmes=programmes)
    data = form.cleaned_data if form.is_valid() else {}
    result = selectors.events_list(
        viewer,
        when=data.get("when") or "upcoming",
        q=data.get("q", ""),
        programme=data.get("programme"),
        province_code=data.get("province"),
        page=data.get("page") or 1,
        per_page=PER_PAGE,
    )
    return render(
        request,
        template_for(request, "events/list.html", "events/_results.html"),
        {
            "form": form,
            "result": result,
            "query": _query_without_page(request),
            "programmes": programmes,
            "section": "list",
        },
    )


@require_GET
def programme_page(request: HttpRequest, pk: int) -> HttpResponse:
    programme = Programme.objects.select_related("owner").filter(pk=pk).first()
    if programme is None:
        raise Http404
    events = selectors.programme_events(viewer_for_request(request), programme)
    return render(
        request, "events/programme.html", {"programme": programme, "events": list(events)}
    )


# -- an event ------------------------------------------------------------------------------------


def _closed_reason(event: Event) -> str:
    """Why nobody can register now, or "" (the service says the same on a POST)."""
    now = timezone.now()
    if event.status != EventStatus.PUBLISHED:
        return _("This event is not open for registration.")
    if now >= event.ends_at:
        return _("This event is over.")
    if event.registration_deadline and now > event.registration_deadline:
        return _("Registration closed on %(date)s.") % {
            "date": timezone.localtime(event.registration_deadline).strftime("%d/%m/%Y %H:%M")
        }
    return ""


@require_GET
def event_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    event = _event_or_404(request, pk)
    attendance = selectors.attendance(event)
    # The title in the other language too: the event is bilingual.
    if (get_language() or "vi").startswith("en"):
        other = ("vi", event.title) if event.title_en else None
    else:
        other = ("en", event.title_en) if event.title_en else None
    return render(
        request,
        "events/event.html",
        {
            "event": event,
            "sessions": list(event.sessions.all()),
            "attendance": attendance,
            "registration": selectors.registration_of(viewer, event),
            "closed": _closed_reason(event),
            "organiser": rules.is_organiser(viewer, event),
            "checks_in": rules.can_check_in(viewer, event),
            "by_invitation": event.access == Access.INVITATION,
            "other_title": other if other and other[1] != event.name() else None,
        },
    )


@require_GET
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    response = HttpResponse(ics.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


# -- registration --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def register_page(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    event = _event_or_404(request, pk)
    context: dict = {"event": event}
    if viewer.person_id is None:
        context["no_profile"] = True
        return render(request, "events/register.html", context)
    existing = selectors.registration_of(viewer, event)
    token = request.POST.get("invitation") or request.GET.get("invitation") or ""
    form = RegistrationForm(_posted(request), event=event, initial={"invitation": token[:200]})
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                event,
                person=Person.objects.get(pk=viewer.person_id),
                user=request.user,
                answers=form.answers(),
                delegates=form.delegates(),
                delegation_name=form.cleaned_data["delegation_name"],
                organisation_name=form.cleaned_data["organisation_name"],
                invitation_token=form.cleaned_data["invitation"] or None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _seat_message(registration))
            return redirect("events:registration", registration.pk)
    if request.method == "GET":
        context["existing"] = existing
        context["closed"] = _closed_reason(event)
        if event.access == Access.INVITATION and not context["closed"]:
            if services.invitation_for(event, token) is None:
                context["closed"] = _(
                    "This event is by invitation: use the link in your invitation. "
                    "A link works once and expires."
                )
    context["form"] = form
    context["seats_left"] = services.seats_left(event)
    return render(request, "events/register.html", context)


def _ticket_context(viewer: Viewer, registration: Registration) -> dict:
    event = registration.event
    confirmed = registration.status == RegStatus.CONFIRMED
    delegates = []
    if registration.leader_id is None and rules.owns_registration(viewer, registration):
        delegates = list(registration.delegates.order_by("pk"))
    return {
        "registration": registration,
        "event": event,
        "position": selectors.waitlist_position(registration),
        "qr": mark_safe(tickets.qr_svg(registration)) if confirmed else "",  # noqa: S308 (segno's SVG: no script, no user text)
        "ticket_path": tickets.ticket_path(registration),
        "delegates": delegates,
        "can_cancel": registration.is_active
        and registration.checked_in_at is None
        and rules.can_cancel_registration(viewer, registration),
        "feedback_open": confirmed
        and timezone.now() >= event.starts_at
        and rules.owns_registration(viewer, registration),
        "feedback_given": Feedback.objects.filter(registration=registration).exists(),
        "organiser": rules.is_organiser(viewer, event),
    }


@login_required
@require_GET
def registration_page(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration_or_404(request, pk)
    return render(
        request,
        "events/registration.html",
        _ticket_context(viewer_for_request(request), registration),
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET (or a POST without ``confirm``) asks to confirm; a POST with ``confirm`` cancels."""
    registration = _registration_or_404(request, pk)
    viewer = viewer_for_request(request)
    if not rules.can_cancel_registration(viewer, registration):
        raise PermissionDenied
    error = ""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.registration_cancel(registration, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The registration is cancelled."))
            return redirect("events:registration", registration.pk)
    context = _ticket_context(viewer, registration) | {
        "confirming": True,
        "error": error,
        "group": services.group_of(registration) if registration.is_active else [],
    }
    return render(request, "events/registration.html", context)


@login_required
@require_GET
def mine_page(request: HttpRequest) -> HttpResponse:
    registrations = list(selectors.my_registrations(viewer_for_request(request)))
    now = timezone.now()
    return render(
        request,
        "events/mine.html",
        {
            "upcoming": [r for r in registrations if r.event.ends_at >= now],
            "past": [r for r in registrations if r.event.ends_at < now],
            "section": "mine",
        },
    )


# -- check-in ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def check_in_page(request: HttpRequest, pk: int) -> HttpResponse:
    event = _staff_event(request, pk)
    result = None
    form = CheckInForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        result = services.check_in(event, form.cleaned_data["code"], user=request.user)
        form = CheckInForm()  # ready for the next ticket
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "form": form,
            "result": result,
            "attendance": selectors.attendance(event),
        },
    )


@login_required
@require_GET
def check_in_counts(request: HttpRequest, pk: int) -> HttpResponse:
    """The live attendance figures (an htmx fragment polled by the check-in page)."""
    event = _staff_event(request, pk)
    return render(
        request,
        "events/_attendance.html",
        {"event": event, "attendance": selectors.attendance(event)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ticket_check_in(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """What a ticket's QR code opens. Staff see whose ticket it is and check it in with a POST
    (a GET changes nothing); anyone else, the holder included, is told politely that only the
    event's staff check tickets in, and sees nothing of the ticket."""
    event = _event_or_404(request, pk)
    if not rules.can_check_in(viewer_for_request(request), event):
        # Not an error for the holder scanning their own QR code (200); a POST is refused.
        return render(
            request,
            "events/ticket_check_in.html",
            {"event": event, "staff": False},
            status=403 if request.method == "POST" else 200,
        )
    code = code[:100]
    result = None
    if request.method == "POST":
        result = services.check_in(event, code, user=request.user)
        ticket = result.registration
    else:
        ticket = Registration.objects.select_related("event").filter(ticket_code=code).first()
    problem = ""
    if result is None:
        if ticket is None:
            problem = _("Unknown ticket.")
        elif ticket.event_id != event.pk:
            problem = _("This ticket is for another event: %(event)s.") % {
                "event": ticket.event.name()
            }
    return render(
        request,
        "events/ticket_check_in.html",
        {
            "event": event,
            "staff": True,
            "ticket": ticket if ticket is not None and ticket.event_id == event.pk else None,
            "problem": problem,
            "result": result,
            "code": code,
        },
    )


# -- feedback ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def feedback_page(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _registration_or_404(request, pk)
    if not rules.owns_registration(viewer_for_request(request), registration):
        raise PermissionDenied  # organisers see the ticket but answer no survey for anyone
    event = registration.event
    form = FeedbackForm(_posted(request), event=event)
    given = Feedback.objects.filter(registration=registration).first()
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_submit(
                registration,
                rating=form.cleaned_data.get("rating"),
                answers=form.answers(),
                comment=form.cleaned_data.get("comment", ""),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("events:registration", registration.pk)
    not_yet = ""
    if registration.status != RegStatus.CONFIRMED:
        not_yet = _("Only participants give feedback.")
    elif timezone.now() < event.starts_at:
        not_yet = _("Feedback opens when the event begins.")
    return render(
        request,
        "events/feedback.html",
        {
            "registration": registration,
            "event": event,
            "form": form,
            "given": given,
            "not_yet": not_yet,
        },
    )


urlpatterns: list = [
    path("events/", events_page, name="list"),
    path("events/mine/", mine_page, name="mine"),
    path("events/programmes/<int:pk>/", programme_page, name="programme"),
    path("events/<int:pk>/", event_page, name="event"),
    path("events/<int:pk>/calendar.ics", event_ics, name="event_ics"),
    path("events/<int:pk>/register/", register_page, name="register"),
    path("events/<int:pk>/check-in/", check_in_page, name="check_in"),
    path("events/<int:pk>/check-in/counts/", check_in_counts, name="check_in_counts"),
    path("events/<int:pk>/check-in/<str:code>/", ticket_check_in, name="ticket_check_in"),
    path("events/registrations/<int:pk>/", registration_page, name="registration"),
    path("events/registrations/<int:pk>/cancel/", registration_cancel, name="registration_cancel"),
    path("events/registrations/<int:pk>/feedback/", feedback_page, name="feedback"),
]

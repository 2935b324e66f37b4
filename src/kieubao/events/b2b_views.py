"""B2B meeting pages: the participants' directory, profile, requests, personal schedule (web
and ICS) and meeting outcomes; the organisers' page for slots, tables, interpreters, running
the scheduler and pinning or moving meetings by hand.

Thin: parse, check the rule (rules.py), call a service or selector, render. An event without
B2B meetings (or one the viewer may not see) is a 404; the participants' pages are for the
event's confirmed participants (others get 403 with the reason), the organisers' page for its
organisers. A service's refusal is shown on the form, with what was typed kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kieubao.community.rules import Viewer
from kieubao.community.selectors import paginate, viewer_for_request
from kieubao.core.forms import apply_errors
from kieubao.core.languages import language_name

from . import ics, rules, selectors, services
from .b2b_forms import (
    AnswerForm,
    DirectorySearchForm,
    InterpreterForm,
    OutcomeForm,
    PlaceForm,
    ProfileForm,
    RequestForm,
    SlotsForm,
    TablesForm,
    slot_label,
)
from .models import (
    Event,
    Interpreter,
    Meeting,
    MeetingProfile,
    MeetingRequest,
    Registration,
    RequestStatus,
    Slot,
)

PER_PAGE = 20


class Refused(Exception):
    """Stops a view with a response (a 403 with its reason, or a redirect)."""

    def __init__(self, response: HttpResponse):
        self.response = response


def _denied(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "403.html", {"message": message}, status=403)


def _event(viewer: Viewer, pk: int) -> Event:
    event = selectors.event_get(viewer, pk)
    if event is None or not event.b2b_enabled:
        raise Http404
    return event


@dataclass
class Participant:
    viewer: Viewer
    event: Event
    registration: Registration
    profile: MeetingProfile | None


def _participant(request: HttpRequest, pk: int, *, needs_profile: bool = True) -> Participant:
    """The viewer as a confirmed participant of this event's B2B meetings (403 with the reason
    otherwise); without a profile yet they are sent to make one."""
    viewer = viewer_for_request(request)
    event = _event(viewer, pk)
    registration = selectors.registration_of(viewer, event)
    if not rules.is_participant(viewer, registration):
        if registration is not None:
            message = _(
                "Your registration is on the waiting list: B2B meetings are for confirmed "
                "participants."
            )
        else:
            message = _("B2B meetings are for the event's confirmed participants.")
        raise Refused(_denied(request, message))
    profile = selectors.profile_of(registration)
    if needs_profile and profile is None:
        messages.info(request, _("Tell the other participants about you first."))
        raise Refused(redirect("events:b2b_profile", event.pk))
    return Participant(viewer, event, registration, profile)


def _organised(request: HttpRequest, event: Event) -> Event:
    if not rules.is_organiser(viewer_for_request(request), event):
        raise Refused(_denied(request, _("This page is for the event's organisers.")))
    return event


def refusals(view):
    """Turn a Refused into its response."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return refused.response

    return wrapped


def _page(
    request: HttpRequest, template: str, event: Event, context: dict, status: int = 200
) -> HttpResponse:
    """Render a B2B page with what its sub-navigation offers this viewer."""
    viewer = viewer_for_request(request)
    registration = selectors.registration_of(viewer, event)
    context = {
        "event": event,
        "nav_participant": rules.is_participant(viewer, registration),
        "nav_organiser": rules.is_organiser(viewer, event),
        **context,
    }
    return render(request, template, context, status=status)


def _languages(codes) -> str:
    return ", ".join(language_name(c) for c in codes or ())


def _other(request_: MeetingRequest, profile: MeetingProfile) -> MeetingProfile:
    return request_.recipient if request_.requester_id == profile.pk else request_.requester


# --- the directory and requesting a meeting ----------------------------------------------------
def _directory(
    request: HttpRequest,
    viewer: Viewer,
    event: Event,
    profile: MeetingProfile | None,
    *,
    target: int | None = None,
    request_form: RequestForm | None = None,
    refusal: list[str] | None = None,
) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.directory(
        event, exclude=profile, q=data.get("q", ""), language=data.get("language", "")
    )
    result = paginate(qs, data.get("page") or 1, PER_PAGE)
    state: dict[int, str] = {}
    if profile is not None:
        received, sent = selectors.requests_of(profile)
        for r in sent:
            state[r.recipient_id] = r.status
        for r in received:
            if r.status in (RequestStatus.PENDING, RequestStatus.ACCEPTED):
                state.setdefault(r.requester_id, "asked_you" if r.status == "pending" else r.status)
    cards = [
        {
            "profile": p,
            "languages": _languages(p.languages),
            "state": state.get(p.pk, ""),
            "form": request_form if p.pk == target else RequestForm(auto_id=f"id_q{p.pk}_%s"),
        }
        for p in result.items
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return _page(
        request,
        "events/b2b/directory.html",
        event,
        {
            "profile": profile,
            "is_organiser": rules.is_organiser(viewer, event),
            "form": form,
            "result": result,
            "cards": cards,
            "query": query.urlencode(),
            "refusal": refusal,
            "target_in_page": any(c["profile"].pk == target for c in cards),
            "target_form": request_form,
            "section": "directory",
        },
    )


@login_required
@require_GET
@refusals
def directory(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    event = _event(viewer, pk)
    if rules.is_organiser(viewer, event) and not rules.is_participant(
        viewer, selectors.registration_of(viewer, event)
    ):
        return _directory(request, viewer, event, None)  # organisers browse, without requesting
    me = _participant(request, pk)
    return _directory(request, viewer, event, me.profile)


@login_required
@require_POST
@refusals
def request_meeting(request: HttpRequest, pk: int, profile_pk: int) -> HttpResponse:
    me = _participant(request, pk)
    form = RequestForm(request.POST, auto_id=f"id_q{profile_pk}_%s")
    if form.is_valid():
        try:
            made = services.meeting_request(
                requester=me.profile,
                recipient=profile_pk,
                message=form.cleaned_data["message"],
                priority=form.cleaned_data["priority"],
            )
        except ValidationError as error:
            apply_errors(form, error, aliases={"recipient": None})
        else:
            if made.requester_id != me.profile.pk:
                messages.success(
                    request,
                    _("%(name)s had asked you too: mutual interest, the meeting is accepted.")
                    % {"name": made.requester.registration.full_name},
                )
            else:
                messages.success(
                    request,
                    _("Your request has been sent to %(name)s.")
                    % {"name": made.recipient.registration.full_name},
                )
            return redirect("events:b2b_requests", me.event.pk)
    refusal = [str(e) for e in form.non_field_errors()]
    response = _directory(
        request,
        me.viewer,
        me.event,
        me.profile,
        target=profile_pk,
        request_form=form,
        refusal=refusal or [_("Please correct the errors below. Nothing has been sent.")],
    )
    return response


# --- the profile -------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
@refusals
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    me = _participant(request, pk, needs_profile=False)
    slots = list(me.event.slots.order_by("starts_at", "pk"))
    initial = {"published": True}
    if me.profile is not None:
        initial = {
            "offer": me.profile.offer,
            "seek": me.profile.seek,
            "sectors": me.profile.sectors,
            "languages": me.profile.languages,
            "unavailable": [str(pk) for pk in me.profile.unavailable.values_list("pk", flat=True)],
            "published": me.profile.published,
        }
    form = ProfileForm(request.POST or None, slots=slots, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(me.registration, **form.values())
        except ValidationError as error:
            apply_errors(form, error, aliases={"event": None, "registration": None})
        else:
            messages.success(request, _("Your meeting profile has been saved."))
            return redirect("events:b2b", me.event.pk)
    return _page(
        request,
        "events/b2b/profile.html",
        me.event,
        {"profile": me.profile, "form": form, "section": "profile"},
    )


# --- requests ----------------------------------------------------------------------------------
def _requests_page(
    request: HttpRequest, me: Participant, *, forms: dict | None = None
) -> HttpResponse:
    forms = forms or {}
    received, sent = selectors.requests_of(me.profile)
    return _page(
        request,
        "events/b2b/requests.html",
        me.event,
        {
            "profile": me.profile,
            "received": [
                {
                    "request": r,
                    "other": r.requester,
                    "form": forms.get(r.pk) or AnswerForm(auto_id=f"id_a{r.pk}_%s"),
                }
                for r in received
            ],
            "sent": [{"request": r, "other": r.recipient} for r in sent],
            "section": "requests",
        },
    )


@login_required
@require_GET
@refusals
def requests_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _requests_page(request, _participant(request, pk))


def _request_or_404(viewer: Viewer, pk: int) -> MeetingRequest:
    found = (
        MeetingRequest.objects.select_related(
            "event", "requester__registration", "recipient__registration"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not rules.can_view_request(viewer, found):
        raise Http404
    return found


@login_required
@require_POST
@refusals
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    found = _request_or_404(viewer, pk)
    if not rules.can_answer_request(viewer, found):
        return _denied(request, _("Only the person asked answers a meeting request."))
    me = _participant(request, found.event_id)
    form = AnswerForm(request.POST, auto_id=f"id_a{found.pk}_%s")
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.request_answer(
                found,
                accept=accept,
                priority=form.cleaned_data["priority"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            if "status" in getattr(error, "error_dict", {}):  # answered already: nothing to keep
                messages.error(request, " ".join(error.messages))
                return redirect("events:b2b_requests", found.event_id)
            apply_errors(form, error)
        else:
            name = found.requester.registration.full_name
            if accept:
                messages.success(request, _("You accepted to meet %(name)s.") % {"name": name})
            else:
                messages.success(request, _("You declined to meet %(name)s.") % {"name": name})
            return redirect("events:b2b_requests", found.event_id)
    return _requests_page(request, me, forms={found.pk: form})


@login_required
@require_POST
@refusals
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    found = _request_or_404(viewer, pk)
    if viewer.person_id is None or found.requester.registration.person_id != viewer.person_id:
        return _denied(request, _("Only the person who sent a meeting request cancels it."))
    try:
        services.request_cancel(found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your meeting request has been cancelled."))
    return redirect("events:b2b_requests", found.event_id)


# --- the personal schedule ---------------------------------------------------------------------
@login_required
@require_GET
@refusals
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    me = _participant(request, pk)
    meetings = selectors.schedule_of(me.profile)
    rows = [{"meeting": m, "other": _other(m.request, me.profile)} for m in meetings]
    received, sent = selectors.requests_of(me.profile)
    waiting = [
        _other(r, me.profile)
        for r in [*received, *sent]
        if r.status == RequestStatus.ACCEPTED and not hasattr(r, "meeting")
    ]
    for row in rows:
        row["label"] = slot_label(row["meeting"].slot)
    return _page(
        request,
        "events/b2b/schedule.html",
        me.event,
        {
            "profile": me.profile,
            "rows": rows,
            "waiting": waiting,
            "section": "schedule",
        },
    )


@login_required
@require_GET
@refusals
def schedule_ics(request: HttpRequest, pk: int) -> HttpResponse:
    me = _participant(request, pk)
    response = HttpResponse(
        ics.schedule_ics(me.profile, selectors.schedule_of(me.profile)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="b2b-meetings-{me.event.pk}.ics"'
    return response


# --- outcomes ----------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    meeting = (
        Meeting.objects.select_related(
            "event",
            "slot",
            "interpreter",
            "request__event",
            "request__requester__registration",
            "request__recipient__registration",
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not rules.can_record_outcome(viewer, meeting):
        raise Http404
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_add(meeting, **form.cleaned_data, user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The outcome of this meeting has been recorded."))
            return redirect("events:b2b_outcome", meeting.pk)
    organiser = rules.is_organiser(viewer, meeting.event)
    return _page(
        request,
        "events/b2b/outcome.html",
        meeting.event,
        {
            "meeting": meeting,
            "slot_label": slot_label(meeting.slot),
            "outcomes": list(meeting.outcomes.all()),
            "form": form,
            "is_organiser": organiser,
            "is_party": rules.is_request_party(viewer, meeting.request),
            "section": "schedule",
        },
    )


# --- the organisers' page ----------------------------------------------------------------------
def _why_unplaced(event: Event, requests: list[MeetingRequest], slots: list[Slot]) -> dict:
    """A cheap reason per accepted request the scheduler could not place."""
    if not slots:
        return dict.fromkeys((r.pk for r in requests), _("There are no slots yet."))
    if event.table_count < 1:
        return dict.fromkeys((r.pk for r in requests), _("There are no tables yet."))
    slot_ids = {s.pk for s in slots}
    interpreters = list(event.interpreters.prefetch_related("unavailable"))
    reasons = {}
    for r in requests:
        a, b = r.requester, r.recipient
        free = slot_ids - {s.pk for s in a.unavailable.all()} - {s.pk for s in b.unavailable.all()}
        la, lb = set(a.languages or ()), set(b.languages or ())
        if not free:
            reasons[r.pk] = _("The two are never available at the same time.")
        elif la and lb and not la & lb:
            able = [i for i in interpreters if set(i.languages) & la and set(i.languages) & lb]
            if not able:
                reasons[r.pk] = _("No common language, and no interpreter speaks both of theirs.")
            elif not any(free - {s.pk for s in i.unavailable.all()} for i in able):
                reasons[r.pk] = _("No suitable interpreter is free when both are.")
            else:
                reasons[r.pk] = _(
                    "The slots both have free are taken by their other meetings, the tables or "
                    "the interpreters."
                )
        else:
            reasons[r.pk] = _(
                "The slots both have free are taken by their other meetings or every table."
            )
    return reasons


def _organise_page(request: HttpRequest, event: Event, **forms) -> HttpResponse:
    slots = list(event.slots.order_by("starts_at", "pk"))
    meetings = list(selectors.event_schedule(event))
    by_slot: dict[int, list[Meeting]] = {s.pk: [] for s in slots}
    for meeting in meetings:
        by_slot.setdefault(meeting.slot_id, []).append(meeting)
    place_forms = forms.get("place_forms") or {}
    unplaced = list(
        selectors.unscheduled(event).prefetch_related(
            "requester__unavailable", "recipient__unavailable"
        )
    )
    reasons = _why_unplaced(event, unplaced, slots)

    def place_form(request_id: int, meeting: Meeting | None = None) -> PlaceForm:
        if request_id in place_forms:
            return place_forms[request_id]
        initial = {"slot": str(meeting.slot_id), "table": meeting.table} if meeting else {}
        return PlaceForm(slots=slots, initial=initial, auto_id=f"id_r{request_id}_%s")

    interpreters = list(event.interpreters.prefetch_related("unavailable"))
    return _page(
        request,
        "events/b2b/organise.html",
        event,
        {
            "slots": [
                {
                    "slot": s,
                    "label": slot_label(s),
                    # Open: the first slot, the one just changed (?slot=), one with a form error.
                    "open": str(s.pk) == request.GET.get("slot", "")
                    or any(m.request_id in (forms.get("place_forms") or {}) for m in by_slot[s.pk]),
                    "meetings": [
                        {"meeting": m, "form": place_form(m.request_id, m)} for m in by_slot[s.pk]
                    ],
                }
                for s in slots
            ],
            "meeting_count": len(meetings),
            "pinned_count": sum(m.pinned for m in meetings),
            "unplaced": [
                {"request": r, "reason": reasons.get(r.pk, ""), "form": place_form(r.pk)}
                for r in unplaced
            ],
            "interpreters": [
                {
                    "interpreter": i,
                    "languages": _languages(i.languages),
                    "unavailable": ", ".join(slot_label(s) for s in i.unavailable.all()),
                }
                for i in interpreters
            ],
            "last_run": event.schedule_runs.first(),
            "accepted": MeetingRequest.objects.filter(
                event=event, status=RequestStatus.ACCEPTED
            ).count(),
            "slots_form": forms.get("slots_form") or SlotsForm(),
            "tables_form": forms.get("tables_form")
            or TablesForm(initial={"table_count": event.table_count}),
            "interpreter_form": forms.get("interpreter_form") or InterpreterForm(slots=slots),
            "section": "organise",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@refusals
def organise(request: HttpRequest, pk: int) -> HttpResponse:
    """Slots, tables and interpreters (POST ``action``: slots, slot_remove, tables,
    interpreter, interpreter_remove), the schedule and the requests not placed."""
    event = _organised(request, _event(viewer_for_request(request), pk))
    if request.method == "GET":
        return _organise_page(request, event)
    action = request.POST.get("action", "")
    slots = list(event.slots.order_by("starts_at", "pk"))
    if action == "slots":
        form = SlotsForm(request.POST)
        if form.is_valid():
            try:
                made = services.slots_generate(event, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("%(n)d slots added.") % {"n": len(made)})
                return redirect("events:b2b_organise", event.pk)
        return _organise_page(request, event, slots_form=form)
    if action == "tables":
        form = TablesForm(request.POST)
        if form.is_valid():
            try:
                services.tables_set(event, count=form.cleaned_data["table_count"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The number of tables has been saved."))
                return redirect("events:b2b_organise", event.pk)
        return _organise_page(request, event, tables_form=form)
    if action == "interpreter":
        form = InterpreterForm(request.POST, slots=slots)
        if form.is_valid():
            try:
                services.interpreter_add(
                    event,
                    name=form.cleaned_data["name"],
                    languages=form.cleaned_data["languages"],
                    unavailable=form.cleaned_data.get("unavailable") or [],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The interpreter has been added."))
                return redirect("events:b2b_organise", event.pk)
        return _organise_page(request, event, interpreter_form=form)
    if action in ("slot_remove", "interpreter_remove"):
        model = Slot if action == "slot_remove" else Interpreter
        try:
            target = model.objects.filter(event=event, pk=int(request.POST.get("id", ""))).first()
        except ValueError:
            target = None
        if target is None:
            messages.error(request, _("This is not part of this event (any more)."))
        elif action == "slot_remove":
            services.slot_remove(target)
            messages.success(
                request,
                _("The slot has been removed; run the scheduler to place its meetings again."),
            )
        else:
            services.interpreter_remove(target)
            messages.success(request, _("The interpreter has been removed."))
        return redirect("events:b2b_organise", event.pk)
    messages.error(request, _("Unknown action."))
    return redirect("events:b2b_organise", event.pk)


@login_required
@require_POST
@refusals
def run(request: HttpRequest, pk: int) -> HttpResponse:
    event = _organised(request, _event(viewer_for_request(request), pk))
    try:
        result = services.schedule(event, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The scheduler placed %(placed)d of %(requests)d accepted requests "
                "(%(pinned)d pinned kept) in %(seconds)s s."
            )
            % {
                "placed": result.placed,
                "requests": result.requests,
                "pinned": result.pinned,
                "seconds": f"{result.seconds:.2f}",
            },
        )
    return redirect("events:b2b_organise", event.pk)


def _organised_request(request: HttpRequest, found: MeetingRequest) -> None:
    viewer = viewer_for_request(request)
    if not rules.is_organiser(viewer, found.event):
        raise Refused(_denied(request, _("Only the event's organisers place meetings.")))


@login_required
@require_POST
@refusals
def place(request: HttpRequest, pk: int) -> HttpResponse:
    found = _request_or_404(viewer_for_request(request), pk)
    _organised_request(request, found)
    event = found.event
    if not event.b2b_enabled:
        raise Http404
    slots = list(event.slots.order_by("starts_at", "pk"))
    form = PlaceForm(request.POST, slots=slots, auto_id=f"id_r{found.pk}_%s")
    if form.is_valid():
        try:
            meeting = services.meeting_place(
                found,
                slot=form.cleaned_data["slot"],
                table=form.cleaned_data["table"],
                user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error, aliases={"request": None})
        else:
            messages.success(
                request,
                _("Pinned: %(slot)s, table %(table)d. A re-run of the scheduler keeps it there.")
                % {"slot": slot_label(meeting.slot), "table": meeting.table},
            )
            return redirect(
                f"{reverse('events:b2b_organise', args=[event.pk])}"
                f"?slot={meeting.slot_id}#slot-{meeting.slot_id}"
            )
    return _organise_page(request, event, place_forms={found.pk: form})


@login_required
@require_POST
@refusals
def unpin(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_for_request(request)
    meeting = Meeting.objects.select_related("event", "request__event").filter(pk=pk).first()
    if meeting is None or not rules.can_view_meeting(viewer, meeting):
        raise Http404
    _organised_request(request, meeting.request)
    services.meeting_unpin(meeting)
    messages.success(request, _("Unpinned: the next run of the scheduler may move this meeting."))
    return redirect("events:b2b_organise", meeting.event_id)


urlpatterns: list = [
    path("events/<int:pk>/b2b/", directory, name="b2b"),
    path("events/<int:pk>/b2b/profile/", profile, name="b2b_profile"),
    path("events/<int:pk>/b2b/request/<int:profile_pk>/", request_meeting, name="b2b_request"),
    path("events/<int:pk>/b2b/requests/", requests_page, name="b2b_requests"),
    path("events/b2b/requests/<int:pk>/answer/", answer, name="b2b_answer"),
    path("events/b2b/requests/<int:pk>/cancel/", cancel, name="b2b_cancel"),
    path("events/<int:pk>/b2b/schedule/", schedule, name="b2b_schedule"),
    path("events/<int:pk>/b2b/schedule.ics", schedule_ics, name="b2b_schedule_ics"),
    path("events/b2b/meetings/<int:pk>/outcome/", outcome, name="b2b_outcome"),
    path("events/<int:pk>/b2b/organise/", organise, name="b2b_organise"),
    path("events/<int:pk>/b2b/run/", run, name="b2b_run"),
    path("events/b2b/requests/<int:pk>/place/", place, name="b2b_place"),
    path("events/b2b/meetings/<int:pk>/unpin/", unpin, name="b2b_unpin"),
]

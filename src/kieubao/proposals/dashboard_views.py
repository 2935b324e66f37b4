"""The public accountability dashboard and the agencies' queues (overdue proposals flagged).

The dashboard is public (aggregates of public proposals only). The agency queue is for the
officials of a homeland body (their body's open proposals) and for platform admins (any body,
or all of them); anyone else gets a 403, anonymous visitors are sent to log in. Thin: the
figures come from selectors.dashboard and selectors.agency_queue; this module only shapes them
for the page (percentages, chart data, days waiting).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kieubao.community.models import HOMELAND_BODY_KINDS, Organisation
from kieubao.community.selectors import viewer_for_request

from . import selectors
from .models import FINAL, OVERDUE_DAYS, Proposal, Status


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


def _language() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def _dashboard_context() -> dict:
    figures = selectors.dashboard(language=_language())
    statuses = [
        (value, label, figures.by_status.get(value, 0))
        for value, label in Status.choices
        if value != Status.MERGED
    ]
    agencies = []
    for row in figures.by_agency:
        body = row["body"]
        agencies.append(
            {
                **row,
                "name": body.display_name() if body else "—",
                "answered_percent": _percent(row["share_answered"]),
            }
        )
    chart = {
        "status": {
            "labels": [str(label) for _value, label, _n in statuses],
            "datasets": [{"label": _("Proposals"), "data": [n for _v, _l, n in statuses]}],
        },
        "fields": {
            "labels": [name for name, _n in figures.by_field],
            "datasets": [{"label": _("Proposals"), "data": [n for _name, n in figures.by_field]}],
        },
        "agencies": {
            "labels": [a["name"] for a in agencies],
            "datasets": [
                {"label": _("Answered"), "data": [a["answered"] for a in agencies]},
                {
                    "label": _("Not answered yet"),
                    "data": [a["total"] - a["answered"] for a in agencies],
                },
            ],
        },
    }
    return {
        "figures": figures,
        "statuses": statuses,
        "agencies": agencies,
        "answered_percent": _percent(figures.share_answered),
        "implemented_percent": _percent(figures.share_implemented),
        "merged": Proposal.objects.filter(hidden=False, status=Status.MERGED).count(),
        "overdue_days": OVERDUE_DAYS,
        "chart": chart,
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "proposals/dashboard.html",
        {"section": "dashboard", **_dashboard_context()},
    )


# --- the agencies' queues ------------------------------------------------------------------------
def _with_days(items: list[Proposal], now) -> list[Proposal]:
    for proposal in items:
        since = proposal.assigned_at or proposal.created_at
        proposal.days_waiting = max(0, (now - since).days)
    return items


def _bodies_with_open_proposals():
    open_ = Proposal.objects.filter(hidden=False, assigned_body__isnull=False).exclude(
        status__in=FINAL
    )
    return Organisation.objects.filter(pk__in=open_.values("assigned_body")).order_by("name", "pk")


@login_required
@require_GET
def agency_queue(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for_request(request)
    if not (viewer.is_admin or viewer.is_official):
        raise PermissionDenied
    now = timezone.now()
    chooser = None
    chosen = ""
    if viewer.is_admin:
        chosen = request.GET.get("body", "all")
        chooser = _bodies_with_open_proposals().filter(kind__in=HOMELAND_BODY_KINDS)
        if chosen != "all" and chosen.isdigit():
            bodies = list(Organisation.objects.filter(pk=int(chosen), kind__in=HOMELAND_BODY_KINDS))
        else:
            chosen = "all"
            bodies = list(chooser)
    else:
        bodies = list(Organisation.objects.filter(pk=viewer.scope.body_id))
    queues = []
    for body in bodies:
        items = _with_days(selectors.agency_queue(body.pk), now)
        queues.append(
            {
                "body": body,
                "items": items,
                "overdue": sum(1 for p in items if p.overdue),
            }
        )
    return render(
        request,
        "proposals/agency.html",
        {
            "section": "agency",
            "queues": queues,
            "chooser": chooser,
            "chosen": chosen,
            "overdue_days": OVERDUE_DAYS,
            "is_admin": viewer.is_admin,
        },
    )


urlpatterns = [
    path("proposals/dashboard/", dashboard, name="dashboard"),
    path("proposals/agency/", agency_queue, name="agency"),
]

"""Reads of activity reports for a viewer, and the yearly review.

Only approved reports are public and only they count in the review: a draft, a submitted or a
returned report never adds to a total, whoever looks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from kieubao.community.rules import Viewer
from kieubao.community.selectors import PAGE_SIZE, ResultPage, paginate
from kieubao.core.text import fold

from . import rules
from .models import ActivityReport, Kind, Status, Theme

_RELATED = ("reporter", "programme", "decided_body")


def approved() -> QuerySet[ActivityReport]:
    return ActivityReport.objects.filter(status=Status.APPROVED).select_related(*_RELATED)


def visible_reports(viewer: Viewer) -> QuerySet[ActivityReport]:
    qs = ActivityReport.objects.select_related(*_RELATED)
    if rules.is_national(viewer):
        return qs
    seen = Q(status=Status.APPROVED) | Q(reporter_id__in=viewer.admin_of)
    if rules.is_mission_official(viewer):
        seen |= Q(reporter_id=viewer.scope.body_id) | Q(country=viewer.scope.country)
    return qs.filter(seen)


def report_get(viewer: Viewer, pk: int) -> ActivityReport | None:
    return visible_reports(viewer).filter(pk=pk).first()


def _search(qs: QuerySet[ActivityReport], q: str) -> QuerySet[ActivityReport]:
    for word in fold(q).split()[:10]:
        qs = qs.filter(
            Q(title_folded__contains=word)
            | Q(reporter__name_folded__contains=word)
            | Q(city__icontains=word)
        )
    return qs


def reports_list(
    *,
    country: str = "",
    theme: str = "",
    kind: str = "",
    year: int | None = None,
    q: str = "",
    programme: int | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
    base: QuerySet[ActivityReport] | None = None,
) -> ResultPage:
    """Approved reports (or ``base``), the latest first, filtered."""
    qs = approved() if base is None else base
    if country:
        qs = qs.filter(country=country)
    if theme:
        qs = qs.filter(theme=theme)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date__year=year)
    if programme:
        qs = qs.filter(programme_id=programme)
    if q:
        qs = _search(qs, q)
    return paginate(qs.order_by("-date", "-pk"), page, per_page)


def my_reports(viewer: Viewer) -> QuerySet[ActivityReport]:
    """The reports of the organisations this viewer reports for, every status."""
    mine = Q(reporter_id__in=viewer.admin_of)
    if rules.is_mission_official(viewer):
        mine |= Q(reporter_id=viewer.scope.body_id)
    return ActivityReport.objects.select_related(*_RELATED).filter(mine).order_by("-date", "-pk")


def approval_queue(viewer: Viewer) -> QuerySet[ActivityReport]:
    """Submitted reports this viewer may approve: their mission's country; all for the ministry
    and platform admins. The oldest submitted first."""
    qs = ActivityReport.objects.select_related(*_RELATED).filter(status=Status.SUBMITTED)
    if rules.is_national(viewer):
        pass
    elif rules.is_mission_official(viewer):
        qs = qs.filter(country=viewer.scope.country)
    else:
        return qs.none()
    return qs.order_by("submitted_at", "pk")


def report_years() -> list[int]:
    """Years with approved reports, the latest first."""
    return sorted({d.year for d in approved().dates("date", "year")}, reverse=True)


# -- the yearly review ------------------------------------------------------------------------


@dataclass
class Line:
    key: str
    label: str
    reports: int
    activities: int
    participants: int


@dataclass
class YearReview:
    year: int
    reports: int = 0
    activities: int = 0
    participants: int = 0
    participants_overseas: int = 0
    participants_local: int = 0
    countries: int = 0
    organisations: int = 0
    by_country: list[Line] = field(default_factory=list)
    by_theme: list[Line] = field(default_factory=list)
    by_kind: list[Line] = field(default_factory=list)
    by_month: list[Line] = field(default_factory=list)
    top_organisations: list[Line] = field(default_factory=list)
    highlights: list[ActivityReport] = field(default_factory=list)

    def chart_data(self) -> dict:
        """What static/trade/charts.js draws (labels and one dataset per chart)."""

        def chart(lines: list[Line], label: str) -> dict:
            return {
                "labels": [line.label for line in lines],
                "datasets": [{"label": label, "data": [line.reports for line in lines]}],
            }

        return {
            "country": chart(self.by_country, _("Reports")),
            "theme": chart(self.by_theme, _("Reports")),
            "kind": chart(self.by_kind, _("Reports")),
            "month": chart(self.by_month, _("Reports")),
        }


_SUMS = {
    "reports": Count("pk"),
    "activities": Coalesce(Sum("activity_count"), 0),
    "participants": Coalesce(Sum("participants"), 0),
}


def _lines(qs, key: str, label) -> list[Line]:
    rows = qs.values(key).annotate(**_SUMS).order_by("-reports", "-participants", key)
    return [
        Line(
            str(row[key]),
            label(row[key]),
            row["reports"],
            row["activities"],
            row["participants"],
        )
        for row in rows
    ]


def year_review(year: int) -> YearReview:
    qs = ActivityReport.objects.filter(status=Status.APPROVED, date__year=year)
    totals = qs.aggregate(
        **_SUMS,
        overseas=Coalesce(Sum("participants_overseas"), 0),
        local=Coalesce(Sum("participants_local"), 0),
        countries=Count("country", distinct=True),
        organisations=Count("reporter", distinct=True),
    )
    review = YearReview(
        year=year,
        reports=totals["reports"],
        activities=totals["activities"],
        participants=totals["participants"],
        participants_overseas=totals["overseas"],
        participants_local=totals["local"],
        countries=totals["countries"],
        organisations=totals["organisations"],
    )
    review.by_country = _lines(qs, "country", lambda code: str(countries.name(code) or code))
    review.by_theme = _lines(qs, "theme", lambda v: str(Theme(v).label))
    review.by_kind = _lines(qs, "kind", lambda v: str(Kind(v).label))
    months = {
        row["month"]: row
        for row in qs.annotate(month=ExtractMonth("date")).values("month").annotate(**_SUMS)
    }
    review.by_month = [
        Line(
            str(m),
            date_format(dt.date(year, m, 1), "F"),
            months.get(m, {}).get("reports", 0),
            months.get(m, {}).get("activities", 0),
            months.get(m, {}).get("participants", 0),
        )
        for m in range(1, 13)
    ]
    organisations = (
        qs.values("reporter", "reporter__name", "reporter__name_en")
        .annotate(**_SUMS)
        .order_by("-reports", "-participants", "reporter__name")[:10]
    )
    english = (get_language() or "vi").startswith("en")
    review.top_organisations = [
        Line(
            str(row["reporter"]),
            (row["reporter__name_en"] if english and row["reporter__name_en"] else "")
            or row["reporter__name"],
            row["reports"],
            row["activities"],
            row["participants"],
        )
        for row in organisations
    ]
    review.highlights = list(
        qs.filter(breakthrough=True).select_related(*_RELATED).order_by("date", "pk")
    )
    return review

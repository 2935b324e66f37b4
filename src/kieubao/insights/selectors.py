"""Read side of provincial insights: the summary of a province (or the whole country), served
from the aggregates, exact for those entitled to it and with small counts suppressed for
everyone else.

Suppression is computed once over the whole provinces × categories matrix (see
``suppression``) and every view publishes the cells of that one pattern: otherwise the national
figure minus the other provinces' figures would give a hidden cell back."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from kieubao.community.models import ExpertiseField, Qualification, ResidencyStatus
from kieubao.community.rules import Viewer
from kieubao.core.countries import country_name
from kieubao.core.provinces import Province, province_by_code

from .models import (
    Enterprise,
    EnterpriseLocation,
    FieldCount,
    InvestmentProject,
    PeopleCount,
    ProjectStatus,
    Remittance,
)
from .suppression import Pattern, Table, present, suppress

RESIDENCIES = [c.value for c in ResidencyStatus]
QUALIFICATIONS = [c.value for c in Qualification]
LOCATIONS = [c.value for c in EnterpriseLocation]
STATUSES = [c.value for c in ProjectStatus if c.value]
THRESHOLD = 10
PATTERN_SECONDS = 60  # public (suppressed) figures may lag changes by up to this long
PERIOD_YEARS = 5  # remittance periods follow the five-year plans: 2011–2015, 2016–2020, …
PERIOD_START = 2001


@dataclass(frozen=True)
class Area:
    """A province, or the whole country (``province`` None)."""

    province: Province | None

    @property
    def code(self) -> int | None:
        return self.province.code if self.province else None

    @property
    def api_code(self) -> int | str:
        return self.province.code if self.province else "national"

    def name(self) -> str:
        return self.province.name() if self.province else _("Whole country")


def area_for(code: str | int) -> Area | None:
    if str(code).strip().lower() in ("national", "vn", "0"):
        return Area(None)
    province = province_by_code(code)
    return Area(province) if province else None


def can_see_exact(viewer: Viewer, area: Area) -> bool:
    """Exact figures: platform admins, officials of a national body (ministries), and officials
    of the province itself. Everyone else gets suppressed figures."""
    if viewer.is_admin:
        return True
    scope = viewer.scope
    if scope is None:
        return False
    if scope.national:
        return True
    return area.province is not None and scope.province_code == area.province.code


# -- the matrices --------------------------------------------------------------------------------


@dataclass
class Matrices:
    people_totals: Counter  # province -> people
    residency: Counter  # (province, residency) -> people
    qualification: Counter
    country: Counter
    fields: Counter  # (province, field id) -> people (a person may have several fields)
    enterprise_totals: Counter
    enterprise_location: Counter
    enterprise_country: Counter
    project_totals: Counter
    project_status: Counter


def _matrices(province: int | None = None) -> Matrices:
    m = Matrices(*(Counter() for _ in range(10)))
    people = PeopleCount.objects.filter(count__gt=0)
    fields = FieldCount.objects.filter(count__gt=0)
    enterprises = Enterprise.objects.all()
    projects = InvestmentProject.objects.all()
    if province is not None:
        people = people.filter(province_code=province)
        fields = fields.filter(province_code=province)
        enterprises = enterprises.filter(province_code=province)
        projects = projects.filter(province_code=province)
    for p, c, r, q, n in people.values_list(
        "province_code", "country", "residency_status", "qualification", "count"
    ):
        m.people_totals[p] += n
        m.residency[(p, r)] += n
        m.qualification[(p, q or Qualification.OTHER)] += n
        m.country[(p, c)] += n
    for p, f, n in fields.values_list("province_code", "field_id", "count"):
        m.fields[(p, f)] += n
    for p, location, c, n in (
        enterprises.values_list("province_code", "location", "country")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        m.enterprise_totals[p] += n
        m.enterprise_location[(p, location)] += n
        m.enterprise_country[(p, str(c or ""))] += n
    for p, status, n in (
        projects.values_list("province_code", "status").annotate(n=Count("pk")).order_by()
    ):
        m.project_totals[p] += n
        m.project_status[(p, status)] += n
    return m


@dataclass
class Patterns:
    people: Pattern
    enterprises: Pattern
    projects: Pattern


def _patterns(m: Matrices) -> Patterns:
    return Patterns(
        people=suppress(
            [
                Table("residency", m.residency),
                Table("qualification", m.qualification),
                Table("country", m.country),
                Table("field", m.fields, rows_additive=False),
            ],
            m.people_totals,
            threshold=THRESHOLD,
        ),
        enterprises=suppress(
            [
                Table("location", m.enterprise_location),
                Table("country", m.enterprise_country),
            ],
            m.enterprise_totals,
            threshold=THRESHOLD,
        ),
        projects=suppress(
            [Table("status", m.project_status)], m.project_totals, threshold=THRESHOLD
        ),
    )


def _public_data() -> tuple[Matrices, Patterns]:
    """The whole matrices and their one suppression pattern, cached briefly."""
    cached = cache.get("insights:public")
    if cached is None:
        m = _matrices()
        cached = (m, _patterns(m))
        cache.set("insights:public", cached, PATTERN_SECONDS)
    return cached


def forget_public_figures() -> None:
    """After an import: the next public view recomputes the pattern at once."""
    cache.delete("insights:public")


# -- the summary ---------------------------------------------------------------------------------


class _View:
    """Reads one area's figures out of matrices, through a pattern or exactly."""

    def __init__(self, area: Area, matrices: Matrices, patterns: Patterns | None) -> None:
        self.row = area.code
        self.m = matrices
        self.patterns = patterns

    def total(self, totals: Counter, pattern_name: str) -> int | str:
        if self.row is None:
            value = sum(totals.values())
            hidden = self.patterns and getattr(self.patterns, pattern_name).grand_total
        else:
            value = totals.get(self.row, 0)
            hidden = self.patterns and self.row in getattr(self.patterns, pattern_name).row_totals
        return present(value, bool(hidden), threshold=THRESHOLD)

    def raw_column(self, cells: Counter, col) -> int:
        if self.row is None:
            return sum(n for (_, c), n in cells.items() if c == col)
        return cells.get((self.row, col), 0)

    def cell(self, cells: Counter, pattern_name: str, table: str, col) -> int | str:
        value = self.raw_column(cells, col)
        hidden = False
        if self.patterns:
            pattern = getattr(self.patterns, pattern_name)
            if self.row is None:
                hidden = col in pattern.column_totals.get(table, set())
            else:
                hidden = pattern.is_hidden(table, self.row, col)
        return present(value, hidden, threshold=THRESHOLD)

    def columns(self, cells: Counter) -> list:
        if self.row is None:
            return sorted({c for (_, c), n in cells.items() if n}, key=str)
        return sorted({c for (r, c), n in cells.items() if n and r == self.row}, key=str)


def _ranked(items: list[dict]) -> list[dict]:
    """Largest first; suppressed entries after the published ones, in code order (sorting
    them by their true value would leak it)."""
    published = sorted(
        (i for i in items if isinstance(i["count"], int)), key=lambda i: (-i["count"], i["key"])
    )
    hidden = sorted((i for i in items if not isinstance(i["count"], int)), key=lambda i: i["key"])
    for item in published + hidden:
        item.pop("key")
    return published + hidden


def province_summary(area: Area, *, exact: bool) -> dict:
    if exact:
        matrices, patterns = _matrices(area.code), None
    else:
        matrices, patterns = _public_data()
    v = _View(area, matrices, patterns)
    m = matrices
    people_countries = [c for c in v.columns(m.country) if c]
    field_names = {f.pk: f for f in ExpertiseField.objects.all()}
    by_country = _ranked(
        [
            {
                "key": c,
                "code": c,
                "name": country_name(c),
                "count": v.cell(m.country, "people", "country", c),
            }
            for c in people_countries
        ]
    )
    by_field = _ranked(
        [
            {
                "key": field_names[f].slug,
                "slug": field_names[f].slug,
                "name": field_names[f].name(),
                "count": v.cell(m.fields, "people", "field", f),
            }
            for f in v.columns(m.fields)
            if f in field_names
        ]
    )
    enterprise_countries = [c for c in v.columns(m.enterprise_country) if c]
    capital = _capital(area)
    by_year = remittances(area)
    projects_total = v.total(m.project_totals, "projects")
    return {
        "province": {"code": area.api_code, "name": area.name()},
        "exact": exact,
        "people": {
            "total": v.total(m.people_totals, "people"),
            "countries": len(people_countries),
            "by_residency": {r: v.cell(m.residency, "people", "residency", r) for r in RESIDENCIES},
            "not_given_residency": v.cell(m.residency, "people", "residency", ""),
            "by_qualification": {
                q: v.cell(m.qualification, "people", "qualification", q) for q in QUALIFICATIONS
            },
            "by_country": by_country,
            "by_field": by_field,
        },
        "enterprises": {
            "total": v.total(m.enterprise_totals, "enterprises"),
            "abroad": v.cell(m.enterprise_location, "enterprises", "location", "abroad"),
            "home": v.cell(m.enterprise_location, "enterprises", "location", "home"),
            "countries": len(enterprise_countries),
            "by_country": _ranked(
                [
                    {
                        "key": c,
                        "code": c,
                        "name": country_name(c),
                        "count": v.cell(m.enterprise_country, "enterprises", "country", c),
                    }
                    for c in enterprise_countries
                ]
            ),
        },
        "investments": {
            "total": projects_total,
            # Capital is shown with the count of projects it adds up: not for a handful of
            # projects, where it would be one investor's figure.
            "capital_usd": capital if exact or isinstance(projects_total, int) else None,
            "by_status": {s: v.cell(m.project_status, "projects", "status", s) for s in STATUSES},
        },
        "remittances": by_year,
        "remittance_periods": remittance_periods(by_year),
    }


def _capital(area: Area) -> int:
    projects = InvestmentProject.objects.all()
    if area.code is not None:
        projects = projects.filter(province_code=area.code)
    return projects.aggregate(s=Sum("capital_usd"))["s"] or 0


def remittances(area: Area) -> list[dict]:
    rows = Remittance.objects.all()
    if area.code is not None:
        rows = rows.filter(province_code=area.code)
    by_year = rows.values("year").annotate(usd=Sum("amount_usd")).order_by("year")
    out = []
    previous = None
    for row in by_year:
        growth = None
        if previous and previous["year"] == row["year"] - 1 and previous["usd"]:
            growth = round((row["usd"] / previous["usd"] - 1) * 100, 2)
        out.append({"year": row["year"], "usd": row["usd"], "growth_pct": growth})
        previous = row
    return out


def remittance_periods(years: list[dict]) -> list[dict]:
    """Totals per five-year period (2011–2015, 2016–2020, …) with growth on the previous
    period; ``complete`` says whether every year of the period is in the data."""
    periods: dict[int, dict] = {}
    for row in years:
        start = PERIOD_START + (row["year"] - PERIOD_START) // PERIOD_YEARS * PERIOD_YEARS
        period = periods.setdefault(
            start, {"from_year": start, "to_year": start + PERIOD_YEARS - 1, "usd": 0, "years": 0}
        )
        period["usd"] += row["usd"]
        period["years"] += 1
    out = []
    previous = None
    for start in sorted(periods):
        period = periods[start]
        period["complete"] = period["years"] == PERIOD_YEARS
        period["growth_pct"] = None
        if (
            previous
            and previous["to_year"] + 1 == period["from_year"]
            and previous["usd"]
            and previous["complete"]
            and period["complete"]
        ):
            period["growth_pct"] = round((period["usd"] / previous["usd"] - 1) * 100, 2)
        out.append(period)
        previous = period
    return out

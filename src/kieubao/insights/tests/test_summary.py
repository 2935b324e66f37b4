"""The figures of a province, through the API, the command and the dashboard: exact for those
entitled to them, suppressed for everyone else in a way that subtraction cannot undo."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from kieubao.community.bulk import PersonRow, people_bulk_insert
from kieubao.community.tests.factories import make_ministry, make_official, make_user
from kieubao.insights.models import Enterprise, InvestmentProject, Remittance

pytestmark = pytest.mark.django_db

HAI_PHONG, DA_NANG = 31, 48
URL = "/api/v1/insights/provinces/{}/summary"


def imported(province: int, country: str, n: int, residency="permanent", qualification="other"):
    return [
        PersonRow(
            full_name=f"Người {province} {country} {i}",
            country=country,
            hometown_province=province,
            residency_status=residency,
            qualification=qualification,
            consents=(),
            source="import",
            external_id=f"{province}/{country}-{residency}-{qualification}-{i}",
        )
        for i in range(n)
    ]


@pytest.fixture
def survey():
    rows = (
        imported(HAI_PHONG, "JP", 25)
        + imported(HAI_PHONG, "US", 3, qualification="phd")
        + imported(HAI_PHONG, "DE", 12, residency="temporary")
        + imported(DA_NANG, "JP", 15)
        + imported(DA_NANG, "CZ", 5)
    )
    people_bulk_insert(rows)
    Remittance.objects.bulk_create(
        [Remittance(province_code=HAI_PHONG, year=y, amount_usd=m * 1_000_000)
         for y, m in {2011: 160, 2012: 175, 2013: 190, 2014: 205, 2015: 222,
                      2016: 280, 2017: 300, 2018: 330, 2019: 409, 2020: 291}.items()]
    )  # fmt: skip


def get(client, code, **headers):
    response = client.get(URL.format(code), **headers)
    assert response.status_code == 200, response.content
    return response.json()


def by_country(summary) -> dict:
    return {c["code"]: c["count"] for c in summary["people"]["by_country"]}


def test_anonymous_sees_small_counts_suppressed_and_unrecoverable(survey):
    s = get(Client(), HAI_PHONG)
    assert s["exact"] is False
    assert s["province"] == {"code": 31, "name": "Hai Phong"}  # English: the tests' language
    assert s["people"]["total"] == 40
    assert s["people"]["countries"] == 3
    countries = by_country(s)
    assert countries["US"] == "<10"
    # With the total published, one hidden cell would be 40 − JP − DE: a second one is hidden
    # too ("x": hidden to protect another, not small itself).
    assert sum(1 for v in countries.values() if isinstance(v, str)) >= 2
    assert {v for v in countries.values() if isinstance(v, str)} <= {"<10", "x"}
    assert s["people"]["by_qualification"]["phd"] == "<10"


def test_officials_of_the_province_and_ministries_see_exact_figures(survey):
    client = Client()
    client.force_login(make_official("Hải Phòng"))
    s = get(client, HAI_PHONG)
    assert s["exact"] is True
    assert by_country(s) == {"JP": 25, "DE": 12, "US": 3}
    assert s["people"]["by_residency"] == {
        "permanent": 28, "temporary": 12, "student": 0, "labour": 0
    }  # fmt: skip
    assert s["people"]["by_qualification"]["phd"] == 3
    ministry = Client()
    ministry.force_login(make_official(make_ministry()))
    assert get(ministry, "national")["people"]["total"] == 60
    # Another province's official is "everyone else" here.
    other = Client()
    other.force_login(make_official("Đà Nẵng"))
    assert get(other, HAI_PHONG)["exact"] is False
    member = Client()
    member.force_login(make_user())
    assert get(member, HAI_PHONG)["exact"] is False


def test_no_hidden_cell_comes_back_by_subtracting_published_figures(survey):
    client = Client()
    national = get(client, "national")
    provinces = {code: get(client, code) for code in (HAI_PHONG, DA_NANG)}
    # National CZ (5) is hidden; it would be national − Hải Phòng − Đà Nẵng otherwise.
    assert by_country(national)["CZ"] == "<10"
    assert by_country(provinces[DA_NANG])["CZ"] == "<10"
    # Every line (a province's countries + its total; a country's provinces + its national
    # figure) has either no hidden entry or at least two.
    for code, s in provinces.items():
        row = [*by_country(s).values(), s["people"]["total"]]
        assert sum(1 for v in row if isinstance(v, str)) != 1, code
    for country in ("JP", "US", "DE", "CZ"):
        column = [by_country(s).get(country, 0) for s in provinces.values()]
        column.append(by_country(national).get(country, 0))
        assert sum(1 for v in column if isinstance(v, str)) != 1, country


def test_remittances_per_year_and_per_period_with_growth(survey):
    s = get(Client(), HAI_PHONG)
    years = {r["year"]: r["usd"] for r in s["remittances"]}
    assert years[2019] == 409_000_000
    periods = {(p["from_year"], p["to_year"]): p for p in s["remittance_periods"]}
    assert periods[(2016, 2020)]["usd"] == 1_610_000_000
    assert periods[(2011, 2015)]["usd"] == 952_000_000
    assert periods[(2016, 2020)]["growth_pct"] == 69.12


def test_enterprises_and_projects_are_counted_and_capital_needs_enough_projects():
    Enterprise.objects.bulk_create(
        [Enterprise(province_code=HAI_PHONG, external_id=str(i), name=f"Công ty {i}",
                    location="abroad", country="CZ") for i in range(12)]
        + [Enterprise(province_code=HAI_PHONG, external_id="h", name="Công ty nhà",
                      location="home", country="VN")]
    )  # fmt: skip
    InvestmentProject.objects.create(
        province_code=HAI_PHONG, external_id="1", name="Dự án", capital_usd=5_000_000
    )
    s = get(Client(), HAI_PHONG)
    assert s["enterprises"]["home"] == "<10"
    # 13 − 12 would give the 1 away: the 12 is hidden as its cover.
    assert not isinstance(s["enterprises"]["abroad"], int)
    assert s["enterprises"]["total"] == 13
    assert s["investments"]["total"] == "<10"
    assert s["investments"]["capital_usd"] is None  # one investor's figure: not public
    admin = Client()
    admin.force_login(make_user(is_superuser=True, is_staff=True))
    exact = get(admin, HAI_PHONG)
    assert exact["investments"] == {
        "total": 1, "capital_usd": 5_000_000,
        "by_status": {"licensed": 0, "building": 0, "operating": 0, "suspended": 0,
                      "terminated": 0},
    }  # fmt: skip


def test_unknown_province_is_a_json_404():
    response = Client().get(URL.format(99))
    assert response.status_code == 404
    assert response.json()["code"]


def test_command_prints_the_exact_summary(survey):
    out = StringIO()
    call_command("insights", "summary", "31", stdout=out)
    data = json.loads(out.getvalue())
    assert data["exact"] is True
    assert data["people"]["by_qualification"]["phd"] == 3
    assert {c["code"]: c["count"] for c in data["people"]["by_country"]}["US"] == 3

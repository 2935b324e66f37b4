"""Activities's rows of the authorization matrix, and its part of the world.

World (keys start with A):
    AA  an approved report of "Hội A" (world["O"], France; org_admin administers it), approved
        by the ministry, dated 2025
    AS  a submitted report of "Hội A" (awaiting approval)
    AD  a draft report of "Hội A"

The matrix world has no mission official (official_a and official_b serve provinces, ministry
is national): approval by the mission of the report's country is tested in test_services.py and
test_api.py. Here: approved reports and the review are public; drafts and submitted reports are
seen by the reporter (org_admin), the ministry and platform admins (404 for others); only the
reporter edits and submits; the ministry and platform admins approve, return and mark
breakthroughs; province officials may not. POST rows change nothing, or come last (they change
the world: AS is approved, AD submitted).
"""

from __future__ import annotations

from datetime import date

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every


def activities_world(world: dict) -> dict:
    from kieubao.activities import services
    from kieubao.community.models import Organisation

    organisation = Organisation.objects.get(pk=world["O"])
    ministry = world["users"]["ministry"]
    base = {
        "reporter": organisation,
        "kind": "celebration",
        "theme": "homeland",
        "country": "FR",
        "city": "Paris",
        "participants": 300,
        "user": world["users"]["org_admin"],
    }
    approved = services.report_create(title="Tết cộng đồng Paris", date=date(2025, 1, 29), **base)
    services.report_submit(report=approved)
    services.report_approve(report=approved, user=ministry)
    submitted = services.report_create(title="Lớp tiếng Việt", date=date(2025, 6, 1), **base)
    services.report_submit(report=submitted)
    draft = services.report_create(title="Giải bóng đá", date=date(2025, 9, 1), **base)
    return {"AA": approved.pk, "AS": submitted.pk, "AD": draft.pk}


_UNSEEN = but(404, anonymous=LOGIN, org_admin=200, ministry=200, admin=200)
_SIGNED_IN = but(200, anonymous=LOGIN)
_REPORTER_ONLY = but(404, anonymous=LOGIN, org_admin=200, ministry=403, admin=403)
_DECIDERS = but(404, anonymous=LOGIN, org_admin=403, ministry=200, admin=200)

WEB_ROWS: list[Row] = [
    Row("activities/", "GET", "/activities/", every(200)),
    Row(
        "activities/",
        "GET",
        "/activities/?country=FR&theme=homeland&kind=celebration&year=2025&q=tet&page=2",
        every(200),
    ),
    Row("activities/", "GET", "/activities/?year=abc&country=XX", every(200)),
    Row("activities/mine/", "GET", "/activities/mine/", _SIGNED_IN),
    Row(
        "activities/queue/",
        "GET",
        "/activities/queue/",
        but(403, anonymous=LOGIN, ministry=200, admin=200),
    ),
    Row("activities/new/", "GET", "/activities/new/", but(403, anonymous=LOGIN, org_admin=200)),
    # An empty form: shown again with its errors.
    Row(
        "activities/new/",
        "POST",
        "/activities/new/",
        but(403, anonymous=LOGIN, org_admin=200),
        data={},
    ),
    Row("activities/<int:pk>/", "GET", "/activities/{AA}/", every(200)),
    Row(
        "activities/<int:pk>/",
        "GET",
        "/activities/{AS}/",
        but(404, org_admin=200, ministry=200, admin=200),
    ),
    Row(
        "activities/<int:pk>/",
        "GET",
        "/activities/{AD}/",
        but(404, org_admin=200, ministry=200, admin=200),
    ),
    Row("activities/<int:pk>/", "GET", "/activities/0/", every(404)),
    Row("activities/<int:pk>/edit/", "GET", "/activities/{AD}/edit/", _REPORTER_ONLY),
    Row("activities/<int:pk>/edit/", "GET", "/activities/{AA}/edit/", but(403, anonymous=LOGIN)),
    # Every field empty: refused on the form, nothing saved.
    Row(
        "activities/<int:pk>/edit/",
        "POST",
        "/activities/{AD}/edit/",
        _REPORTER_ONLY,
        data={"title": ""},
    ),
    Row(
        "activities/<int:pk>/submit/", "POST", "/activities/{AA}/submit/", but(403, anonymous=LOGIN)
    ),
    # Returning without a reason, approving a draft: refused on the page, nothing changes.
    Row(
        "activities/<int:pk>/decide/",
        "POST",
        "/activities/{AS}/decide/",
        _DECIDERS,
        data={"action": "return"},
    ),
    Row(
        "activities/<int:pk>/decide/",
        "POST",
        "/activities/{AD}/decide/",
        _DECIDERS,
        data={"action": "approve"},
    ),
    # Reopening is the approver's (the ministry approved AA): refused to everyone else.
    Row(
        "activities/<int:pk>/decide/",
        "POST",
        "/activities/{AA}/decide/",
        but(403, anonymous=LOGIN, ministry=302, admin=302),
        data={"action": "reopen", "reason": "Kiểm tra lại."},
    ),
    Row(
        "activities/<int:pk>/breakthrough/",
        "POST",
        "/activities/{AS}/breakthrough/",
        # Seen by them, but only an approved report can be a breakthrough (a refusal message).
        but(404, anonymous=LOGIN, org_admin=403, ministry=302, admin=302),
        data={"breakthrough": "on", "note": "Lần đầu tiên"},
    ),
    Row(
        "activities/<int:pk>/files/<int:file_id>/",
        "GET",
        "/activities/{AA}/files/0/",
        every(404),
    ),
    Row("activities/review/", "GET", "/activities/review/", every(302)),
    Row("activities/review/<int:year>/", "GET", "/activities/review/2025/", every(200)),
    Row("activities/review/<int:year>/", "GET", "/activities/review/99999/", every(404)),
    Row("activities/review/<int:year>/print/", "GET", "/activities/review/2025/print/", every(200)),
    Row("activities/review/<int:year>.xlsx", "GET", "/activities/review/2025.xlsx", every(200)),
]

_API = "api/v1/activities"
NO_ROW = 2_147_483_647


def _api(route: str, method: str, url: str, expect: dict[str, int], **kwargs) -> Row:
    return Row(f"{_API}/{route}", method, f"/{_API}/{url}", expect, json=True, **kwargs)


def _signed_in(base: int, **overrides: int) -> dict[str, int]:
    return but(base, anonymous=401, **overrides)


_ONE = "reports/<activity_report_id>"
_PUBLIC_FIELDS = (("title", "participants", "reporter", "theme", "description"), ())

API_ROWS: list[Row] = [
    _api("reports", "GET", "reports", every(200), shows={"anonymous": (("results",), ())}),
    _api(
        "reports",
        "GET",
        "reports?country=FR&theme=homeland&kind=celebration&year=2025&q=tet",
        every(200),
    ),
    _api("reports", "GET", "reports?mine=true", every(200)),
    _api("reports", "GET", "reports?country=France", every(422)),
    # No such organisation to report for.
    _api(
        "reports",
        "POST",
        "reports",
        _signed_in(403),
        data={
            "reporter_id": NO_ROW,
            "kind": "sport",
            "theme": "youth",
            "title": "Giải bóng đá",
            "date": "2025-05-01",
            "country": "FR",
            "participants": 10,
        },
    ),
    _api(_ONE, "GET", "reports/{AA}", every(200), shows={"anonymous": _PUBLIC_FIELDS}),
    _api(_ONE, "GET", "reports/{AS}", but(404, org_admin=200, ministry=200, admin=200)),
    _api(_ONE, "GET", "reports/{AD}", but(404, org_admin=200, ministry=200, admin=200)),
    _api(_ONE, "GET", f"reports/{NO_ROW}", every(404)),
    _api(
        _ONE,
        "PATCH",
        "reports/{AD}",
        _signed_in(404, org_admin=200, ministry=403, admin=403),
        data={"city": "Lyon"},
    ),
    # An approved report is no longer the reporter's to change.
    _api(_ONE, "PATCH", "reports/{AA}", _signed_in(403, org_admin=422), data={"city": "Lyon"}),
    _api(f"{_ONE}/submit", "POST", "reports/{AA}/submit", _signed_in(403, org_admin=422)),
    _api(
        f"{_ONE}/return",
        "POST",
        "reports/{AS}/return",
        _signed_in(404, org_admin=403, ministry=422, admin=422),
        data={"reason": " "},
    ),
    _api(
        f"{_ONE}/approve",
        "POST",
        "reports/{AD}/approve",
        _signed_in(404, org_admin=403, ministry=422, admin=422),
    ),
    _api("review/<year>", "GET", "review/2025", every(200)),
    _api("review/<year>", "GET", "review/1800", every(422)),
    # --- these change the world (last) ---------------------------------------------------------
    _api(
        f"{_ONE}/approve",
        "POST",
        "reports/{AS}/approve",
        _signed_in(404, org_admin=403, ministry=200, admin=200),
    ),
    _api(
        f"{_ONE}/submit",
        "POST",
        "reports/{AD}/submit",
        _signed_in(404, org_admin=200, ministry=403, admin=403),
    ),
]

ACTIVITIES_ROWS: list[Row] = [*WEB_ROWS, *API_ROWS]

"""The trade portal's markets rows of the authorization matrix (world: see matrix.py).

Market pages, the programme dashboard and their API are public aggregates: every role gets
them, anonymous visitors too. Filing a market report needs a registry profile (every signed-in
role has one by now: the PATCH of api/v1/me/profile earlier in the matrix made one for the
officials and the admin); recording or ending a distribution channel needs a distributor to
manage (TD's admin is outside the roles, so only the platform admin); hiding a report is for
platform admins; importing trade statistics for ministry officials and platform admins. POST
rows send input that changes nothing (a form shown again with its errors, an end date before
the start), so later rows see the same world.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every

_IMPORTERS = {"ministry": 200, "admin": 200}
_MODERATION = (("hide-report",), ())
_NO_MODERATION = ((), ("hide-report",))

WEB_MARKET_ROWS: list[Row] = [
    Row("trade/markets/", "GET", "/trade/markets/", every(200)),
    Row(
        "trade/markets/<str:code>/",
        "GET",
        "/trade/markets/DE/",
        every(200),
        shows={"admin": _MODERATION}
        | {r: _NO_MODERATION for r in ("anonymous", "member", "org_admin", "ministry")},
    ),
    Row("trade/markets/<str:code>/", "GET", "/trade/markets/XX/", every(404)),
    Row(
        "trade/markets/<str:code>/reports/new/",
        "GET",
        "/trade/markets/DE/reports/new/",
        but(200, anonymous=LOGIN),
    ),
    Row(
        "trade/markets/<str:code>/reports/new/",
        "POST",
        "/trade/markets/DE/reports/new/",
        but(200, anonymous=LOGIN),  # the form again: no goods, no observation
        data={"hs_code": "0901", "product_label": ""},
    ),
    Row(
        "trade/markets/<str:code>/reports/new/",
        "GET",
        "/trade/markets/XX/reports/new/",
        but(404, anonymous=LOGIN),
    ),
    Row(
        "trade/market-reports/<int:report_id>/hide/",
        "POST",
        "/trade/market-reports/{TMR}/hide/",
        but(403, anonymous=LOGIN, admin=302),  # no reason: the admin is sent back, unchanged
        data={"reason": ""},
    ),
    Row(
        "trade/market-reports/<int:report_id>/hide/",
        "POST",
        "/trade/market-reports/0/hide/",
        but(404, anonymous=LOGIN),
    ),
    Row("trade/channels/new/", "GET", "/trade/channels/new/", but(403, anonymous=LOGIN, admin=200)),
    Row(
        "trade/channels/new/",
        "POST",
        "/trade/channels/new/",
        but(403, anonymous=LOGIN, admin=200),  # the form again with its errors
        data={"market": "DE"},
    ),
    Row(
        "trade/channels/<int:channel_id>/end/",
        "POST",
        "/trade/channels/{TCH}/end/",
        but(403, anonymous=LOGIN, admin=302),  # before the start: refused, unchanged
        data={"ended_on": "2000-01-01"},
    ),
    Row(
        "trade/channels/<int:channel_id>/end/",
        "POST",
        "/trade/channels/0/end/",
        but(404, anonymous=LOGIN),
    ),
    Row("trade/programme/", "GET", "/trade/programme/", every(200)),
    Row("trade/programme/figures.xlsx", "GET", "/trade/programme/figures.xlsx", every(200)),
    Row(
        "trade/markets/import/",
        "GET",
        "/trade/markets/import/",
        but(403, anonymous=LOGIN) | _IMPORTERS,
    ),
    Row(
        "trade/markets/import/",
        "POST",
        "/trade/markets/import/",
        but(403, anonymous=LOGIN) | _IMPORTERS,  # no file: the form again
        data={"dry_run": "on"},
    ),
]

_API = "api/v1/trade"


def _api(route: str, method: str, url: str, expect: dict[str, int], **kwargs) -> Row:
    return Row(f"{_API}/{route}", method, f"/{_API}/{url}", expect, json=True, **kwargs)


API_MARKET_ROWS: list[Row] = [
    _api("markets", "GET", "markets", every(200)),
    _api(
        "markets/<iso>",
        "GET",
        "markets/DE",
        every(200),
        shows={"anonymous": (("distributors", "channels", "requirements"), ())},
    ),
    _api("markets/<iso>", "GET", "markets/XX", every(404)),
    _api("markets/<iso>/stats", "GET", "markets/DE/stats", every(200)),
    _api("markets/<iso>/stats", "GET", "markets/VN/stats", every(404)),
    _api(
        "markets/<iso>/reports",
        "GET",
        "markets/DE/reports",
        every(200),
        shows={"anonymous": (("product_label",), ("author",))},
    ),
    _api(
        "markets/<iso>/reports",
        "POST",
        "markets/DE/reports",
        but(422, anonymous=401),  # the highest price below the lowest
        data={
            "hs_code": "0901",
            "product_label": "Cà phê",
            "price_min": "10",
            "price_max": "5",
            "currency": "EUR",
        },
    ),
    _api(
        "markets/<iso>/reports",
        "POST",
        "markets/XX/reports",
        but(404, anonymous=401),
        data={"hs_code": "0901", "product_label": "Cà phê", "demand": "Có"},
    ),
    _api("channels", "GET", "channels?market=DE", every(200)),
    _api("channels", "GET", "channels?product_id={TP}", every(200)),
    _api("channels", "GET", "channels", every(422)),
    _api(
        "channels",
        "POST",
        "channels",
        but(403, anonymous=401, admin=422),  # no such distributor
        data={
            "distributor_id": 2_147_483_647,
            "product_id": 1,
            "market": "DE",
            "channel": "grocery",
            "shelf_type": "world_food",
            "started_on": "2025-01-01",
        },
    ),
    _api("programme", "GET", "programme", every(200)),
]

MARKET_ROWS: list[Row] = [*WEB_MARKET_ROWS, *API_MARKET_ROWS]

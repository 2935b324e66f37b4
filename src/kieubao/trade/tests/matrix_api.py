"""The trade portal's api rows of the authorization matrix (world: see matrix.py).

The catalogue (products, companies) is read without credentials; everything else needs them
(401, not a redirect). What a caller may not see is a 404, what they see but may not do a 403.
Rows that only reach the validation (422) or change nothing come first; rows that change the
world come last, each after the rows that need the world as it was. These rows run after the
web and market rows, in the same world.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every  # noqa: F401

_API = "api/v1/trade"
NO_ROW = 2_147_483_647  # an id no row has (ids in bodies are not filled in from the world)


def _api(route: str, method: str, url: str, expect: dict[str, int], **kwargs) -> Row:
    return Row(f"{_API}/{route}", method, f"/{_API}/{url}", expect, json=True, **kwargs)


def _signed_in(base: int, **overrides: int) -> dict[str, int]:
    return but(base, anonymous=401, **overrides)


# org_admin administers the exporter TX; nobody of the roles administers TD (the distributor)
# or TY. Platform admins manage every company but are a party to no deal.
_TX_MANAGERS = {"org_admin": 200, "admin": 200}
_CONTACTS = (("email", "phone"), ())
_NO_CONTACTS = ((), ("email", "phone"))
_CREATORS = {"member": 422, "org_admin": 422, "admin": 422}  # members with a profile, admins
_BAD_CERTIFICATE = {
    "kind": "haccp",
    "issuer": "Bureau Veritas",
    "number": "HC-1",
    "valid_from": "2026-05-01",
    "valid_to": "2026-04-30",
}

API_ROWS: list[Row] = [
    # --- the catalogue ------------------------------------------------------------------------
    _api("products", "GET", "products", every(200)),
    _api(
        "products/<product_id>",
        "GET",
        "products/{TP}",
        every(200),
        shows={"anonymous": (("certificates", "photos", "company"), ())},
    ),
    _api("products/<product_id>", "GET", "products/{TPD}", but(404, **_TX_MANAGERS)),
    _api("companies", "GET", "companies", every(200)),
    _api(
        "companies/<company_id>",
        "GET",
        "companies/{TX}",
        every(200),
        shows={"anonymous": _NO_CONTACTS, "member": _CONTACTS, "official_b": _CONTACTS}
        | {"org_admin": (("reliability", "verifications", "certificates", "reviews"), ())},
    ),
    _api("companies/<company_id>/reviews", "GET", "companies/{TX}/reviews", _signed_in(200)),
    # --- reads of the signed-in ---------------------------------------------------------------
    _api("leads", "GET", "leads", _signed_in(200)),
    _api("leads/<lead_id>", "GET", "leads/{TBL}", _signed_in(200)),
    _api("leads/<lead_id>", "GET", "leads/{TSL}", _signed_in(200)),
    _api("leads/<lead_id>/matches", "GET", "leads/{TBL}/matches", _signed_in(403, admin=200)),
    _api("leads/<lead_id>/matches", "GET", "leads/{TSL}/matches", _signed_in(403, **_TX_MANAGERS)),
    _api(
        "contact-requests",
        "GET",
        "contact-requests",
        _signed_in(200),
        shows={"org_admin": (("from_company", "message"), ())},
    ),
    _api(
        "deals",
        "GET",
        "deals",
        _signed_in(200),
        shows={"org_admin": (("value_usd",), ()), "member": ((), ("value_usd",))},
    ),
    _api(
        "fraud-reports",
        "GET",
        "fraud-reports",
        _signed_in(200),  # the admins all; the member the report it filed; others none
        shows={"member": (("reason",), ()), "admin": (("reason",), ())}
        | {role: ((), ("reason",)) for role in ("org_admin", "official_a", "ministry")},
    ),
    # --- writes that stop at the validation, or change nothing ---------------------------------
    _api(
        "companies",
        "POST",
        "companies",
        _signed_in(403, **_CREATORS),  # an exporter without its tax code
        data={"role": "exporter", "name": "Công ty Mới", "country": "VN", "province_code": 31},
    ),
    _api(
        "companies/<company_id>",
        "PATCH",
        "companies/{TX}",
        _signed_in(403, org_admin=422, admin=422),
        data={"tax_code": "0100109105"},
    ),
    _api(
        "companies/<company_id>/products",
        "POST",
        "companies/{TX}/products",
        _signed_in(403, org_admin=422, admin=422),
        data={"name_vi": "Chè", "name_en": "Tea", "hs_code": "7701.00", "category": "coffee_tea"},
    ),
    _api(
        "products/<product_id>",
        "PATCH",
        "products/{TP}",
        _signed_in(403, org_admin=422, admin=422),
        data={"hs_code": "0000.00"},
    ),
    _api(
        "products/<product_id>",
        "PATCH",
        "products/{TPD}",
        _signed_in(404, org_admin=422, admin=422),
        data={"name_vi": ""},
    ),
    _api(
        "products/<product_id>/publish",
        "POST",
        "products/{TP}/publish",  # already published: nothing changes
        _signed_in(403, **_TX_MANAGERS),
    ),
    _api(
        "companies/<company_id>/certificates",
        "POST",
        "companies/{TX}/certificates",
        _signed_in(403, org_admin=422, admin=422),
        data=_BAD_CERTIFICATE,
    ),
    _api(
        "companies/<company_id>/reviews",
        "POST",
        "companies/{TD}/reviews",
        # Only managers of a company may have been party to a deal.
        _signed_in(403, org_admin=422),
        data={"deal_id": NO_ROW, "rating": 5},
    ),
    _api(
        "companies/<company_id>/verifications",
        "POST",
        "companies/{TX}/verifications",
        # Hải Phòng's officials verify its exporters, the ministry any company; the admin
        # names the body.
        _signed_in(403, official_a=422, ministry=422, admin=422),
        data={"evidence": " "},
    ),
    _api(
        "verifications/<verification_id>/revoke",
        "POST",
        "verifications/{TVF}/revoke",
        _signed_in(403, official_a=422, admin=422),
        data={"reason": " "},
    ),
    _api(
        "companies/<company_id>/fraud-reports",
        "POST",
        "companies/{TY}/fraud-reports",
        _signed_in(422),
        data={"reason": "Lừa đảo."},
    ),
    _api(
        "fraud-reports/<report_id>/resolve",
        "POST",
        "fraud-reports/{TFR}/resolve",
        _signed_in(404, member=403, admin=422),  # its reporter sees it
        data={"status": "upheld", "resolution": " "},
    ),
    _api(
        "leads",
        "POST",
        "leads",
        _signed_in(403, org_admin=422),  # admins act for a company they name
        data={"kind": "buy", "title": "Cần cà phê", "hs_code": "09", "market": "DE"},
    ),
    _api(
        "contact-requests",
        "POST",
        "contact-requests",
        _signed_in(403, org_admin=422),
        data={"to_company_id": NO_ROW},
    ),
    _api(
        "deals",
        "POST",
        "deals",
        _signed_in(403, org_admin=422),
        data={
            "counterpart_id": NO_ROW,
            "value_usd": "1000",
            "volume": "10",
            "market": "DE",
            "deal_date": "2026-01-01",
        },
    ),
    _api(
        "deals/<deal_id>/confirm",
        "POST",
        "deals/{TDL}/confirm",
        _signed_in(404, org_admin=422, admin=403),  # confirmed already
    ),
    # --- changes ------------------------------------------------------------------------------
    _api(
        "companies/<company_id>",
        "PATCH",
        "companies/{TX}",
        _signed_in(403, **_TX_MANAGERS),
        data={"capacity": "300 tấn/năm"},
    ),
    _api(
        "companies/<company_id>/products",
        "POST",
        "companies/{TX}/products",
        _signed_in(403, org_admin=201, admin=201),
        data={"name_vi": "Chè", "name_en": "Tea", "hs_code": "0902.30", "category": "coffee_tea"},
    ),
    _api(
        "products/<product_id>/publish",
        "POST",
        "products/{TPD}/publish",
        but(404, anonymous=401, **_TX_MANAGERS),
    ),
    _api(
        "companies/<company_id>/certificates",
        "POST",
        "companies/{TX}/certificates",
        _signed_in(403, org_admin=201, admin=201),
        data=_BAD_CERTIFICATE | {"valid_to": "2027-04-30"},
    ),
    _api(
        "leads",
        "POST",
        "leads",
        _signed_in(403, org_admin=201),
        data={"kind": "sell", "title": "Chè xanh", "hs_code": "0902"},
    ),
    _api(
        "companies/<company_id>/fraud-reports",
        "POST",
        "companies/{TD}/fraud-reports",
        _signed_in(201),
        data={"reason": "Đặt hàng rồi không thanh toán."},
    ),
    _api(
        "fraud-reports/<report_id>/resolve",
        "POST",
        "fraud-reports/{TFR}/resolve",
        _signed_in(404, member=403, admin=200),
        data={"status": "dismissed", "resolution": "Không đủ chứng cứ."},
    ),
    _api(
        "contact-requests/<request_id>/accept",
        "POST",
        "contact-requests/{TCR}/accept",
        _signed_in(404, **_TX_MANAGERS),  # TD, which asked, has no manager among the roles
    ),
    _api(
        "contact-requests/<request_id>/decline",
        "POST",
        "contact-requests/{TCR}/decline",
        _signed_in(404, org_admin=422, admin=422),  # answered already
    ),
    _api(
        "deals/<deal_id>/confirm",
        "POST",
        "deals/{TDP}/confirm",
        _signed_in(404, org_admin=200, admin=403),
    ),
    _api(
        "verifications/<verification_id>/revoke",
        "POST",
        "verifications/{TVF}/revoke",
        _signed_in(403, official_a=200, admin=200),
        data={"reason": "Giấy phép hết hạn."},
    ),
    _api(
        "companies/<company_id>/verifications",
        "POST",
        "companies/{TX}/verifications",
        _signed_in(403, official_a=201, ministry=201, admin=422),
        data={"evidence": "Đã đối chiếu ĐKDN."},
    ),
    _api(
        "products/<product_id>/withdraw",
        "POST",
        "products/{TP}/withdraw",
        _signed_in(403, **_TX_MANAGERS),
    ),
    _api("leads/<lead_id>/close", "POST", "leads/{TSL}/close", _signed_in(403, **_TX_MANAGERS)),
    # Last: from here on the member manages a company.
    _api(
        "companies",
        "POST",
        "companies",
        _signed_in(403, member=201, org_admin=201, admin=201),
        data={"role": "distributor", "name": "Việt Shop SARL", "country": "FR"},
    ),
]

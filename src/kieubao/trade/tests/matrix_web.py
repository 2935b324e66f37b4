"""The trade portal's web rows of the authorization matrix (world: see matrix.py).

The catalogue (products, companies) is public; leads, contact requests, deals and fraud reports
need a signed-in member. What a viewer may not see is a 404, what they see but may not change a
403. POST rows send input that changes nothing (a form shown again with its errors, an answer
the service refuses, an id that does not exist): the market and API rows after them see the
same world.

org_admin manages the exporter TX (and is a party to the deals TDL and TDP); official_a is of
TX's province (its body verified TX); ministry is national; the member filed the fraud report
TFR.
"""

from __future__ import annotations

from kieubao.core.tests.matrix_support import LOGIN, Row, but, every

_SIGNED_IN = but(200, anonymous=LOGIN)
_TX_MANAGERS = but(403, anonymous=LOGIN, org_admin=200, admin=200)
_TX_MANAGERS_REDIRECT = but(403, anonymous=LOGIN, org_admin=302, admin=302)
_NOT_FOUND = but(404, anonymous=LOGIN)
_CONTACTS = (("contacts",), ())
_NO_CONTACTS = ((), ("contacts",))
_MATCHES = (("matches",), ())
_NO_MATCHES = ((), ("matches",))
_REVIEW_FORM = (("review-form",), ())
_NO_REVIEW_FORM = ((), ("review-form",))

WEB_ROWS: list[Row] = [
    # --- catalogue and companies (public) ----------------------------------------------------
    Row("trade/", "GET", "/trade/", every(200)),
    Row("trade/", "GET", "/trade/?q=ca+phe&certificate=haccp&market=DE&province=31", every(200)),
    Row("trade/companies/", "GET", "/trade/companies/", every(200)),
    Row("trade/companies/", "GET", "/trade/companies/?role=exporter&verified=on", every(200)),
    Row(
        "trade/companies/new/",
        "GET",
        "/trade/companies/new/",
        # Members with a profile register companies; officials act for the State.
        but(403, anonymous=LOGIN, member=200, org_admin=200, admin=200),
    ),
    Row(
        "trade/companies/new/",
        "POST",
        "/trade/companies/new/",
        but(403, anonymous=LOGIN, member=200, org_admin=200, admin=200),
        data={"name": ""},
    ),
    Row(
        "trade/companies/<int:company_id>/",
        "GET",
        "/trade/companies/{TX}/",
        every(200),
        shows={"anonymous": _NO_CONTACTS}
        | {role: _CONTACTS for role in ("member", "official_b", "admin")},
    ),
    Row(
        "trade/companies/<int:company_id>/",
        "GET",
        "/trade/companies/{TD}/",
        every(200),
        # TX may review TD on the deal TDL (TD already reviewed TX): its manager sees the form
        # on TD's page; no one else does.
        shows={"org_admin": _REVIEW_FORM, "member": _NO_REVIEW_FORM, "admin": _NO_REVIEW_FORM},
    ),
    Row("trade/companies/<int:company_id>/", "GET", "/trade/companies/0/", every(404)),
    Row(
        "trade/companies/<int:company_id>/edit/", "GET", "/trade/companies/{TX}/edit/", _TX_MANAGERS
    ),
    Row(
        "trade/companies/<int:company_id>/edit/",
        "GET",
        "/trade/companies/{TY}/edit/",
        but(403, anonymous=LOGIN, admin=200),
    ),
    Row(
        "trade/companies/<int:company_id>/edit/",
        "POST",
        "/trade/companies/{TX}/edit/",
        _TX_MANAGERS,
        data={"name": ""},
    ),
    Row(
        "trade/companies/<int:company_id>/status/",
        "POST",
        "/trade/companies/{TY}/status/",
        but(403, anonymous=LOGIN, admin=200),  # without a reason: the form again
        data={"status": "suspended", "reason": ""},
    ),
    Row(
        "trade/companies/<int:company_id>/contact/",
        "POST",
        "/trade/companies/{TY}/contact/",
        # On behalf of a company one manages (org_admin: TX); no company chosen: the form again.
        but(403, anonymous=LOGIN, org_admin=200),
        data={"message": "Xin chào"},
    ),
    Row(
        "trade/companies/<int:company_id>/verify/",
        "POST",
        "/trade/companies/{TX}/verify/",
        # Province A's exporter: its province, the ministry and the admins verify it.
        but(403, anonymous=LOGIN, official_a=200, ministry=200, admin=200),
        data={"evidence": ""},
    ),
    Row(
        "trade/companies/<int:company_id>/verify/",
        "POST",
        "/trade/companies/{TY}/verify/",
        but(403, anonymous=LOGIN, official_b=200, ministry=200, admin=200),
        data={"evidence": ""},
    ),
    Row(
        "trade/companies/<int:company_id>/report/",
        "POST",
        "/trade/companies/{TY}/report/",
        _SIGNED_IN,  # too short: the form again
        data={"reason": "short"},
    ),
    Row(
        "trade/companies/<int:company_id>/products/new/",
        "GET",
        "/trade/companies/{TX}/products/new/",
        _TX_MANAGERS,
    ),
    Row(
        "trade/companies/<int:company_id>/products/new/",
        "GET",
        "/trade/companies/{TD}/products/new/",  # a distributor lists no products
        but(403, anonymous=LOGIN),
    ),
    Row(
        "trade/companies/<int:company_id>/products/new/",
        "POST",
        "/trade/companies/{TX}/products/new/",
        _TX_MANAGERS,
        data={"name_vi": "", "hs_code": "123"},
    ),
    Row(
        "trade/companies/<int:company_id>/certificates/",
        "POST",
        "/trade/companies/{TX}/certificates/",
        _TX_MANAGERS,
        data={"kind": "haccp", "valid_from": "2026-01-02", "valid_to": "2026-01-01"},
    ),
    Row(
        "trade/verifications/<int:verification_id>/revoke/",
        "POST",
        "/trade/verifications/{TVF}/revoke/",
        # The body that verified (province A) and the admins; no reason: the form again.
        but(403, anonymous=LOGIN, official_a=200, admin=200),
        data={"reason": ""},
    ),
    # --- products ----------------------------------------------------------------------------
    Row("trade/products/<int:product_id>/", "GET", "/trade/products/{TP}/", every(200)),
    Row("trade/products/<int:product_id>/", "GET", "/trade/products/{TP}/?market=JP", every(200)),
    Row(
        "trade/products/<int:product_id>/",
        "GET",
        "/trade/products/{TPD}/",  # a draft: its company's managers only
        but(404, org_admin=200, admin=200),
    ),
    Row("trade/products/<int:product_id>/edit/", "GET", "/trade/products/{TP}/edit/", _TX_MANAGERS),
    Row(
        "trade/products/<int:product_id>/edit/",
        "GET",
        "/trade/products/{TPD}/edit/",
        but(404, anonymous=LOGIN, org_admin=200, admin=200),
    ),
    Row(
        "trade/products/<int:product_id>/edit/",
        "POST",
        "/trade/products/{TP}/edit/",
        _TX_MANAGERS,
        data={"hs_code": "99"},
    ),
    Row(
        "trade/products/<int:product_id>/status/",
        "POST",
        "/trade/products/{TP}/status/",
        _TX_MANAGERS_REDIRECT,  # neither publish nor withdraw: refused with a message
        data={"status": "draft"},
    ),
    Row(
        "trade/products/<int:product_id>/signature/",
        "POST",
        "/trade/products/{TP}/signature/",
        # Ministry, the province of origin (A) and admins; TP is not flagged: unflag is a no-op.
        but(403, anonymous=LOGIN, official_a=302, ministry=302, admin=302),
        data={"signature": "0"},
    ),
    Row(
        "trade/products/<int:product_id>/photos/",
        "POST",
        "/trade/products/{TP}/photos/",
        _TX_MANAGERS,  # no file: the page again with the error
        data={"caption": "x"},
    ),
    Row(
        "trade/products/<int:product_id>/photos/<int:photo_id>/",
        "GET",
        "/trade/products/{TP}/photos/{TPH}/",
        every(200),
    ),
    Row(
        "trade/products/<int:product_id>/photos/<int:photo_id>/",
        "GET",
        "/trade/products/{TPD}/photos/{TPH}/",  # not this product's photo
        but(404),
    ),
    Row(
        "trade/products/<int:product_id>/photos/<int:photo_id>/remove/",
        "POST",
        "/trade/products/{TP}/photos/0/remove/",
        but(403, anonymous=LOGIN, org_admin=404, admin=404),
    ),
    Row(
        "trade/certificates/<int:certificate_id>/document/",
        "GET",
        "/trade/certificates/{TC}/document/",  # TC has no document
        _NOT_FOUND,
    ),
    Row(
        "trade/certificates/<int:certificate_id>/remove/",
        "POST",
        "/trade/certificates/0/remove/",
        _NOT_FOUND,
    ),
    # --- leads -------------------------------------------------------------------------------
    Row("trade/leads/", "GET", "/trade/leads/", _SIGNED_IN),
    Row("trade/leads/", "GET", "/trade/leads/?kind=buy&hs=0901&market=DE&mine=on", _SIGNED_IN),
    Row("trade/leads/new/", "GET", "/trade/leads/new/", but(403, anonymous=LOGIN, org_admin=200)),
    Row(
        "trade/leads/new/",
        "POST",
        "/trade/leads/new/",
        but(403, anonymous=LOGIN, org_admin=200),
        data={"title": ""},
    ),
    Row(
        "trade/leads/<int:lead_id>/",
        "GET",
        "/trade/leads/{TBL}/",
        _SIGNED_IN,
        shows={role: _NO_MATCHES for role in ("member", "org_admin", "official_a")}
        | {"admin": _MATCHES},
    ),
    Row(
        "trade/leads/<int:lead_id>/",
        "GET",
        "/trade/leads/{TSL}/",
        _SIGNED_IN,
        shows={"org_admin": _MATCHES, "admin": _MATCHES, "member": _NO_MATCHES},
    ),
    Row("trade/leads/<int:lead_id>/", "GET", "/trade/leads/0/", _NOT_FOUND),
    Row("trade/leads/<int:lead_id>/close/", "POST", "/trade/leads/0/close/", _NOT_FOUND),
    # --- contact requests --------------------------------------------------------------------
    Row("trade/contacts/", "GET", "/trade/contacts/", _SIGNED_IN),
    Row(
        "trade/contacts/<int:request_id>/answer/",
        "POST",
        "/trade/contacts/{TCR}/answer/",
        # To TX: its manager answers (an unknown answer changes nothing); the admins see it.
        but(404, anonymous=LOGIN, org_admin=302, admin=403),
        data={"action": "noop"},
    ),
    # --- deals and reviews -------------------------------------------------------------------
    Row("trade/deals/", "GET", "/trade/deals/", _SIGNED_IN),
    Row(
        "trade/deals/new/",
        "GET",
        "/trade/deals/new/?lead={TBL}",  # TD's buy request: an exporter records the deal
        but(403, anonymous=LOGIN, org_admin=200),
    ),
    Row(
        "trade/deals/new/",
        "POST",
        "/trade/deals/new/?lead={TBL}",
        but(403, anonymous=LOGIN, org_admin=200),
        data={"value_usd": ""},
    ),
    Row("trade/deals/new/", "GET", "/trade/deals/new/", _NOT_FOUND),
    Row(
        "trade/deals/<int:deal_id>/",
        "GET",
        "/trade/deals/{TDL}/",
        but(404, anonymous=LOGIN, org_admin=200, admin=200),
        shows={"org_admin": _REVIEW_FORM, "admin": _NO_REVIEW_FORM},
    ),
    Row(
        "trade/deals/<int:deal_id>/confirm/",
        "POST",
        "/trade/deals/{TDL}/confirm/",  # already confirmed: refused with a message
        but(404, anonymous=LOGIN, org_admin=302, admin=403),
    ),
    Row(
        "trade/deals/<int:deal_id>/cancel/",
        "POST",
        "/trade/deals/{TDL}/cancel/",  # confirmed deals stay on record
        but(404, anonymous=LOGIN, org_admin=302, admin=403),
    ),
    Row(
        "trade/deals/<int:deal_id>/review/",
        "POST",
        "/trade/deals/{TDL}/review/",
        # A party (TX) may review (no rating: the form again); anyone else is refused.
        but(403, anonymous=LOGIN, org_admin=200),
        data={"rating": ""},
    ),
    # --- fraud reports and market requirements -----------------------------------------------
    Row("trade/fraud/", "GET", "/trade/fraud/", _SIGNED_IN),
    Row("trade/fraud/", "GET", "/trade/fraud/?status=all", _SIGNED_IN),
    Row(
        "trade/fraud/<int:report_id>/",
        "GET",
        "/trade/fraud/{TFR}/",
        but(404, anonymous=LOGIN, member=200, admin=200),  # the reporter and the admins
    ),
    Row(
        "trade/fraud/<int:report_id>/",
        "POST",
        "/trade/fraud/{TFR}/",
        but(404, anonymous=LOGIN, member=403, admin=200),
        data={"status": "upheld", "resolution": ""},
    ),
    Row(
        "trade/requirements/",
        "GET",
        "/trade/requirements/",
        but(403, anonymous=LOGIN, ministry=200, admin=200),
    ),
    Row(
        "trade/requirements/",
        "POST",
        "/trade/requirements/",
        but(403, anonymous=LOGIN, ministry=200, admin=200),
        data={"country": "DE", "hs_prefix": "0"},
    ),
]

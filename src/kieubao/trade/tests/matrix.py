"""The trade portal's rows of the authorization matrix, and its part of the world.

World (added to core/tests/test_authorization_matrix.py's ``world``; keys start with T):
    TX   exporter company in Hải Phòng (province A); org_admin administers it; verified by
         province A (TVF)
    TY   another exporter (Đà Nẵng), administered by none of the roles (a third party)
    TD   distributor company in Germany, administered by a user outside the roles
    TP   a published product of TX (HS 090121), with a valid HACCP certificate TC
    TPD  a draft product of TX
    TC   TP's certificate
    TBL  an open buy request of TD (market DE, HS 0901, HACCP needed)
    TSL  an open sell offer of TX
    TCR  a pending contact request from TD to TX
    TDL  a confirmed deal TX–TD (TP, DE), reviewed by TD (TRV)
    TDP  a deal proposed by TD, waiting for TX's confirmation
    TRV  TD's review of TX on TDL
    TVF  province A's verification of TX (active)
    TFR  an open fraud report by member about TY
    TCH  a distribution channel: TD carries TP in Germany
    TMR  a market report by member's person (DE, HS 0901)
    TMQ  market requirement: Germany, HS chapter 09, HACCP (declared by the ministry)
    TPH  a photo of TP

Rows: web pages of the catalogue, leads and deals in matrix_web.py (WEB_ROWS); market pages,
reports, distribution and the programme dashboard in matrix_markets.py (MARKET_ROWS); the API
in matrix_api.py (API_ROWS).
"""

from __future__ import annotations

import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from kieubao.community.models import Organisation
from kieubao.community.tests.factories import make_person, make_user

from .matrix_api import API_ROWS
from .matrix_markets import MARKET_ROWS
from .matrix_web import WEB_ROWS


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """A real PNG image (red pixels), made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xc8\x1e\x1e" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def trade_world(world: dict) -> dict:
    from kieubao.trade import services

    from .factories import make_certificate, make_distributor, make_exporter, make_product

    users = world["users"]
    body_a = Organisation.objects.get(officials__user=users["official_a"])
    ministry = Organisation.objects.get(officials__user=users["ministry"])
    exporter = make_exporter(person=world["own"]["org_admin"], name="Cà phê Hải Phòng")
    other = make_exporter(name="Gốm Đà Nẵng", province_code=48, sectors=["69"])
    distributor_user = make_user("distributor@example.org")
    distributor = make_distributor(
        person=make_person(user=distributor_user, full_name="Lê Phân Phối"), name="Asia Markt GmbH"
    )
    product = make_product(exporter)
    draft = make_product(exporter, publish=False, name_vi="Bản nháp", name_en="Draft")
    certificate = make_certificate(exporter, product=product)
    photo = services.photo_add(
        product=product, upload=SimpleUploadedFile("p.png", png_bytes(), "image/png")
    )
    buy = services.lead_create(
        company=distributor,
        kind="buy",
        title="Cần cà phê rang xay cho Đức",
        hs_code="0901",
        market="DE",
        volume="2000",
        certificates=["haccp"],
    )
    sell = services.lead_create(
        company=exporter, kind="sell", title="Robusta rang xay", product=product, volume="10000"
    )
    contact = services.contact_request_create(
        from_company=distributor, to_company=exporter, message="Xin liên hệ."
    )
    deal = services.deal_propose(
        company=distributor,
        counterpart=exporter,
        value_usd="25000",
        volume="5000",
        market="DE",
        deal_date="2026-10-01",
        product=product,
    )
    deal = services.deal_confirm(deal, company=exporter)
    proposed = services.deal_propose(
        company=distributor,
        counterpart=exporter,
        value_usd="9000",
        volume="1000",
        market="DE",
        deal_date="2026-11-01",
    )
    review = services.review_create(deal=deal, reviewer=distributor, rating=5, text="Đúng hẹn.")
    verification = services.verification_add(
        company=exporter, body=body_a, evidence="Giấy chứng nhận ĐKDN đã đối chiếu."
    )
    fraud = services.fraud_report_create(
        company=other, reason="Nhận tiền đặt cọc rồi không giao hàng.", user=users["member"]
    )
    channel = services.channel_add(
        distributor=distributor,
        product=product,
        market="DE",
        channel="grocery",
        shelf_type="world_food",
        started_on="2026-06-01",
        city="Berlin",
        outlets=12,
    )
    report = services.market_report_create(
        author=world["own"]["member"],
        market="DE",
        hs_code="0901",
        product_label="Cà phê Việt Nam rang xay",
        price_min="6.5",
        price_max="11",
        currency="EUR",
        price_unit="250 g",
        demand="Nhu cầu tăng ở Berlin.",
    )
    requirement = services.requirement_set(
        country="DE", hs_prefix="09", certificates=["haccp"], body=ministry
    )
    return {
        "TX": exporter.pk,
        "TY": other.pk,
        "TD": distributor.pk,
        "TP": product.pk,
        "TPD": draft.pk,
        "TC": certificate.pk,
        "TPH": photo.pk,
        "TBL": buy.pk,
        "TSL": sell.pk,
        "TCR": contact.pk,
        "TDL": deal.pk,
        "TDP": proposed.pk,
        "TRV": review.pk,
        "TVF": verification.pk,
        "TFR": fraud.pk,
        "TCH": channel.pk,
        "TMR": report.pk,
        "TMQ": requirement.pk,
    }


TRADE_ROWS = [*WEB_ROWS, *MARKET_ROWS, *API_ROWS]

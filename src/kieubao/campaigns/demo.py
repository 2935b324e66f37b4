"""Demo data of campaigns and funds (``kieubao campaigns demo [--if-empty]``), on top of the
community demo (``kieubao demo``).

- Exchange rates recorded by the State Committee for Overseas Vietnamese Affairs (USD, EUR, JPY,
  AUD, with their source).
- A nationwide solidarity campaign of the State Committee, at the scale of the one the issue
  cites: a target of VND 65.67 billion, VND 656.7 billion raised (ten times the target, about
  USD 25 million) from overseas Vietnamese and their associations in VND, USD, EUR, JPY and AUD
  (some anonymous), now closed; allocations to flood-hit provinces, each with a placeholder PDF
  as its evidence document, so the ledger shows contributed = allocated + held.
- An open pledge campaign (a school in the highlands): pledges open, fulfilled (by a recorded
  contribution) and withdrawn; ``member@kieubao.local`` has pledged.
- The support fund for overseas Vietnamese businesses: contributions, and applications from
  five businesses in every status (submitted, under review, approved and awarded, approved,
  rejected), the award being an allocation of the fund with the decision as evidence.
Everything goes through the services, with the emails suppressed (the people are invented).
Deterministic; about a second.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from kieubao.community import services as community
from kieubao.community.models import Organisation, OrganisationKind, Person

from . import notifications, services
from .models import Campaign, CampaignKind, CampaignStatus

STATE_COMMITTEE = ("Ủy ban Nhà nước về người Việt Nam ở nước ngoài",
                   "State Committee for Overseas Vietnamese Affairs")  # fmt: skip
TARGET = 65_670_000_000
RAISED = 656_700_000_000
RATES = {"USD": "26268", "EUR": "30540", "JPY": "171.2", "AUD": "17050"}
PROVINCES = [  # (recipient, share of the allocated money in ‰)
    ("UBND tỉnh Quảng Trị", 180), ("UBND tỉnh Huế", 150), ("UBND tỉnh Quảng Ngãi", 130),
    ("UBND tỉnh Lào Cai", 120), ("UBND tỉnh Thái Nguyên", 110), ("UBND tỉnh Tuyên Quang", 100),
    ("UBND tỉnh Cao Bằng", 90), ("UBND tỉnh Lạng Sơn", 70),
]  # fmt: skip
COUNTRIES = {"USD": "US", "EUR": "DE", "JPY": "JP", "AUD": "AU", "VND": "FR"}


@dataclass
class DemoReport:
    campaigns: int = 0
    contributions: int = 0
    allocations: int = 0
    pledges: int = 0
    applications: int = 0
    seconds: float = 0.0


@contextmanager
def _no_mail():
    saved = (notifications.pledge_recorded, notifications.pledge_fulfilled,
             notifications.application_decided)  # fmt: skip
    quiet = lambda *args, **kwargs: None  # noqa: E731
    notifications.pledge_recorded = notifications.pledge_fulfilled = quiet
    notifications.application_decided = quiet
    try:
        yield
    finally:
        (notifications.pledge_recorded, notifications.pledge_fulfilled,
         notifications.application_decided) = saved  # fmt: skip


def _pdf(title: str) -> SimpleUploadedFile:
    """A one-page placeholder PDF that says what it stands for."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 50 780 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return SimpleUploadedFile("evidence.pdf", bytes(out), "application/pdf")


def _body() -> Organisation:
    name, name_en = STATE_COMMITTEE
    found = Organisation.objects.filter(kind=OrganisationKind.MINISTRY, name=name).first()
    return found or community.organisation_create(
        name=name, name_en=name_en, kind=OrganisationKind.MINISTRY, country="VN"
    )


def _person(n: int, full_name: str, country: str) -> Person:
    external_id = f"campaigns-demo-{n}"
    found = Person.objects.filter(external_id=external_id).first()
    return found or community.person_create(
        full_name=full_name, country=country, source="demo", external_id=external_id
    )


def load_demo(*, if_empty: bool = False, seed: int = 2026) -> DemoReport | None:
    if if_empty and Campaign.objects.exists():
        return None
    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction.atomic(), _no_mail():
        report = _load(rng)
    report.seconds = round(time.perf_counter() - started, 1)
    return report


def _load(rng: random.Random) -> DemoReport:
    report = DemoReport()
    today = timezone.localdate()
    body = _body()
    rates = {
        code: services.rate_record(
            currency=code, vnd_per_unit=value, on=today - timedelta(days=40), source="Vietcombank"
        )
        for code, value in RATES.items()
    }
    _solidarity(rng, body, rates, today, report)
    _pledges(rng, body, today, report)
    _fund(rng, body, today, report)
    return report


def _solidarity(rng, body, rates, today, report: DemoReport) -> None:
    campaign = services.campaign_create(
        owner=body,
        kind=CampaignKind.FUNDRAISING,
        title="Kiều bào cả nước chung tay hướng về đồng bào vùng bão lũ",
        title_en="Overseas Vietnamese together for the flood-hit provinces",
        cause="Ủng hộ đồng bào các tỉnh miền Bắc và miền Trung bị thiệt hại do bão lũ: nhà ở, "
        "trường học, trạm y tế và sinh kế.",
        cause_en="Support for the people of the northern and central provinces hit by the "
        "floods: housing, schools, health stations and livelihoods.",
        target_vnd=TARGET,
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=5),
    )
    services.campaign_set_status(campaign, status=CampaignStatus.OPEN)
    report.campaigns += 1
    associations = list(
        Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION).order_by("pk")[:10]
    )
    total = 0
    codes = ["USD", "EUR", "JPY", "AUD", "VND"]
    for n in range(40):
        code = codes[n % len(codes)]
        vnd = rng.randrange(3_000, 20_000) * 1_000_000  # 3–20 billion each
        if code == "VND":
            amount = str(vnd)
        else:
            amount = str(round(vnd / float(RATES[code]), 2 if code != "JPY" else 0))
        values = {"name": f"Cộng đồng người Việt tại {COUNTRIES[code]} — nhóm {n + 1}"}
        if associations and n % 4 == 0:
            values = {"organisation": associations[n % len(associations)], "name": ""}
        contribution = services.contribution_record(
            campaign,
            amount=amount,
            currency=code,
            rate=rates.get(code),
            received_on=today - timedelta(days=55 - n),
            anonymous=n % 7 == 3,
            reference=f"CK-{2026}{n:04d}",
            **values,
        )
        total += contribution.amount_vnd
        report.contributions += 1
    # The last transfer brings the total to the figure the campaign announced.
    services.contribution_record(
        campaign,
        amount=str(RAISED - total),
        currency="VND",
        name="Quỹ Cứu trợ Trung ương (chuyển tiếp)",
        received_on=today - timedelta(days=6),
        reference="CK-TONGHOP",
    )
    report.contributions += 1
    allocated_total = RAISED * 9 // 10
    for n, (recipient, share) in enumerate(PROVINCES):
        amount = allocated_total * share // 1000
        services.allocation_record(
            campaign,
            amount_vnd=amount,
            recipient_name=recipient,
            allocated_on=today - timedelta(days=20 - n),
            purpose="Xây lại nhà ở và trường học sau bão lũ",
            evidence=_pdf(f"Quyet dinh phan bo {n + 1}: {amount} VND"),
        )
        report.allocations += 1
    services.campaign_set_status(campaign, status=CampaignStatus.CLOSED)


def _pledges(rng, body, today, report: DemoReport) -> None:
    campaign = services.campaign_create(
        owner=body,
        kind=CampaignKind.PLEDGE,
        title="Cam kết xây trường bán trú vùng cao",
        title_en="Pledges for a boarding school in the highlands",
        cause="Xây một trường bán trú cho 300 học sinh ở Lào Cai.",
        cause_en="A boarding school for 300 pupils in Lào Cai.",
        target_vnd=20_000_000_000,
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=80),
    )
    services.campaign_set_status(campaign, status=CampaignStatus.OPEN)
    report.campaigns += 1
    people = [
        _person(n, name, country)
        for n, (name, country) in enumerate(
            [
                ("Nguyễn Thị Lan", "DE"),
                ("Trần Minh Quân", "US"),
                ("Lê Hoàng Yến", "JP"),
                ("Phạm Đức Anh", "AU"),
                ("Võ Thu Hà", "FR"),
                ("Đặng Văn Hùng", "CZ"),
            ]
        )
    ]
    member = Person.objects.filter(user__email="member@kieubao.local").first()
    if member is not None:
        people.append(member)
    for n, person in enumerate(people):
        code = ["EUR", "USD", "JPY", "AUD", "EUR", "VND", "EUR"][n % 7]
        amount = {"EUR": "5000", "USD": "8000", "JPY": "600000", "AUD": "7000"}.get(code)
        pledge = services.pledge_create(
            campaign,
            person=person,
            amount=amount or "150000000",
            currency=code,
            anonymous=n == 2,
        )
        report.pledges += 1
        if n in (0, 1):
            services.contribution_record(
                campaign, amount=pledge.amount, currency=code, rate=pledge.rate, pledge=pledge
            )
            report.contributions += 1
        elif n == 3:
            services.pledge_withdraw(pledge)


def _fund(rng, body, today, report: DemoReport) -> None:
    fund = services.campaign_create(
        owner=body,
        kind=CampaignKind.FUND,
        title="Quỹ hỗ trợ doanh nghiệp kiều bào",
        title_en="Support fund for overseas Vietnamese businesses",
        cause="Hỗ trợ doanh nghiệp kiều bào đầu tư đổi mới sáng tạo, chuyển đổi số và kinh tế "
        "xanh tại Việt Nam.",
        cause_en="Support for overseas Vietnamese businesses investing in innovation, digital "
        "transformation and the green economy in Vietnam.",
        target_vnd=100_000_000_000,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=335),
    )
    services.campaign_set_status(fund, status=CampaignStatus.OPEN)
    report.campaigns += 1
    for n, name in enumerate(["Ngân hàng TMCP (tài trợ)", "Hiệp hội doanh nhân kiều bào"]):
        services.contribution_record(
            fund, amount=str(20_000_000_000 + n * 5_000_000_000), name=name,
            received_on=today - timedelta(days=25 - n),
        )  # fmt: skip
        report.contributions += 1
    decider = get_user_model().objects.filter(official__body=body).first()
    plans = [
        ("Công ty Sao Việt GmbH", "DE", "Nền tảng số cho hợp tác xã nông nghiệp", 3_000_000_000),
        ("Mekong Bio Inc.", "US", "Phòng thí nghiệm công nghệ sinh học", 5_000_000_000),
        ("Sakura Green KK", "JP", "Nhà máy tái chế nhựa theo kinh tế tuần hoàn", 8_000_000_000),
        ("Lotus Materials Pty", "AU", "Vật liệu mới cho xây dựng", 4_000_000_000),
        ("Phở Paris SAS", "FR", "Mở rộng chuỗi nhà hàng", 2_000_000_000),
    ]
    for n, (name, country, purpose, amount) in enumerate(plans):
        business = Organisation.objects.filter(name=name).first() or community.organisation_create(
            name=name, kind=OrganisationKind.BUSINESS, country=country
        )
        owner = _person(100 + n, f"Giám đốc {name}", country)
        community.membership_add(person=owner, organisation=business, role="admin")
        application = services.application_submit(
            fund,
            business=business,
            person=owner,
            purpose=purpose,
            amount_requested_vnd=amount,
            plan=f"{purpose}: kế hoạch ba năm, đối tác tại Việt Nam, việc làm cho 40 người.",
        )
        report.applications += 1
        if n == 0:
            continue  # submitted
        services.application_review(application, user=decider)
        if n == 1:
            continue  # under review
        if n == 4:
            services.application_decide(
                application,
                approve=False,
                reason="Dự án không thuộc các lĩnh vực ưu tiên của Quỹ.",
                user=decider,
            )
            continue
        services.application_decide(
            application,
            approve=True,
            reason="Dự án đổi mới sáng tạo, có đối tác trong nước và kế hoạch khả thi.",
            user=decider,
        )
        if n == 2:
            services.application_award(
                application,
                amount_vnd=amount * 3 // 4,
                user=decider,
                evidence=_pdf(f"Quyet dinh tai tro {application.pk}"),
            )
            report.allocations += 1

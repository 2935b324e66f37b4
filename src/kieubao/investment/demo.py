"""Demo data of investment (``kieubao investment demo [--if-empty]``), on top of the community
demo (``kieubao demo``) and, if loaded, the events demo.

- Ten opportunities in the five strategic sectors (and semiconductors, high-tech agriculture):
  four of Hải Phòng (the body of ``official.haiphong@kieubao.local``), three of Đà Nẵng and
  three of the ministry (in Hà Nội and Hồ Chí Minh City); one of Hải Phòng's is a draft, one of
  Đà Nẵng's is closed.
- Overseas Vietnamese investors, most acting for their enterprise (in the OV enterprises
  registry, abroad or at home), with interests at every stage of the pipeline — interest, site
  visit, MoU, licence, capital disbursed in tranches, withdrawn, declined — and
  ``member@kieubao.local`` interested in Hải Phòng's biotechnology park.
- Where the events demo has B2B meetings, two interests come from one of them (the meeting's
  participant is the investor) and are credited to that event.

Everything goes through the services, with the emails suppressed (the people are invented).
Deterministic; a few seconds.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kieubao.community.models import Official, Organisation, OrganisationKind, Person
from kieubao.community.services import membership_add, organisation_create, person_create

from . import notifications, services
from .models import Opportunity, PipelineStep

DEMO_MEMBER = "member@kieubao.local"
HAI_PHONG, DA_NANG, HA_NOI, HO_CHI_MINH = 31, 48, 1, 79
RATE = Decimal("26150")


@dataclass
class DemoReport:
    opportunities: int = 0
    interests: int = 0
    steps: int = 0
    enterprises: int = 0
    credited: int = 0
    seconds: float = 0.0


@contextmanager
def _no_mail():
    saved = notifications._later
    notifications._later = lambda *args, **kwargs: None
    try:
        yield
    finally:
        notifications._later = saved


def load_demo(*, if_empty: bool = False) -> DemoReport | None:
    if if_empty and Opportunity.objects.exists():
        return None
    started = time.perf_counter()
    with transaction.atomic(), _no_mail():
        report = _load()
    report.seconds = round(time.perf_counter() - started, 1)
    return report


def _body(kind: str, province_code: int | None = None) -> Organisation:
    qs = Organisation.objects.filter(kind=kind)
    if province_code is not None:
        qs = qs.filter(province_code=province_code)
    found = qs.order_by("pk").first()
    if found is not None:
        return found
    if kind == OrganisationKind.PROVINCE:
        from kieubao.core.provinces import province_by_code

        name = f"Ủy ban nhân dân {province_by_code(province_code).official_name}"
    else:
        name = "Ủy ban Nhà nước về người Việt Nam ở nước ngoài"
    return organisation_create(name=name, kind=kind, country="VN", province_code=province_code)


def _official(body: Organisation):
    official = Official.objects.filter(body=body).select_related("user").order_by("pk").first()
    return official.user if official else None


# title, title_en, summary, summary_en, sector, stage, province, address, size USD, incentives
PROJECTS = {
    HAI_PHONG: [
        ("Khu công nghệ sinh học Hải Phòng", "Hai Phong biotechnology park",
         "Khu nghiên cứu, sản xuất dược phẩm sinh học và vắc-xin thú y.",
         "Research and production of biopharmaceuticals and veterinary vaccines.",
         "biotech", "land_ready", HAI_PHONG, "Khu kinh tế Đình Vũ – Cát Hải", "45000000",
         "Miễn tiền thuê đất 15 năm; thuế thu nhập doanh nghiệp 10% trong 15 năm."),
        ("Trung tâm đổi mới sáng tạo Hải Phòng", "Hai Phong innovation centre",
         "Vườn ươm khởi nghiệp và quỹ đồng đầu tư cho doanh nghiệp công nghệ.",
         "A start-up incubator with a co-investment fund for technology companies.",
         "startups", "approved", HAI_PHONG, "Quận Lê Chân", "8000000",
         "Hỗ trợ 50% chi phí thuê văn phòng trong 3 năm."),
        ("Khu công nghiệp tái chế và vật liệu xanh", "Recycling and green materials park",
         "Tái chế nhựa, kim loại và sản xuất vật liệu xây dựng xanh.",
         "Plastic and metal recycling, green building materials.",
         "green", "feasibility", HAI_PHONG, "Huyện Thủy Nguyên", "120000000",
         "Ưu đãi đầu tư đặc biệt theo Luật Bảo vệ môi trường."),
        ("Nhà máy vật liệu composite cho cảng biển", "Composite materials plant for ports",
         "Vật liệu mới cho cầu cảng và tàu biển.", "New materials for quays and ships.",
         "materials", "idea", HAI_PHONG, "Khu công nghiệp Nam Đình Vũ", "30000000", ""),
    ],
    DA_NANG: [
        ("Khu công nghệ thông tin tập trung Đà Nẵng", "Da Nang IT park",
         "Văn phòng và trung tâm dữ liệu cho doanh nghiệp chuyển đổi số.",
         "Offices and a data centre for digital transformation companies.",
         "digital", "construction", DA_NANG, "Xã Hòa Liên", "60000000",
         "Thuế thu nhập doanh nghiệp 10% trong 15 năm."),
        ("Trung tâm thiết kế vi mạch Đà Nẵng", "Da Nang chip design centre",
         "Thiết kế và đóng gói vi mạch, đào tạo kỹ sư bán dẫn.",
         "Chip design and packaging, training semiconductor engineers.",
         "semiconductors", "approved", DA_NANG, "Khu công nghệ cao Đà Nẵng", "90000000", ""),
        ("Nông nghiệp công nghệ cao Hòa Vang", "Hoa Vang high-tech farming",
         "Nhà kính và chuỗi lạnh cho rau quả xuất khẩu.",
         "Greenhouses and a cold chain for exported produce.",
         "agritech", "land_ready", DA_NANG, "Huyện Hòa Vang", "12000000", ""),
    ],
    0: [
        ("Quỹ đầu tư khởi nghiệp kiều bào", "Overseas Vietnamese start-up fund",
         "Quỹ đồng đầu tư cùng nhà đầu tư kiều bào vào khởi nghiệp sáng tạo.",
         "A co-investment fund with overseas Vietnamese investors for innovative start-ups.",
         "startups", "approved", HA_NOI, "Hà Nội", "50000000", ""),
        ("Trung tâm dữ liệu xanh phía Nam", "Southern green data centre",
         "Trung tâm dữ liệu dùng năng lượng tái tạo.", "A data centre on renewable energy.",
         "digital", "feasibility", HO_CHI_MINH, "Khu công nghệ cao TP. Hồ Chí Minh",
         "200000000", ""),
        ("Viện công nghệ sinh học y học", "Medical biotechnology institute",
         "Hợp tác nghiên cứu với các nhà khoa học kiều bào.",
         "Research in partnership with overseas Vietnamese scientists.",
         "biotech", "idea", HA_NOI, "Hòa Lạc", "25000000", ""),
    ],
}  # fmt: skip

# name, country, city, business, business country, location, province, sector, founded, staff
INVESTORS = [
    ("Nguyễn Hoàng Việt", "DE", "Berlin", "Asia Logistik Berlin GmbH", "DE", "abroad",
     HAI_PHONG, "green", 2009, 85),
    ("Trần Quốc Bảo", "US", "San Jose", "Bao Semiconductor Consulting", "US", "abroad",
     DA_NANG, "semiconductors", 2014, 30),
    ("Phạm Minh Tuấn", "AU", "Melbourne", "Pham Agri Export Pty Ltd", "AU", "abroad",
     DA_NANG, "agritech", 2011, 60),
    ("Lê Thị Thu Hà", "US", "Houston", "Gulf Coast Bio LLC", "US", "abroad",
     HAI_PHONG, "biotech", 2016, 22),
    ("Kenji Hoàng Nam", "JP", "Osaka", "Hoang Precision Việt Nam", "VN", "home",
     HAI_PHONG, "materials", 2019, 240),
    ("Vũ Thị Ngọc Anh", "CZ", "Praha", "Sapa Green s.r.o.", "CZ", "abroad",
     HAI_PHONG, "green", 2013, 45),
    ("Đặng Văn Hùng", "PL", "Warszawa", "Hùng Digital Sp. z o.o.", "PL", "abroad",
     DA_NANG, "digital", 2018, 35),
]  # fmt: skip


def _investor(n: int, seed: tuple) -> tuple[Person, Organisation]:
    name, country, city, business, b_country, location, province, sector, founded, staff = seed
    person = Person.objects.filter(external_id=f"investment-demo:{n}").first()
    if person is None:
        person = person_create(
            source="demo",
            external_id=f"investment-demo:{n}",
            full_name=name,
            country=country,
            city=city,
            hometown_province=province,
        )
    organisation = organisation_create(
        name=business, kind=OrganisationKind.BUSINESS, country=b_country
    )
    membership_add(person=person, organisation=organisation, role="admin")
    services.enterprise_create(
        organisation=organisation,
        location=location,
        country=b_country,
        province_code=province,
        sector=sector,
        founded_year=founded,
        employees=staff,
        capital_usd=Decimal(staff) * 25000,
    )
    return person, organisation


def _load() -> DemoReport:
    report = DemoReport()
    today = timezone.localdate()
    bodies = {
        HAI_PHONG: _body(OrganisationKind.PROVINCE, HAI_PHONG),
        DA_NANG: _body(OrganisationKind.PROVINCE, DA_NANG),
        0: _body(OrganisationKind.MINISTRY),
    }
    opportunities: list[Opportunity] = []
    for key, projects in PROJECTS.items():
        body, user = bodies[key], _official(bodies[key])
        for (
            title,
            title_en,
            summary,
            summary_en,
            sector,
            stage,
            province,
            address,
            usd,
            perks,
        ) in projects:
            opportunity = services.opportunity_create(
                body=body,
                user=user,
                title=title,
                title_en=title_en,
                summary=summary,
                summary_en=summary_en,
                description=summary,
                description_en=summary_en,
                sector=sector,
                stage=stage,
                province_code=province,
                address=address,
                size_usd=usd,
                rate_vnd_per_usd=RATE,
                rate_date=today - timedelta(days=30),
                incentives=perks,
                contact_email=f"xuctiendautu.{province}@example.gov.vn",
            )
            opportunities.append(opportunity)
    report.opportunities = len(opportunities)
    hp_bio, hp_startups, hp_green, hp_materials = opportunities[:4]
    dn_it, dn_chips, dn_farm = opportunities[4:7]
    fund, datacentre, _institute = opportunities[7:]
    for o in opportunities:
        if o is not hp_materials:
            services.opportunity_publish(o)

    investors = [_investor(n, seed) for n, seed in enumerate(INVESTORS)]
    report.enterprises = len(investors)

    def interest(o, n, amount, *moves, meeting=None, person=None, org=True):
        who, business = investors[n] if person is None else (person, None)
        found = services.interest_create(
            opportunity=o,
            person=who,
            organisation=business if org and business else None,
            admin_of={business.pk} if business else set(),
            amount_usd=amount,
            message="Chúng tôi muốn tìm hiểu thêm về dự án.",
            meeting=meeting,
        )
        days = 300
        for stage, value, note in moves:
            days -= 45
            services.interest_move(
                found,
                stage=stage,
                amount_usd=value,
                note=note,
                date=today - timedelta(days=max(days, 1)),
                user=_official(o.body),
            )
        report.interests += 1
        return found

    interest(
        hp_bio,
        3,
        "5000000",
        ("site_visit", None, "Khảo sát Đình Vũ."),
        ("mou", "4000000", ""),
        ("licence", "4500000", "Giấy chứng nhận đầu tư."),
        ("disbursed", "2000000", "Đợt 1."),
        ("disbursed", "1500000", "Đợt 2."),
    )
    interest(
        hp_green,
        5,
        "12000000",
        ("site_visit", None, ""),
        ("mou", "10000000", ""),
        ("licence", "10000000", ""),
    )
    interest(hp_green, 0, "3000000", ("site_visit", None, ""), ("mou", "2500000", ""))
    interest(hp_startups, 6, "500000", ("site_visit", None, "Gặp ban quản lý vườn ươm."))
    interest(hp_startups, 4, "800000")
    interest(
        dn_chips,
        1,
        "20000000",
        ("site_visit", None, ""),
        ("mou", "15000000", ""),
        ("licence", "18000000", ""),
        ("disbursed", "6000000", ""),
    )
    interest(
        dn_farm,
        2,
        "2000000",
        ("site_visit", None, ""),
        ("declined", None, "Quỹ đất đã giao cho dự án khác."),
    )
    interest(dn_it, 6, "1000000")
    withdrawn = interest(datacentre, 0, "4000000", ("site_visit", None, ""))
    services.interest_withdraw(withdrawn, reason="Ưu tiên dự án tại Hải Phòng.")
    interest(fund, 1, "3000000", ("mou", "2000000", "Ký tại Xuân Quê hương."))
    member = Person.objects.filter(user__email=DEMO_MEMBER).first()
    if member is not None:
        interest(hp_bio, 0, "250000", ("site_visit", None, ""), person=member)
    report.credited = _credited(hp_startups, dn_it, report)
    services.opportunity_close(dn_farm, user=_official(dn_farm.body))
    report.steps = PipelineStep.objects.count()
    return report


def _credited(first: Opportunity, second: Opportunity, report: DemoReport) -> int:
    """Two interests from B2B meetings of the events demo (its participants invest)."""
    from kieubao.events.models import Meeting

    credited = 0
    meetings = Meeting.objects.select_related(
        "request__requester__registration", "request__recipient__registration"
    ).order_by("pk")[:10]
    targets = [first, second]
    for meeting in meetings:
        if not targets:
            break
        person_id = meeting.request.requester.registration.person_id
        if person_id is None:
            continue
        opportunity = targets[0]
        if opportunity.interests.filter(person_id=person_id).exists():
            continue
        found = services.interest_create(
            opportunity=opportunity,
            person=Person.objects.get(pk=person_id),
            amount_usd="1500000",
            message="Sau buổi gặp B2B tại hội nghị.",
            meeting=meeting,
        )
        services.interest_move(
            found, stage="site_visit", date=timezone.localdate() - timedelta(days=5)
        )
        targets.pop(0)
        credited += 1
        report.interests += 1
    return credited

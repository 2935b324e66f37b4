"""Demo data of activity reports (``kieubao activities demo [--if-empty]``), on top of the
community demo (``kieubao demo``) and, if loaded, the events demo.

About 60 reports over the last three years from a dozen associations in 8 countries (the
community demo's associations when they exist, else created here), mostly approved by the
diplomatic mission of their country (missions are created through the community services where
the community demo has none), some submitted, returned (with a reason) or still drafts; a few
marked as breakthrough initiatives by the ministry; the Tết celebrations linked to the Homeland
Spring programme when the events demo's programme exists. Everything goes through the services,
with the emails suppressed (the people are demo people). Deterministic; well under a second.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from kieubao.community.models import Official, Organisation, OrganisationKind
from kieubao.community.services import organisation_create

from . import notifications, services
from .models import ActivityReport, Kind, Theme

COUNTRIES = {
    "FR": ("Paris", "Lyon"),
    "DE": ("Berlin", "Leipzig"),
    "US": ("San Jose", "Houston"),
    "JP": ("Tokyo", "Osaka"),
    "KR": ("Seoul", "Busan"),
    "AU": ("Sydney", "Melbourne"),
    "CZ": ("Praha", "Brno"),
    "GB": ("London", "Manchester"),
}
# (kind, theme, Vietnamese title, usual size)
TEMPLATES = [
    (Kind.CELEBRATION, Theme.HOMELAND, "Đón Tết cộng đồng tại {city}", 600),
    (Kind.LANGUAGE_CLASS, Theme.LANGUAGE_CULTURE, "Lớp tiếng Việt cho thiếu nhi {city}", 45),
    (Kind.CULTURAL, Theme.LANGUAGE_CULTURE, "Đêm văn hóa Việt Nam tại {city}", 350),
    (Kind.CHARITY, Theme.SOLIDARITY, "Quyên góp ủng hộ đồng bào miền Trung", 200),
    (Kind.TRADE, Theme.ECONOMY, "Hội chợ hàng Việt tại {city}", 900),
    (Kind.KNOWLEDGE, Theme.SCIENCE, "Tọa đàm trí thức kiều bào về chuyển đổi số", 120),
    (Kind.YOUTH, Theme.YOUTH, "Trại hè thanh niên kiều bào {city}", 80),
    (Kind.COMMEMORATION, Theme.HOMELAND, "Lễ giỗ Tổ Hùng Vương tại {city}", 250),
    (Kind.CULTURAL, Theme.SOVEREIGNTY, "Triển lãm bản đồ Hoàng Sa, Trường Sa", 300),
    (Kind.SPORT, Theme.YOUTH, "Giải bóng đá cộng đồng người Việt {city}", 150),
]
PARTNERS = ["Tòa thị chính", "Trường Việt ngữ", "Hội sinh viên Việt Nam", "Phòng Thương mại"]
RETURN_REASONS = [
    "Xin bổ sung số người tham dự là người địa phương.",
    "Thiếu tên đối tác tổ chức; xin bổ sung.",
]
BREAKTHROUGH_NOTES = [
    "Lần đầu tiên phối hợp với chính quyền địa phương đưa tiếng Việt vào trường công lập.",
    "Mô hình kết nối doanh nghiệp kiều bào với tỉnh thành lần đầu tổ chức trực tuyến.",
    "Triển lãm lưu động thu hút đông đảo người dân sở tại.",
]


@dataclass
class DemoReport:
    reports: int = 0
    approved: int = 0
    submitted: int = 0
    returned: int = 0
    drafts: int = 0
    breakthroughs: int = 0
    associations: int = 0
    missions_created: int = 0
    seconds: float = 0.0


@contextmanager
def _no_mail():
    saved = notifications._later
    notifications._later = lambda *args, **kwargs: None
    try:
        yield
    finally:
        notifications._later = saved


def load_demo(*, if_empty: bool = False, seed: int = 2025) -> DemoReport | None:
    if if_empty and ActivityReport.objects.exists():
        return None
    started = time.perf_counter()
    with transaction.atomic(), _no_mail():
        report = _load(random.Random(seed), date.today())
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _associations(report: DemoReport) -> list[Organisation]:
    found = []
    for code, cities in COUNTRIES.items():
        existing = list(
            Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION, country=code).order_by(
                "pk"
            )[:2]
        )
        wanted = 2 if code in ("FR", "DE", "US", "JP") else 1
        for city in cities[len(existing) : wanted]:
            existing.append(
                organisation_create(
                    name=f"Hội người Việt Nam tại {city}",
                    name_en=f"Vietnamese Association of {city}",
                    kind=OrganisationKind.ASSOCIATION,
                    country=code,
                    city=city,
                )
            )
        found += existing[:wanted]
    report.associations = len(found)
    return found


def _mission(code: str, report: DemoReport) -> Organisation:
    mission = (
        Organisation.objects.filter(kind=OrganisationKind.MISSION, country=code)
        .order_by("pk")
        .first()
    )
    if mission is None:
        report.missions_created += 1
        mission = organisation_create(
            name=f"Đại sứ quán Việt Nam tại {code}",
            name_en=f"Embassy of Viet Nam ({code})",
            kind=OrganisationKind.MISSION,
            country=code,
        )
    return mission


def _approver(mission: Organisation):
    official = Official.objects.filter(body=mission).select_related("user").order_by("pk").first()
    return official.user if official else None


def _homeland_spring():
    from kieubao.events.models import Programme

    return (
        Programme.objects.filter(title__startswith="Xuân Quê hương").order_by("starts_on").first()
    )


def _load(rng: random.Random, today: date) -> DemoReport:
    report = DemoReport()
    associations = _associations(report)
    missions = {code: _mission(code, report) for code in COUNTRIES}
    programme = _homeland_spring()
    years = [today.year - 2, today.year - 1, today.year]
    approved = []
    for n in range(60):
        association = associations[n % len(associations)]
        code = str(association.country)
        city = association.city or COUNTRIES[code][0]
        kind, theme, title, size = TEMPLATES[(n * 7 + n // len(associations)) % len(TEMPLATES)]
        year = years[n % 3]
        if kind == Kind.CELEBRATION:
            day = date(year, rng.choice((1, 2)), rng.randint(1, 25))
        else:
            day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        if day > today - timedelta(days=3):
            day = date(year - 1, day.month, day.day)
        participants = max(10, int(size * rng.uniform(0.5, 1.5)))
        overseas = int(participants * rng.uniform(0.5, 0.9)) if n % 2 else None
        values = {
            "kind": kind,
            "theme": theme,
            "title": f"{title.format(city=city)} {day.year}",
            "date": day,
            "end_date": day + timedelta(days=rng.choice((0, 0, 1, 2))),
            "country": code,
            "city": city,
            "partners": rng.sample(PARTNERS, 2),
            "activity_count": 12 if kind == Kind.LANGUAGE_CLASS else 1,
            "participants": participants,
            "participants_overseas": overseas,
            "participants_local": participants - overseas if overseas is not None else None,
            "description": (
                f"{association.name} tổ chức {title.format(city=city).lower()} "
                f"với sự tham gia của {participants} người."
            ),
            "programme": programme if programme and kind == Kind.CELEBRATION else None,
        }
        activity = services.report_create(reporter=association, **values)
        report.reports += 1
        fate = n % 12
        if fate == 11:
            report.drafts += 1
            continue
        services.report_submit(report=activity)
        mission = missions[code]
        if fate == 10:
            report.submitted += 1
            continue
        if fate == 9:
            services.report_return(
                report=activity,
                reason=rng.choice(RETURN_REASONS),
                user=_approver(mission),
                body=mission,
            )
            report.returned += 1
            continue
        services.report_approve(report=activity, user=_approver(mission), body=mission)
        report.approved += 1
        approved.append(activity)
    for activity, note in zip(rng.sample(approved, 3), BREAKTHROUGH_NOTES, strict=True):
        services.breakthrough_set(report=activity, flag=True, note=note)
        report.breakthroughs += 1
    return report

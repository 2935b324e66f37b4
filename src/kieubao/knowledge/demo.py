"""Demo data of the knowledge network, on top of the community demo (``kieubao demo``):
expert profiles for demo people who have fields of expertise and consented to be contacted,
their publications, needs posted by ministries, provinces and universities in Vietnamese and
English (published, one draft, one closed), invitations in every state and engagements with
milestones and an outcome. Deterministic; a few seconds.

Profiles are bulk-inserted (hundreds of them; the services would update the experts index
once per profile) and the index is rebuilt once; everything else goes through the services.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from kieubao.community.models import ExpertiseField, Organisation, OrganisationKind, Person
from kieubao.community.services import organisation_create
from kieubao.core.provinces import resolve_province

from . import services
from .bulk import ProfileRow, expert_profiles_bulk_insert
from .expert_index import expert_index
from .lexicon import CONCEPTS
from .matching import recommend
from .models import ExpertProfile, Need
from .services import text_language

MAX_EXPERTS = 400
POSITIONS_VI = [
    "Giáo sư", "Phó giáo sư", "Nghiên cứu viên chính", "Kỹ sư trưởng", "Chuyên gia cao cấp",
    "Trưởng nhóm nghiên cứu", "Giám đốc kỹ thuật",
]  # fmt: skip
POSITIONS_EN = [
    "Professor", "Associate Professor", "Senior Research Scientist", "Principal Engineer",
    "Research Fellow", "Technical Director", "Lead Consultant",
]  # fmt: skip
SUMMARY_VI = (
    "Tôi có {n} năm kinh nghiệm về {a} và {b} ở nước ngoài, sẵn sàng hỗ trợ các đơn vị trong nước."
)
SUMMARY_EN = "{n} years of work on {a} and {b}; glad to help teams in Viet Nam."
WORK_VI = ["Nghiên cứu {a} ứng dụng cho {b}", "Tổng quan về {a}", "Giải pháp {a} tại Việt Nam"]
WORK_EN = ["Advances in {a}: a survey", "A practical approach to {a} and {b}", "{A} in practice"]

UNIVERSITIES = [
    ("Đại học Bách khoa Hà Nội", "Hanoi University of Science and Technology", "Hà Nội"),
    ("Đại học Quốc gia Thành phố Hồ Chí Minh", "Viet Nam National University, Ho Chi Minh City",
     "Thành phố Hồ Chí Minh"),
]  # fmt: skip


@dataclass
class NeedSeed:
    owner: str  # "ministry:<n>", "province:<name>", "university:<n>"
    title: str
    description: str
    fields: tuple[str, ...]
    kind: str
    mode: str = "either"
    experts_wanted: int = 1
    status: str = "published"


NEEDS = [
    NeedSeed("ministry:1", "Tư vấn chiến lược phát triển ngành bán dẫn",
             "Bộ cần chuyên gia về thiết kế vi mạch và đóng gói chip để góp ý dự thảo chiến lược "
             "phát triển nguồn nhân lực bán dẫn đến năm 2030.",
             ("semiconductors",), "policy", "remote", 3),
    NeedSeed("ministry:1", "Review of the national AI research programme",
             "We are looking for overseas experts in machine learning and natural language "
             "processing to review proposals of the national artificial intelligence programme.",
             ("ai",), "review", "remote", 2),
    NeedSeed("ministry:2", "Chuyên gia chuỗi cung ứng xuất khẩu nông sản",
             "Cần tư vấn về chuỗi cung ứng, logistics lạnh và tiêu chuẩn xuất khẩu sang EU.",
             ("trade", "logistics"), "advice"),
    NeedSeed("province:Hải Phòng", "Quy hoạch cảng biển và logistics Hải Phòng",
             "Thành phố cần chuyên gia về khai thác cảng container và logistics để tư vấn quy "
             "hoạch khu kinh tế ven biển.",
             ("logistics",), "advice", "on_site", 2),
    NeedSeed("province:Hải Phòng", "Offshore wind power feasibility",
             "The city plans offshore wind farms and needs advice on wind power grid connection "
             "and energy storage.",
             ("green-energy",), "advice"),
    NeedSeed("province:Đà Nẵng", "Đào tạo kỹ sư thiết kế chip cho Đà Nẵng",
             "Thành phố hợp tác với các trường đại học mở khóa đào tạo thiết kế vi mạch; cần "
             "chuyên gia giảng dạy.",
             ("semiconductors", "education"), "training", "on_site", 2),
    NeedSeed("province:Đà Nẵng", "Smart city data platform",
             "We need an expert in big data and cloud computing for the city's smart city "
             "operations centre.",
             ("digital-transformation", "data-science"), "advice"),
    NeedSeed("province:Cần Thơ", "Giống lúa chịu mặn cho Đồng bằng sông Cửu Long",
             "Cần hợp tác nghiên cứu giống lúa chịu mặn và giải pháp tưới tiêu thích ứng biến "
             "đổi khí hậu.",
             ("agriculture", "environment"), "research"),
    NeedSeed("province:Thành phố Hồ Chí Minh", "Cybersecurity of public online services",
             "Penetration testing and incident response advice for the city's online public "
             "services.",
             ("cybersecurity",), "review", "remote"),
    NeedSeed("university:0", "Hợp tác nghiên cứu vật liệu nano",
             "Trường tìm đối tác nghiên cứu vật liệu nano và graphene cho phòng thí nghiệm mới.",
             ("new-materials",), "research"),
    NeedSeed("university:0", "Guest lectures on quantum computing",
             "A series of lectures on quantum computing and quantum algorithms for graduate "
             "students.",
             ("quantum",), "training", "either", 2),
    NeedSeed("university:1", "Công nghệ sinh học và vắc xin",
             "Cần chuyên gia về công nghệ sinh học, sản xuất vắc xin để tư vấn chương trình đào "
             "tạo thạc sĩ.",
             ("biotechnology", "health"), "advice"),
    NeedSeed("university:1", "Fintech curriculum review",
             "Review of a new master's curriculum in financial technology and digital banking.",
             ("finance", "education"), "review", "remote"),
    NeedSeed("ministry:1", "Chuyển giao công nghệ robot công nghiệp",
             "Dự thảo đề án về tự động hóa và robot công nghiệp cho doanh nghiệp vừa và nhỏ.",
             ("robotics",), "transfer", status="draft"),
    NeedSeed("province:Hải Phòng", "Tư vấn y tế công cộng sau bão",
             "Tư vấn kiểm soát dịch bệnh sau bão lũ.",
             ("health",), "advice", status="closed"),
]  # fmt: skip


def _owners() -> dict[str, Organisation]:
    owners: dict[str, Organisation] = {}
    ministries = list(Organisation.objects.filter(kind=OrganisationKind.MINISTRY).order_by("pk"))
    for i, ministry in enumerate(ministries):
        owners[f"ministry:{i}"] = ministry
    for seed in NEEDS:
        kind, _sep, name = seed.owner.partition(":")
        if kind == "province" and seed.owner not in owners:
            province = resolve_province(name)
            body = Organisation.objects.filter(
                kind=OrganisationKind.PROVINCE, province_code=province.code
            ).first()
            if body:
                owners[seed.owner] = body
    for i, (name, name_en, city) in enumerate(UNIVERSITIES):
        owners[f"university:{i}"] = Organisation.objects.filter(
            kind=OrganisationKind.UNIVERSITY, name=name
        ).first() or organisation_create(
            name=name, name_en=name_en, kind=OrganisationKind.UNIVERSITY, country="VN", city=city
        )
    return owners


def _in_language(concept: tuple[str, ...], language: str) -> str:
    """The concept's first term written in ``language`` (its first term otherwise)."""
    return next((t for t in concept if text_language(t) == language), concept[0])


def _profiles(rng: random.Random) -> list[ProfileRow]:
    """Profiles for demo people with fields who consent to be contacted (the community demo
    gives about half of its people that consent)."""
    slugs = dict(ExpertiseField.objects.values_list("pk", "slug"))
    through = Person.fields.through
    fields: dict[int, list[str]] = {}
    for pid, fid in through.objects.filter(
        person__consent_contact=True, person__expert__isnull=True, person__user__isnull=True
    ).values_list("person_id", "expertisefield_id"):
        fields.setdefault(pid, []).append(slugs[fid])
    kinds = ["advice", "review", "training", "research", "transfer", "investment", "policy"]
    rows = []
    countries = dict(Person.objects.filter(pk__in=list(fields)).values_list("pk", "country"))
    for pid in sorted(fields)[:MAX_EXPERTS]:
        english = countries.get(pid) in ("US", "AU", "CA", "GB", "NZ", "SG") or rng.random() < 0.3
        concepts = [c for slug in fields[pid] for c in CONCEPTS.get(slug, [])]
        if not concepts:
            continue
        picked = rng.sample(concepts, min(len(concepts), rng.randint(2, 4)))
        terms = [_in_language(c, "en" if english else "vi") for c in picked]
        a, b = terms[0], terms[1 % len(terms)]
        works = []
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            x, y = rng.choice(terms), rng.choice(terms)
            template = rng.choice(WORK_EN if english else WORK_VI)
            works.append(
                (template.format(a=x, b=y, A=x[:1].upper() + x[1:]), rng.randint(2008, 2025))
            )
        rows.append(
            ProfileRow(
                person_id=pid,
                position=rng.choice(POSITIONS_EN if english else POSITIONS_VI),
                keywords=", ".join(terms),
                summary=(SUMMARY_EN if english else SUMMARY_VI).format(
                    n=rng.randint(3, 25), a=a, b=b
                ),
                availability=rng.choice(["available"] * 6 + ["limited"] * 3 + ["unavailable"]),
                engagement_kinds=rng.sample(kinds, rng.randint(1, 3)),
                work_modes=rng.choice([["remote"], ["on_site"], ["either"], ["remote", "on_site"]]),
                max_load=rng.randint(1, 3),
                works=works,
            )
        )
    return rows


def _member_profile() -> None:
    """The demo member (member@kieubao.local) gets a profile through the services."""
    person = Person.objects.filter(user__email="member@kieubao.local").first()
    if person is None or hasattr(person, "expert"):
        return
    profile = services.expert_profile_save(
        person=person,
        position="Nhà nghiên cứu sau tiến sĩ, Charité Berlin",
        keywords="công nghệ sinh học, vắc xin mRNA, miễn dịch học, biotechnology",
        summary=(
            "Nghiên cứu vắc xin mRNA và miễn dịch học; sẵn sàng tư vấn từ xa cho các viện "
            "nghiên cứu và trường đại học trong nước."
        ),
        availability="available",
        engagement_kinds=["advice", "training", "research"],
        work_modes=["remote", "on_site"],
        max_load=2,
    )
    services.work_add(
        profile=profile, title="mRNA vaccine stability at tropical temperatures", year=2023
    )
    services.work_add(
        profile=profile, title="Miễn dịch học ứng dụng trong y tế dự phòng", year=2021
    )


@dataclass
class DemoReport:
    experts: int
    needs: int
    invitations: int
    engagements: int
    seconds: float


def load_demo(*, if_empty: bool = False, seed: int = 5) -> DemoReport | None:
    if if_empty and (ExpertProfile.objects.exists() or Need.objects.exists()):
        return None
    started = time.perf_counter()
    rng = random.Random(seed)
    expert_profiles_bulk_insert(_profiles(rng))
    with transaction.atomic():
        _member_profile()
    expert_index().rebuild()
    owners = _owners()
    posted: list[Need] = []
    invitations = engagements = 0
    for number, spec in enumerate(NEEDS):
        owner = owners.get(spec.owner)
        if owner is None:
            continue
        with transaction.atomic():
            need = services.need_create(
                owner=owner,
                title=spec.title,
                description=spec.description,
                fields=spec.fields,
                kind=spec.kind,
                mode=spec.mode,
                experts_wanted=spec.experts_wanted,
                deadline=date.today() + timedelta(days=30 + 7 * number),
            )
            if spec.status == "draft":
                continue
            services.need_publish(need=need)
            posted.append(need)
            if spec.status == "closed":
                services.need_close(need=need, reason="Đã tìm được chuyên gia qua kênh khác.")
                continue
    for number, need in enumerate(posted[:8]):
        if need.status != "published":
            continue
        chosen = [r.person_id for r in recommend(need, limit=4) if not r.at_capacity][:3]
        for place, person_id in enumerate(chosen):
            with transaction.atomic():
                invitation = services.invitation_create(
                    need=need,
                    expert=Person.objects.get(pk=person_id),
                    message="Kính mời anh/chị tham gia hỗ trợ nhu cầu này.",
                )
                invitations += 1
                if place == 0:
                    engagement = services.invitation_accept(invitation=invitation)
                    engagements += 1
                    first = services.milestone_add(
                        engagement=engagement,
                        title="Buổi làm việc trực tuyến đầu tiên",
                        due_on=date.today() + timedelta(days=7),
                    )
                    services.milestone_done(milestone=first)
                    services.milestone_add(
                        engagement=engagement,
                        title="Báo cáo góp ý bằng văn bản",
                        due_on=date.today() + timedelta(days=30),
                    )
                    if number % 3 == 2:
                        services.engagement_end(
                            engagement=engagement,
                            outcome="advice_delivered",
                            note="Báo cáo góp ý đã được gửi và tiếp thu vào dự thảo.",
                        )
                elif place == 2:
                    services.invitation_decline(
                        invitation=invitation,
                        reason="Lịch công tác kín đến cuối năm; xin hẹn dịp khác.",
                    )
    return DemoReport(
        experts=ExpertProfile.objects.count(),
        needs=Need.objects.count(),
        invitations=invitations,
        engagements=engagements,
        seconds=time.perf_counter() - started,
    )

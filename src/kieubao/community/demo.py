"""A realistic synthetic community, deterministic for a given seed.

People get Vietnamese names with the real frequency of family names, a spread over the
countries where overseas Vietnamese live (weighted by the size of each community), hometowns
over the 34 provinces, fields and qualifications. Organisations include homeland bodies
(ministries, the 34 provinces, diplomatic missions), associations, and an innovation network
with chapters in 22 countries.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction

from kieubao.accounts.models import User
from kieubao.core.provinces import all_provinces, resolve_province

from .bulk import PersonRow
from .models import ExpertiseField, Organisation, OrganisationKind, Visibility
from .services import (
    consent_set,
    membership_add,
    official_appoint,
    organisation_create,
    person_create,
)

DEMO_PASSWORD = "kieubao-demo-2026"  # noqa: S105 - printed for demo logins, demo data only

# (family name, weight in percent) — Nguyễn ~38 %, Trần ~11 %, Lê ~9.5 % …
FAMILY_NAMES = [
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 5.1),
    ("Huỳnh", 3.0), ("Phan", 4.5), ("Vũ", 3.9), ("Võ", 2.8), ("Đặng", 2.1), ("Bùi", 2.0),
    ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.6),
    ("Trương", 0.6), ("Lâm", 0.4), ("Mai", 0.4), ("Tô", 0.3), ("Đoàn", 0.5), ("Cao", 0.3),
]  # fmt: skip
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Gia", "Xuân", "Quang"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Mai", "Phương", "Bích", "Hồng"]
GIVEN_MALE = [
    "An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng",
    "Huy", "Khánh", "Khoa", "Kiên", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân",
    "Quang", "Sơn", "Tâm", "Thắng", "Thành", "Tiến", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
]  # fmt: skip
GIVEN_FEMALE = [
    "An", "Anh", "Châu", "Chi", "Diệp", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan",
    "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh",
    "Thảo", "Thu", "Thủy", "Trang", "Trâm", "Uyên", "Vân", "Vy", "Xuân", "Yến",
]  # fmt: skip

# (country, community size in thousands, cities)
COUNTRIES = [
    ("US", 2300, ["San Jose", "Houston", "Westminster", "Garden Grove", "Seattle", "Boston"]),
    ("JP", 600, ["Tokyo", "Osaka", "Nagoya", "Fukuoka"]),
    ("AU", 350, ["Sydney", "Melbourne", "Brisbane", "Adelaide"]),
    ("TW", 300, ["Taipei", "Taichung", "Kaohsiung"]),
    ("CA", 300, ["Toronto", "Montréal", "Vancouver", "Calgary"]),
    ("FR", 300, ["Paris", "Lyon", "Marseille", "Toulouse"]),
    ("KR", 250, ["Seoul", "Busan", "Incheon", "Daejeon"]),
    ("DE", 200, ["Berlin", "Frankfurt am Main", "Hamburg", "München", "Leipzig"]),
    ("KH", 180, ["Phnom Penh", "Siem Reap"]),
    ("GB", 100, ["London", "Manchester", "Birmingham"]),
    ("TH", 100, ["Bangkok", "Udon Thani"]),
    ("LA", 100, ["Vientiane", "Savannakhet"]),
    ("RU", 80, ["Moskva", "Sankt-Peterburg"]),
    ("CZ", 60, ["Praha", "Brno"]),
    ("PL", 25, ["Warszawa", "Kraków"]),
    ("NL", 25, ["Amsterdam", "Rotterdam"]),
    ("SG", 20, ["Singapore"]),
    ("SE", 20, ["Stockholm", "Göteborg"]),
    ("NO", 25, ["Oslo", "Bergen"]),
    ("DK", 15, ["København"]),
    ("BE", 15, ["Bruxelles", "Antwerpen"]),
    ("CH", 10, ["Zürich", "Genève"]),
    ("UA", 10, ["Kyiv", "Kharkiv"]),
    ("HU", 8, ["Budapest"]),
    ("IT", 8, ["Roma", "Milano"]),
    ("NZ", 10, ["Auckland", "Wellington"]),
    ("FI", 8, ["Helsinki"]),
    ("AT", 5, ["Wien"]),
    ("SK", 5, ["Bratislava"]),
    ("IL", 2, ["Tel Aviv"]),
]
COUNTRY_LANGUAGE = {
    "US": "en", "AU": "en", "CA": "en", "GB": "en", "NZ": "en", "SG": "en", "JP": "ja",
    "TW": "zh", "FR": "fr", "BE": "fr", "KR": "ko", "DE": "de", "AT": "de", "CH": "de",
    "KH": "km", "TH": "th", "LA": "lo", "RU": "ru", "UA": "uk", "CZ": "cs", "SK": "sk",
    "PL": "pl", "NL": "nl", "SE": "sv", "NO": "no", "DK": "da", "HU": "hu", "IT": "it",
    "FI": "fi", "IL": "he",
}  # fmt: skip
EMPLOYERS = [
    "Samsung Electronics", "Intel", "NVIDIA", "Google", "Toyota", "Siemens", "Airbus",
    "Bosch", "Đại học Tokyo", "KAIST", "CNRS", "Max-Planck-Gesellschaft", "CSIRO",
    "University of Toronto", "Phở Hòa", "Vina Trading GmbH", "Saigon Market", "TSMC",
    "Sony", "LG Chem", "Hanwha Aerospace", "Thales", "Pfizer", "Moderna", "Deutsche Bank",
]  # fmt: skip
SURVEY_PROVINCE = "Hải Phòng"  # the demo survey's province (see kieubao.insights.demo)
QUALIFICATIONS = [("phd", 4), ("master", 9), ("bachelor", 30), ("college", 17), ("other", 40)]
RESIDENCY = [("permanent", 60), ("temporary", 20), ("student", 8), ("labour", 12)]
# Hometown weights: the large sending provinces weigh more.
HOMETOWN_WEIGHTS = {
    "ha_noi": 8, "hai_phong": 8, "nghe_an": 7, "ha_tinh": 6, "thanh_hoa": 5, "ninh_binh": 5,
    "hung_yen": 4, "bac_ninh": 4, "ho_chi_minh": 9, "da_nang": 4, "hue": 3, "quang_tri": 3,
    "can_tho": 3, "vinh_long": 3, "dong_thap": 3, "an_giang": 3,
}  # fmt: skip
# The 22 countries of the innovation network's chapters.
NETWORK_COUNTRIES = [
    "KR", "JP", "US", "DE", "FR", "GB", "AU", "CA", "TW", "RU", "CZ", "PL", "NL", "SE",
    "NO", "DK", "BE", "CH", "FI", "SG", "IT", "HU",
]  # fmt: skip
# The first one is the demo ministry official's body (national scope).
MINISTRIES = [
    ("Ủy ban Nhà nước về người Việt Nam ở nước ngoài",
     "State Committee for Overseas Vietnamese Affairs"),
    ("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    ("Bộ Công Thương", "Ministry of Industry and Trade"),
]  # fmt: skip
MISSION_COUNTRIES = ["US", "JP", "KR", "TW", "AU", "CA", "FR", "DE", "GB", "RU", "CZ", "KH", "LA"]


@dataclass
class DemoOrganisations:
    associations: dict[str, list[int]]  # country -> association ids
    chapters: dict[str, int]  # country -> innovation network chapter id
    professional: list[int]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return values, weights


class PeopleGenerator:
    def __init__(self, seed: int, organisations: DemoOrganisations) -> None:
        self.rng = random.Random(seed)
        self.orgs = organisations
        self.family, self.family_w = _weighted(self.rng, FAMILY_NAMES)
        self.countries = COUNTRIES
        self.country_w = [c[1] for c in COUNTRIES]
        provinces = all_provinces()
        self.provinces = [p.code for p in provinces]
        self.province_w = [HOMETOWN_WEIGHTS.get(p.codename, 1) for p in provinces]
        self.quals, self.qual_w = _weighted(self.rng, QUALIFICATIONS)
        self.res, self.res_w = _weighted(self.rng, RESIDENCY)
        self.fields = list(ExpertiseField.objects.order_by("position").values_list("pk", flat=True))
        self.survey_province = resolve_province(SURVEY_PROVINCE).code

    def rows(self, count: int) -> Iterator[PersonRow]:
        rng = self.rng
        choices = rng.choices
        for i in range(count):
            female = rng.random() < 0.5
            family = choices(self.family, self.family_w)[0]
            middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
            given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
            country, _size, cities = choices(self.countries, self.country_w)[0]
            qualification = choices(self.quals, self.qual_w)[0]
            n_fields = (
                0
                if qualification in ("other", "college") and rng.random() < 0.5
                else (1 + (rng.random() < 0.4) + (rng.random() < 0.15))
            )
            field_ids = rng.sample(self.fields, n_fields)
            organisations = []
            if rng.random() < 0.25 and self.orgs.associations.get(country):
                organisations.append(rng.choice(self.orgs.associations[country]))
            if qualification in ("phd", "master") and country in self.orgs.chapters:
                if rng.random() < 0.3:
                    organisations.append(self.orgs.chapters[country])
            if qualification == "phd" and rng.random() < 0.2 and self.orgs.professional:
                organisations.append(rng.choice(self.orgs.professional))
            listed = rng.random() < 0.85
            contact = rng.random() < 0.5
            languages = ["vi"]
            local = COUNTRY_LANGUAGE.get(country)
            if local and local != "vi":
                languages.append(local)
            if local != "en" and rng.random() < 0.5:
                languages.append("en")
            city = rng.choice(cities)  # drawn in the order of earlier versions (same data)
            hometown = choices(self.provinces, self.province_w)[0]
            # The survey province's figures come from its demo survey (insights.demo), so
            # that they match the published ones: its registry people are not counted.
            counted = hometown != self.survey_province
            consents = tuple(
                p
                for p, ok in (("directory", listed), ("contact", contact), ("statistics", counted))
                if ok
            )
            yield PersonRow(
                full_name=f"{family} {middle} {given}",
                country=country,
                qualification=qualification,
                city=city,
                hometown_province=hometown,
                residency_status=choices(self.res, self.res_w)[0],
                employer=rng.choice(EMPLOYERS) if rng.random() < 0.6 else "",
                languages=languages,
                birth_year=rng.randint(1950, 2006),
                sex="female" if female else "male",
                field_ids=field_ids,
                organisation_ids=organisations,
                consents=consents,
                visibility={
                    "profile": Visibility.PUBLIC if rng.random() < 0.3 else Visibility.MEMBERS,
                    "location": rng.choice((Visibility.MEMBERS, Visibility.OFFICIALS)),
                },
                external_id=f"demo-{i}",
            )


@transaction.atomic
def create_organisations() -> DemoOrganisations:
    for name, name_en in MINISTRIES:
        organisation_create(
            name=name, name_en=name_en, kind=OrganisationKind.MINISTRY, country="VN", city="Hà Nội"
        )
    for province in all_provinces():
        organisation_create(
            name=f"Ủy ban nhân dân {province.official_name}",
            name_en=f"People's Committee of {province.name_en}",
            kind=OrganisationKind.PROVINCE,
            country="VN",
            province_code=province.code,
        )
    for code in MISSION_COUNTRIES:
        organisation_create(
            name=f"Đại sứ quán Việt Nam tại {code}",
            name_en=f"Embassy of Viet Nam ({code})",
            kind=OrganisationKind.MISSION,
            country=code,
        )
    associations: dict[str, list[int]] = {}
    for code, _size, cities in COUNTRIES:
        ids = []
        for city in cities[:2]:
            org = organisation_create(
                name=f"Hội người Việt Nam tại {city}",
                name_en=f"Vietnamese Association of {city}",
                kind=OrganisationKind.ASSOCIATION,
                country=code,
                city=city,
            )
            ids.append(org.pk)
        associations[code] = ids
    network = organisation_create(
        name="Mạng lưới Đổi mới sáng tạo Việt Nam toàn cầu",
        name_en="Vietnam Global Innovation Network",
        kind=OrganisationKind.INNOVATION_NETWORK,
        country="VN",
        description="Kết nối chuyên gia, nhà khoa học người Việt trên toàn thế giới.",
        fields=["ai", "semiconductors", "quantum", "biotechnology"],
    )
    chapters = {}
    for code in NETWORK_COUNTRIES:
        chapter = organisation_create(
            name=f"Mạng lưới Đổi mới sáng tạo Việt Nam tại {code}",
            name_en=f"Vietnam Innovation Network — {code} chapter",
            kind=OrganisationKind.INNOVATION_NETWORK,
            country=code,
            parent=network,
        )
        chapters[code] = chapter.pk
    professional = [
        organisation_create(
            name=name, name_en=name_en, kind=OrganisationKind.PROFESSIONAL, country=country
        ).pk
        for name, name_en, country in (
            ("Hội Trí thức Khoa học và Công nghệ Việt Nam tại Nhật Bản",
             "Association of Vietnamese Scientists and Experts in Japan", "JP"),
            ("Hội Chuyên gia Bán dẫn Việt Nam tại Hoa Kỳ",
             "Vietnamese Semiconductor Professionals in the US", "US"),
            ("Hội Y khoa Việt Nam tại Pháp", "Vietnamese Medical Association of France", "FR"),
        )
    ]  # fmt: skip
    return DemoOrganisations(associations, chapters, professional)


@dataclass
class DemoLogin:
    email: str
    role: str


def create_demo_users() -> list[DemoLogin]:
    """Accounts to try the platform with (all with DEMO_PASSWORD, email already verified)."""
    from allauth.account.models import EmailAddress

    logins = []

    def user(email: str, **extra) -> User:
        account = User.objects.create_user(email=email, password=DEMO_PASSWORD, **extra)
        EmailAddress.objects.create(user=account, email=email, verified=True, primary=True)
        return account

    admin = user("admin@kieubao.local", is_staff=True, is_superuser=True)
    logins.append(DemoLogin(admin.email, "platform admin (sets up two-factor at first login)"))
    for codename, label in (("hai_phong", "Hải Phòng"), ("da_nang", "Đà Nẵng")):
        province = resolve_province(codename.replace("_", " "))
        body = Organisation.objects.get(kind=OrganisationKind.PROVINCE, province_code=province.code)
        official = user(f"official.{codename.replace('_', '')}@kieubao.local")
        official_appoint(user=official, body=body, title="Chuyên viên")
        logins.append(DemoLogin(official.email, f"official of {label} (two-factor at first login)"))
    ministry = Organisation.objects.filter(kind=OrganisationKind.MINISTRY).order_by("pk").first()
    official = user("official.ministry@kieubao.local")
    official_appoint(user=official, body=ministry, title="Chuyên viên")
    logins.append(DemoLogin(official.email, "ministry official, national scope (two-factor)"))
    member = user("member@kieubao.local")
    person = person_create(
        user=member,
        full_name="Trần Thị Minh Châu",
        country="DE",
        city="Berlin",
        hometown_province="Hải Dương",  # a former province: resolves to Hải Phòng
        qualification="phd",
        residency_status="permanent",
        employer="Charité – Universitätsmedizin Berlin",
        languages=["vi", "de", "en"],
        bio=(
            "Nhà nghiên cứu công nghệ sinh học, quan tâm hợp tác với các viện nghiên cứu "
            "trong nước."
        ),
        birth_year=1985,
        sex="female",
        phone="+49 30 1234567",
        fields=["biotechnology", "health"],
    )
    for purpose in ("directory", "contact", "statistics"):
        consent_set(person=person, purpose=purpose, granted=True)
    chapter = Organisation.objects.filter(
        kind=OrganisationKind.INNOVATION_NETWORK, country="DE"
    ).first()
    if chapter:
        membership_add(person=person, organisation=chapter, title="Thành viên")
    logins.append(DemoLogin(member.email, "overseas Vietnamese member with a profile"))
    return logins

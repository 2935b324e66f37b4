"""The demo survey of Hải Phòng: files in the shape a provincial Department of Foreign Affairs
keeps (Vietnamese headers and values, a row counter, former province names), imported through
the same path as any upload, reproducing the figures Hải Phòng reported:

    47,093 people residing overseas in 56 countries and territories, 27,586 more abroad
    temporarily (mostly Japan, Korea, Taiwan, China); 132 PhDs, 442 masters, 2,479 bachelors;
    80 enterprises abroad and 60 investment projects at home founded by them; remittances of
    USD 1.61 billion in 2016–2020 (+69.12 % on 2011–2015), USD 409 million in 2019.

People already counted for Hải Phòng (registered people who consented to statistics) are
subtracted, so that the dashboard shows exactly these figures.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path

from django.conf import settings

from kieubao.community.demo import (
    FAMILY_NAMES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    MIDDLE_FEMALE,
    MIDDLE_MALE,
)
from kieubao.core.countries import country_name
from kieubao.core.provinces import resolve_province

from .models import PeopleCount, Remittance
from .services import ImportReport, import_file

PROVINCE = "Hải Phòng"
PERMANENT = 47_093
TEMPORARY = 27_586
QUALIFICATIONS = {"phd": 132, "master": 442, "bachelor": 2_479}
ENTERPRISES_ABROAD = 80
PROJECTS = 60
REMITTANCES_MUSD = {
    2011: 160, 2012: 175, 2013: 190, 2014: 205, 2015: 222,  # 952 M
    2016: 280, 2017: 300, 2018: 330, 2019: 409, 2020: 291,  # 1,610 M: +69.12 %
}  # fmt: skip
# 56 countries and territories; the weights of the permanent residents.
PERMANENT_COUNTRIES = {
    "US": 300, "FR": 90, "AU": 110, "CA": 90, "DE": 120, "CZ": 110, "RU": 90, "GB": 40,
    "PL": 60, "UA": 40, "JP": 30, "KR": 25, "TW": 20, "CN": 15, "HK": 8, "MO": 2, "SG": 6,
    "MY": 4, "TH": 15, "LA": 12, "KH": 20, "MM": 1, "ID": 1, "PH": 1, "IN": 1, "AE": 2,
    "SA": 1, "QA": 1, "KW": 1, "IL": 1, "TR": 1, "EG": 1, "ZA": 1, "AO": 2, "MZ": 1, "NG": 1,
    "BR": 1, "MX": 1, "AR": 1, "CL": 1, "CU": 1, "NZ": 5, "NL": 8, "BE": 8, "CH": 5, "AT": 4,
    "SE": 8, "NO": 10, "DK": 6, "FI": 4, "IT": 5, "ES": 3, "PT": 1, "HU": 8, "SK": 6, "BG": 4,
}  # fmt: skip
TEMPORARY_COUNTRIES = {"JP": 45, "KR": 24, "TW": 19, "CN": 6, "MY": 2, "DE": 2}
CITIES = {
    "US": ["San Jose", "Houston", "Westminster"], "FR": ["Paris", "Lyon"],
    "AU": ["Sydney", "Melbourne"], "CA": ["Toronto", "Montréal"], "DE": ["Berlin", "Leipzig"],
    "CZ": ["Praha", "Cheb"], "RU": ["Moskva"], "PL": ["Warszawa"], "JP": ["Tokyo", "Osaka"],
    "KR": ["Seoul", "Busan"], "TW": ["Taipei", "Taichung"], "CN": ["Quảng Châu", "Nam Ninh"],
}  # fmt: skip
HEADERS = [
    "STT", "Mã hồ sơ", "Họ và tên", "Năm sinh", "Giới tính", "Quê quán", "Quốc gia cư trú",
    "Thành phố", "Tình trạng cư trú", "Trình độ", "Nơi làm việc",
]  # fmt: skip
QUALIFICATION_WORDS = {"phd": "Tiến sĩ", "master": "Thạc sĩ", "bachelor": "Cử nhân", "other": ""}


def _existing(province: int) -> tuple[Counter, Counter]:
    residency, qualification = Counter(), Counter()
    for r, q, n in PeopleCount.objects.filter(province_code=province, count__gt=0).values_list(
        "residency_status", "qualification", "count"
    ):
        residency[r] += n
        qualification[q] += n
    return residency, qualification


def _people_rows(rng: random.Random, province: int) -> list[list[str]]:
    have_res, have_qual = _existing(province)
    statuses = ["Định cư"] * (PERMANENT - have_res["permanent"]) + ["Tạm trú"] * (
        TEMPORARY - have_res["temporary"]
    )
    quals: list[str] = []
    for q, n in QUALIFICATIONS.items():
        quals += [q] * (n - have_qual[q])
    quals += ["other"] * (len(statuses) - len(quals))
    rng.shuffle(quals)
    countries = []
    permanent_codes = list(PERMANENT_COUNTRIES)
    for status in statuses:
        if status == "Định cư":
            table = PERMANENT_COUNTRIES
        else:
            table = TEMPORARY_COUNTRIES
        countries.append(rng.choices(list(table), list(table.values()))[0])
    # Every one of the 56 countries has someone (the figure says 56); the first rows are
    # permanent residents.
    missing = set(permanent_codes) - set(countries)
    for j, code in enumerate(sorted(missing)):
        countries[j * 3 + 1] = code
    family, weights = zip(*FAMILY_NAMES, strict=True)
    rows = []
    for i, (status, qual, country) in enumerate(zip(statuses, quals, countries, strict=True)):
        female = rng.random() < 0.5
        name = " ".join(
            (
                rng.choices(family, weights)[0],
                rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                rng.choice(GIVEN_FEMALE if female else GIVEN_MALE),
            )
        )
        rows.append(
            [
                str(i + 1),
                f"HP-{i + 1:06d}",
                name,
                str(rng.randint(1945, 2004)),
                "Nữ" if female else "Nam",
                rng.choice(("Hải Phòng", "TP. Hải Phòng", "Hải Dương")),  # Hải Dương → Hải Phòng
                country_name(country, "vi"),
                rng.choice(CITIES.get(country, [""])),
                status,
                QUALIFICATION_WORDS[qual],
                "",
            ]
        )
    return rows


def _write(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def survey_files(directory: Path, *, seed: int = 31) -> dict[str, Path]:
    rng = random.Random(seed)
    province = resolve_province(PROVINCE).code
    files = {
        "people": _write(
            directory / "hai-phong-kieu-bao-2024.csv", HEADERS, _people_rows(rng, province)
        )
    }
    abroad = list(PERMANENT_COUNTRIES)[:20]
    sectors = ["Thương mại", "Nhà hàng", "Xuất nhập khẩu", "Công nghệ thông tin", "Du lịch"]
    files["enterprises"] = _write(
        directory / "hai-phong-doanh-nghiep.csv",
        ["STT", "Mã doanh nghiệp", "Tên doanh nghiệp", "Địa bàn", "Quốc gia", "Lĩnh vực",
         "Năm thành lập"],
        [
            [str(i + 1), f"DN-{i + 1:03d}", f"Công ty {rng.choice(sectors)} Hải Phòng {i + 1}",
             "Nước ngoài", country_name(abroad[i % len(abroad)], "vi"), rng.choice(sectors),
             str(rng.randint(1995, 2023))]
            for i in range(ENTERPRISES_ABROAD)
        ],
    )  # fmt: skip
    statuses = ["Đang hoạt động"] * 41 + ["Đang triển khai"] * 12 + ["Đã cấp phép"] * 7
    files["investments"] = _write(
        directory / "hai-phong-du-an.csv",
        ["STT", "Mã dự án", "Tên dự án", "Nhà đầu tư", "Quốc gia nhà đầu tư", "Lĩnh vực",
         "Vốn đầu tư (triệu USD)", "Năm cấp phép", "Tình trạng"],
        [
            [str(i + 1), f"DA-{i + 1:03d}", f"Dự án {rng.choice(sectors).lower()} số {i + 1}",
             f"Kiều bào {rng.choice(('Nguyễn', 'Trần', 'Lê', 'Phạm'))} {i + 1}",
             country_name(rng.choice(abroad[:8]), "vi"), rng.choice(sectors),
             f"{rng.randint(5, 300) / 10:.1f}".replace(".", ","), str(rng.randint(2005, 2024)),
             statuses[i]]
            for i in range(PROJECTS)
        ],
    )  # fmt: skip
    files["remittances"] = _write(
        directory / "hai-phong-kieu-hoi.csv",
        ["Năm", "Kiều hối (triệu USD)", "Ghi chú"],
        [[str(y), str(m), "Sở Ngoại vụ Hải Phòng"] for y, m in REMITTANCES_MUSD.items()],
    )
    return files


def load_demo_survey(*, if_empty: bool = False) -> list[ImportReport] | None:
    province = resolve_province(PROVINCE).code
    if if_empty and Remittance.objects.filter(province_code=province).exists():
        return None
    directory = Path(settings.VAR_DIR) / "demo"
    reports = []
    for kind, path in survey_files(directory).items():
        report = import_file(kind, path, province_code=province)
        if not report.ok:
            raise RuntimeError(f"demo survey {kind}: {report.problems[:5]}")
        reports.append(report)
    return reports

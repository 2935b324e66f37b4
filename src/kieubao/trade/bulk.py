"""A synthetic trade catalogue at scale, for the benchmark (bench/trade_scale.py): exporters and
distributors (each with its registry Organisation), products with Vietnamese and English names
from a vocabulary of Vietnamese exports, certificates (some expired, some company-wide),
verifications and a few market requirements, written with bulk_create (no services, no index
hooks: rebuild the indexes afterwards with search.rebuild_all()).

Deterministic for a seed. Not for a production database: nothing is audited or notified.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kieubao.community.models import Organisation, OrganisationKind
from kieubao.core.provinces import all_provinces
from kieubao.core.text import fold

from .models import (
    Certificate,
    Company,
    CompanyRole,
    MarketRequirement,
    Product,
    ProductStatus,
    Verification,
)
from .taxcode import make_tax_code

# (Vietnamese, English, HS subheading, category, certificate kinds that make sense)
GOODS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "Cà phê Robusta nhân",
        "Robusta green coffee beans",
        "090111",
        "coffee_tea",
        ("globalgap", "rainforest", "fairtrade", "organic_eu"),
    ),
    (
        "Cà phê Arabica rang",
        "Roasted Arabica coffee",
        "090121",
        "coffee_tea",
        ("haccp", "iso22000", "organic_usda", "fairtrade"),
    ),
    (
        "Cà phê hòa tan",
        "Instant coffee",
        "210111",
        "processed_food",
        ("haccp", "iso22000", "fssc22000", "halal"),
    ),
    (
        "Chè xanh Thái Nguyên",
        "Thai Nguyen green tea",
        "090210",
        "coffee_tea",
        ("vietgap", "organic_eu", "rainforest"),
    ),
    (
        "Hồ tiêu đen",
        "Black pepper",
        "090411",
        "coffee_tea",
        ("haccp", "globalgap", "organic_eu", "halal"),
    ),
    ("Quế cây", "Cassia cinnamon", "090611", "coffee_tea", ("organic_eu", "haccp")),
    ("Hoa hồi", "Star anise", "090961", "coffee_tea", ("organic_eu", "haccp")),
    (
        "Hạt điều rang muối",
        "Roasted salted cashew nuts",
        "080132",
        "agriculture",
        ("haccp", "brcgs", "ifs", "halal", "kosher"),
    ),
    (
        "Gạo ST25",
        "ST25 fragrant rice",
        "100630",
        "agriculture",
        ("vietgap", "globalgap", "haccp", "organic_eu"),
    ),
    ("Gạo Jasmine", "Jasmine rice", "100630", "agriculture", ("haccp", "globalgap")),
    ("Thanh long ruột đỏ", "Red dragon fruit", "081090", "agriculture", ("globalgap", "vietgap")),
    ("Xoài cát Hòa Lộc", "Hoa Loc mango", "080450", "agriculture", ("globalgap", "vietgap")),
    ("Vải thiều Lục Ngạn", "Luc Ngan lychee", "081090", "agriculture", ("globalgap", "vietgap")),
    ("Sầu riêng Ri6", "Ri6 durian", "081060", "agriculture", ("globalgap", "vietgap")),
    (
        "Nước mắm Phú Quốc",
        "Phu Quoc fish sauce",
        "210390",
        "processed_food",
        ("haccp", "fda", "iso22000", "halal"),
    ),
    (
        "Bánh phở khô",
        "Dried rice noodles",
        "190230",
        "processed_food",
        ("haccp", "iso22000", "fda", "halal"),
    ),
    ("Bánh tráng", "Rice paper", "190590", "processed_food", ("haccp", "fda", "halal")),
    (
        "Tôm sú đông lạnh",
        "Frozen black tiger shrimp",
        "030617",
        "seafood",
        ("haccp", "asc", "bap", "brcgs"),
    ),
    ("Tôm thẻ chân trắng", "Whiteleg shrimp", "030617", "seafood", ("haccp", "asc", "bap")),
    ("Cá tra phi lê", "Pangasius fillet", "030462", "seafood", ("haccp", "asc", "globalgap")),
    ("Cá ngừ đại dương", "Yellowfin tuna", "030342", "seafood", ("haccp", "msc")),
    ("Mực khô", "Dried squid", "030749", "seafood", ("haccp",)),
    ("Đồ gỗ nội thất", "Wooden furniture", "940360", "furniture", ("fsc", "iso9001", "ce")),
    (
        "Bàn ghế gỗ ngoài trời",
        "Outdoor wooden furniture",
        "940360",
        "furniture",
        ("fsc", "iso9001"),
    ),
    ("Gốm sứ Bát Tràng", "Bat Trang ceramics", "691200", "handicrafts", ("iso9001", "ce")),
    ("Lụa tơ tằm", "Silk fabric", "500790", "textiles", ("iso9001",)),
    ("Áo dài lụa", "Silk ao dai", "620442", "textiles", ("iso9001",)),
    ("Giỏ mây tre đan", "Rattan and bamboo baskets", "460211", "handicrafts", ("fsc",)),
    ("Nón lá", "Conical palm-leaf hat", "650400", "handicrafts", ()),
    (
        "Mật ong hoa cà phê",
        "Coffee blossom honey",
        "040900",
        "agriculture",
        ("haccp", "organic_eu", "halal"),
    ),
    (
        "Dầu dừa Bến Tre",
        "Ben Tre coconut oil",
        "151319",
        "processed_food",
        ("haccp", "organic_usda", "halal"),
    ),
    ("Tinh dầu sả", "Lemongrass essential oil", "330129", "cosmetics", ("organic_eu", "iso9001")),
    ("Kẹo dừa", "Coconut candy", "170490", "processed_food", ("haccp", "halal")),
    ("Rượu cần", "Can wine", "220600", "beverages", ("haccp", "iso22000")),
    ("Giày thể thao", "Sports shoes", "640411", "textiles", ("iso9001",)),
)
QUALIFIERS = (
    ("loại 1", "grade 1"),
    ("xuất khẩu", "export quality"),
    ("hữu cơ", "organic"),
    ("cao cấp", "premium"),
    ("đặc sản", "speciality"),
    ("truyền thống", "traditional"),
    ("đóng gói", "packed"),
    ("", ""),
)
FIRM_WORDS = (
    "Hưng Thịnh",
    "Phú Gia",
    "Tân Phát",
    "Minh Long",
    "Hoàng Anh",
    "Sao Việt",
    "Đại Phát",
    "An Khang",
    "Thành Công",
    "Việt Hưng",
    "Phương Nam",
    "Trường Sơn",
    "Kim Ngân",
    "Đông Á",
    "Hải Đăng",
    "Thuận Phát",
    "Bảo Châu",
    "Nam Việt",
    "Lộc Phát",
    "Hòa Bình",
)
MARKETS = ("DE", "FR", "US", "JP", "KR", "AU", "GB", "CZ", "PL", "CA", "TW", "NL", "RU", "AE")
CHANNELS = ("supermarket", "grocery", "ecommerce", "restaurant", "wholesale")
UNITS = ("kg", "t", "carton", "c20", "piece")


@dataclass
class Generated:
    exporters: int
    distributors: int
    products: int
    certificates: int
    verifications: int


def _tax_codes(start: int):
    n = start
    while True:
        code = make_tax_code(f"03{n:07d}")
        n += 1
        if code is not None:
            yield code


def generate(
    *,
    exporters: int = 40_000,
    distributors: int = 10_000,
    products: int = 100_000,
    seed: int = 6,
    batch_size: int = 5_000,
    progress=None,
) -> Generated:
    rng = random.Random(seed)
    today = timezone.localdate()
    now = timezone.now()
    provinces = list(all_provinces())
    say = progress or (lambda _label, _n: None)
    with transaction.atomic():
        body, _created = Organisation.objects.get_or_create(
            name="Bộ Công Thương",
            kind=OrganisationKind.MINISTRY,
            defaults={
                "name_en": "Ministry of Industry and Trade",
                "country": "VN",
                "name_folded": fold("Bộ Công Thương"),
            },
        )
        # -- organisations and companies
        taxes = _tax_codes(rng.randint(0, 1_000_000))
        orgs, specs = [], []
        for i in range(exporters + distributors):
            exporter = i < exporters
            word = rng.choice(FIRM_WORDS)
            if exporter:
                province = rng.choice(provinces)
                name = f"Công ty TNHH {word} {province.name_vi} {i}"
                name_en = f"{word} {province.name_en} Co., Ltd {i}"
                country, city, code = "VN", province.name_vi, province.code
            else:
                country = rng.choice(MARKETS)
                name = f"{word} Asia Food {country} {i}"
                name_en = ""
                city, code = "", None
            orgs.append(
                Organisation(
                    name=name,
                    name_en=name_en,
                    name_folded=fold(f"{name} {name_en}"),
                    kind=OrganisationKind.BUSINESS,
                    country=country,
                    city=city,
                    description=(
                        "Nhà xuất khẩu nông sản, thực phẩm và hàng thủ công Việt Nam"
                        if exporter
                        else "Importer and distributor of Vietnamese food in Europe and Asia"
                    ),
                )
            )
            specs.append((exporter, country, code))
        created = []
        for start in range(0, len(orgs), batch_size):
            created += Organisation.objects.bulk_create(orgs[start : start + batch_size])
            say("organisations", len(created))
        companies = []
        for org, (exporter, country, code) in zip(created, specs, strict=True):
            goods = rng.sample(GOODS, rng.randint(1, 3))
            sectors = sorted({g[2][:2] for g in goods})
            if exporter:
                markets = rng.sample(MARKETS, rng.randint(1, 4))
            else:
                markets = [country, *rng.sample(MARKETS, rng.randint(0, 2))]
                markets = list(dict.fromkeys(markets))
            verified = rng.random() < 0.12
            score = (30 if verified else 0) + rng.randint(0, 45)
            companies.append(
                Company(
                    organisation=org,
                    role=CompanyRole.EXPORTER if exporter else CompanyRole.DISTRIBUTOR,
                    tax_code=next(taxes) if exporter else "",
                    province_code=code,
                    sectors=sectors,
                    markets=markets,
                    channels=[] if exporter else rng.sample(CHANNELS, rng.randint(1, 3)),
                    reliability=score,
                    reliability_detail=(
                        [{"key": "verified", "points": 30, "count": 1}] if verified else []
                    )
                    + (
                        [{"key": "deals", "points": score - 30 * verified, "count": 1}]
                        if score - 30 * verified
                        else []
                    ),
                    name_folded=org.name_folded,
                )
            )
            companies[-1]._goods = goods
            companies[-1]._verified = verified
        for start in range(0, len(companies), batch_size):
            Company.objects.bulk_create(companies[start : start + batch_size])
        say("companies", len(companies))
        Verification.objects.bulk_create(
            [
                Verification(company=c, body=body, evidence="Bench: visited")
                for c in companies
                if c._verified
            ],
            batch_size=batch_size,
        )
        verifications = sum(1 for c in companies if c._verified)
        # -- products
        exporter_companies = [c for c in companies if c.role == CompanyRole.EXPORTER]
        rows, kinds_of = [], []
        for i in range(products):
            company = exporter_companies[i % len(exporter_companies)]
            vi, en, hs, category, kinds = rng.choice(company._goods)
            qual_vi, qual_en = rng.choice(QUALIFIERS)
            province = rng.choice(provinces) if rng.random() < 0.2 else None
            province_code = province.code if province else company.province_code
            name_vi = " ".join(x for x in (vi, qual_vi) if x)
            name_en = " ".join(x for x in (qual_en.capitalize(), en) if x) if qual_en else en
            desc_vi = f"{vi} {qual_vi} từ {province.name_vi if province else 'Việt Nam'}."
            desc_en = f"{en}, {qual_en or 'quality'} goods from Viet Nam."
            status = ProductStatus.PUBLISHED if rng.random() < 0.95 else ProductStatus.DRAFT
            org = company.organisation
            rows.append(
                Product(
                    company=company,
                    name_vi=name_vi,
                    name_en=name_en,
                    description_vi=desc_vi,
                    description_en=desc_en,
                    hs_code=hs,
                    category=category,
                    province_code=province_code,
                    ocop_stars=rng.choice((None, None, None, 3, 4, 5)),
                    min_order_quantity=rng.choice((None, 100, 500, 1000, 5000, 20000)),
                    min_order_unit=rng.choice(UNITS),
                    signature=rng.random() < 0.02,
                    status=status,
                    published_at=now - timedelta(minutes=rng.randint(0, 500_000))
                    if status == ProductStatus.PUBLISHED
                    else None,
                    text_folded=fold(
                        f"{name_vi} {name_en} {desc_vi} {desc_en} {org.name} {org.name_en}"
                    ),
                )
            )
            kinds_of.append(kinds)
        saved = []
        for start in range(0, len(rows), batch_size):
            saved += Product.objects.bulk_create(rows[start : start + batch_size])
            say("products", len(saved))
        # -- certificates: ~30% of products, a fifth of them expired; some company-wide ones
        certificates = []
        for product, kinds in zip(saved, kinds_of, strict=True):
            if not kinds or rng.random() >= 0.30:
                continue
            for kind in rng.sample(kinds, rng.randint(1, min(2, len(kinds)))):
                certificates.append(_certificate(rng, today, product.company, product, kind))
        for company in exporter_companies:
            if rng.random() < 0.05:
                kind = rng.choice(("haccp", "iso22000", "iso9001", "brcgs"))
                certificates.append(_certificate(rng, today, company, None, kind))
        Certificate.objects.bulk_create(certificates, batch_size=batch_size)
        say("certificates", len(certificates))
        for country, prefix, kinds in (
            ("DE", "09", ["globalgap"]),
            ("FR", "03", ["haccp"]),
            ("US", "03", ["haccp", "fda"]),
            ("US", "21", ["fda"]),
            ("JP", "0801", ["haccp"]),
            ("AU", "", ["haccp"]),
            ("GB", "94", ["fsc"]),
            ("AE", "", ["halal"]),
        ):
            MarketRequirement.objects.get_or_create(
                country=country, hs_prefix=prefix, defaults={"certificates": kinds}
            )
    return Generated(
        exporters=exporters,
        distributors=distributors,
        products=len(saved),
        certificates=len(certificates),
        verifications=verifications,
    )


def _certificate(rng, today, company, product, kind) -> Certificate:
    expired = rng.random() < 0.2
    if expired:
        end = today - timedelta(days=rng.randint(1, 400))
    else:
        end = today + timedelta(days=rng.randint(0, 900))
    start = end - timedelta(days=rng.choice((365, 730, 1095)))
    return Certificate(
        company=company,
        product=product,
        kind=kind,
        issuer=rng.choice(("Bureau Veritas", "SGS", "Control Union", "Quacert", "TÜV")),
        number=f"B-{rng.randint(100000, 999999)}",
        valid_from=start,
        valid_to=end,
    )

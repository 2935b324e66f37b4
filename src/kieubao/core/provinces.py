"""Vietnam's 34 provinces after the 2025 merger, and resolution of any usual spelling of a
current or former province to its successor.

The 34 provinces and their official codes come from the `vietnam-provinces` package. Which former
province merged into which successor (Resolution 202/2025/QH15, effective 1 July 2025) is not in
that package, so it is kept here as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province as _PackageProvince

from .text import fold_key

_PREFIXES = ("thanh pho ", "tp ", "tinh ", "t p ")


@dataclass(frozen=True)
class Province:
    code: int
    name_vi: str  # "Hải Phòng" (without "Thành phố")
    official_name: str  # "Thành phố Hải Phòng"
    codename: str  # "hai_phong"

    @property
    def name_en(self) -> str:
        return self.codename.replace("_", " ").title().replace("Ho Chi Minh", "Ho Chi Minh City")

    def name(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = language or get_language() or "vi"
        return self.name_en if language.startswith("en") else self.name_vi

    def __str__(self) -> str:
        return self.name()


# Former province (as written before 1 July 2025) -> successor's codename.
FORMER_PROVINCES: dict[str, str] = {
    "Hà Giang": "tuyen_quang",
    "Yên Bái": "lao_cai",
    "Bắc Kạn": "thai_nguyen",
    "Vĩnh Phúc": "phu_tho",
    "Hòa Bình": "phu_tho",
    "Bắc Giang": "bac_ninh",
    "Thái Bình": "hung_yen",
    "Hải Dương": "hai_phong",
    "Hà Nam": "ninh_binh",
    "Nam Định": "ninh_binh",
    "Quảng Bình": "quang_tri",
    "Quảng Nam": "da_nang",
    "Kon Tum": "quang_ngai",
    "Bình Định": "gia_lai",
    "Ninh Thuận": "khanh_hoa",
    "Đắk Nông": "lam_dong",
    "Bình Thuận": "lam_dong",
    "Phú Yên": "dak_lak",
    "Bình Dương": "ho_chi_minh",
    "Bà Rịa - Vũng Tàu": "ho_chi_minh",
    "Bình Phước": "dong_nai",
    "Long An": "tay_ninh",
    "Sóc Trăng": "can_tho",
    "Hậu Giang": "can_tho",
    "Bến Tre": "vinh_long",
    "Trà Vinh": "vinh_long",
    "Tiền Giang": "dong_thap",
    "Bạc Liêu": "ca_mau",
    "Kiên Giang": "an_giang",
    "Thừa Thiên Huế": "hue",
}

# Other usual ways of writing a province (folded keys are derived from these).
ALIASES: dict[str, str] = {
    "Sài Gòn": "ho_chi_minh",
    "Saigon": "ho_chi_minh",
    "HCM": "ho_chi_minh",
    "TPHCM": "ho_chi_minh",
    "HCMC": "ho_chi_minh",
    "Ho Chi Minh City": "ho_chi_minh",
    "BRVT": "ho_chi_minh",
    "Vũng Tàu": "ho_chi_minh",
    "Hanoi": "ha_noi",
    "Haiphong": "hai_phong",
    "Danang": "da_nang",
    "Cantho": "can_tho",
    "TT Huế": "hue",
    "Daklak": "dak_lak",
    "Đắc Lắc": "dak_lak",
    "Đăk Lăk": "dak_lak",
    "Dak Nong": "lam_dong",
}


def _short_name(official: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if official.startswith(prefix):
            return official[len(prefix) :]
    return official


@cache
def all_provinces() -> tuple[Province, ...]:
    provinces = [
        Province(
            code=int(p.code.value if hasattr(p.code, "value") else p.code),
            name_vi=_short_name(p.name),
            official_name=p.name,
            codename=p.codename,
        )
        for p in _PackageProvince.iter_all()
    ]
    return tuple(sorted(provinces, key=lambda p: fold_key(p.name_vi)))


@cache
def _by_code() -> dict[int, Province]:
    return {p.code: p for p in all_provinces()}


@cache
def _lookup() -> dict[str, Province]:
    by_codename = {p.codename: p for p in all_provinces()}
    table: dict[str, Province] = {}
    for p in all_provinces():
        for spelling in (p.name_vi, p.official_name, p.name_en, p.codename.replace("_", " ")):
            table[fold_key(spelling)] = p
            table[fold_key(spelling).replace(" ", "")] = p
    for spelling, codename in (FORMER_PROVINCES | ALIASES).items():
        table[fold_key(spelling)] = by_codename[codename]
        table[fold_key(spelling).replace(" ", "")] = by_codename[codename]
    return table


def province_by_code(code: int | str | None) -> Province | None:
    try:
        return _by_code().get(int(code)) if code not in (None, "") else None
    except (TypeError, ValueError):
        return None


def resolve_province(text: str | int | None) -> Province | None:
    """Find the current province for any usual spelling of a current or former province,
    with or without "Thành phố", "TP.", "Tỉnh", tones, or case; or for its official code."""
    if text is None:
        return None
    if isinstance(text, int) or str(text).strip().isdigit():
        return province_by_code(text)
    key = fold_key(str(text))
    table = _lookup()
    if key in table:
        return table[key]
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            rest = key[len(prefix) :]
            return table.get(rest) or table.get(rest.replace(" ", ""))
    return table.get(key.replace(" ", ""))


def province_choices(language: str | None = None) -> list[tuple[int, str]]:
    return [(p.code, p.name(language)) for p in all_provinces()]

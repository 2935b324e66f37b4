"""Country names as provinces write them, resolved to ISO 3166-1 alpha-2 codes.

Survey files name countries every way at once: ISO codes, English names, django-countries'
Vietnamese names, the forms of official documents ("Ô-xtrây-li-a", "CHLB Đức"), older
Sino-Vietnamese names ("Tân Gia Ba") and everyday short forms ("Mỹ", "Úc", "Séc"). All are matched
on a folded key: case, tones, hyphens, dots and parentheses do not matter, "Cộng hòa" and
"Cộng hoà" are the same, and so are the i/y spellings of a syllable ("Hoa Kỳ", "Hoa Kì").

Precedence, so that a key never means two countries:
1. two upper-case ASCII letters that are an ISO code ("MY" is Malaysia, "AO" Angola);
2. the names below (``VI_NAMES``, ``EN_NAMES``), then django-countries' English names, then its
   Vietnamese names (some of which are wrong and are skipped: see ``_BAD_VI_TRANSLATIONS``);
3. ISO alpha-2 and alpha-3 codes in any case ("us", "deu");
4. the same with a safe prefix dropped ("nước Pháp", "Vương quốc Bỉ", "CH Séc") or a
   parenthesised note dropped ("Đức (CHLB)"), when what remains names one country.
So "Mỹ", "My" and "mi" are the United States while "MY" is Malaysia, and "Áo" or "ao" is
Austria while "AO" is Angola.
"""

from __future__ import annotations

import difflib
import re
from functools import cache, lru_cache

from .text import fold_key, normalize

# Vietnamese names, the official short name first (it is what country_name() shows). Official
# forms follow the usage of the Ministry of Foreign Affairs; then older and everyday ones.
VI_NAMES: dict[str, list[str]] = {
    # North America
    "US": [
        "Hoa Kỳ",
        "Mỹ",
        "Hợp chúng quốc Hoa Kỳ",
        "Hợp chủng quốc Hoa Kỳ",
        "Hợp chúng quốc Mỹ",
        "Hợp chủng quốc Mỹ",
        "Nước Mỹ",
        "Mỹ quốc",
    ],
    "CA": ["Ca-na-đa", "Canađa", "Gia Nã Đại"],
    "MX": ["Mê-hi-cô", "Mêhicô", "Mễ Tây Cơ"],
    "CU": ["Cu-ba", "Cộng hòa Cu-ba"],
    "DO": ["Cộng hòa Đô-mi-ni-ca", "CH Đô-mi-ni-ca"],
    "JM": ["Gia-mai-ca"],
    "HT": ["Ha-i-ti"],
    "PR": ["Pu-éc-tô Ri-cô"],
    "GT": ["Goa-tê-ma-la"],
    "SV": ["En Xan-va-đo"],
    "HN": ["Hôn-đu-rát"],
    "NI": ["Ni-ca-ra-goa"],
    "CR": ["Cô-xta Ri-ca", "Cốt-xta Ri-ca"],
    "PA": ["Pa-na-ma"],
    "TT": ["Tri-ni-đát và Tô-ba-gô"],
    # South America
    "BR": ["Bra-xin", "Braxin", "Ba Tây"],
    "AR": ["Ác-hen-ti-na", "Áchentina", "Á Căn Đình"],
    "CL": ["Chi-lê"],
    "PE": ["Pê-ru"],
    "CO": ["Cô-lôm-bi-a"],
    "VE": ["Vê-nê-xu-ê-la"],
    "EC": ["Ê-cu-a-đo"],
    "BO": ["Bô-li-vi-a"],
    "UY": ["U-ru-goay"],
    "PY": ["Pa-ra-goay"],
    "GF": ["Guy-an thuộc Pháp", "Guy-an"],
    # Western, Northern and Southern Europe
    "GB": [
        "Anh",
        "Vương quốc Anh",
        "Vương quốc Liên hiệp Anh và Bắc Ai-len",
        "Liên hiệp Vương quốc Anh và Bắc Ai-len",
        "Anh Quốc",
        "Anh Cát Lợi",
        "Xcốt-len",
        "Xứ Wales",
        "Bắc Ai-len",
        "Nước Anh",
    ],
    "IE": ["Ai-len", "Ireland", "Cộng hòa Ai-len"],
    "FR": ["Pháp", "Cộng hòa Pháp", "Phú Lãng Sa", "Nước Pháp"],
    "DE": [
        "Đức",
        "CHLB Đức",
        "Cộng hòa Liên bang Đức",
        "Liên bang Đức",
        "Tây Đức",
        "Đông Đức",
        "CHDC Đức",
        "Cộng hòa Dân chủ Đức",
        "Nước Đức",
    ],
    "NL": ["Hà Lan", "Hòa Lan", "Vương quốc Hà Lan"],
    "BE": ["Bỉ", "Vương quốc Bỉ"],
    "LU": ["Lúc-xăm-bua", "Lucxembua"],
    "CH": ["Thụy Sĩ", "Thụy Sỹ", "Liên bang Thụy Sĩ"],
    "AT": ["Áo", "Cộng hòa Áo"],
    "LI": ["Lích-ten-xtên"],
    "MC": ["Mô-na-cô"],
    "AD": ["An-đô-ra"],
    "SM": ["Xan Ma-ri-nô"],
    "VA": ["Tòa Thánh Va-ti-căng", "Va-ti-căng", "Vatican", "Tòa Thánh"],
    "IT": ["I-ta-li-a", "Ý", "Italia", "Itali", "Ý Đại Lợi"],
    "ES": ["Tây Ban Nha", "Y Pha Nho"],
    "PT": ["Bồ Đào Nha"],
    "GR": ["Hy Lạp"],
    "CY": ["Síp"],
    "MT": ["Man-ta"],
    "SE": ["Thụy Điển", "Vương quốc Thụy Điển"],
    "NO": ["Na Uy", "Vương quốc Na Uy"],
    "DK": ["Đan Mạch", "Vương quốc Đan Mạch"],
    "FI": ["Phần Lan"],
    "IS": ["Ai-xơ-len", "Aixơlen"],
    # Central and Eastern Europe
    "PL": ["Ba Lan", "Cộng hòa Ba Lan"],
    "CZ": ["Séc", "Cộng hòa Séc", "CH Séc", "Tiệp Khắc", "Tiệp"],
    "SK": ["Xlô-va-ki-a", "Slô-va-ki-a", "Xlôvakia"],
    "HU": ["Hung-ga-ri", "Hunggari", "Hungari"],
    "RO": ["Ru-ma-ni", "Rumani", "Rumania"],
    "BG": ["Bun-ga-ri", "Bungari"],
    "SI": ["Xlô-ven-ni-a", "Slô-ven-ni-a"],
    "HR": ["Crô-a-ti-a"],
    "RS": ["Xéc-bi-a", "Xécbia"],
    "BA": ["Bô-xni-a Héc-dê-gô-vi-na", "Bô-xni-a và Héc-dê-gô-vi-na"],
    "ME": ["Môn-tê-nê-grô"],
    "MK": ["Bắc Ma-xê-đô-ni-a", "Ma-xê-đô-ni-a"],
    "AL": ["An-ba-ni"],
    "EE": ["E-xtô-ni-a", "Extônia"],
    "LV": ["Lát-vi-a"],
    "LT": ["Lít-va"],
    "RU": ["Liên bang Nga", "Nga", "LB Nga", "Nước Nga", "Nga La Tư"],
    "UA": ["U-crai-na", "Ucraina", "Ucraine"],
    "BY": ["Bê-la-rút", "Bêlarút", "Bê-la-ru-xi-a"],
    "MD": ["Môn-đô-va"],
    # Caucasus and Central Asia
    "GE": ["Gru-di-a"],
    "AM": ["Ác-mê-ni-a"],
    "AZ": ["A-déc-bai-gian"],
    "KZ": ["Ca-dắc-xtan", "Cadắcxtan"],
    "UZ": ["U-dơ-bê-ki-xtan"],
    "KG": ["Cư-rơ-gư-xtan"],
    "TJ": ["Tát-gi-ki-xtan"],
    "TM": ["Tuốc-mê-ni-xtan"],
    # East and South-East Asia
    "CN": ["Trung Quốc", "Cộng hòa Nhân dân Trung Hoa", "CHND Trung Hoa", "Trung Hoa", "Hoa Lục"],
    "TW": ["Đài Loan (Trung Quốc)", "Đài Loan", "Trung Hoa Dân Quốc"],
    "HK": ["Hồng Kông (Trung Quốc)", "Hồng Kông", "Hương Cảng"],
    "MO": ["Ma Cao (Trung Quốc)", "Ma Cao", "Áo Môn"],
    "JP": ["Nhật Bản", "Nhật", "Nước Nhật"],
    "KR": ["Hàn Quốc", "Đại Hàn", "Đại Hàn Dân Quốc", "Nam Hàn", "Cộng hòa Hàn Quốc"],
    "KP": [
        "Triều Tiên",
        "Bắc Triều Tiên",
        "Bắc Hàn",
        "CHDCND Triều Tiên",
        "Cộng hòa Dân chủ Nhân dân Triều Tiên",
    ],
    "MN": ["Mông Cổ"],
    "LA": ["Lào", "CHDCND Lào", "Cộng hòa Dân chủ Nhân dân Lào", "Ai Lao"],
    "KH": ["Cam-pu-chia", "Campuchia", "Căm-pu-chia", "Vương quốc Campuchia", "Cao Miên"],
    "TH": ["Thái Lan", "Vương quốc Thái Lan", "Xiêm", "Xiêm La"],
    "MM": ["Mi-an-ma", "Myanma", "Miến Điện"],
    "MY": ["Ma-lai-xi-a", "Malaixia", "Mã Lai", "Mã Lai Á"],
    "SG": ["Xinh-ga-po", "Xin-ga-po", "Xingapo", "Singapo", "Tân Gia Ba"],
    "ID": ["In-đô-nê-xi-a", "Inđônêxia", "Indonexia", "Nam Dương"],
    "PH": ["Phi-líp-pin", "Philippin", "Phi-lip-pin", "Phi Luật Tân"],
    "BN": ["Bru-nây", "Brunây", "Bru-nây Đa-rút-xa-lam"],
    "TL": ["Đông Ti-mo", "Ti-mo Lét-xtê", "Timo Lexte"],
    "VN": ["Việt Nam", "CHXHCN Việt Nam", "Cộng hòa Xã hội Chủ nghĩa Việt Nam"],
    # South Asia
    "IN": ["Ấn Độ", "Cộng hòa Ấn Độ"],
    "PK": ["Pa-ki-xtan", "Pakixtan"],
    "BD": ["Băng-la-đét", "Bănglađét"],
    "LK": ["Xri Lan-ca", "Xri Lanca"],
    "NP": ["Nê-pan", "Nêpan"],
    "BT": ["Bu-tan"],
    "MV": ["Man-đi-vơ"],
    "AF": ["Áp-ga-ni-xtan", "Ápganixtan"],
    # Middle East
    "SA": ["Ả-rập Xê-út", "A-rập Xê-út", "Arập Xêút", "Ả Rập Xê Út"],
    "AE": [
        "Các Tiểu vương quốc Ả-rập Thống nhất",
        "Các Tiểu vương quốc A-rập Thống nhất",
        "Tiểu vương quốc Ả-rập Thống nhất",
        "Các TVQ Ả-rập Thống nhất",
        "UAE",
        "Đu-bai",
        "Dubai",
    ],
    "QA": ["Ca-ta", "Cata"],
    "KW": ["Cô-oét", "Côoét"],
    "BH": ["Ba-ranh", "Baranh"],
    "OM": ["Ô-man"],
    "YE": ["Y-ê-men"],
    "JO": ["Gioóc-đa-ni", "Gioócđani"],
    "LB": ["Li-băng", "Libăng"],
    "SY": ["Xi-ri", "Xiri"],
    "IQ": ["I-rắc", "Irắc"],
    "IR": ["I-ran", "Iran"],
    "IL": ["I-xra-en", "Ixraen"],
    "PS": ["Pa-le-xtin", "Palextin", "Nhà nước Pa-le-xtin"],
    "TR": ["Thổ Nhĩ Kỳ"],
    # Africa
    "EG": ["Ai Cập"],
    "LY": ["Li-bi", "Libi"],
    "TN": ["Tuy-ni-di", "Tuynidi"],
    "DZ": ["An-giê-ri", "Angiêri"],
    "MA": ["Ma-rốc", "Marốc"],
    "ZA": ["Nam Phi", "Cộng hòa Nam Phi"],
    "AO": ["Ăng-gô-la", "Ănggôla"],
    "MZ": ["Mô-dăm-bích", "Môdămbích"],
    "NG": ["Ni-giê-ri-a", "Nigiêria"],
    "NE": ["Ni-giê"],
    "SN": ["Xê-nê-gan", "Xênêgan"],
    "CI": ["Cốt Đi-voa", "Bờ Biển Ngà"],
    "GH": ["Ga-na"],
    "CM": ["Ca-mơ-run", "Camơrun"],
    "KE": ["Kê-ni-a", "Kênia"],
    "TZ": ["Tan-da-ni-a", "Tandania"],
    "ET": ["Ê-ti-ô-pi-a", "Êtiôpia"],
    "UG": ["U-gan-đa"],
    "MG": ["Ma-đa-gát-xca", "Mađagaxca"],
    "SD": ["Xu-đăng"],
    "CG": ["Cộng hòa Công-gô"],
    "CD": ["Cộng hòa Dân chủ Công-gô", "CHDC Công-gô"],
    "ZM": ["Dăm-bi-a"],
    "ZW": ["Dim-ba-bu-ê"],
    "NA": ["Na-mi-bi-a"],
    "BW": ["Bốt-xoa-na"],
    "GN": ["Ghi-nê"],
    "GW": ["Ghi-nê Bít-xao"],
    "GQ": ["Ghi-nê Xích đạo"],
    "ML": ["Ma-li"],
    "BF": ["Buốc-ki-na Pha-xô"],
    "BJ": ["Bê-nanh"],
    "TG": ["Tô-gô"],
    "RE": ["Rê-u-ni-ông", "Réunion"],
    # Oceania
    "AU": ["Ô-xtrây-li-a", "Úc", "Ốt-xtrây-li-a", "Ôxtrâylia", "Úc Đại Lợi", "Liên bang Úc"],
    "NZ": ["Niu Di-lân", "Niu Dilân", "Tân Tây Lan"],
    "PG": ["Pa-pua Niu Ghi-nê"],
    "FJ": ["Phi-gi"],
    "NC": ["Niu Ca-lê-đô-ni-a", "Tân Ca-lê-đô-ni-a"],
    "VU": ["Va-nu-a-tu"],
    "PF": ["Pô-li-nê-di thuộc Pháp"],
    "GU": ["Đảo Guam"],
}

# English forms that django-countries does not give (it gives one English name per country).
EN_NAMES: dict[str, list[str]] = {
    "US": ["USA", "U.S.A.", "U.S.", "United States", "America", "United States of America"],
    "GB": [
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "United Kingdom of Great Britain and Northern Ireland",
    ],
    "KR": ["Korea", "Republic of Korea", "Korea, Republic of", "Korea (South)", "ROK"],
    "KP": ["DPRK", "Democratic People's Republic of Korea", "Korea (North)"],
    "CZ": ["Czech Republic", "Czech", "Czechoslovakia"],
    "RU": ["Russian Federation"],
    "TW": ["Taiwan, Province of China", "Chinese Taipei", "Republic of China"],
    "HK": ["Hong Kong SAR", "Hongkong", "Hong Kong, China"],
    "MO": ["Macau", "Macao SAR", "Macau SAR"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "LA": ["Lao", "Lao PDR", "Lao People's Democratic Republic"],
    "NL": ["Holland", "The Netherlands"],
    "AE": ["U.A.E.", "Emirates"],
    "VN": ["Viet Nam"],
    "MM": ["Burma"],
    "TR": ["Turkey", "Turkiye"],
    "CI": ["Ivory Coast"],
    "CV": ["Cape Verde"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "VA": ["Holy See"],
    "TL": ["East Timor"],
    "MD": ["Republic of Moldova"],
    "IR": ["Islamic Republic of Iran"],
    "SY": ["Syrian Arab Republic"],
    "BO": ["Plurinational State of Bolivia"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "TZ": ["United Republic of Tanzania"],
    "BN": ["Brunei Darussalam"],
    "CD": ["Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "DE": ["Federal Republic of Germany", "West Germany", "East Germany", "Deutschland"],
    "AU": ["Commonwealth of Australia"],
    "PS": ["State of Palestine"],
}

# django-countries' Vietnamese catalogue (9.1) gives these codes names that belong to another
# country or are not names at all: Jersey "Áo" (Austria), Iceland "Ai-len" (Ireland), Niger
# "Nigeria", Eswatini "Tiếng Swaziland", Réunion "Đoàn tụ" ("reunion"). They are not used.
_BAD_VI_TRANSLATIONS = frozenset({"JE", "IS", "NE", "SZ", "RE"})

# Dropped from the front of a name when what remains is a country ("nước Pháp", "CH Séc").
_PREFIXES = (
    "nuoc ",
    "quoc gia ",
    "cong hoa lien bang ",
    "cong hoa ",
    "vuong quoc ",
    "lien bang ",
    "chlb ",
    "ch ",
    "the ",
    "republic of ",
    "kingdom of ",
    "state of ",
)
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_I_Y = re.compile(r"\b([bcdghklmnpqrstvx]+)y\b")
_ISO_CAPITALS = re.compile(r"[A-Z]{2}")


def _key(text: str) -> str:
    """The folded key names are matched on: fold_key with "y" after a consonant written "i"
    ("Hoa Kỳ" = "Hoa Kì", "Mỹ" = "Mĩ", "Thụy Sỹ" = "Thụy Sĩ")."""
    return _I_Y.sub(r"\1i", fold_key(text))


@cache
def _django_names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(code -> English name, code -> Vietnamese name, alpha-3 -> code) from django-countries."""
    from django.utils.translation import override
    from django_countries import countries

    with override("en"):
        english = {c.code: str(c.name) for c in countries}
    with override("vi"):
        vietnamese = {c.code: str(c.name) for c in countries}
    alpha3 = {countries.alpha3(code): code for code in english if countries.alpha3(code)}
    return english, vietnamese, alpha3


@cache
def _names() -> dict[str, str]:
    """Folded key -> code, in the precedence of the module docstring; a later source never
    overrides an earlier one. Spaceless keys are added too ("Hoa Ky" typed "HoaKy")."""
    english, vietnamese, _ = _django_names()
    table: dict[str, str] = {}
    sources: list[tuple[str, str]] = [
        (code, name)
        for source in (VI_NAMES, EN_NAMES)
        for code, names in source.items()
        for name in names
    ]
    sources += list(english.items())
    sources += [(c, n) for c, n in vietnamese.items() if c not in _BAD_VI_TRANSLATIONS]
    for code, name in sources:
        key = _key(name)
        if key:
            table.setdefault(key, code)
    for key, code in list(table.items()):
        table.setdefault(key.replace(" ", ""), code)
    return table


@cache
def _codes() -> dict[str, str]:
    english, _, alpha3 = _django_names()
    return {code: code for code in english} | alpha3


def _lookup(text: str) -> str | None:
    key = _key(text)
    if not key:
        return None
    names = _names()
    code = names.get(key) or names.get(key.replace(" ", ""))
    if code:
        return code
    folded = fold_key(text)  # codes without the i/y spelling rule: "ky" is the Cayman Islands
    if folded.isalpha() and len(folded) in (2, 3):
        code = _codes().get(folded.upper())
        if code:
            return code
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            rest = key[len(prefix) :]
            code = names.get(rest) or names.get(rest.replace(" ", ""))
            if code:
                return code
    return None


@lru_cache(maxsize=4096)
def resolve_country(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code for any usual way of writing a country, or None."""
    if not text:
        return None
    text = normalize(str(text))
    if _ISO_CAPITALS.fullmatch(text) and text in _codes():
        return text
    code = _lookup(text)
    if code or not _PARENTHESES.search(text):
        return code
    # "Đức (CHLB)", "Hàn Quốc (Nam Hàn)": the name outside the parentheses, unless the note
    # inside names another country ("Trung Quốc (Đài Loan)" is ambiguous, so unknown).
    outside = _lookup(_PARENTHESES.sub(" ", text))
    inside = [_lookup(m.group(0)) for m in _PARENTHESES.finditer(text)]
    if outside and all(code in (None, outside) for code in inside):
        return outside
    return None


@lru_cache(maxsize=4096)
def _suggestions(text: str, limit: int) -> tuple[str, ...]:
    codes: list[str] = []
    exact = resolve_country(text)
    if exact:
        codes.append(exact)
    key = _key(text)
    if key:
        names = _names()
        for candidate in difflib.get_close_matches(key, list(names), n=limit * 4, cutoff=0.75):
            if names[candidate] not in codes:
                codes.append(names[candidate])
    return tuple(codes[:limit])


def country_suggestions(text: str, limit: int = 3) -> list[str]:
    """ISO codes of the countries ``text`` most likely means ("Autralia", "Germny", "Hoa Ki"),
    best first; the exact match first if there is one."""
    return list(_suggestions(normalize(str(text or "")), limit))


def country_name(code: str, language: str | None = None) -> str:
    """The short name of a country: "Hoa Kỳ", "Hàn Quốc", "Nhật Bản" in Vietnamese, django-
    countries' English name otherwise. An unknown code is returned as it is."""
    from django.utils.translation import get_language

    code = (code or "").upper()
    english, vietnamese, _ = _django_names()
    language = language or get_language() or "vi"
    if language.startswith("vi"):
        if code in VI_NAMES:
            return VI_NAMES[code][0]
        if code in vietnamese and code not in _BAD_VI_TRANSLATIONS:
            return vietnamese[code]
    return english.get(code, code)

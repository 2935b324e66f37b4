"""Country names as provinces write them, resolved to ISO codes."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kieubao.core import countries
from kieubao.core.countries import (
    EN_NAMES,
    VI_NAMES,
    country_name,
    country_suggestions,
    resolve_country,
)

# The names the issue lists, as provinces write them.
ISSUE_NAMES = {
    "US": "Hoa Kỳ | Mỹ | Hợp chúng quốc Hoa Kỳ | USA | U.S.A. | United States of America",
    "KR": "Hàn Quốc | Đại Hàn | South Korea | Korea | Republic of Korea",
    "JP": "Nhật Bản | Nhật",
    "RU": "Liên bang Nga | Nga | Russia",
    "CZ": "Cộng hòa Séc | Séc | Tiệp Khắc | Czechia | Czech Republic",
    "AU": "Ô-xtrây-li-a | Úc",
    "CA": "Ca-na-đa | Canada",
    "SG": "Xinh-ga-po | Singapore",
    "TW": "Đài Loan (Trung Quốc) | Đài Loan | Taiwan",
    "HK": "Hồng Kông (Trung Quốc) | Hong Kong",
    "MO": "Ma Cao (Trung Quốc) | Macau | Macao",
    "CN": "Trung Quốc",
    "FR": "Pháp",
    "DE": "Đức | CHLB Đức",
    "GB": "Anh | Vương quốc Anh | UK | Great Britain | England",
    "PL": "Ba Lan",
    "HU": "Hung-ga-ri | Hungary",
    "BG": "Bun-ga-ri",
    "RO": "Ru-ma-ni",
    "UA": "U-crai-na",
    "BY": "Bê-la-rút",
    "SE": "Thụy Điển",
    "CH": "Thụy Sĩ",
    "NO": "Na Uy",
    "DK": "Đan Mạch",
    "FI": "Phần Lan",
    "NL": "Hà Lan | Holland",
    "BE": "Bỉ",
    "IT": "Ý | I-ta-li-a",
    "ES": "Tây Ban Nha",
    "PT": "Bồ Đào Nha",
    "AT": "Áo",
    "LA": "Lào | Laos",
    "KH": "Cam-pu-chia | Campuchia",
    "TH": "Thái Lan",
    "MY": "Ma-lai-xi-a",
    "ID": "In-đô-nê-xi-a",
    "PH": "Phi-líp-pin",
    "MM": "Mi-an-ma",
    "IN": "Ấn Độ",
    "NZ": "Niu Di-lân | New Zealand",
    "SA": "Ả-rập Xê-út",
    "AE": "Các Tiểu vương quốc Ả-rập Thống nhất | UAE",
    "QA": "Ca-ta",
    "IL": "I-xra-en",
    "TR": "Thổ Nhĩ Kỳ",
    "EG": "Ai Cập",
    "ZA": "Nam Phi",
    "AO": "Ăng-gô-la",
    "BR": "Bra-xin",
    "MX": "Mê-hi-cô | Mexico",
    "AR": "Ác-hen-ti-na",
    "CU": "Cu-ba",
    "CL": "Chi-lê",
}
ISSUE_CASES = [
    (name.strip(), code) for code, names in ISSUE_NAMES.items() for name in names.split("|")
]


@pytest.mark.parametrize(("name", "code"), ISSUE_CASES)
def test_every_name_in_the_issue_resolves(name, code):
    assert resolve_country(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("HOA KỲ", "US"),
        ("hoa ky", "US"),
        ("Hoa Kì", "US"),  # i/y spellings of a syllable
        ("Mĩ", "US"),
        ("Thụy Sỹ", "CH"),
        ("Thuỵ Điển", "SE"),  # old tone placement
        ("Cộng hoà Séc", "CZ"),
        ("Ô xtrây li a", "AU"),
        ("Ôxtrâylia", "AU"),
        ("Niu-Di-lân", "NZ"),
        ("CỘNG HÒA LIÊN BANG ĐỨC", "DE"),
        ("nước Pháp", "FR"),
        ("Vương quốc Bỉ", "BE"),
        ("CH Séc", "CZ"),
        ("Đức (CHLB)", "DE"),
        ("Hàn Quốc (Nam Hàn)", "KR"),
        ("Triều Tiên", "KP"),
        ("CHDCND Lào", "LA"),
        ("Tân Gia Ba", "SG"),
        ("Miến Điện", "MM"),
        ("Việt Nam", "VN"),
    ],
)
def test_spelling_variants_resolve(name, code):
    assert resolve_country(name) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("US", "US"), ("us", "US"), ("DE", "DE"), ("deu", "DE"), ("DEU", "DE"), ("vnm", "VN")],
)
def test_iso_codes_resolve_in_any_case(text, code):
    assert resolve_country(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("MY", "MY"),  # two capital letters that are an ISO code are the code…
        ("AO", "AO"),
        ("BI", "BI"),
        ("My", "US"),  # …otherwise the Vietnamese name wins: Mỹ, Áo, Bỉ typed without tones
        ("Mỹ", "US"),
        ("ao", "AT"),
        ("Áo", "AT"),
        ("Bỉ", "BE"),
        ("NGA", "RU"),  # three letters: a name first (Nga), not Nigeria's alpha-3 code
        ("ky", "KY"),  # the i/y rule is for names, not codes
    ],
)
def test_codes_and_names_that_look_alike(text, code):
    assert resolve_country(text) == code


@pytest.mark.parametrize(
    "text", ["", None, "Liên Xô", "Trung Quốc (Đài Loan)", "abc xyz", "Quốc gia", "-"]
)
def test_unknown_or_ambiguous_names_resolve_to_nothing(text):
    assert resolve_country(text) is None


def test_covers_the_countries_where_overseas_vietnamese_live():
    assert len(VI_NAMES) >= 80
    for table in (VI_NAMES, EN_NAMES):
        for code, names in table.items():
            for name in names:
                assert resolve_country(name) == code, name


def test_no_folded_name_means_two_countries():
    english, vietnamese, _alpha3 = countries._django_names()
    sources = [
        (c, n) for table in (VI_NAMES, EN_NAMES) for c, names in table.items() for n in names
    ]
    sources += list(english.items())
    sources += [(c, n) for c, n in vietnamese.items() if c not in countries._BAD_VI_TRANSLATIONS]
    meanings: dict[str, set[str]] = defaultdict(set)
    for code, name in sources:
        key = countries._key(name)
        meanings[key].add(code)
        meanings[key.replace(" ", "")].add(code)
    assert {key: codes for key, codes in meanings.items() if len(codes) > 1} == {}


def test_django_countries_names_resolve_except_its_wrong_vietnamese_ones():
    english, vietnamese, _alpha3 = countries._django_names()
    for code, name in english.items():
        assert resolve_country(name) == code, name
    for code, name in vietnamese.items():
        if code not in countries._BAD_VI_TRANSLATIONS:
            assert resolve_country(name) == code, name
    # django-countries 9.1 calls Jersey "Áo" and Iceland "Ai-len": those mean Austria, Ireland.
    assert resolve_country(vietnamese["JE"]) == "AT"
    assert resolve_country(vietnamese["IS"]) == "IE"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hoa Kì", "US"),
        ("Nhat Ban", "JP"),
        ("Autralia", "AU"),
        ("Germny", "DE"),
        ("Phillipines", "PH"),
        ("Hung ga ry", "HU"),
        ("Xingapor", "SG"),
        ("Thuy Dien", "SE"),
    ],
)
def test_near_misses_are_suggested(text, code):
    suggestions = country_suggestions(text)
    assert suggestions[0] == code
    assert len(suggestions) <= 3


def test_nothing_is_suggested_for_nonsense():
    assert country_suggestions("qqqqzzzz") == []
    assert country_suggestions("") == []


def test_country_names_in_vietnamese_and_english():
    assert country_name("US", "vi") == "Hoa Kỳ"
    assert country_name("KR", "vi") == "Hàn Quốc"
    assert country_name("JP", "vi") == "Nhật Bản"
    assert country_name("TW", "vi") == "Đài Loan (Trung Quốc)"
    assert country_name("US", "en") == "United States of America"
    assert country_name("kr", "en") == "South Korea"
    assert country_name("SZ", "vi") == "Eswatini"  # not django-countries' "Tiếng Swaziland"
    assert country_name("ZZ", "vi") == "ZZ"


def test_country_name_follows_the_active_language():
    from django.utils.translation import override

    with override("vi"):
        assert country_name("DE") == "Đức"
    with override("en"):
        assert country_name("DE") == "Germany"

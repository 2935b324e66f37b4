"""Vietnamese typed in the TCVN3 and VNI fonts, converted and recognised."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kieubao.core.legacy_vn import detect, from_unicode, is_vietnamese_syllable, repair, to_unicode

TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VOWELS = "aăâeêioôơuưy"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


ALL_LOWER_LETTERS = sorted({nfc(v + t) for v in VOWELS for t in TONES} | {"đ"})


@pytest.mark.parametrize(
    ("legacy", "encoding", "unicode"),
    [
        ("Hä vµ tªn", "tcvn3", "Họ và tên"),
        ("§µ N½ng", "tcvn3", "Đà Nẵng"),
        ("Hå ChÝ Minh", "tcvn3", "Hồ Chí Minh"),  # å is ồ: "Hå vµ tªn" would be "Hồ và tên"
        ("Tr\xad¬ng ThÞ Hång Nhung", "tcvn3", "Trương Thị Hồng Nhung"),
        ("Quª qu¸n", "tcvn3", "Quê quán"),
        ("¡n, ¢u, £m, ¤ng, ¥n, ¦u", "tcvn3", "Ăn, Âu, Êm, Ông, Ơn, Ưu"),
        ("Hoï vaø teân", "vni", "Họ và tên"),
        ("Ñaø Naüng", "vni", "Đà Nẵng"),
        ("NGUYEÃN VAÊN AÙNH", "vni", "NGUYỄN VĂN ÁNH"),
        ("ngöôøi Vieät ôû nöôùc ngoaøi", "vni", "người Việt ở nước ngoài"),
        ("caàu, caáu, caåu, caãu, caäu", "vni", "cầu, cấu, cẩu, cẫu, cậu"),
        ("baèng, baéng, baúng, baüng, baëng", "vni", "bằng, bắng, bẳng, bẵng, bặng"),
        ("ì í æ ó ò, yø yù yû yõ î", "vni", "ì í ỉ ĩ ị, ỳ ý ỷ ỹ ỵ"),
    ],
)
def test_converts_legacy_text_to_nfc_unicode(legacy, encoding, unicode):
    assert to_unicode(legacy, encoding) == unicode
    assert unicodedata.is_normalized("NFC", to_unicode(legacy, encoding))


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_lower_case_letter_with_every_tone_round_trips(encoding):
    for letter in ALL_LOWER_LETTERS:
        encoded = from_unicode(letter, encoding)
        assert all(ord(c) < 0x100 for c in encoded)
        assert to_unicode(encoded, encoding) == letter


def test_vni_has_the_upper_case_letters_too():
    for letter in ALL_LOWER_LETTERS:
        assert to_unicode(from_unicode(letter.upper(), "vni"), "vni") == letter.upper()


def test_tcvn3_capitals_are_the_seven_untoned_ones_and_toned_capitals_come_back_lower_case():
    assert to_unicode(from_unicode("ĂÂÊÔƠƯĐ", "tcvn3"), "tcvn3") == "ĂÂÊÔƠƯĐ"
    assert to_unicode(from_unicode("Ánh Ấn", "tcvn3"), "tcvn3") == "ánh ấn"


def test_bytes_decoded_as_windows_1252_or_latin_1_convert_the_same():
    text = "Nguyễn Thị Tuyết, quê Hải Phòng, định cư tại Đức, Ưng Ơn Ăn Âu Ông Êm"
    for encoding in ("tcvn3", "vni"):
        raw = from_unicode(text, encoding).encode("latin-1")
        assert to_unicode(raw.decode("latin-1"), encoding) == text
        assert to_unicode(raw.decode("cp1252"), encoding) == text


def test_windows_1252_specials_are_mapped_back_to_their_bytes():
    # Neither font puts a letter on 0x80-0x9F, so “ ” – … stay as the punctuation they are.
    assert to_unicode("Hä vµ tªn – “§µ N½ng”…", "tcvn3") == "Họ và tên – “Đà Nẵng”…"
    assert to_unicode("Hoï – “teân”", "vni") == "Họ – “tên”"


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="legacy encoding"):
        to_unicode("abc", "viqr")


# Arbitrary text over the Vietnamese alphabet, as the issue asks: ASCII letters, ă â ê ô ơ ư đ
# and every vowel with every tone.
vietnamese_text = st.text(
    alphabet=st.sampled_from([*"abcdefghijklmnopqrstuvwxyz ", *ALL_LOWER_LETTERS]), max_size=40
)


@given(vietnamese_text)
def test_tcvn3_round_trip(text):
    assert to_unicode(from_unicode(text, "tcvn3"), "tcvn3") == text


@given(vietnamese_text)
def test_vni_round_trip(text):
    assert to_unicode(from_unicode(text, "vni"), "vni") == text


@given(st.lists(st.tuples(vietnamese_text, st.booleans()), max_size=5))
def test_vni_round_trip_in_any_case(parts):
    text = "".join(part.upper() if upper else part for part, upper in parts)
    assert to_unicode(from_unicode(text, "vni"), "vni") == text


# --- detection ------------------------------------------------------------------------------

SURVEY = [
    "Họ và tên",
    "Năm sinh",
    "Quê quán",
    "Quốc gia cư trú",
    "Trình độ",
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Quang Huy",
    "Hải Phòng",
    "Cộng hòa Liên bang Đức",
    "Tiến sĩ",
    "định cư",
]
EUROPEAN = [
    "José Müller",
    "François Lefèvre",
    "Zoë Ørsted",
    "Björk Guðmundsdóttir",
    "Åsa Sørensen",
    "Hélène Núñez",
    "Gonçalves",
    "João Conceição",
    "Naïm Anaïs",
    "Raphaël Gaëtan",
    "Düsseldorf",
    "Peña",
]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_detects_a_survey_typed_in_a_legacy_font(encoding):
    assert detect([from_unicode(s, encoding) for s in SURVEY]) == encoding


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_detects_from_a_few_headers(encoding):
    assert detect(from_unicode("Họ và tên; Năm sinh; Quê quán", encoding)) == encoding


@pytest.mark.parametrize(
    "sample",
    [
        SURVEY,
        EUROPEAN,
        ["Nguyen Van An", "Ha Noi", "Dinh cu", "1980"],
        ["Hà", "Tên", "Cà Mau", "Bà", "Lê", "Tô"],  # Unicode words made of Latin-1 letters only
        [*SURVEY, *EUROPEAN],
        [],
        ["", "   "],
    ],
)
def test_does_not_fire_on_unicode_ascii_or_european_names(sample):
    assert detect(sample) is None


syllables = st.builds(
    lambda onset, vowel, coda, tone: nfc(onset + vowel + tone + coda),
    st.sampled_from(["", "b", "ch", "đ", "gi", "kh", "l", "m", "ng", "nh", "ph", "qu", "t", "th"]),
    st.sampled_from(["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "iê", "oa", "ươ"]),
    st.sampled_from(["", "c", "m", "n", "ng", "nh", "t"]),
    st.sampled_from(TONES),
)


@given(st.lists(st.lists(syllables, min_size=1, max_size=4).map(" ".join), max_size=30))
def test_unicode_vietnamese_is_never_taken_for_legacy_text(names):
    assert all(is_vietnamese_syllable(s) for name in names for s in name.split())
    assert detect(names) is None


def test_syllable_plausibility():
    for word in ("người", "Nguyễn", "quyết", "khuya", "gì", "xoong", "ĐƯỜNG", "tờn"):
        assert is_vietnamese_syllable(word), word
    for word in ("josộ", "hoù", "Müller", "zoở", "anạs", "hồà", "tp"):
        assert not is_vietnamese_syllable(word), word


def test_repair_converts_only_when_asked_and_only_what_a_legacy_font_could_have_made():
    assert repair("Hä vµ tªn", "tcvn3") == "Họ và tên"
    assert repair("Hä vµ tªn", None) == "Hä vµ tªn"
    assert repair("Nguyen Van An", "vni") == "Nguyen Van An"
    # Typed in Unicode by someone else into the same legacy file: "ộ" is no legacy byte.
    assert repair("Hà Nội", "tcvn3") == "Hà Nội"
    assert repair("Ha\u0300 No\u0302\u0323i", None) == "Hà Nội"

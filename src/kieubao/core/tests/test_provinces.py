import pytest

from kieubao.core.provinces import FORMER_PROVINCES, all_provinces, resolve_province


def test_there_are_34_provinces_after_the_2025_merger():
    provinces = all_provinces()
    assert len(provinces) == 34
    assert len({p.code for p in provinces}) == 34


@pytest.mark.parametrize(
    ("former", "successor_code"),
    [("Hải Dương", 31), ("Quảng Nam", 48), ("Bình Dương", 79), ("Bà Rịa - Vũng Tàu", 79),
     ("Hà Giang", 8), ("Thừa Thiên Huế", 46), ("Kiên Giang", 91), ("Nam Định", 37)],
)  # fmt: skip
def test_former_provinces_resolve_to_their_successor(former, successor_code):
    assert resolve_province(former).code == successor_code


def test_every_former_province_resolves():
    for name in FORMER_PROVINCES:
        assert resolve_province(name) is not None, name


@pytest.mark.parametrize(
    "spelling",
    ["Hải Phòng", "Thành phố Hải Phòng", "TP. Hải Phòng", "tp hai phong", "HAI PHONG", "31",
     "Haiphong", "hải dương"],
)  # fmt: skip
def test_usual_spellings_resolve(spelling):
    assert resolve_province(spelling).code == 31


def test_ho_chi_minh_city_aliases():
    for spelling in ("TP.HCM", "TP HCM", "Sài Gòn", "Ho Chi Minh City", "Thành phố Hồ Chí Minh"):
        assert resolve_province(spelling).code == 79, spelling


def test_unknown_names_resolve_to_nothing():
    assert resolve_province("Atlantis") is None
    assert resolve_province("") is None
    assert resolve_province("99") is None


def test_names_are_bilingual():
    hai_phong = resolve_province("Hải Phòng")
    assert hai_phong.name("vi") == "Hải Phòng"
    assert hai_phong.name("en") == "Hai Phong"

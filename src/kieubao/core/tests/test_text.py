import unicodedata

import pytest

from kieubao.core.text import fold, fold_key, normalize, tokens


@pytest.mark.parametrize("spelling", ["Da Nang", "đà nẵng", "ĐÀ NẴNG", "Đà Nẵng", "  da   NANG "])
def test_every_spelling_of_da_nang_folds_the_same(spelling):
    assert fold(spelling) == "da nang"


def test_nfd_input_folds_like_nfc():
    name = "Nguyễn Thị Ánh Tuyết"
    assert fold(unicodedata.normalize("NFD", name)) == fold(name) == "nguyen thi anh tuyet"


def test_d_with_stroke_becomes_d_in_both_cases():
    assert fold("Đặng Đình Đức") == "dang dinh duc"


def test_normalize_stores_nfc_with_collapsed_spaces():
    stored = normalize(unicodedata.normalize("NFD", "  Trần   Hưng Đạo "))
    assert stored == "Trần Hưng Đạo"
    assert unicodedata.is_normalized("NFC", stored)


def test_fold_key_ignores_punctuation():
    assert fold_key("Bà Rịa–Vũng Tàu") == fold_key("Ba Ria - Vung Tau") == "ba ria vung tau"


def test_tokens_split_on_punctuation_after_folding():
    assert tokens("TP.HCM, Sài Gòn") == ["tp", "hcm", "sai", "gon"]
    assert tokens("") == []

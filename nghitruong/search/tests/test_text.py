"""Vietnamese text utilities (nghitruong.core.text)."""

import unicodedata

import pytest

from nghitruong.core.text import (
    fold,
    fold_syllable,
    has_diacritics,
    normalize_tones,
    search_syllables,
    strip_diacritics,
)


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Hoá", "Hóa"), ("hoạ", "họa")],
)
def test_tone_placement_styles_compare_equal(old_style, new_style):
    assert normalize_tones(old_style) == new_style
    assert normalize_tones(new_style) == new_style


@pytest.mark.parametrize(
    "word", ["toán", "hoàng", "người", "khuỷu", "ngoài", "giá", "gì", "quý", "thuyết", "Quốc"]
)
def test_tone_placement_keeps_unambiguous_words(word):
    assert normalize_tones(word) == word


def test_nfd_input_is_normalised():
    decomposed = unicodedata.normalize("NFD", "Luật Đất đai hoà giải")
    assert decomposed != "Luật Đất đai hoà giải"
    assert normalize_tones(decomposed) == "Luật Đất đai hòa giải"
    assert search_syllables(decomposed) == ["luật", "đất", "đai", "hòa", "giải"]


def test_fold_and_strip():
    assert fold("Luật Đất đai") == "luat dat dai"
    assert fold_syllable("Đường") == "duong"
    assert strip_diacritics("Luật Đất đai, Thuỷ lợi") == "Luat Dat dai, Thuy loi"
    assert has_diacritics("luật") is True
    assert has_diacritics("luat dat dai") is False


def test_search_syllables_split_punctuation_and_numbers():
    assert search_syllables("Điều 5. Người từ đủ 18 tuổi; (thuỷ-lợi)") == [
        "điều",
        "5",
        "người",
        "từ",
        "đủ",
        "18",
        "tuổi",
        "thủy",
        "lợi",
    ]

import re

from nghitruong.petitions import tracking


def test_generated_codes_have_the_format_and_are_valid() -> None:
    codes = {tracking.generate() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{13}", code)
        assert tracking.is_valid(code)


def test_every_single_wrong_character_is_rejected() -> None:
    for _ in range(50):
        code = tracking.generate()
        for i, original in enumerate(code):
            for ch in tracking.ALPHABET:
                if ch != original:
                    assert not tracking.is_valid(code[:i] + ch + code[i + 1 :])


def test_adjacent_swaps_are_rejected_except_zero_and_z() -> None:
    code = "7K3M9QW2XC4R"
    full = code + tracking.check_symbol(code)
    for i in range(len(full) - 1):
        a, b = full[i], full[i + 1]
        if a != b and {a, b} != {"0", "Z"}:
            assert not tracking.is_valid(full[:i] + b + a + full[i + 2 :])


def test_input_is_forgiving_and_display_groups() -> None:
    body = "10KM9QW2XC4R"
    code = body + tracking.check_symbol(body)
    typed = "lokm-9qw2-" + code[8:].lower()  # l→1, o→0, lower case, hyphens
    assert tracking.normalise(typed) == code
    assert tracking.is_valid(typed)
    assert tracking.display(code) == f"{code[:4]}-{code[4:8]}-{code[8:]}"
    assert not tracking.is_valid(code[:-1])
    assert not tracking.is_valid(code + "0")
    assert not tracking.is_valid("U" * 13)

"""portal/identifiers.py: USCC (GB 32100-2015) and ID numbers (GB 11643-1999)."""

import pytest
from django.core.exceptions import ValidationError

from portal.identifiers import (
    USCC_ALPHABET,
    id_check_character,
    id_number_problem,
    make_id_number,
    make_uscc,
    mask_id_number,
    normalise,
    uscc_check_character,
    uscc_problem,
    validate_id_number,
    validate_uscc,
)

# A real-format code (a Shandong enterprise) whose check character was verified by hand:
# Σ(value × 3^(i-1) mod 31) over the first 17 characters, check = (31 − Σ mod 31) mod 31 → F.
REAL_FORMAT_USCC = "91370000163044841F"
# The worked example of GB 11643-1999.
STANDARD_ID_NUMBER = "11010519491231002X"


def check_by_the_standard(first17: str) -> str:
    """GB 32100-2015 written out independently of the module under test."""
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


# --- USCC ----------------------------------------------------------------------------------------


def test_the_weights_are_powers_of_three_mod_31():
    assert check_by_the_standard("91370000163044841") == "F"
    assert uscc_check_character("91370000163044841") == "F"


@pytest.mark.parametrize("seed", [0, 1, 30, 31, 1000, 123_456, 31**9 - 1])
def test_generated_codes_are_valid(seed):
    code = make_uscc(seed)
    assert len(code) == 18
    assert code[17] == check_by_the_standard(code[:17])
    assert uscc_problem(code) is None
    validate_uscc(code)


def test_generated_codes_differ_by_seed():
    assert len({make_uscc(n) for n in range(500)}) == 500


def test_a_real_format_code_is_valid():
    assert uscc_problem(REAL_FORMAT_USCC) is None


@pytest.mark.parametrize(
    "value",
    [
        "91370000163044841f",
        " 9137 0000 1630 4484 1F ",
        "９１３７００００１６３０４４８４１Ｆ",
        "９１３７００００１６３０４４８４１ｆ",
        "\u300091370000163044841F\t",
    ],
)
def test_lowercase_full_width_and_spaced_input_is_normalised(value):
    assert normalise(value) == REAL_FORMAT_USCC
    assert uscc_problem(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "统一社会信用代码应为18位，实际为0位"),
        (None, "统一社会信用代码应为18位，实际为0位"),
        ("9137000016304484", "统一社会信用代码应为18位，实际为16位"),
        ("91370000163044841FF", "统一社会信用代码应为18位，实际为19位"),
        ("91370000I63044841F", "统一社会信用代码含有不允许的字符：I（不使用 I、O、Z、S、V）"),
        ("9137000O1S3044841Z", "统一社会信用代码含有不允许的字符：OSZ（不使用 I、O、Z、S、V）"),
        ("91370000163044841A", "统一社会信用代码校验位错误：末位应为 F，实际为 A"),
        # 1 → 2 at position 17 adds 3^16 mod 31 = 28: Σ mod 31 goes 16 → 13, check 15 (F) → 18 (J)
        ("91370000163044842F", "统一社会信用代码校验位错误：末位应为 J，实际为 F"),
    ],
)
def test_invalid_codes_are_explained(value, reason):
    assert uscc_problem(value) == reason


def test_every_wrong_check_character_is_caught():
    first17 = REAL_FORMAT_USCC[:17]
    wrong = [c for c in USCC_ALPHABET if c != "F"]
    assert all(uscc_problem(first17 + c) for c in wrong)


def test_validate_uscc_raises_with_the_reason():
    with pytest.raises(ValidationError) as error:
        validate_uscc("91370000163044841A")
    assert error.value.code == "invalid_uscc"
    assert "末位应为 F" in error.value.messages[0]


# --- ID numbers ---------------------------------------------------------------------------------


def test_the_standard_example_is_valid():
    assert id_check_character(STANDARD_ID_NUMBER[:17]) == "X"
    assert id_number_problem(STANDARD_ID_NUMBER) is None


@pytest.mark.parametrize("seed", [0, 7, 123, 999])
def test_generated_id_numbers_are_valid(seed):
    number = make_id_number(seed)
    assert id_number_problem(number) is None
    validate_id_number(number)


@pytest.mark.parametrize(
    "value",
    ["11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２ｘ"],
)
def test_id_numbers_are_normalised(value):
    assert normalise(value) == STANDARD_ID_NUMBER
    assert id_number_problem(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1101051949123100", "身份证号应为18位，实际为16位"),
        ("11010519491231002Y", "身份证号末位应为数字或X"),
        ("1101051949A231002X", "身份证号前17位应为数字"),
        ("110105194912310021", "身份证号校验位错误"),
        ("110105194912310029", "身份证号校验位错误"),
    ],
)
def test_invalid_id_numbers_are_explained(value, reason):
    assert id_number_problem(value) == reason


def test_validate_id_number_raises():
    with pytest.raises(ValidationError) as error:
        validate_id_number("110105194912310021")
    assert error.value.code == "invalid_id"
    assert "身份证号校验位错误" in error.value.messages[0]


# --- Masking ------------------------------------------------------------------------------------


def test_masking_keeps_the_region_and_the_last_four():
    assert mask_id_number(STANDARD_ID_NUMBER) == "110105********002X"
    assert mask_id_number("37010219900101123x") == "370102********123X"


def test_the_mask_hides_the_birth_date():
    number = make_id_number(5, birth="19851231")
    masked = mask_id_number(number)
    assert "19851231" not in masked
    assert len(masked) == 18
    assert masked.count("*") == 8

"""China's national identifiers: validation by check character, normalisation, masking.

- 统一社会信用代码 (USCC, GB 32100-2015): the identity of a provider.
- 居民身份证号 (GB 11643-1999): needed only to match a person across certificates; it is
  validated, hashed and masked, never stored (DESIGN.md §4).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def normalise(value) -> str:
    """Fold full-width characters, drop spaces and upper-case: what people paste from PDFs."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(text.split()).upper()


def uscc_check_character(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(value) -> str | None:
    """Why the code is not a valid USCC, in plain Chinese, or None when it is valid."""
    code = normalise(value)
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际为{len(code)}位"
    bad = sorted({c for c in code if c not in USCC_ALPHABET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(bad)}（不使用 I、O、Z、S、V）"
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：末位应为 {expected}，实际为 {code[17]}"
    return None


def validate_uscc(value) -> None:
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_uscc")


def id_check_character(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_number_problem(value) -> str | None:
    number = normalise(value)
    if len(number) != 18:
        return f"身份证号应为18位，实际为{len(number)}位"
    if not number[:17].isascii() or not number[:17].isdigit():
        return "身份证号前17位应为数字"
    if number[17] not in "0123456789X":
        return "身份证号末位应为数字或X"
    if number[17] != id_check_character(number[:17]):
        return "身份证号校验位错误"
    return None


def validate_id_number(value) -> None:
    problem = id_number_problem(value)
    if problem:
        raise ValidationError(
            _("身份证号无效：%(reason)s") % {"reason": problem}, code="invalid_id"
        )


def mask_id_number(value) -> str:
    """370102199001011234 → 370102********123X style: region and last four only."""
    number = normalise(value)
    return number[:6] + "*" * 8 + number[-4:]


def make_uscc(seed: int) -> str:
    """A well-formed USCC derived from an integer, for demo content and tests.

    Registration authority 9 (工商) and type 1 (企业), a Shandong division code, then a
    9-character organisation code taken from the seed.
    """
    body = []
    n = seed
    for _position in range(9):
        n, r = divmod(n, 31)
        body.append(USCC_ALPHABET[r])
    first17 = "91" + "370100" + "".join(reversed(body))
    return first17 + uscc_check_character(first17)


def make_id_number(seed: int, birth: str = "19900101", region: str = "370102") -> str:
    """A well-formed (fictional) ID number for tests and demo content."""
    first17 = region + birth + f"{seed % 1000:03d}"
    return first17 + id_check_character(first17)

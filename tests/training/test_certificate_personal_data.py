"""Personal data: the ID number is validated, hashed with the configured key and masked; names
are compared after folding (full-width, spaces, the separator dot)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.identifiers import make_id_number
from training.personal import (
    hash_id_number,
    id_fingerprint,
    mask_for_display,
    mask_name,
    names_match,
)

NUMBER = make_id_number(123, birth="19900101")


def test_the_fingerprint_is_a_keyed_hash_and_a_masked_number(settings):
    fingerprint = id_fingerprint(NUMBER)
    assert len(fingerprint.hash) == 64 and NUMBER not in fingerprint.hash
    assert fingerprint.masked == NUMBER[:6] + "********" + NUMBER[-4:]
    # Full-width digits and spaces are folded first: the same person, the same hash.
    full_width = " ".join(NUMBER[:9]).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert id_fingerprint(full_width + NUMBER[9:]).hash == fingerprint.hash
    # Another key gives another hash: the hash cannot be recomputed without the key.
    settings.CERTIFICATE_HASH_KEY = "another-key"
    assert id_fingerprint(NUMBER).hash != fingerprint.hash


def test_a_lower_case_x_is_the_same_number():
    number = next(
        make_id_number(n, birth="19850505")
        for n in range(100)
        if make_id_number(n, birth="19850505").endswith("X")
    )
    assert id_fingerprint(number.lower()).hash == id_fingerprint(number).hash


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "18位"),
        (NUMBER[:17] + ("0" if NUMBER[17] != "0" else "1"), "校验位"),
        ("37010219900101123", "18位"),
        ("３７０１０２１９９０ab０１０１２３", "前17位"),
        ("' OR 1=1 --", "18位"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason_that_does_not_repeat_them(value, reason):
    with pytest.raises(ValueError, match=reason) as error:
        id_fingerprint(value)
    if len(value) >= 10:
        assert value not in str(error.value)


def test_no_key_no_hash(settings):
    settings.CERTIFICATE_HASH_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        hash_id_number(NUMBER)


def test_masks():
    assert mask_name("张三") == "张*"
    assert mask_name("张三丰") == "张*丰"
    assert mask_name("欧阳娜娜") == "欧**娜"
    assert mask_name("买买提·艾力") == "买****力"
    assert mask_for_display(NUMBER) == NUMBER[:6] + "********" + NUMBER[-4:]
    assert mask_for_display("12345") == "*****"


def test_names_match_after_folding():
    assert names_match("张三丰", "张三丰")
    assert names_match(" 张 三丰 ", "张三丰")
    assert names_match("买买提•艾力", "买买提·艾力")
    assert names_match("ｊｏｈｎ smith", "John Smith")
    assert not names_match("张三", "张三丰")
    assert not names_match("", "张三丰")

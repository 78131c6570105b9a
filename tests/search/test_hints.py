"""Known words close to a query that found nothing (search.hints.close_words)."""

import pytest

from search.hints import close_words


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("数子孪生", "数字孪生"),
        ("烟台 仓储管里", "烟台 仓储管理"),
        ("qingdoa", "qingdao"),
        ("Yantia", "yantai"),
        ("predictve maintenance", "predictive maintenance"),
    ],
)
def test_a_slip_is_put_right(query, hint):
    assert close_words(query)[0] == hint


def test_a_latin_word_merely_sharing_letters_is_no_hint():
    assert "liaocheng" not in close_words("shuzi luansheng")  # pinyin of 数字孪生, no city

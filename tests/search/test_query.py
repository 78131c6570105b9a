"""What a backend is asked to match for a query (search/query.py)."""

import pytest
from modelsearch.query import And, Or, PlainText

from search.query import NEAR, TOGETHER, Near, Written, analyse, without_held_words

pytestmark = pytest.mark.django_db  # the dictionary holds the taxonomy's names


def matched(query) -> list[str]:
    held = without_held_words(query)
    return [repr(q) for q in (held.subqueries if isinstance(held, And) else [held])]


@pytest.mark.parametrize(
    "words, pair",
    [(TOGETHER, "<WrittenWhole '数字科技'>"), (NEAR, "<Near ('数字',) ('科技',)>")],
)
def test_the_words_of_a_pair_are_matched_through_the_pair_alone(words, pair):
    """数字科技 is matched as its pair, which every text the words alone would add to it has;
    the city typed apart stays a word of its own."""
    assert matched(analyse("青岛 数字科技", words=words)) == [repr(PlainText("青岛")), pair]


def test_a_word_in_several_spellings_is_left_to_the_pair_in_each_of_them():
    query = analyse("制造执行系统实施", words=TOGETHER)

    assert matched(query) == [
        "<Or <Written '制造 造执 执行 行系 系统 统实 实施'> <Written 'mes 实施'> "
        "<Written '生产 产执 执行 行系 系统 统实 实施'>>"
    ]


def test_a_session_number_joined_by_its_bigram_keeps_its_words():
    """第三期培训班's junction (期培) is no pair of words: texts with it may lack them."""
    query = analyse("第三期培训班", words=TOGETHER)

    assert matched(query) == [repr(q) for q in query.subqueries]


@pytest.mark.parametrize(
    "word, pairs",
    [
        # In no dictionary: not indexed where 数字科技 is written.
        (PlainText("字科技"), Written("数字科技", "服务")),
        # Only one way of writing the pair has the acronym.
        (PlainText("mes"), Or([Written("数字", "科技"), Written("mes", "科技")])),
        (PlainText("实施"), Written("数字", "科技")),
    ],
)
def test_a_word_is_kept_where_some_way_of_writing_the_pair_lacks_it(word, pairs):
    assert matched(And([word, pairs])) == [repr(word), repr(pairs)]


def test_an_acronym_the_pair_writes_is_left_to_it():
    pair = Near(("mes", "制造执行系统"), ("实施",))

    assert matched(
        And([PlainText("实施"), Or([PlainText("mes"), PlainText("制造执行系统")]), pair])
    ) == [repr(pair)]

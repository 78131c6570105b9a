"""The fair relevance order: bands of the best score, then the fair order within a band."""

import random

import pytest

from search.ranking import rank_fairly, rank_positions


def test_scores_that_round_to_the_same_tenth_of_the_best_share_a_band_in_fair_order():
    rows = [("b", 4.6, 2), ("a", 5.0, 3), ("c", 4.8, 1), ("d", 2.5, 0), ("e", 0.0, 4)]
    assert [key for key, _score, _fair in rank_fairly(rows)] == ["c", "a", "b", "d", "e"]


@pytest.mark.parametrize("size", [7, 40_000, 2**40])
def test_a_listings_positions_rank_as_their_rows_would(size):
    """The facet index ranks its positions without building rows, and orders them as the
    search backend orders rows with the positions as the fair key, however long the list."""
    shuffle = random.Random(size)
    positions = {*shuffle.sample(range(size), min(size, 500)), size - 1}
    rows = [(p, shuffle.choice([0.0, 0.3, 2.5, 2.55, 7.0, 9.96, 10.0])) for p in positions]
    hits, scores = zip(*rows, strict=True)
    for best in (10.0, None):  # None: the rows' best
        ranked = rank_fairly([(p, s, p) for p, s in rows], best=best)
        expected = [p for p, _score, _fair in ranked]
        assert rank_positions(hits, scores, best=best, size=size) == expected
    assert rank_positions([], [], best=None, size=size) == []

"""The fair relevance order, shared by the search backend and the facet index.

Equal scores are ordered by the entry's fair key (a stable hash of its identity), never by
primary key, so no entry is favoured by when it was entered. Scores count as equal within the
same tenth of the best score: BM25 moves by a few per cent with incidental length differences
(a longer address, a code that splits into more tokens), which is no reason to rank one
provider above another.
"""

from collections import defaultdict
from operator import itemgetter

SCORE_BANDS = 1  # decimal places of score / best score


def rank_fairly(
    rows: list[tuple], *, best: float | None = None, in_fair_order: bool = False
) -> list[tuple]:
    """``rows`` of ``(key, score, fair, …)`` (higher score is better) best first: by band of
    the best score (``best``, else the rows' best), then by ``fair``, then by ``key``.
    ``in_fair_order``: the rows are already in that order (and need no ``fair``)."""
    if not rows:
        return rows
    if best is None:
        best = max(row[1] for row in rows)
    best = best or 1.0
    # Rows in fair order, then dealt into their bands (a frequent word ranks thousands of hits
    # per request).
    bands = defaultdict(list)
    for row in rows if in_fair_order else sorted(rows, key=itemgetter(2, 0)):
        bands[round(row[1] / best, SCORE_BANDS)].append(row)
    return [row for band in sorted(bands, reverse=True) for row in bands[band]]

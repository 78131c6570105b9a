"""The fair relevance order, shared by the search backend and the facet index.

Equal scores are ordered by the entry's fair key (a stable hash of its identity), never by
primary key, so no entry is favoured by when it was entered. Scores count as equal within the
same tenth of the best score: BM25 moves by a few per cent with incidental length differences
(a longer address, a code that splits into more tokens), which is no reason to rank one
provider above another.
"""

from collections import defaultdict
from operator import itemgetter

BANDS = 10  # bands per best score: a tenth of it each


def band_scale(best: float | None) -> float:
    """The factor that turns a score into its band number (``round(score * factor)``, the
    best score's band is BANDS)."""
    return BANDS / (best or 1.0)


def rank_fairly(rows: list[tuple], *, best: float | None = None) -> list[tuple]:
    """``rows`` of ``(key, score, fair, …)`` (higher score is better) best first: by band of
    the best score (``best``, else the rows' best), then by ``fair``, then by ``key``."""
    if not rows:
        return rows
    if best is None:
        best = max(row[1] for row in rows)
    scale = band_scale(best)
    # Rows in fair order, then dealt into their bands (a frequent word ranks thousands of hits
    # per request).
    bands = defaultdict(list)
    for row in sorted(rows, key=itemgetter(2, 0)):
        bands[round(row[1] * scale)].append(row)
    return [row for band in sorted(bands, reverse=True) for row in bands[band]]


def rank_positions(
    positions: list[int], scores: list[float], *, best: float | None, size: int
) -> list[int]:
    """``positions`` (all below ``size``) best first by their ``scores`` (the same length, in
    the same order), by band of the best score (``best``, else the best of ``scores``), as
    :func:`rank_fairly` orders them when a lower position is the fairer one (a listing's
    positions are in fair order). Each becomes one integer, band above position, and the
    integers are sorted: a frequent word ranks thousands of hits per request, and sorting
    tuples costs three times as much (as does sorting integers of more than 30 bits); two
    lists rather than a list of pairs, as a tuple per hit is also an object for the garbage
    collector to count and, at its thresholds, to walk."""
    if best is None:
        best = max(scores, default=None)
    scale = band_scale(best)
    low_bits = max(size - 1, 1).bit_length()
    keys = [
        (BANDS - round(score * scale)) << low_bits | position
        for position, score in zip(positions, scores, strict=True)
    ]
    keys.sort()
    mask = (1 << low_bits) - 1
    return [key & mask for key in keys]

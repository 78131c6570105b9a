"""Snippets of text around the words a visitor searched for, with those words marked."""

import re
from bisect import bisect_left
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold, latin_word_pattern, query_terms, simplified

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


# A search page marks the query in each result's title and snippet: forty times the same.
@lru_cache(maxsize=256)
def _term_needles(query: str, similar: bool = False) -> tuple[tuple[re.Pattern, ...], ...]:
    """The needles of each of the query's terms (a word and its synonyms: MES, 制造执行系统;
    with ``similar``, the spellings a search that found nothing as typed looked for too)."""
    if not query:
        return ()
    return tuple(
        tuple(_pattern(alt) for alt in term.alternatives if alt)
        for term in query_terms(query, similar=similar)
    )


def _pattern(needle: str) -> re.Pattern:
    """A Chinese needle anywhere; a Latin one as a word (rag, not the rag of storage), as the
    index has it, and with hyphens too (sdwan marks SD-WAN), as the index finds it."""
    if not needle.isascii():
        return re.compile(re.escape(needle))
    return re.compile(latin_word_pattern(needle))


def _folded(text: str) -> str:
    folded = fold(text)
    # NFKC changed the length: fall back to the folds that keep it, so positions stay the text's.
    return folded if len(folded) == len(text) else simplified(text.lower())


#: The most matches a window may start at (:func:`_window`): a long text with thousands of
#: matches would otherwise cost a scan of them all from each.
MAX_WINDOWS = 64


# A result's snippet text is windowed twice: to tell what it shows (excerpt), then to mark it.
@lru_cache(maxsize=256)
def _window(
    text: str, terms: tuple[tuple[re.Pattern, ...], ...], length: int
) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Where the excerpt of ``text`` (spaces collapsed) starts, and where the ``terms``
    (needles per term) occur in it, merged; matching ignores case and width. The window,
    starting a little before a match, covers the most of the terms, then the most matches
    (青岛 and 数字孪生 once each before 数字孪生 twice)."""
    folded = _folded(text)
    found = sorted(
        (match.start(), match.end(), i)
        for i, needles in enumerate(terms)
        for needle in needles
        for match in needle.finditer(folded)
    )
    spans: list[tuple[int, int]] = []
    for start, end, _term in found:
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    starts = [start for start, _end, _term in found]
    span_starts = [start for start, _end in spans]
    best_start, best_score = 0, (-1, -1)
    for start, _end in spans[:MAX_WINDOWS]:
        window_start = max(0, start - length // 4)
        window_end = window_start + length
        inside = found[bisect_left(starts, window_start) : bisect_left(starts, window_end)]
        covered = {term for _s, end, term in inside if end <= window_end}
        first, last = bisect_left(span_starts, window_start), bisect_left(span_starts, window_end)
        hits = sum(1 for _s, end in spans[first:last] if end <= window_end)
        if (len(covered), hits) > best_score:
            best_start, best_score = window_start, (len(covered), hits)
    return best_start, tuple(spans)


def excerpt(text: str, query: str, *, length: int = 120, similar: bool = False) -> str:
    """The plain text of :func:`highlight`'s excerpt, without its marks and ellipses."""
    text = " ".join((text or "").split())
    start, _matches = _window(text, _term_needles(query, similar), length)
    return text[start : start + length]


def highlight(text: str, query: str, *, length: int = 120, similar: bool = False) -> SafeString:
    """An escaped excerpt of about `length` characters around the densest cluster of matches,
    with the matches wrapped in <mark> (``similar``: see :func:`_term_needles`)."""
    return _marked(text, _term_needles(query, similar), length)


def _marked(text: str, terms: tuple[tuple[re.Pattern, ...], ...], length: int) -> SafeString:
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    best_start, spans = _window(text, terms, length)
    if not spans:
        excerpt = text[:length] + ("…" if len(text) > length else "")
        return mark_safe(escape(excerpt))  # noqa: S308 - escaped above

    window_end = min(len(text), best_start + length)

    pieces = ["…" if best_start > 0 else ""]
    cursor = best_start
    for start, end in spans:
        if end <= best_start or start >= window_end:
            continue
        start, end = max(start, best_start), min(end, window_end)
        pieces.append(escape(text[cursor:start]))
        pieces.append(MARK_OPEN + escape(text[start:end]) + MARK_CLOSE)
        cursor = end
    pieces.append(escape(text[cursor:window_end]))
    pieces.append("…" if window_end < len(text) else "")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped


def _terms_held(text: str, terms: tuple[tuple[re.Pattern, ...], ...]) -> set[int]:
    folded = _folded(" ".join((text or "").split()))
    return {i for i, needles in enumerate(terms) if any(n.search(folded) for n in needles)}


def missing_terms(shown: str, query: str, *, similar: bool = False) -> set[int]:
    """The query's terms (by their place in it) that ``shown`` (the title and snippet text of
    a result) lacks, in all of their spellings."""
    terms = _term_needles(query, similar)
    return set(range(len(terms))) - _terms_held(shown, terms)


def where_matched(
    texts, query: str, missing: set[int], *, similar: bool = False
) -> list[tuple[str, SafeString]]:
    """``(label, marked excerpt)`` of the first of ``texts`` (``(label, text)`` pairs) to hold
    each of the ``missing`` terms (:func:`missing_terms` of what a result shows), which are
    taken out of ``missing`` as they are found: a provider found for 青岛 数字孪生 by its
    细分类型, not its introduction, says so, or the visitor sees nothing of why it is
    listed."""
    terms = _term_needles(query, similar)
    found = []
    for label, text in texts:
        if not missing:
            break
        here = _terms_held(text, terms) & missing
        if here:
            # Around and marking the words it is shown for.
            shown_for = tuple(terms[i] for i in sorted(here))
            found.append((label, _marked(text, shown_for, MATCHED_LENGTH)))
            missing -= here
    return found


#: The length of an excerpt that says where a result matched (:func:`where_matched`).
MATCHED_LENGTH = 60

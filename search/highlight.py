"""Snippets of text around the words a visitor searched for, with those words marked."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold, latin_word_pattern, query_terms

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


# A search page marks the query in each result's title and snippet: forty times the same.
@lru_cache(maxsize=256)
def _needles(query: str) -> tuple[re.Pattern, ...]:
    needles = {alt for term in query_terms(query) for alt in term.alternatives if alt}
    # Longest first: 制造执行系统 before 制造.
    return tuple(map(_pattern, sorted(needles, key=len, reverse=True)))


def _pattern(needle: str) -> re.Pattern:
    """A Chinese needle anywhere; a Latin one as a word (rag, not the rag of storage), as the
    index has it, and with hyphens too (sdwan marks SD-WAN), as the index finds it."""
    if not needle.isascii():
        return re.compile(re.escape(needle))
    return re.compile(latin_word_pattern(needle))


def _spans(text: str, needles: tuple[re.Pattern, ...]) -> list[tuple[int, int]]:
    """Where the needles occur in the text, merged; matching ignores case and width."""
    folded = fold(text)
    if len(folded) != len(text):  # NFKC changed the length: fall back to case folding only
        folded = text.lower()
    spans = []
    for needle in needles:
        for match in needle.finditer(folded):
            spans.append((match.start(), match.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, query: str, *, length: int = 120) -> SafeString:
    """An escaped excerpt of about `length` characters around the densest cluster of matches,
    with the matches wrapped in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    spans = _spans(text, _needles(query)) if query else []
    if not spans:
        excerpt = text[:length] + ("…" if len(text) > length else "")
        return mark_safe(escape(excerpt))  # noqa: S308 - escaped above

    # The window (starting a little before a match) that covers the most matches.
    best_start, best_hits = 0, -1
    for start, _end in spans:
        window_start = max(0, start - length // 4)
        hits = sum(1 for s, e in spans if s >= window_start and e <= window_start + length)
        if hits > best_hits:
            best_start, best_hits = window_start, hits
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

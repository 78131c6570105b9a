"""Hints for a search that found nothing: known words close to what was typed (您是不是要找).

The words are the domain's (its dictionary, the acronyms' Chinese names) and what the English
site is searched by (the concepts' English names, the cities in pinyin). A hint is a link, so
only hints that find something are offered: the caller says what finding is (the site search
looks in every tab; a directory in its own list).
"""

import difflib
from collections import defaultdict
from collections.abc import Callable
from functools import cache

from .analysis import DICTIONARY, fold, in_dictionary, query_terms, tokenizer
from .synonyms import ACRONYMS, ENGLISH_NAMES, PINYIN_PLACES, chinese_names

MAX_HINTS = 4
#: Hints searched for at most, to offer MAX_HINTS that find something: a page that found
#: nothing pays a search for each.
MAX_TRIED = 8
#: How like a known word a Latin word of a query must be to suggest it (difflib's ratio).
LATIN_CUTOFF = 0.8


@cache
def _vocabulary() -> tuple[str, ...]:
    """The words a hint may offer: the domain's, the acronyms' Chinese names, and what an
    English visitor types for them (predictive maintenance, Qingdao)."""
    words = [line.strip() for line in DICTIONARY.read_text("utf-8").splitlines()]
    words += [*chinese_names(), *ENGLISH_NAMES, *PINYIN_PLACES]
    return tuple(sorted({w for w in words if w}))


#: The shortest part of a known word a query may be one character off: two-character words
#: one character off are too many and too unlike each other (管里: 管理, 代理, 护理 …).
SLIP_MIN_CHARS = 3


@cache
def _slips() -> dict[str, frozenset[str]]:
    """``{a text with one character blanked (\\0): the known words, and parts of them of at
    least SLIP_MIN_CHARS characters, written so}``: what a query one character off (a slip of
    the input method: 仓储管里, 数子孪生) was likely meant to be."""
    table = defaultdict(set)
    # Chinese words: an English visitor's slips are difflib's (qingdoa, predictve).
    for word in (word for word in _vocabulary() if not word.isascii()):
        for length in range(SLIP_MIN_CHARS, len(word) + 1):
            for start in range(len(word) - length + 1):
                part = word[start : start + length]
                if part != word and not _whole_words(part):
                    continue
                for i in range(length):
                    table[f"{part[:i]}\0{part[i + 1 :]}"].add(part)
    return {blanked: frozenset(parts) for blanked, parts in table.items()}


def _whole_words(part: str) -> bool:
    """Whether a part of a known word is words of its own: a word of the dictionary, or one
    that cuts no word at either end (仓储管理 of 仓储管理系统: 仓储 管理), not a cut one (设备管
    of 设备管理, 数字化咨 of 数字化咨询, 预测与 of 故障预测与健康管理)."""
    if in_dictionary(part):
        return True
    words = tokenizer().lcut(part, HMM=False)
    return len(words[0]) > 1 and len(words[-1]) > 1


def _one_character_off(text: str) -> list[str]:
    """Known words (or their heads and the words inside them: 仓储管理 of 仓储管理系统) that
    differ from ``text`` in one character, in order; none for a word of the dictionary
    (预测性 is no slip for 预测与, nor 服务商 for 服务总)."""
    if in_dictionary(text):
        return []
    slips = _slips()
    found = set()
    for i in range(len(text)):
        found |= slips.get(f"{text[:i]}\0{text[i + 1 :]}", frozenset())
    return sorted(found - {text})


def _put_right(query: str) -> list[str]:
    """The query with a part one character off a known word put right (烟台 仓储管里: 烟台
    仓储管理), each way it can be."""
    parts = fold(query).split()
    return [
        " ".join([*parts[:i], word, *parts[i + 1 :]])
        for i, part in enumerate(parts)
        for word in _one_character_off(part)
    ]


def close_words(query: str) -> list[str]:
    """Known words close to the query's terms, best first: the query with a part one
    character off a known word put right (烟台 仓储管里: 烟台 仓储管理), then words like the
    whole query or like one of its terms."""
    hints = _put_right(query)
    whole = "".join(fold(query).split())
    hints += difflib.get_close_matches(whole, _vocabulary(), n=2, cutoff=0.75)
    for term in query_terms(query):
        if len(term.text) < 2 or term.text in ACRONYMS:
            continue
        hints += _one_character_off(term.text)
        # A Latin word is a slip when most of it is right (qingdoa, yantia); pinyin words share
        # most of their letters (luansheng is 0.67 like liaocheng).
        cutoff = LATIN_CUTOFF if term.text.isascii() else 0.6
        hints += difflib.get_close_matches(term.text, _vocabulary(), n=2, cutoff=cutoff)
    return [hint for hint in dict.fromkeys(hints) if hint not in query]


def correction(query: str, *, finds: Callable[[str], bool]) -> str | None:
    """The query put right where exactly one way of putting a part of it right finds
    something (数子孪生: 数字孪生), which a search that found nothing may show instead; None
    where none does or several do (管里 is as likely 管理 as 代理: the visitor chooses)."""
    found = [hint for hint in _put_right(query)[:MAX_TRIED] if finds(hint)]
    return found[0] if len(found) == 1 else None


def is_correction(corrected: str, query: str) -> bool:
    """Whether ``corrected`` is a way of putting ``query`` right (:func:`correction`)."""
    return corrected in _put_right(query)


def spelling_hints(query: str, *, finds: Callable[[str], bool]) -> list[str]:
    """At most MAX_HINTS of the first MAX_TRIED :func:`close_words`, those for which ``finds``
    is true (each is a search)."""
    tried = close_words(query)[:MAX_TRIED]
    return [word for word in tried if finds(word)][:MAX_HINTS]

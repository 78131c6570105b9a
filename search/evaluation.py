"""Measured search quality: precision@10 and recall@100 per kind of query.

The evaluation set (search/evaluation/queries.json) is generated from the demo content: for
each query, the entries a visitor should get back are those whose visible text contains every
word of the query (or a spelling it finds: for an acronym, its Chinese name and back; for a
Chinese short form, its full name; a Latin word with hyphens or without), found by scanning
the text in Python — no search engine, tokenizer or index is involved in deciding what is
relevant. The judgement shares the synonym table with the search, so a wrong pair in it cannot
lower the score: the table's entries are checked by their tests, not here.
The search then runs exactly as the site runs it (each type's listing, relevance order).

Kinds: concept (预测性维护), a concept the domain dictionary lacks, typed as one (库存管理:
its two words as written, not each anywhere), city + concept (烟台 设备运维), part of a company
name (智恒), subtype name (能源管理服务商), acronym ↔ Chinese name (MES / 制造执行系统), and
concepts absent from the data, which must find nothing.
"""

import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from django.http import QueryDict
from wagtail.models import Locale

from . import registry
from .analysis import (
    CITIES,
    DICTIONARY,
    PLACE_NAMES,
    fold,
    latin_word_pattern,
    query_terms,
    tokenizer,
)
from .synonyms import ACRONYMS, equivalents

EVALUATION_SET = Path(__file__).resolve().parent / "evaluation" / "queries.json"
KINDS = [
    "concept",
    "unlisted_concept",
    "city_concept",
    "name_part",
    "subtype",
    "acronym",
    "absent",
]
PRODUCT_TERMS = [
    "预测性维护",
    "设备运维",
    "质量追溯",
    "视觉质检",
    "能耗监测",
    "数字孪生",
    "智能仓储",
    "排产",
    "供应链协同",
    "财务共享",
    "营销数字化",
    "售后服务",
    "安全生产",
    "双重预防",
    "设备联网",
    "边缘计算",
    "数据中台",
    "知识库",
    "工业网关",
    "等保测评",
    "立体库",
    "条码",
    "电子签章",
    "能源管理",
    "私有化部署",
    "云平台",
    "振动监测",
    "工艺优化",
    "仿真分析",
    "协同办公",
]
ABSENT = [
    "区块链溯源",
    "元宇宙展厅",
    "卫星遥感",
    "量子计算",
    "核电站",
    "深海养殖",
    "航天测控",
    "基因测序",
    "碳交易撮合",
    "无人驾驶出租车",
    "脑机接口",
    "游艇租赁",
]


@dataclass
class Document:
    type: str
    key: str
    text: str  # folded visible text


def _contains(text: str, word: str) -> bool:
    word = fold(word)
    if re.fullmatch(r"[a-z0-9]+", word):
        return re.search(latin_word_pattern(word), text) is not None
    return word in text


def relevant(documents: list[Document], query: str) -> list[Document]:
    """Entries whose visible text has every word of the query (or a synonym of it)."""
    words = query.split()
    return [
        doc
        for doc in documents
        if all(
            any(_contains(doc.text, spelling) for spelling in [word, *equivalents(fold(word))])
            for word in words
        )
    ]


def load_documents() -> list[Document]:
    locale = Locale.get_default()
    documents = []
    for search_type in registry.search_types():
        index_page = search_type.index_page(locale)
        if index_page is None:
            continue
        listing = search_type.listing_class(QueryDict(), index_page=index_page)
        for obj in listing.filtered.specific():
            documents.append(
                Document(
                    search_type.key,
                    search_type.natural_key(obj),
                    fold(search_type.visible_text(obj)),
                )
            )
    return documents


def generate(documents: list[Document], *, rng: random.Random) -> list[dict]:
    """Queries of every kind with the entries each should find."""
    by_count = lambda q: len(relevant(documents, q))  # noqa: E731
    queries: list[tuple[str, str]] = []

    vocabulary = [w.strip() for w in DICTIONARY.read_text("utf-8").splitlines() if w.strip()]
    concepts = [w for w in dict.fromkeys(PRODUCT_TERMS + vocabulary) if len(w) >= 2]
    concepts = [w for w in concepts if w not in CITIES and 1 <= by_count(w) <= 150]
    queries += [("concept", w) for w in rng.sample(concepts, min(30, len(concepts)))]

    queries += [("unlisted_concept", w) for w in unlisted_concepts(documents, rng=rng)]

    pairs = [(c, w) for c in CITIES for w in PRODUCT_TERMS if by_count(f"{c} {w}") >= 1]
    queries += [("city_concept", f"{c} {w}") for c, w in rng.sample(pairs, min(25, len(pairs)))]

    names = [doc.text for doc in documents if doc.type == "provider"]
    cores = {}
    for text in names:
        core = re.match(r"[\u4e00-\u9fff]{2}", text)
        if core and core.group() not in CITIES and core.group() != "山东":
            cores[core.group()] = by_count(core.group())
    fragments = sorted(core for core, n in cores.items() if 1 <= n <= 40)
    queries += [("name_part", f) for f in rng.sample(fragments, min(20, len(fragments)))]

    subtypes = [w for w in vocabulary if w.endswith("服务商") and len(w) > 5 and by_count(w)]
    queries += [("subtype", w) for w in subtypes]

    for acronym, names in ACRONYMS.items():
        if by_count(acronym):
            queries.append(("acronym", acronym.upper()))
            queries.append(("acronym", names[0]))

    queries += [("absent", w) for w in ABSENT if by_count(w) == 0]

    return [
        {
            "kind": kind,
            "query": query,
            "expected": sorted(f"{d.type}:{d.key}" for d in relevant(documents, query)),
        }
        for kind, query in queries
    ]


def unlisted_concepts(documents: list[Document], *, rng: random.Random, count=30) -> list[str]:
    """Two words typed as one that the domain dictionary does not hold as one word (库存管理,
    设备巡检; also pairs that are no concept, 进行在线): two words of two characters side by
    side in the texts (as the word segmentation cuts them), which a query of them splits into
    the same two words, written so in 2 to 150 entries. A query of a city and a word is city +
    concept, a kind of its own."""
    cut = tokenizer().cut
    pairs = set()
    for doc in documents:
        for run in re.findall(r"[\u4e00-\u9fff]{4,}", doc.text):
            words = list(cut(run, HMM=False))
            pairs.update(
                first + second
                for first, second in pairwise(words)
                if len(first) == len(second) == 2 and not {first, second} & PLACE_NAMES
            )
    concepts: list[str] = []
    for pair in rng.sample(sorted(pairs), len(pairs)):
        if len(concepts) == count:
            break
        split = [term.text for term in query_terms(pair)]
        if split == [pair[:2], pair[2:]] and 2 <= len(relevant(documents, pair)) <= 150:
            concepts.append(pair)
    return concepts


def write_set(entries: list[dict]) -> None:
    EVALUATION_SET.parent.mkdir(exist_ok=True)
    EVALUATION_SET.write_text(
        json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def read_set() -> list[dict]:
    return json.loads(EVALUATION_SET.read_text("utf-8"))


def ranked(query: str) -> dict[str, list[str]]:
    """The site's results for the query, per type, best first, as natural keys."""
    locale = Locale.get_default()
    results = {}
    for search_type in registry.search_types():
        index_page = search_type.index_page(locale)
        if index_page is None:
            continue
        params = QueryDict(mutable=True)
        params["q"] = query
        listing = search_type.listing_class(params, index_page=index_page)
        ids = listing.ordered_ids()[:100]
        objects = {o.pk: o for o in search_type.listing_class.model.objects.filter(pk__in=ids)}
        results[search_type.key] = [
            f"{search_type.key}:{search_type.natural_key(objects[pk])}"
            for pk in ids
            if pk in objects
        ]
    return results


def score(entry: dict, results: dict[str, list[str]]) -> tuple[float, float]:
    """(precision@10, recall@100) of one query, over each type's list, averaged over the types
    where something was expected or found."""
    expected = set(entry["expected"])
    precisions, recalls = [], []
    for type_key, keys in results.items():
        wanted = {k for k in expected if k.startswith(f"{type_key}:")}
        if not wanted and not keys:
            continue
        top = keys[:10]
        precisions.append(sum(k in wanted for k in top) / len(top) if top else 0.0)
        recalls.append(
            sum(k in wanted for k in keys[:100]) / min(len(wanted), 100) if wanted else 1.0
        )
    if not precisions:  # nothing expected, nothing found: perfect
        return 1.0, 1.0
    return sum(precisions) / len(precisions), sum(recalls) / len(recalls)


def evaluate(entries: list[dict]):
    per_kind = defaultdict(list)
    misses = []
    for entry in entries:
        precision, recall = score(entry, ranked(entry["query"]))
        per_kind[entry["kind"]].append((precision, recall))
        if precision < 1 or recall < 1:
            misses.append((entry["kind"], entry["query"], precision, recall))
    return per_kind, misses

"""The committed evaluation set behind `make search-eval`, and its relevance oracle."""

import random
from collections import Counter

from search import evaluation
from search.evaluation import Document, relevant, unlisted_concepts


def test_the_set_covers_every_kind_with_over_a_hundred_queries():
    entries = evaluation.read_set()
    kinds = Counter(entry["kind"] for entry in entries)
    assert len(entries) >= 100
    assert set(kinds) == set(evaluation.KINDS)
    assert all(entry["expected"] == [] for entry in entries if entry["kind"] == "absent")
    assert all(entry["expected"] for entry in entries if entry["kind"] != "absent")


def test_relevance_needs_every_word_or_its_synonym():
    docs = [
        Document("provider", "a", "烟台海纳 提供mes(制造执行系统)实施"),
        Document("provider", "b", "青岛博远 erp实施 times"),
    ]
    assert [d.key for d in relevant(docs, "烟台 制造执行系统")] == ["a"]
    assert [d.key for d in relevant(docs, "MES")] == ["a"]  # not the "mes" inside "times"
    assert relevant(docs, "青岛 MES") == []


def test_relevance_takes_a_hyphenated_word_written_as_one():
    docs = [Document("provider", "a", "企业sd-wan组网"), Document("provider", "b", "wan优化")]
    assert [d.key for d in relevant(docs, "sdwan")] == ["a"]
    assert [d.key for d in relevant(docs, "SD-WAN")] == ["a"]


def test_relevance_takes_a_number_as_the_index_splits_it():
    docs = [Document("provider", "a", "支持5g专网"), Document("provider", "b", "支持25g光模块")]
    assert [d.key for d in relevant(docs, "5G")] == ["a"]


def test_unlisted_concepts_are_two_words_written_together_in_the_texts():
    docs = [
        Document("provider", str(n), text)
        for n, text in enumerate(
            [
                "专业库存管理服务",
                "库存管理与仓储",
                "青岛软件企业",
                "青岛软件服务",
                "盘点库存，质量管理",
            ]
        )
    ]
    # 青岛软件 is a city and a word; 库存 and 管理 apart (盘点库存，质量管理) are no concept.
    assert unlisted_concepts(docs, rng=random.Random(1)) == ["库存管理"]

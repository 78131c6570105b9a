"""The search-engine backend: index settings, documents and queries are checked without a
server; the live tests run when ELASTICSEARCH_URL names one."""

import logging
import os

import pytest
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from catalogue import taxonomy
from catalogue.factories import ProviderIndexPageFactory, ProviderPageFactory
from catalogue.models import ProviderPage, Region
from search.backends.elasticsearch import SearchBackend, near_intervals
from search.query import Near, analyse, searched_forms

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens there


def backend(url=UNREACHABLE, **params):
    return SearchBackend({"URLS": [url], "TIMEOUT": 1, **params})


def engine_settings(url):
    return {
        "default": {"BACKEND": "search.backends.elasticsearch", "URLS": [url], "TIMEOUT": 2},
        "fallback": {"BACKEND": "search.backends.database"},
    }


def test_index_settings_keep_the_analysed_tokens_intact():
    analyzers = backend().settings["settings"]["analysis"]["analyzer"]
    for name in ("default", "default_search", "edgengram_analyzer"):
        assert analyzers[name]["tokenizer"] == "whitespace"
        assert "lowercase" in analyzers[name]["filter"]


@pytest.mark.parametrize("engine", ["elasticsearch8", "elasticsearch9"])
def test_every_supported_engine_gets_the_same_analysis(engine):
    analyzers = backend(ENGINE=engine).settings["settings"]["analysis"]["analyzer"]
    assert analyzers["default"]["tokenizer"] == "whitespace"


def test_unknown_engine_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="Unknown search engine"):
        backend(ENGINE="solr")


@pytest.mark.django_db
def test_documents_carry_analysed_chinese_text(home):
    index = ProviderIndexPageFactory(parent=home)
    provider = ProviderPageFactory(
        parent=index, title="山东智恒数字科技有限公司", introduction="提供供应链管理服务。"
    )
    document = backend().mapping_class(ProviderPage).get_document(provider)

    title_tokens = document["title"].split()
    assert "智恒" in title_tokens
    introduction = next(v for k, v in document.items() if k.endswith("introduction"))
    assert "供应 应链" in introduction


@pytest.mark.django_db
def test_query_requires_every_term_as_word_or_bigram_phrase():
    compiler_class = backend().query_compiler_class
    query = compiler_class(ProviderPage.objects.all(), analyse("青岛 数字孪生 恒拓达")).get_query()
    text = str(query)

    assert "'must'" in text  # terms are ANDed
    assert "'青岛'" in text
    # A word of the dictionary is indexed wherever a text writes it: its token is enough.
    assert "'数字孪生'" in text and "'数字 字孪 孪生'" not in text
    assert "'恒拓 拓达'" in text  # a name's fragment, in no dictionary: its bigram phrase
    assert "match_phrase" in text


@pytest.mark.django_db
def test_words_typed_together_are_asked_for_together_first():
    """The engine is asked for 库存管理 as written (its four characters, which the index
    holds whole, required), and for the words near each other only when that finds nothing:
    the database backend's rule."""
    engine = backend()
    compiler_class = engine.query_compiler_class
    together, near = (
        compiler_class(ProviderPage.objects.all(), form).get_query()
        for form in searched_forms(engine, compiler_class, "库存管理", ProviderPage, {})
    )
    assert "'库存管理'" in str(together) and "'库存 存管 管理'" not in str(together)
    assert "'库存'" in str(together) and "'管理'" in str(together)  # the terms, ranked
    assert "存管" not in str(near) and "'库存'" in str(near)
    assert "intervals" not in str(together)
    assert f"'max_gaps': {Near.MAX_TOKENS_BETWEEN}" in str(near)


def test_words_near_each_other_are_an_intervals_query_of_their_bigrams_in_any_spelling():
    """数采平台: 数采 or 数据采集, each as its bigrams in a row, and 平台, in either order with
    at most nine positions between (eight characters), as the database backends count."""
    near = near_intervals(Near(("数采", "数据采集"), ("平台",)))

    pairs = near["any_of"]["intervals"]
    assert [pair["all_of"]["ordered"] for pair in pairs] == [False, False]
    assert {pair["all_of"]["max_gaps"] for pair in pairs} == {9}
    phrases = [[rule["match"] for rule in pair["all_of"]["intervals"]] for pair in pairs]
    assert phrases == [
        [
            {"query": "数采", "max_gaps": 0, "ordered": True},
            {"query": "平台", "max_gaps": 0, "ordered": True},
        ],
        [
            {"query": "数据 据采 采集", "max_gaps": 0, "ordered": True},
            {"query": "平台", "max_gaps": 0, "ordered": True},
        ],
    ]


@pytest.mark.django_db
def test_search_falls_back_to_the_database_when_the_engine_is_down(home, caplog):
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings(UNREACHABLE)):
        index = ProviderIndexPageFactory(parent=home)
        provider = ProviderPageFactory(
            parent=index,
            title="烟台海纳工业互联网有限公司",
            introduction="数字孪生工厂",
            region=taxonomy.canonical(Region).get(slug="yantai"),
        )
        provider.save_revision().publish()

        with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch"):
            results = get_search_backend().search("烟台 数字孪生", ProviderPage.objects.live())
            titles = [page.title for page in results]
            count = results.count()

    assert titles == ["烟台海纳工业互联网有限公司"]
    assert count == 1
    assert "using the database backend" in caplog.text


@pytest.mark.django_db
def test_words_typed_together_fall_back_to_the_database_once_when_the_engine_is_down(home, caplog):
    """Deciding how to search 库存管理 asks the engine first; down, the database backend
    answers the whole search (which decides it too), without a second wait for the engine."""
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings(UNREACHABLE)):
        index = ProviderIndexPageFactory(parent=home)
        for title, introduction in [
            ("山东甲科技有限公司", "提供库存管理与仓储优化服务。"),
            ("山东乙科技有限公司", "盘点库存，做好质量管理。"),
        ]:
            ProviderPageFactory(parent=index, title=title, introduction=introduction)
        for page in ProviderPage.objects.all():
            page.save_revision().publish()

        with caplog.at_level(logging.WARNING, logger="search.backends.elasticsearch"):
            results = get_search_backend().search("库存管理", ProviderPage.objects.live())
            titles = [page.title for page in results]

    assert titles == ["山东甲科技有限公司"]
    assert caplog.text.count("using the database backend") == 1


@pytest.mark.elasticsearch
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL not set")
@pytest.mark.django_db
def test_live_engine_finds_chinese_words_and_acronyms(home):
    url = os.environ["ELASTICSEARCH_URL"]
    with override_settings(WAGTAILSEARCH_BACKENDS=engine_settings(url)):
        engine = get_search_backend()
        index = ProviderIndexPageFactory(parent=home)
        provider = ProviderPageFactory(
            parent=index, title="山东智恒数字科技有限公司", introduction="MES（制造执行系统）实施"
        )
        provider.save_revision().publish()
        near = ProviderPageFactory(
            parent=index, title="山东乙科技有限公司", introduction="盘点库存，做好质量管理。"
        )
        near.save_revision().publish()
        ProviderPageFactory(
            parent=index,
            title="山东丙科技有限公司",
            introduction="库存盘点。多年来为制造企业提供质量管理咨询。",
        ).save_revision().publish()
        engine.reset_index()
        engine.add_type(ProviderPage)
        engine.add_bulk(ProviderPage, ProviderPage.objects.all())
        engine.refresh_index()

        for query in ("智恒", "制造执行系统", "mes", "ＭＥＳ"):
            assert [p.title for p in engine.search(query, ProviderPage)] == [provider.title]
        assert list(engine.search("区块链", ProviderPage)) == []
        # Written together nowhere: the words near each other.
        assert [p.title for p in engine.search("库存管理", ProviderPage)] == [near.title]


@pytest.mark.django_db
def test_a_query_of_punctuation_finds_nothing_of_the_searched_model(home):
    """As the admin's listings take results: they name their list after the model."""
    results = backend().search('" OR (', ProviderPage)
    assert list(results) == [] and results.model is ProviderPage

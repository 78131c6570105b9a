"""Elasticsearch 8/9 or OpenSearch with the same Chinese analysis as the database backend.

Text is analysed in Python (search.analysis) before it is sent, so the engine needs no Chinese
plugin: every text field is indexed and searched with a whitespace tokenizer and lower-casing,
and the engine stores exactly the tokens the database backend stores.

If the engine cannot be reached, a search falls back to the database backend (configured as
the "fallback" backend in settings and kept up to date alongside the engine) and logs it.
"""

import logging
from functools import cache
from importlib import import_module

from modelsearch.backends import get_search_backend

from ..documents import BulkPreparingMixin, analysed_field
from ..query import Near, NoResults, searched_forms

logger = logging.getLogger(__name__)

ENGINES = {
    "elasticsearch8": "modelsearch.backends.elasticsearch8",
    "elasticsearch9": "modelsearch.backends.elasticsearch9",
    "opensearch2": "modelsearch.backends.opensearch2",
    "opensearch3": "modelsearch.backends.opensearch3",
}
FALLBACK_BACKEND = "fallback"

# The tokens arrive analysed: split on spaces only, never re-split CJK.
ANALYSIS_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
                "default_search": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "edgengram"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "ngram"],
                },
            }
        }
    }
}


def _engine_errors():
    errors = [ConnectionError, TimeoutError]
    for module_name in ("elasticsearch", "elastic_transport", "opensearchpy"):
        try:
            module = import_module(module_name)
        except ImportError:
            continue
        for name in ("ConnectionError", "ConnectionTimeout", "TransportError", "ApiError"):
            error = getattr(module, name, None)
            if isinstance(error, type) and issubclass(error, Exception):
                errors.append(error)
    return tuple(errors)


ENGINE_ERRORS = _engine_errors()


class AnalysedMappingMixin:
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "default_search",
    }

    def get_document(self, obj):
        doc = {"pk": str(obj.pk), "_django_content_type": self.get_all_content_types()}
        edgengrams = []
        for field in self.model.get_search_fields():
            name, value, extra = self._get_document_field_data(analysed_field(field), obj)
            doc[name] = value
            edgengrams.extend(extra)
        doc["_edgengrams"] = edgengrams
        return doc


class FairSortMixin:
    """Ties in score are broken by the model's fair key, as on the database backend."""

    def get_sort(self):
        fair_field = getattr(self.queryset.model, "fair_order_field", None)
        if self.order_by_relevance and fair_field:
            column = f"{fair_field}_filter"
            return [{"_score": "desc"}, {column: "asc"}]
        return super().get_sort()


class NearQueryMixin:
    """Two words near each other (:class:`search.query.Near`) as an ``intervals`` query: each
    spelling's bigrams in a row, the two in either order with at most
    ``Near.MAX_TOKENS_BETWEEN`` positions between them, as the database backends count."""

    def _compile_query(self, query, field, boost=1.0):
        if isinstance(query, Near):
            return {"intervals": {field.field_name: near_intervals(query)}}
        return super()._compile_query(query, field, boost)


def near_intervals(query: Near) -> dict:
    def phrase(bigrams: list[str]) -> dict:
        return {"match": {"query": " ".join(bigrams), "max_gaps": 0, "ordered": True}}

    pairs = [
        {
            "all_of": {
                "ordered": False,
                "max_gaps": Near.MAX_TOKENS_BETWEEN,
                "intervals": [phrase(first), phrase(second)],
            }
        }
        for first in query.phrases(query.first)
        for second in query.phrases(query.second)
    ]
    return pairs[0] if len(pairs) == 1 else {"any_of": {"intervals": pairs}}


class FallbackResultsMixin:
    """Serve from the database backend when the engine is unreachable; never fail the page."""

    def _fallback(self):
        compiler = self.query_compiler
        return fallback_search(self._raw_query, compiler)[self.start : self.stop]

    def finds_any(self) -> bool:
        """Whether the engine finds anything (its count, kept), raising the engine's error
        where it cannot be reached: the caller then asks the database backend itself, rather
        than each of these results falling back on its own."""
        self._count_cache = super()._do_count()
        return self._count_cache > 0

    def _do_search(self):
        try:
            return list(super()._do_search())
        except ENGINE_ERRORS as error:
            logger.warning("Search engine unreachable (%s); using the database backend.", error)
            return list(self._fallback())

    def _do_count(self):
        try:
            return super()._do_count()
        except ENGINE_ERRORS as error:
            logger.warning("Search engine unreachable (%s); using the database backend.", error)
            return self._fallback().count()

    def _clone(self):
        clone = super()._clone()
        clone._raw_query = self._raw_query
        return clone


def fallback_search(raw_query, compiler):
    """The database backend's search for what ``compiler`` searched in the engine."""
    return get_search_backend(FALLBACK_BACKEND).search(
        raw_query,
        compiler.queryset,
        fields=compiler.fields,
        order_by_relevance=compiler.order_by_relevance,
    )


class ChineseEngineMixin:
    def __init__(self, params):
        params = dict(params)
        params["INDEX_SETTINGS"] = {**ANALYSIS_SETTINGS, **params.get("INDEX_SETTINGS", {})}
        super().__init__(params)

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        forms = searched_forms(self, query_compiler_class, query, model_or_queryset, kwargs)
        if not forms:
            return NoResults(getattr(model_or_queryset, "model", model_or_queryset))
        kwargs["operator"] = None
        for i, form in enumerate(forms):
            results = super()._search(query_compiler_class, form, model_or_queryset, **kwargs)
            results._raw_query = query
            if i == len(forms) - 1 or not isinstance(results, FallbackResultsMixin):
                return results
            # The engine counts the searched type's hits only: a form is chosen per type.
            try:
                if results.finds_any():
                    return results
            except ENGINE_ERRORS as error:
                logger.warning("Search engine unreachable (%s); using the database backend.", error)
                return fallback_search(query, results.query_compiler)


@cache
def analysed_engine_class(engine: str):
    module = import_module(ENGINES[engine])
    base = module.SearchBackend
    mapping = type("AnalysedMapping", (AnalysedMappingMixin, base.mapping_class), {})
    compilers = {
        name: type(
            f"Analysed{getattr(base, name).__name__}",
            (FairSortMixin, NearQueryMixin, getattr(base, name)),
            {"mapping_class": mapping},
        )
        for name in ("query_compiler_class", "autocomplete_query_compiler_class")
    }
    results = type("FallbackResults", (FallbackResultsMixin, base.results_class), {})
    return type(
        f"Chinese{base.__name__}",
        (ChineseEngineMixin, BulkPreparingMixin, base),
        {"mapping_class": mapping, "results_class": results, **compilers},
    )


def SearchBackend(params):
    params = dict(params)
    engine = params.pop("ENGINE", "elasticsearch9")
    if engine not in ENGINES:
        raise ValueError(f"Unknown search engine {engine!r}; choose one of {sorted(ENGINES)}.")
    return analysed_engine_class(engine)(params)

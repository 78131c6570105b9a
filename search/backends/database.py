"""The database search backend (SQLite FTS5, PostgreSQL) with Chinese analysis.

Select it with WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database".
Wagtail's own backend picks an implementation per database vendor; we subclass whichever it
picks, so the analysis applies to SQLite in development and PostgreSQL in production alike.
"""

from functools import cache

from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as vendor_backend

from ..documents import AnalysedDocument
from ..query import analyse


class AnalysedIndexMixin:
    def add_items(self, model, objs):
        super().add_items(model, [AnalysedDocument(obj) for obj in objs])


class ChineseAnalysisMixin:
    """Analyse every query the way documents were analysed when indexed; AND the terms."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        analysed = analyse(query)
        if analysed is None:
            return EmptySearchResults()
        kwargs["operator"] = None  # the analysed query carries its own operators
        return super()._search(query_compiler_class, analysed, model_or_queryset, **kwargs)


@cache
def analysed_backend_class(base):
    index_class = type(
        f"Analysed{base.index_class.__name__}", (AnalysedIndexMixin, base.index_class), {}
    )
    return type(
        f"Chinese{base.__name__}",
        (ChineseAnalysisMixin, base),
        {"index_class": index_class},
    )


def SearchBackend(params):
    params = {"SEARCH_CONFIG": "simple", **params}
    stock = vendor_backend(params)
    return analysed_backend_class(type(stock))(params)

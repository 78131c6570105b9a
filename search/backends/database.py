"""The database search backend (SQLite FTS5, PostgreSQL) with Chinese analysis.

Select it with WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database".
Wagtail's own backend picks an implementation per database vendor; we subclass whichever it
picks, so the analysis applies to SQLite in development and PostgreSQL in production alike.
"""

from functools import cache

from django.db.models import F, FloatField, Value
from django.db.models.functions import Round
from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as vendor_backend

from ..documents import AnalysedDocument
from ..query import analyse


class AnalysedIndexMixin:
    def add_items(self, model, objs):
        super().add_items(model, [AnalysedDocument(obj) for obj in objs])

    def _refresh_title_norms(self, full=False):
        """Keep every title weight at 1.0.

        The stock backends scale title scores by the average title length *at the moment each
        entry was written*, so two identical entries score differently depending on when they
        were indexed: an ordering by insertion in disguise. BM25 already normalises by length.
        """


class ChineseAnalysisMixin:
    """Analyse every query the way documents were analysed when indexed; AND the terms."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        analysed = analyse(query)
        if analysed is None:
            return EmptySearchResults()
        kwargs["operator"] = None  # the analysed query carries its own operators
        return super()._search(query_compiler_class, analysed, model_or_queryset, **kwargs)


class FairTieBreakMixin:
    """Equal scores are ordered by the model's fair key (a stable hash of the entry's identity),
    never by primary key, so that no entry is favoured by when it was entered.

    Scores count as equal when they fall in the same tenth of the best score: BM25 moves by a
    few per cent with incidental length differences (a longer address, an 18-character code
    that splits into more tokens), which is no reason to rank one provider above another.
    """

    SCORE_BANDS = 1  # decimal places of score / best score

    def search(self, config, start, stop, score_field=None, **kwargs):
        fair_field = getattr(self.queryset.model, "fair_order_field", None)
        if not (self.order_by_relevance and fair_field):
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        score_field = score_field or "_relevance"
        queryset = super().search(config, None, None, score_field=score_field, **kwargs)
        if not queryset.query.order_by:
            return queryset[start:stop]
        best = queryset.values_list(score_field, flat=True).first()
        if not best:
            return queryset[start:stop]
        band = Round(F(score_field) / Value(best, output_field=FloatField()), self.SCORE_BANDS)
        return queryset.order_by(band.desc(), fair_field, "pk")[start:stop]


@cache
def analysed_backend_class(base):
    index_class = type(
        f"Analysed{base.index_class.__name__}", (AnalysedIndexMixin, base.index_class), {}
    )
    compilers = {
        name: type(
            f"Fair{getattr(base, name).__name__}", (FairTieBreakMixin, getattr(base, name)), {}
        )
        for name in ("query_compiler_class", "autocomplete_query_compiler_class")
    }
    return type(
        f"Chinese{base.__name__}",
        (ChineseAnalysisMixin, base),
        {"index_class": index_class, **compilers},
    )


def SearchBackend(params):
    params = {"SEARCH_CONFIG": "simple", **params}
    stock = vendor_backend(params)
    return analysed_backend_class(type(stock))(params)

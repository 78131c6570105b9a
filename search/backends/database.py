"""The database search backend (SQLite FTS5, PostgreSQL) with Chinese analysis.

Select it with WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database".
Wagtail's own backend picks an implementation per database vendor; we subclass whichever it
picks, so the analysis applies to SQLite in development and PostgreSQL in production alike.
"""

import sys
import threading
from array import array
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, router, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Greatest, NullIf, Substr
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.index import AutocompleteField, FilterField, SearchField
from modelsearch.query import And, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import ADD, OR, get_descendants_content_types_pks

from portal import page_cache, write_behind
from portal.request_memo import remembered

from .. import impacts, registry
from ..documents import AnalysedDocument, BulkPreparingMixin
from ..query import (
    Near,
    NoResults,
    WrittenWhole,
    has_phrase,
    is_pair_of,
    is_proximity,
    searched_forms,
    split_phrases,
    without_held_words,
)
from ..ranking import rank_fairly


class AnalysedIndexMixin:
    def add_items(self, model, objs):
        super().add_items(model, [AnalysedDocument(obj) for obj in objs])

    def _refresh_title_norms(self, full=False):
        """Keep every title weight at 1.0.

        The stock backends scale title scores by the average title length *at the moment each
        entry was written*, so two identical entries score differently depending on when they
        were indexed: an ordering by insertion in disguise. BM25 already normalises by length.

        ``full`` is the end of a rebuild (``update_index``): search pages are cached like any
        page, and the rebuilt index may answer differently, so the cache's version moves on;
        on SQLite the rebuilt full-text index is merged (:func:`merge_fts_segments`); and the
        analysis it was built with is recorded (:func:`record_index_build`).
        """
        if full:
            connection = self.write_connection
            # Not in a rebuild's transaction that failed: it is rolled back after this.
            if not connection.needs_rollback:
                if connection.vendor == "sqlite":
                    merge_fts_segments(connection)
                record_index_build(connection.alias)
            page_cache.purge()


def record_index_build(alias: str) -> None:
    """Record that the whole index was just built with this code's analysis
    (:class:`search.models.IndexBuild`)."""
    from ..analysis import analysis_fingerprint
    from ..models import IndexBuild

    IndexBuild.objects.using(alias).update_or_create(
        pk=1, defaults={"analysis": analysis_fingerprint()}
    )


def merge_fts_segments(connection) -> None:
    """Merge SQLite's full-text index into one segment (FTS5's ``optimize``). Rewriting many
    entries leaves it in several, which every match reads apart and FTS5 merges only as
    later writes come: after ``update_index`` of ``make bench-search``'s 43,000 entries,
    数字科技's match took 16.3 ms, and 14.2 ms merged (the merge: 0.5–1 s)."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    table = SQLiteFTSIndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608 (the model's table)


def _texts_by_part(indexer, obj) -> dict[str, list]:
    """What modelsearch's indexers store as title, autocomplete and body, read in one walk of the
    search fields: the stock ones walk them once per part (three times per object), and each
    walk reads every related value again. The items are what the indexer's ``prepare_field``
    yields after the field: ``(value,)`` (SQLite) or ``(weight, value)`` (PostgreSQL)."""
    texts = {"title": [], "autocomplete": [], "body": []}
    for field in indexer.search_fields:
        for current, *item in indexer.prepare_field(obj, field):
            if isinstance(current, AutocompleteField):
                texts["autocomplete"].append(item)
            elif isinstance(current, SearchField):
                texts["title" if current.field_name == "title" else "body"].append(item)
    return texts


class SQLiteEntryWriter:
    """The index rows of many objects with one statement, as modelsearch's ``SQLiteIndex.add_items``
    stores them (tests/search/test_bulk_indexing.py compares), without its three walks of every
    object's search fields and its UPDATE per already indexed object. An indexed object keeps
    its entry (and entry id: the facet index knows entries by id); the FTS table follows
    through modelsearch's triggers, on the upsert's update as on its insert."""

    def add_items(self, model, objs):
        from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer
        from modelsearch.utils import get_content_type_pk
        from wagtail.search.models import IndexEntry

        if not model.get_search_fields() or not objs:
            return
        content_type = get_content_type_pk(model)
        rows = []
        for obj in objs:
            indexer = ObjectIndexer(obj, self.backend)
            texts = _texts_by_part(indexer, obj)
            title, autocomplete, body = (
                " ".join(value for (value,) in texts[part])
                for part in ("title", "autocomplete", "body")
            )
            rows.append((content_type, indexer.id, title, autocomplete, body))
        # One transaction: in autocommit mode each row would be committed on its own.
        connection = self.write_connection
        with (
            transaction.atomic(using=connection.alias, savepoint=False),
            connection.cursor() as cursor,
        ):
            cursor.executemany(
                f"""
                INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm)
                VALUES (%s, %s, %s, %s, %s, 1.0)
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = excluded.title,
                              autocomplete = excluded.autocomplete,
                              body = excluded.body
                """,  # noqa: S608 (the table's name from the model)
                rows,
            )
            # The terms whose hits are kept beside the index have them from these entries too.
            impacts.replace_sqlite(
                connection, content_type, [(str(row[1]), row[2], row[4]) for row in rows]
            )


class PostgresEntryWriter:
    """The index rows of many objects in one INSERT, as modelsearch's ``PostgresIndex.add_items``
    writes them, without its per-text Django expressions.

    modelsearch builds a ``SearchVector(Value(text), weight, config)`` per indexed text and
    compiles it through Django's expression machinery: output fields made, resolved and copied
    for every text, about 60 % of the PostgreSQL indexing time of a workbook import. Here the
    same SQL fragment (``setweight(to_tsvector(config, text), weight)``, joined with ``||``) is
    written directly; the stored vectors are the same (tests/search/test_bulk_indexing.py).
    A page and its English alias have the same texts: their vectors are computed once.

    The statement carries thousands of texts. Django's psycopg cursor binds every one into the
    statement's text client-side (scanning the statement for ``%s`` and quoting each value):
    about a tenth of a workbook import's indexing. Its parameters are numbered (``$1``) and sent
    apart from it instead, each configuration and weight once (``write_behind``'s
    ``numbered_cursor``). Inside a ``WriteBehind`` block the statement is sent without waiting.
    """

    #: Objects per statement: PostgreSQL takes at most 65,535 parameters in one, and an object
    #: brings one per indexed text (a few dozen).
    OBJECTS_PER_STATEMENT = 500

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        for start in range(0, len(objs), self.OBJECTS_PER_STATEMENT):
            self._add_items(model, objs[start : start + self.OBJECTS_PER_STATEMENT])

    def _add_items(self, model, objs):
        from modelsearch.backends.database.postgres.postgres import ObjectIndexer
        from modelsearch.utils import get_content_type_pk
        from wagtail.search.models import IndexEntry

        params = _NumberedParameters()
        content_type = params.shared(get_content_type_pk(model), "integer")
        # Objects with the same texts (a page and its English alias) share one document: its
        # vectors are computed once, by the server, and joined to each of its entries.
        documents: dict[tuple, str] = {}
        document_rows, entry_rows, object_ids = [], [], []
        for obj in objs:
            indexer = ObjectIndexer(obj, self.backend)
            texts = {
                part: tuple((value, weight) for weight, value in items)
                for part, items in _texts_by_part(indexer, obj).items()
            }
            key = (indexer.config, indexer.autocomplete_config, *texts.values())
            if key not in documents:
                documents[key] = number = params.add(len(documents), "integer")
                vectors = [
                    _vector(texts[part], config, params)
                    for part, config in (
                        ("title", indexer.config),
                        ("autocomplete", indexer.autocomplete_config),
                        ("body", indexer.config),
                    )
                ]
                title_text, body_text = (
                    params.add(" ".join(t.strip() for t, _w in texts[part] if t.strip()), "text")
                    for part in ("title", "body")
                )
                document_rows.append(f"({number}, {', '.join(vectors)}, {title_text}, {body_text})")
            object_ids.append(str(indexer.id))
            entry_rows.append(
                f"({content_type}, {params.add(object_ids[-1], 'text')}, {documents[key]})"
            )
        write_behind.execute(
            self.write_connection,
            f"""
                WITH document (number, title, autocomplete, body, title_text, body_text) AS (
                    VALUES {", ".join(document_rows)}
                )
                INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                SELECT entry.content_type_id, entry.object_id, document.title,
                       document.autocomplete, document.body, 1.0, document.title_text,
                       document.body_text
                FROM (VALUES {", ".join(entry_rows)}) AS entry (content_type_id, object_id, number)
                JOIN document ON document.number = entry.number
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608 (the table's name from the model; every value a parameter)
            params.values,
            numbered=True,
        )
        # The terms whose hits are kept beside the index have them from these entries too.
        impacts.replace(
            self.write_connection,
            get_content_type_pk(model),
            object_ids,
            config=self.backend.config,
        )


class _NumberedParameters:
    """The parameters of a statement with numbered placeholders: ``add`` one and get its
    ``$n::type``; ``shared`` gives a value that recurs (a configuration, a weight) one number."""

    def __init__(self):
        self.values: list = []
        self._numbers: dict[tuple, str] = {}

    def add(self, value, db_type: str) -> str:
        self.values.append(value)
        return f"${len(self.values)}::{db_type}"

    def shared(self, value, db_type: str) -> str:
        key = (value, db_type)
        if key not in self._numbers:
            self._numbers[key] = self.add(value, db_type)
        return self._numbers[key]


def _vector(texts: list[tuple[str, str]], config, params: _NumberedParameters) -> str:
    texts = [(text.strip(), weight) for text, weight in texts if text.strip()]
    if not texts:
        return "''::tsvector"
    config = params.shared(config, "regconfig")
    weight_type = '"char"'  # setweight's argument type
    terms = (
        f"setweight(to_tsvector({config}, {params.add(text, 'text')}), "
        f"{params.shared(weight, weight_type)})"
        for text, weight in texts
    )
    return f"({' || '.join(terms)})"


class ChineseAnalysisMixin:
    """Analyse every query the way documents were analysed when indexed; AND the terms."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        forms = searched_forms(self, query_compiler_class, query, model_or_queryset, kwargs)
        if not forms:
            return NoResults(getattr(model_or_queryset, "model", model_or_queryset))
        kwargs["operator"] = None  # the analysed query carries its own operators
        for form in forms[:-1]:
            results = super()._search(query_compiler_class, form, model_or_queryset, **kwargs)
            if not isinstance(results, FairResultsMixin):
                return results  # (an unindexed model's results are empty)
            if results.finds_any():
                return results
        return super()._search(query_compiler_class, forms[-1], model_or_queryset, **kwargs)


class AdminListingSearchMixin:
    """What the admin's listings ask of a search beyond the site's: some of a model's fields
    (``fields=``: the fields their viewsets name), and an order by a column of the listing.

    The stock database backends take the fields for columns: SQLite's MATCH names them as
    columns of its full-text table, which has only title, body and autocomplete ("no such
    column: name", django-modelsearch#47), and PostgreSQL makes a vector of the model's own
    column, without the Chinese analysis (孪生 found no 数字孪生服务商 there). A field's text is
    in the entry's title column (a field called title), its autocomplete column (an
    AutocompleteField) or its body (any other), analysed: the search is made there. So a body
    field is searched together with the model's other body fields, which share the column.

    And a listing sorted by a column orders the queryset by it, which the stock check allows
    only for the model's filter fields, known by their column (locale_id, not locale): the
    images' listing sorted by file size while searching failed. The database sorts and
    filters by any of the model's own fields (the filter fields are for an engine that keeps
    its own copy of them), so here any is allowed."""

    _fields_are_columns = False

    def check(self):
        if self._fields_are_columns:
            return
        super().check()  # that the fields are the model's search fields
        if self.fields is not None:
            self.fields = self._index_columns(self.fields)
            self._fields_are_columns = True

    def _index_columns(self, fields) -> list[str] | None:
        """The columns that hold ``fields``; None when they are all the entry's."""
        if issubclass(self.TARGET_SEARCH_FIELD_TYPE, AutocompleteField):
            return ["autocomplete"]
        columns = sorted({"title" if f.split("__")[-1] == "title" else "body" for f in fields})
        return None if columns == ["body", "title"] else columns

    def get_fields_vectors(self, search_query):
        """PostgreSQL's vectors of the columns in ``fields`` (SQLite matches the columns)."""
        norms = {"title": F("index_entries__title_norm")}
        return [(F(f"index_entries__{column}"), norms.get(column, 1.0)) for column in self.fields]

    def _get_filterable_field(self, field_attname):
        found = super()._get_filterable_field(field_attname)
        if found is not None:
            return found
        model = self.queryset.model
        try:
            field = model._meta.get_field(field_attname)
        except FieldDoesNotExist:
            return None
        return FilterField(field.name) if field.concrete else None


def _chunks(items: list, size: int = 10_000):
    for i in range(0, len(items), size):
        yield items[i : i + size]


class FairRankingMixin:
    """Fast matching and a fair relevance order.

    The stock SQLite compiler joins the FTS table to the index table in a way that makes SQLite
    evaluate the MATCH once per index row, and it scores each hit with a correlated sub-query
    that runs the MATCH again: seconds for a few hundred hits. Here the hits and their scores
    come from one MATCH on the FTS table alone, and the order is made in Python, the fair order
    of :mod:`search.ranking` (equal scores by the model's fair key, never by primary key).
    """

    def matching_entries(self, config, models=(), ranked=()) -> dict[int, float | None] | None:
        """``entry_scores()``, remembered for the rest of the request; None for a query without
        words or a search restricted to some fields.

        ``models``: the types the caller (and the listings searched with it) will look at. On
        PostgreSQL the match is narrowed to them: every candidate of the phrase alternatives is
        rechecked against its vector, so matching the other types costs. SQLite's FTS5 match
        costs no more for every type than for one (narrowing it takes a join), so there it
        covers every type and is shared whatever the types.

        ``ranked``: the types whose entries need a score (a listing in relevance order); the
        others' entries may be left unscored (None). On SQLite scoring is most of a match's
        cost for a frequent word (BM25 for every hit), and a site search ranks one tab and
        counts the others. Types asked for ranked after the match was made are scored then
        (:meth:`rescore`)."""
        if isinstance(self.query, MatchAll | Not | Fuzzy) or self.fields is not None:
            return None
        content_types = None
        if models and self.SCOPED_MATCH:  # set by the vendor's scoring class
            content_types = _content_types(models)
            # Narrowing to every type there is filters nothing, and costs: the planner
            # intersects the match with the content type's index (2 ms for 43,000 entries).
            if set(content_types) >= set(_entry_counts(self.queryset.db)):
                content_types = None
        ranked_types = frozenset(_content_types(ranked))
        key = ("search-entries", self.queryset.db, type(self).__name__, repr(self.query))
        match = remembered(
            (*key, str(config), content_types),
            lambda: _Match(self.entry_scores(config, content_types, ranked_types), ranked_types),
        )
        missing = ranked_types - match.ranked
        if missing and match.scores is not None:
            scores = match.scores
            # The missing types' hits are among the unscored ones.
            unscored = [entry for entry, score in scores.items() if score is None]
            if unscored:
                rescored = self.rescore(config, unscored, missing)
                scores.update((e, s) for e, s in rescored.items() if e in scores and s is not None)
            match.ranked |= missing
        return match.scores

    def _statement(self, config, *decided_by, rows) -> tuple[str, str, tuple] | None:
        """``(database, SQL, parameters)`` of the queryset ``rows()`` makes for this query
        (None when it makes none), compiled once per process for the same query and the same
        ``decided_by``: everything else the statement depends on.

        Building a match's querysets and expressions and compiling them is pure Python work
        that gives the same statement for the same query each time: 2.4 ms of a PostgreSQL
        site search (a rank of several ``ts_rank``, a union of two parts), 0.9 ms on SQLite.
        The statement still runs on every request; only its text is kept."""
        key = (
            type(self).__name__,
            self.queryset.db,
            repr(self.query),
            str(config),
            None if self.fields is None else tuple(self.fields),
            decided_by,
        )
        with _statements_lock:
            if key in _statements:
                _statements.move_to_end(key)
                return _statements[key]
        found = rows()
        statement = None if found is None else _statement_of(found)
        with _statements_lock:
            _statements[key] = statement
            if len(_statements) > STATEMENTS_KEPT:
                _statements.popitem(last=False)
        return statement

    def search(self, config, start, stop, score_field=None, **kwargs):
        if isinstance(self.query, MatchAll | Not):
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        if not self.order_by_relevance:
            # The stock compiler filters by the match without scoring it: scoring every hit is
            # most of a search's cost, wasted when only the matches (or their number) count.
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        fair_field = getattr(self.queryset.model, "fair_order_field", None) or "pk"
        rows = self.scored_rows(config, fair_field, **kwargs)  # (pk, score, fair), higher=better
        if not rows:
            return self.queryset.none()
        wanted = rank_fairly(rows)[start:stop]
        queryset = self.queryset.filter(pk__in=[pk for pk, _s, _f in wanted]).order_by()
        # Read by FairResultsMixin, which puts the fetched rows in this order: cheaper than
        # an ORDER BY CASE over hundreds of ids.
        queryset.fair_ranking = {pk: (i, score) for i, (pk, score, _f) in enumerate(wanted)}
        return queryset


class FairResultsMixin:
    def _do_search(self):
        queryset = self.get_queryset()
        ranking = getattr(queryset, "fair_ranking", None)
        objects = list(queryset)
        if ranking is not None:
            objects.sort(key=lambda obj: ranking[obj.pk][0])
            if self._score_field:
                for obj in objects:
                    setattr(obj, self._score_field, ranking[obj.pk][1])
        return objects

    def pks(self) -> list:
        """The primary keys of the results, in the order iterating would give, without making
        model instances (a page model costs tens of microseconds each to instantiate, which
        dominates a search with thousands of hits when only the ids are wanted)."""
        if self._results_cache is not None:
            return [obj.pk for obj in self._results_cache]
        queryset = self.get_queryset()
        ranking = getattr(queryset, "fair_ranking", None)
        if ranking is None:
            return list(queryset.values_list("pk", flat=True))
        # The ranked ids were read from the searched queryset itself (``scored_rows``), and the
        # ranking is in result order.
        return list(ranking)

    def finds_any(self) -> bool:
        """Whether the query matches a live page of the site search's types, remembered for
        the rest of the request: whichever type a catalogue search lists, the words written
        together are searched as written for all of them or for none, so that the site
        search's tabs share one match. Live, as the index also holds drafts, which no
        listing shows, and not below a path the listings leave out until asked (a removed
        provider and its solutions: :func:`search.registry.unlisted_paths`), whose text alone
        would make the search look for the words as written where the listings show none
        (排产软件, found nothing where 排产 finds 26). A private section is not checked."""
        compiler = self.query_compiler
        config = compiler.get_config(self.backend)
        key = ("search-finds-any", compiler.queryset.db, repr(compiler.query), str(config))

        def first_path(unlisted: tuple[str, ...]) -> list[tuple]:
            """``[(tree path,)]`` of the first matching page not below ``unlisted``, or []."""
            return compiler.first_live_path(config, searched_content_types(), unlisted)

        def read():
            unlisted = registry.unlisted_paths()
            found = first_path(())
            # The first page found is nearly always listed; leaving the unlisted out of the
            # check costs a frequent word's 1 ms more, so only where it is not.
            if found and unlisted and found[0][0].startswith(unlisted):
                found = first_path(unlisted)
            return bool(found)

        return remembered(key, read)

    def entry_scores(self, models=(), ranked=()) -> dict[int, float | None] | None:
        """Every index entry this search matches, of the ``models`` at least (every type when
        empty), with its score (higher is better) for the entries of the ``ranked`` models
        and None for the others: ``{index entry id: score}``; None where the search has no
        such list (a query without words, a search restricted to some fields).

        A listing that knows the index entry of each of its entries (the facet index) takes its
        hits from here, so the site search's tabs and the API search's types share one match
        instead of running it once each."""
        compiler = self.query_compiler
        return compiler.matching_entries(compiler.get_config(self.backend), models, ranked)

    def pk_subquery(self):
        """All the matching ids (no limit, no order) as a queryset the database can use inside
        another statement, such as a count; None for ranked results, which are ordered in
        Python."""
        if self.query_compiler.order_by_relevance:
            return None
        everything = self._clone()
        everything.start, everything.stop = 0, None
        return everything.get_queryset().order_by().values("pk")


class EntryScores(dict):
    """``{index entry id: score or None}`` of one match, which the listings that take their
    hits from it may keep what they derive from its ids with (the facet index's bitmap of
    them, ``catalogue.facet_index.entry_bits``, and their highest)."""


class Relevance(Func):
    """FTS5's ``bm25()`` of the hit, negated: higher is better, as every score here (and
    negated by SQLite, not for each of thousands of hits in Python)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        return f"-bm25({SQLiteFTSIndexEntry._meta.db_table})", []


def impact_term(compiler) -> str | None:
    """The one term of the index a compiler's query is, whose hits and scores may be kept
    beside the index (:mod:`search.impacts`): a word, or two words typed together that the
    index holds as one token (:class:`search.query.WrittenWhole`, matched and ranked in their
    place); None for anything else (several terms, a phrase, an autocomplete's prefix)."""
    if compiler.AUTOCOMPLETE:
        return None
    query = compiler.query
    if isinstance(query, And):
        query = without_held_words(query, held_by=(WrittenWhole,))
    while isinstance(query, And | Or) and len(query.subqueries) == 1:
        query = query.subqueries[0]
    if type(query) in (PlainText, WrittenWhole) and query.query_string.strip():
        text = query.query_string
        return text if len(text.split()) == 1 else None
    return None


class SQLiteScoring:
    SCOPED_MATCH = False  # see FairRankingMixin.matching_entries

    def first_live_path(self, config, content_types: tuple[int, ...], unlisted) -> list[tuple]:
        """``[(tree path,)]`` of the first of :meth:`live_matches`, or []: FTS5 gives the
        hits in turn, and the first live one ends the statement."""
        statement = self._statement(
            config,
            "finds any",
            content_types,
            unlisted,
            rows=lambda: self.live_matches(config, content_types, unlisted).values_list("_path_")[
                :1
            ],
        )
        return _fetch_rows(*statement)

    def build_search_query_content(self, query, config=None):
        if isinstance(query, Near):
            from modelsearch.backends.database.sqlite.query import SearchQueryExpression

            # The MATCH text is assembled from the parts' values as they are (no quoting):
            # the phrases' bigrams are Chinese characters only.
            return SearchQueryExpression(Value(query.fts5()))
        if isinstance(query, And):
            # BM25 ranks every part of the MATCH, and reads each one's positions in every hit.
            held = without_held_words(query)
            if held is not query:
                return self.build_search_query_content(held, config=config)
        return super().build_search_query_content(query, config=config)

    def entry_scores(self, config, content_types=None, ranked=frozenset()) -> dict:
        """``{index entry id: score}`` of one MATCH on the FTS table (whose rowid is the index
        entry's id), over every type (``content_types`` is not used: see matching_entries);
        the entries of types outside ``ranked`` map to None.

        BM25 costs more per hit than the match itself, so it is computed only for the entries
        of the ranked types: a ``CASE`` on the spans of ids their index entries occupy (a
        type's entries are mostly written together), or, when they are scattered, on their
        ids, which SQLite reads once per statement (2.4 ms for 10,000). Reading those ids
        costs too, so then, when the ranked types hold most of the index, every hit is scored
        instead."""
        from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry

        db = router.db_for_read(SQLiteFTSIndexEntry)
        term = impact_term(self)
        if term is not None:
            kept = impacts.read_sqlite(db, term, ranked, into=EntryScores)
            if kept is not None:
                return kept
        scoring = None  # what decides the score's SQL: nothing ranked, spans, every hit, ids
        if ranked:
            spans = _entry_span_list(db, tuple(sorted(ranked)))
            counts = _entry_counts(db)
            if spans is not None:
                scoring = ("spans", tuple(map(tuple, spans[0])), spans[1])
            elif 2 * sum(counts.get(pk, 0) for pk in ranked) >= sum(counts.values()):
                scoring = ("every hit",)
            else:
                scoring = ("ids", tuple(sorted(ranked)))

        def rows():  # from ``scoring`` alone: the statement is kept under it
            score = Value(None, output_field=FloatField())
            kind = scoring and scoring[0]
            if kind == "spans":
                score = Case(When(_span_condition(*scoring[1:]), then=Relevance()), default=score)
            elif kind == "every hit":
                score = Relevance()
            elif kind == "ids":
                entries = IndexEntry.objects.filter(content_type_id__in=scoring[1])
                score = Case(When(pk__in=entries.values("id"), then=Relevance()), default=score)
            return self._fts_matches(config).annotate(score=score).values_list("pk", "score")

        found = EntryScores(_fetch_rows(*self._statement(config, scoring, rows=rows)))
        if term is not None and len(found) >= impacts.min_entries():
            impacts.request(db, term, config=str(config))
        return found

    def rescore(self, config, entries: list[int], ranked) -> dict[int, float]:
        """Scores of ``entries``, hits of this query whose type is ranked after the match was
        made, by the MATCH again: BM25 exists only within one. It is narrowed to the span of
        their ids, which FTS5 seeks (a type's entries are mostly written together); the other
        hits inside the span are scored too, as they would have been had their type been
        ranked."""
        matches = self._fts_matches(config).filter(pk__gte=min(entries), pk__lte=max(entries))
        rows = matches.annotate(score=Relevance()).values_list("pk", "score")
        return EntryScores(_fetch_rows(*_statement_of(rows)))

    def live_matches(self, config, content_types: tuple[int, ...], unlisted=()):
        """The MATCH's entries of live pages of ``content_types`` (of any type when empty), not
        below the ``unlisted`` paths, a queryset for :meth:`FairResultsMixin.finds_any`: the
        FTS table's hits in turn, each looked up by id, until one is such a page."""
        matches = self._fts_matches(config).filter(_live_page("index_entry__", unlisted))
        matches = matches.annotate(_path_=_page_path("index_entry__"))
        if content_types:
            matches = matches.filter(index_entry__content_type_id__in=content_types)
        return matches

    def _fts_matches(self, config):
        from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        query = self.build_search_query(normalize(self.query), config=config)
        return SQLiteFTSIndexEntry.objects.filter(
            MatchExpression(self.fields or self.FTS_TABLE_FIELDS, query)
        )

    def scored_rows(self, config, fair_field, **kwargs):
        from modelsearch.backends.database.sqlite.sqlite import IndexEntry

        content_types = get_descendants_content_types_pks(self.queryset.model)
        hits = self.matching_entries(config, ranked=(self.queryset.model,))
        if hits is None:  # a search in some fields: not shared
            hits = self.entry_scores(config, ranked=frozenset(content_types))
        scores = {}
        for chunk in _chunks(list(hits)):
            for entry_id, object_id in IndexEntry.objects.filter(
                id__in_ids=chunk, content_type_id__in=content_types
            ).values_list("id", "object_id"):
                scores[int(object_id)] = hits[entry_id]
        rows = []
        for chunk in _chunks(list(scores)):
            rows += [
                (pk, scores[pk], fair)
                for pk, fair in self.queryset.filter(pk__in_ids=chunk).values_list("pk", fair_field)
            ]
        return rows


# Made by the search app's migration 0001 (PostgreSQL only), with a GIN index on it.
ENTRY_VECTOR_FUNCTION = "search_entry_vector"


class EntryVector(Func):
    """``title || body`` of an index entry, the vector every full-text match is made against,
    through ``search_entry_vector()``, which computes exactly that and has a GIN index."""

    function = ENTRY_VECTOR_FUNCTION
    arity = 2

    def __init__(self, title, body):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(title, body, output_field=SearchVectorField())


class VectorHolds(Func):
    """``vector @@ query`` as the function behind the operator, which no index serves: a
    filter on the rows an index condition found, not a second index condition."""

    function = "ts_match_vq"
    arity = 2
    output_field = BooleanField()


class PostgresScoring:
    """Match against the indexed ``search_entry_vector(title, body)`` instead of ``title || body``.

    The stock compiler filters by ``(title || body) @@ query``. No index can serve that (the GIN
    indexes are on each column), so PostgreSQL reads every index entry of the searched type and
    concatenates its two vectors: some 4 µs an entry, 100 ms for 30,000 solutions, whether the
    query matches ten entries or ten thousand. Indexing the expression is not enough: the
    planner prices the concatenation as one cheap operator and still prefers the scan by content
    type. The function is the same concatenation, declared costly, so the planner reaches for
    its GIN index (a bitmap of the matching entries, never rechecked for plain terms) unless the
    query matches nearly every entry (the listings' match, :func:`_fetch_scores`, never scans the
    table). Same rows, same scores: only the match expression changes
    (and two words held near each other are held so within the title or within the body, as
    the stock match of the two concatenated would not: :meth:`_phrases_held`).
    """

    def search(self, config, start, stop, score_field=None, **kwargs):
        match = self._entry_vector_match(config)
        if match is None:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        queryset, rank_expression = match
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    def _entry_vector_match(self, config):
        """``(queryset filtered by the match, rank expression)``, or None where the stock
        compiler's own query is used (no text query, fields given, or other vectors)."""
        if isinstance(self.query, MatchAll | Not | Fuzzy) or self.fields is not None:
            return None
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self._title_and_body(search_query)
        if vectors is None:
            return None
        rank_expression = self._build_rank_expression(vectors, config)
        # ``alias``, not ``annotate``: the concatenated vector is only matched, never read.
        queryset = self.queryset.alias(
            _vector_=EntryVector(*(vector for vector, _boost in vectors)),
            # In the same call, so that the phrases' check reads the matched entry: a filter
            # naming the relation again would join the index entries a second time.
            _title_=F("index_entries__title"),
            _body_=F("index_entries__body"),
        ).filter(_vector_=search_query)
        if has_phrase(self.query):
            queryset = queryset.filter(self._phrases_held(config, "_title_", "_body_"))
        return queryset, rank_expression

    def _title_and_body(self, search_query):
        """The compiler's ``(vector, boost)`` pairs when they are the index entries' title and
        body, the two columns ``search_entry_vector`` combines; else None (autocomplete, whose
        single column has its own GIN index)."""
        vectors = self.get_search_vectors(search_query)
        columns = [getattr(vector, "name", None) for vector, _boost in vectors]
        return vectors if columns == ["index_entries__title", "index_entries__body"] else None

    SCOPED_MATCH = True  # see FairRankingMixin.matching_entries

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Near):
            from django.contrib.postgres.search import SearchQuery

            return SearchQuery(query.tsquery(), search_type="raw", config=config, invert=invert)
        if isinstance(query, And):
            # The words a pair holds as one token find no other hits, and each is one more
            # posting list for the GIN index to intersect (数字 is in most entries).
            held = without_held_words(query, held_by=(WrittenWhole,))
            if held is not query:
                return self.build_tsquery_content(held, config=config, invert=invert)
        return super().build_tsquery_content(query, config=config, invert=invert)

    #: How much a phrase alternative counts, ranked as any of its bigrams, against a word.
    PHRASE_SCALE = 0.5

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        """The stock rank (an alternative's, averaged over an ``Or``), except for an ``Or`` of
        words and phrases (an analysed term): there a field is ranked by the words where it has
        any of them, else by the best of the phrases it holds, ranked as any of their bigrams,
        at :attr:`PHRASE_SCALE`.

        Every field with a Chinese word's token also has the word's phrase of bigrams (the
        index holds every run's bigrams, uninterrupted: :func:`search.analysis.index_text`),
        so the phrase tells nothing apart there, and ranking it costs: ``ts_rank`` of an
        adjacent phrase pairs every bigram's positions with every other's, most of a frequent
        word's ranking time (17 of 21 ms for 7,600 hits of 工业互联网), and it grows with the
        phrase (about ten times a word's rank at five characters, twenty at seven). Ranked as
        any of its bigrams (``calc_rank_or``: the mean of each bigram's rank) a phrase is on a
        word's scale, and a bigram's rank grows at most π²/6-fold however often it recurs (at
        one weight): at half, a field with a fragment's phrase ranks below one with a word.
        (A word of the dictionary has no phrase: it is indexed wherever written, whole or
        inside longer words, :func:`search.analysis.match_forms`; a phrase is asked for
        a fragment in no dictionary, as of a name.) ``COALESCE(NULLIF(words, 0), phrases)`` ranks
        the words once and the phrases only where the words rank nothing; a phrase counts only
        in a field that holds it (``ts_rank`` ranks any of its bigrams found anywhere).

        Where a query keeps its words together or near (:func:`search.query.is_proximity`),
        that is not ranked: it only places the words, and each would be two more ``ts_rank``
        of every hit. Except two words as one token (:class:`search.query.WrittenWhole`),
        which is matched in place of the words (:meth:`build_tsquery_content`) and ranked in
        their place, as SQLite ranks it: one ``ts_rank`` a field where the words were two."""
        if isinstance(query, And):
            query = without_held_words(query, held_by=(WrittenWhole,))
        if isinstance(query, And):
            words = [
                q for q in query.subqueries if not is_proximity(q) or is_pair_of(q, (WrittenWhole,))
            ]
            if len(words) < len(query.subqueries):
                query = words[0] if len(words) == 1 else And(words)
        if isinstance(query, Or):
            words = [q for q in query.subqueries if not isinstance(q, Phrase)]
            phrases = [q for q in query.subqueries if isinstance(q, Phrase)]
            if words and phrases:
                count = len(query.subqueries)
                words_rank = ADD(
                    self.build_tsrank(vector, q, config=config, boost=boost) for q in words
                )
                # The best, not the sum: synonyms share bigrams (制造执行系统, 生产执行系统).
                held = [self._held_phrase_rank(vector, q, config, boost) for q in phrases]
                phrases_rank = held[0] if len(held) == 1 else Greatest(*held)
                return Coalesce(
                    NullIf(words_rank / count, Value(0.0)),
                    phrases_rank * (self.PHRASE_SCALE / count),
                    output_field=FloatField(),
                )
        return super().build_tsrank(vector, query, config=config, boost=boost)

    def _held_phrase_rank(self, vector, phrase, config, boost):
        """``phrase``'s rank as any of its bigrams (or Latin parts) where ``vector`` holds the
        phrase, else 0. The bigrams are never prefixes, as the autocomplete compiler would make
        a query's last word."""
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
        from modelsearch.backends.database.postgres.query import Lexeme

        any_part = SearchQuery(
            OR(Lexeme(part) for part in phrase.query_string.split()),
            search_type="raw",
            config=config,
        )
        holds = SearchVectorExact(vector, self.build_tsquery(phrase, config=config))
        rank = SearchRank(vector, any_part, weights=self.sql_weights) * boost
        return Case(When(holds, then=rank), default=Value(0.0), output_field=FloatField())

    #: How many index entries of the searched types :meth:`first_live_path` checks one by
    #: one before it asks the GIN index for every hit.
    WALKED_ENTRIES = 50

    def first_live_path(self, config, content_types: tuple[int, ...], unlisted) -> list[tuple]:
        """``[(tree path,)]`` of the first of :meth:`live_matches`, or []: among the first
        :attr:`WALKED_ENTRIES` entries of the types, checked one by one, else through the GIN
        index's bitmap of every hit.

        A walk stops at the first hit, soon for a word in thousands of entries and never for
        a rare one; the bitmap costs the same whether the first hit is near or far, more for
        more hits. The planner cannot tell which to use: it has no statistics of most tokens
        (of most pairs of words as one token) and expects one in twenty entries. Walking the
        types' entries to the first 设备点检 (in 2,847 of 43,000) was 10,008 entries, 130 ms,
        where its bitmap takes 2 ms; 数字科技 (11,081) was 0.9 ms walked, 3.9 by its bitmap.
        Fifty entries find a word of one entry in ten 199 times in 200, and cost a rare word
        half a millisecond more. The bitmap's statement is planned without a walk by any
        index."""
        for walked in (self.WALKED_ENTRIES, None):
            db, sql, params = self._statement(
                config,
                "finds any",
                walked,
                content_types,
                unlisted,
                rows=lambda walked=walked: self.live_matches(
                    config, content_types, unlisted, walked=walked
                ).values_list("_path_")[:1],
            )
            # The walk needs no setting of its own: the GIN index's bitmap for it (if the
            # planner expects too few hits for a walk) costs what the bitmap would anyway.
            with _index_plan(db, avoided=None if walked else "enable_indexscan") as cursor:
                cursor.execute(sql, params)
                found = cursor.fetchall()
            if found:
                return found
        return []

    def live_matches(self, config, content_types: tuple[int, ...], unlisted=(), *, walked=None):
        """The query's index entries of live pages of ``content_types`` (of any type when
        empty), not below the ``unlisted`` paths, through the GIN index of the entries'
        vectors, or only among the first ``walked`` entries of the types, a queryset for
        :meth:`first_live_path`. The types are the pages' (the same: a page's entry has its
        specific type), so that no other index of the entries can serve the bitmap's
        statement."""
        from wagtail.search.models import IndexEntry

        entries = IndexEntry.objects.alias(_vector_=EntryVector(F("title"), F("body")))
        if walked:
            first = IndexEntry.objects.all()
            if content_types:
                first = first.filter(content_type_id__in=content_types)
            entries = entries.filter(pk__in=first.values("pk")[:walked])
        matches = entries.filter(_vector_=self.build_tsquery(self.query, config=config))
        live = _live_page("", unlisted, content_types=content_types)
        return matches.filter(live).annotate(_path_=_page_path(""))

    def entry_scores(self, config, content_types=None, ranked=frozenset()) -> dict | None:
        """``{index entry id: score}`` of the entries of ``content_types`` (every type when
        None), matched and ranked as :meth:`search` does, straight on the index table; the
        hits of types outside ``ranked`` map to None (ranking reads each hit's title and body
        vectors, several times: most of a frequent word's cost once the match is made by the
        index alone)."""
        term = impact_term(self)
        db = self.queryset.db
        if term is not None:
            kept = impacts.read(db, term, content_types, ranked)
            if kept is not None:
                return _entry_scores_of(*kept)
        ranked = tuple(sorted(ranked))
        statement = self._statement(
            config,
            content_types,
            ranked,
            rows=lambda: self._entry_score_rows(config, content_types, ranked),
        )
        if statement is None:
            return None
        found = _fetch_scores(*statement)
        if term is not None and len(found) >= impacts.min_entries():
            impacts.request(db, term, config=str(config))
        return found

    def _entry_score_rows(self, config, content_types, ranked):
        """The ``values_list("id", "score")`` queryset :meth:`entry_scores` reads, or None."""
        from wagtail.search.models import IndexEntry

        found = self._entry_rank(config)
        if found is None:
            return None
        search_query, rank = found
        entries = IndexEntry.objects.alias(_vector_=EntryVector(F("title"), F("body")))
        if content_types is not None:
            entries = entries.filter(content_type_id__in=content_types)
        if content_types is None or not set(ranked).issuperset(content_types):
            rank = Case(
                When(content_type_id__in=sorted(ranked), then=rank),
                default=Value(None, output_field=FloatField()),
            )
        split = split_phrases(self.query)
        if split is None:
            matches = entries.filter(_vector_=search_query).annotate(score=rank)
            return matches.values_list("id", "score")
        # A phrase makes the index check every candidate against its vector (and a heap page
        # with one such candidate has all its hits checked): 90 ms for a word in 11,000
        # entries, where the word alone takes 27. So the entries the query finds without its
        # phrases are matched by the index alone, and only the others that have every word of
        # a phrase are checked (a few hundred): the same entries.
        exact, relaxed = split
        candidates = relaxed if exact is None else And([relaxed, Not(exact)])
        # The same rank in both parts: compiled once, where Django would copy and compile it
        # in each (1.9 against 1.1 ms for 工业互联网, 3.3 against 2.1 with MES's synonyms).
        rank = _compiled(rank, entries)
        # The index finds the candidates exactly (they have no phrase), and only they are
        # checked against the query: given the phrases too, the index looks up their words
        # again and rechecks the whole query (2.5 against 3.4 ms for 296 candidates of
        # 工业互联网).
        checked = entries.filter(_vector_=self.build_tsquery(candidates, config=config)).filter(
            self._phrases_held(config, "title", "body", vector="_vector_")
        )
        parts = [checked.annotate(score=rank).values_list("id", "score")]
        if exact is not None:
            indexed = entries.filter(_vector_=self.build_tsquery(exact, config=config))
            parts.append(indexed.annotate(score=rank).values_list("id", "score"))
        return parts[0].union(*parts[1:], all=True)

    def _phrases_held(self, config, title: str, body: str, *, vector: str | None = None) -> Q:
        """That a candidate (which has every word of the query) holds each required part of the
        query with a phrase in its title or in its body (the columns or aliases named), not
        across the two: a :class:`Near` would otherwise reach from the end of a title into its
        body, where SQLite's FTS5 and Elasticsearch match each field apart. A part with words
        that must all be there (an ``And`` among alternatives) is checked in the two
        concatenated (``vector``), as its words may stand in either; without ``vector`` it is
        left to the caller's match, which checks the concatenation already.

        Checked in each vector as it is stored, not in the two concatenated as the match's
        index has them: concatenating them for every candidate cost more than the check. For
        the 296 candidates of 工业互联网's phrase, 3.6–4.8 against 3.0–3.2 ms; for 11,000
        candidates of two words held near each other (软件 and 公司 in the benchmark's
        names), 60–70 against 30–44 ms."""
        held = Q()
        for part in filter(has_phrase, _required_parts(self.query)):
            tsquery = self.build_tsquery(part, config=config)
            if not _holds_an_and(part):
                held &= Q(VectorHolds(F(title), tsquery)) | Q(VectorHolds(F(body), tsquery))
            elif vector is not None:
                held &= Q(VectorHolds(F(vector), tsquery))
        return held

    def rescore(self, config, entries: list[int], ranked) -> dict[int, float]:
        """Scores of the hits of the ``ranked`` types, which were ranked after the match was
        made: every one of them, whatever ``entries`` (the unscored hits) holds; the caller
        keeps those it has. The match again, narrowed to those types and every hit ranked: its
        statement is compiled once per query (:meth:`_statement`), where reading the entries
        by id sent their ids (thousands, for a word the first tab lacks) and compiled the rank
        again on every request."""
        ranked = tuple(sorted(ranked))
        return self.entry_scores(config, ranked, frozenset(ranked)) or {}

    def _entry_rank(self, config):
        """``(tsquery, rank expression on the index entry)``, or None (see
        :meth:`_title_and_body`)."""
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self._title_and_body(search_query)
        if vectors is None:
            return None

        def on_entry(expression):
            if isinstance(expression, F):
                return F(expression.name.removeprefix("index_entries__"))
            return expression

        rank = self._build_rank_expression(
            [(on_entry(vector), on_entry(boost)) for vector, boost in vectors], config
        )
        return search_query, rank

    def scored_rows(self, config, fair_field, **kwargs):
        queryset = PostgresScoring.search(
            self, config, None, None, score_field="_relevance", **kwargs
        )
        return [
            (pk, score or 0.0, fair)
            for pk, score, fair in queryset.order_by().values_list("pk", "_relevance", fair_field)
        ]


def _required_parts(query):
    """The parts of ``query`` that must all match: an ``And``'s, flattened."""
    if isinstance(query, And):
        for part in query.subqueries:
            yield from _required_parts(part)
    else:
        yield query


def _holds_an_and(query) -> bool:
    """Whether ``query`` has an ``And`` among its parts (at any depth)."""
    return any(
        isinstance(part, And) or _holds_an_and(part) for part in getattr(query, "subqueries", ())
    )


def _compiled(expression, queryset) -> RawSQL:
    """``expression`` over the table of ``queryset``, resolved and compiled now, for a
    statement that repeats it. It is resolved on a query of its own (``queryset`` is left as
    is), so it may name the table's own columns only: no joins, no annotations."""
    query = queryset.model.objects.all().query
    sql, params = query.get_compiler(queryset.db).compile(expression.resolve_expression(query))
    return RawSQL(sql, params, output_field=FloatField())  # noqa: S611 (compiled by Django)


# The match statements compiled last (FairRankingMixin._statement): a few kilobytes each.
STATEMENTS_KEPT = 256
_statements: OrderedDict[tuple, tuple[str, str, tuple] | None] = OrderedDict()
_statements_lock = threading.Lock()


def _statement_of(rows) -> tuple[str, str, tuple]:
    """``(database, SQL, parameters)`` of a queryset."""
    sql, params = rows.query.sql_with_params()
    return rows.db, sql, tuple(params)


def _fetch_rows(db: str, sql: str, params) -> list[tuple]:
    """The rows of a ``values_list`` queryset's statement (:func:`_statement_of`), read with
    the cursor: Django's per-row value conversion costs more than the statement for the
    thousands of hits a common word has, and ids and scores need none."""
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fetch_scores(db: str, sql: str, params) -> EntryScores:
    """``{id: score or None}`` of an unsliced ``values_list("id", "score")`` queryset's
    statement (PostgreSQL, :func:`_statement_of`), read as two strings of binary numbers: the
    ids without a score, and each id with a score followed by its score (``int8send``,
    ``float8send``; the rank is a double, so these are the values its text would give). A
    row per hit costs more to format, send and parse than the statement's ranking: for 11,650
    hits of 工业互联网, 18.6 against 15.4 ms.

    ``OFFSET 0`` keeps the statement a subquery of its own, computing each score once: merged
    into the aggregate, each aggregate would compute it again.

    Without parallel workers and without JIT compilation: a match of a few milliseconds to a
    few tens is what a request runs. Starting workers costs more than they save (the search
    statements of ``make bench-search``: 440 against 500 ms in all), and under load they take
    the cores other requests are waiting for. JIT compiles the statement's expressions once
    its estimated cost passes ``jit_above_cost`` (100,000), which a frequent word's match
    reaches as the index grows: 工业互联网's is estimated at 96,000 at ``make bench-search``'s
    size, and at 109,000 once ``update_index`` has rewritten every entry (the table stays
    twice the size until a ``VACUUM FULL``), where compiling made it 77 ms against 30.

    Without a sequential scan where the GIN index can answer: the planner prices the index's
    bitmap as if each row were checked against the query again, which a plain word's never is,
    and each check concatenates the entry's two vectors (``search_entry_vector``, declared
    costly so that the index is used at all). For words in nearly every entry it then reads
    the table instead and concatenates every entry's vectors: 数字 服务, in all 43,000 entries
    of ``make bench-search``, 180 against 51 ms. The settings are :func:`_index_plan`'s."""
    with _index_plan(db) as cursor:
        cursor.execute(
            f"""
            SELECT string_agg(int8send(id), '') FILTER (WHERE score IS NULL),
                   string_agg(int8send(id) || float8send(score::float8), '')
                       FILTER (WHERE score IS NOT NULL)
            FROM ({sql} OFFSET 0) AS hits (id, score)
            """,  # noqa: S608 (a statement Django compiled, its values as parameters)
            params,
        )
        unscored, scored = (bytes(data or b"") for data in cursor.fetchone())
    return _entry_scores_of(unscored, scored)


def _entry_scores_of(unscored: bytes, scored: bytes) -> EntryScores:
    """``{id: score or None}`` of the ids without a score and the ids each followed by its
    score, in binary (``int8send``, ``float8send``)."""
    found = EntryScores.fromkeys(_numbers("q", unscored))
    # Eight bytes of id, eight of score, for each scored hit.
    found.update(zip(_numbers("q", scored)[::2], _numbers("d", scored)[1::2], strict=True))
    return found


@contextmanager
def _index_plan(db: str, *, avoided: str | None = None):
    """A cursor in a transaction whose statements match through the GIN index, without
    parallel workers or JIT compilation (:func:`_fetch_scores` says why). These settings last
    until the end of the transaction: this one, or one that encloses it (a listing's search
    runs in its own; in a caller's, its later statements run with them too). ``avoided``, a
    planner setting (``enable_indexscan``), is turned off for the statements in the block
    alone."""
    settings = {"max_parallel_workers_per_gather": "0", "jit": "off", "enable_seqscan": "off"}
    if avoided:
        settings[avoided] = "off"
    with (
        transaction.atomic(using=db, savepoint=False),
        connections[db].cursor() as cursor,
    ):
        cursor.execute(
            "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in settings),
            list(settings.values()),
        )
        yield cursor
        if avoided:
            cursor.execute(f"SET LOCAL {avoided} TO DEFAULT")


def _numbers(kind: str, data: bytes) -> array:
    """The numbers of a string of them in network (big-endian) order."""
    numbers = array(kind, data)
    if sys.byteorder == "little":
        numbers.byteswap()
    return numbers


def _page_path(entry: str) -> Subquery:
    """The tree path of the index entry's page (``entry`` as for :func:`_live_page`)."""
    from wagtail.models import Page

    key = Cast(OuterRef(f"{entry}object_id"), BigIntegerField())
    return Subquery(Page.objects.filter(pk=key).values("path")[:1])


def _live_page(entry: str, unlisted=(), *, content_types=()) -> Exists:
    """That the index entry (``entry``, the path to it: "" for the entry itself) is of a live
    page, not below any of the ``unlisted`` tree paths (:func:`search.registry.unlisted_paths`),
    and of one of ``content_types`` when given: a page's content type is its specific type, as
    its entry's is, so the key is one of a page (every model indexed here has an integer
    key)."""
    from wagtail.models import Page

    key = Cast(OuterRef(f"{entry}object_id"), BigIntegerField())
    content_type = OuterRef(f"{entry}content_type_id")
    pages = Page.objects.filter(pk=key, content_type_id=content_type, live=True)
    if content_types:
        pages = pages.filter(content_type_id__in=content_types)
    # By each length's prefix, in one list: a condition per path made the check of a frequent
    # word 3 ms slower with 300 removed providers.
    by_length: dict[int, list[str]] = {}
    for path in unlisted:
        by_length.setdefault(len(path), []).append(path)
    for length, paths in sorted(by_length.items()):
        pages = pages.alias(**{f"_prefix_{length}": Substr("path", 1, length)}).exclude(
            **{f"_prefix_{length}__in": paths}
        )
    return Exists(pages)


def searched_content_types() -> tuple[int, ...]:
    """The content types of the site search's types and their subclasses."""
    return _content_types(t.listing_class.model for t in registry.search_types())


def _content_types(models) -> tuple[int, ...]:
    pks = {pk for model in models for pk in get_descendants_content_types_pks(model)}
    return tuple(sorted(pks))


@dataclass
class _Match:
    """One request's match of one query: ``{index entry id: score or None}``, and the content
    types whose entries are scored (see FairRankingMixin.matching_entries)."""

    scores: dict[int, float | None] | None
    ranked: frozenset[int]


def _entry_counts(db: str) -> dict[int, int]:
    """``{content type id: number of index entries}``, to choose how to score (an estimate: it
    is kept until the next publication, and drafts are indexed in between)."""
    from wagtail.search.models import IndexEntry

    def read():
        counts = IndexEntry.objects.using(db).values_list("content_type_id").annotate(n=Count("id"))
        return dict(counts.order_by())

    return page_cache.until_published(f"search-entry-counts:{db}", read)


#: Beyond this many spans of ids, a type's entries count as scattered (each span is one more
#: comparison per hit).
MAX_SPANS = 8


def _entry_span_list(db: str, content_types: tuple[int, ...]) -> tuple[tuple, int] | None:
    """The index entries of ``content_types`` as spans of entry ids, ``((first, last) for each
    run of consecutive entries of those types, the highest entry id)``, or None when they make
    more than MAX_SPANS runs (:func:`_span_condition` makes them a condition). Kept until the
    next publication like :func:`_entry_counts`."""
    from wagtail.search.models import IndexEntry

    table = IndexEntry._meta.db_table

    def read():
        wanted = f"content_type_id IN ({', '.join(map(str, content_types))})"
        with connections[db].cursor() as cursor:
            # Runs ("islands") of wanted entries in id order: the entries of a run have the
            # same difference between their rank among all entries and among wanted ones.
            cursor.execute(
                f"""
                SELECT MIN(id), MAX(id) FROM (
                    SELECT id, {wanted} AS wanted,
                           ROW_NUMBER() OVER (ORDER BY id)
                           - ROW_NUMBER() OVER (PARTITION BY {wanted} ORDER BY id) AS run
                    FROM {table}
                ) runs
                WHERE wanted GROUP BY run ORDER BY 1 LIMIT %s
                """,  # noqa: S608 (the table's name from the model; integer content types)
                [MAX_SPANS + 1],
            )
            spans = cursor.fetchall()
            cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608 (the model's table)
            (last,) = cursor.fetchone()
        return None if len(spans) > MAX_SPANS else (spans, last or 0)

    return page_cache.until_published(f"search-entry-spans:{db}:{content_types}", read)


def _span_condition(spans: tuple, last: int) -> Q:
    """The condition "the index entry is of one of the types of ``spans``"
    (:func:`_entry_span_list`): ``id BETWEEN first AND last`` for each span. An entry written
    since they were read (a draft indexed, a type's first entry) has a higher id than
    ``last``, and counts as one of them: it is scored whatever its type, and a listing that
    does not list it leaves it out."""
    condition = Q(pk__gt=last)
    for first, final in spans:
        condition |= Q(pk__gte=first, pk__lte=final)
    return condition


@cache
def analysed_backend_class(base):
    sqlite = base.__name__.startswith("SQLite")
    writer = (SQLiteEntryWriter,) if sqlite else ()
    if base.__name__.startswith("Postgres"):
        writer = (PostgresEntryWriter,)
    index_class = type(
        f"Analysed{base.index_class.__name__}",
        (AnalysedIndexMixin, *writer, base.index_class),
        {},
    )
    scoring = SQLiteScoring if sqlite else PostgresScoring
    compilers = {
        name: type(
            f"Fair{getattr(base, name).__name__}",
            (AdminListingSearchMixin, FairRankingMixin, scoring, getattr(base, name)),
            {"AUTOCOMPLETE": name == "autocomplete_query_compiler_class"},  # prefixes matched
        )
        for name in ("query_compiler_class", "autocomplete_query_compiler_class")
    }
    results_class = type(
        f"Fair{base.results_class.__name__}", (FairResultsMixin, base.results_class), {}
    )
    return type(
        f"Chinese{base.__name__}",
        (ChineseAnalysisMixin, BulkPreparingMixin, base),
        {"index_class": index_class, "results_class": results_class, **compilers},
    )


def SearchBackend(params):
    params = {"SEARCH_CONFIG": "simple", **params}
    stock = vendor_backend(params)
    return analysed_backend_class(type(stock))(params)

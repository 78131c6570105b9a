"""Term impacts: a frequent search term's hits and scores kept beside the index.

A frequent word's match reads every hit: on PostgreSQL its row of the index table and, to rank
it, its vectors (for 工业互联网 in a quarter of ``make bench-search``'s 43,000 entries, 6,800
table pages and two ``ts_rank`` per ranked hit, about 20 ms in the server, which no form of the
statement avoids); on SQLite FTS5's ``bm25()`` of each hit, about 1.1 µs a hit (10–11 ms).
See docs/performance.md, fifteenth to twenty-sixth passes. A search engine keeps each term's
postings with what ranking needs; this keeps the same for the terms that need it: for a term
searched alone whose match finds at least ``SEARCH_IMPACT_MIN_ENTRIES`` entries, every entry
it matches, with the entry's content type and what its score for the term is made of, in one
table keyed by term and entry, so that the search reads them from that index alone (工业互联网's
11,650 hits in 2.8 ms on PostgreSQL, 5.9 ms on SQLite).

- **Which terms:** those searched alone (a query that is one term of the index, as a word, an
  acronym or two words the index holds as one token are), once a search of one finds enough
  entries: that search enqueues :func:`keep_term` (a background task; at once in development
  and tests), and the searches after it read the impacts. They are kept for every entry the
  term matches, whatever the query's type or filters.
- **Exactly the match's:** the hits are those the match finds, and the score the one it
  computes (the tests compare them value for value).
- **Kept current:** the entry writer replaces the impacts of the entries it writes, in the same
  transaction (:func:`replace`, :func:`replace_sqlite`); an entry deleted takes its impacts
  with it (a foreign key).

On PostgreSQL the score is kept, and the SQL that keeps and replaces the impacts is in the
migration that made the tables (search/migrations/0004_term_impacts.py), with how a term kept
while entries are written stays right. On SQLite (migration 0005) FTS5's BM25 depends on
figures of the whole index that every write changes, so what is kept is what each entry brings
to it (the term's instances in its title and body, its size in tokens), and the score is
computed when they are read, as ``bm25()`` computes it (:func:`read_sqlite`).
"""

import math
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django_tasks import task
from modelsearch.backends.database.postgres.weights import get_sql_weights

from portal import page_cache, write_behind

TERMS = "search_impact_term"
IMPACTS = "search_term_impact"
# The stock backend's table of index entries (wagtailsearch.IndexEntry).
ENTRIES = "wagtailsearch_indexentry"
# SQLite: the full-text index's tables, and the fts5vocab table of its tokens' instances.
FTS = "wagtailsearch_indexentry_fts"
INSTANCES = "search_fts_instance"
# FTS5's bm25() parameters (fts5_aux.c), and the columns a search matches (FTS_TABLE_FIELDS).
BM25_K1, BM25_B = 1.2, 0.75
MATCHED_COLUMNS = ("title", "body")


def read(db: str, term: str, content_types, ranked) -> tuple[bytes, bytes] | None:
    """The term's hits as the match returns them (``(unscored, scored)``: ids, and ids each
    followed by its score, in binary, as ``search.backends.database._fetch_scores`` reads
    them): those of ``content_types`` (every type when None), scored where their type is
    ``ranked``; None when the term's impacts are not kept."""
    narrowed = "" if content_types is None else "AND content_type_id = ANY(%(types)s)"
    with connections[db].cursor() as cursor:
        cursor.execute(
            f"""
            SELECT EXISTS (SELECT FROM {TERMS} WHERE term = %(term)s),
                   string_agg(int8send(entry_id), '')
                       FILTER (WHERE content_type_id <> ALL(%(ranked)s)),
                   string_agg(int8send(entry_id) || float8send(score), '')
                       FILTER (WHERE content_type_id = ANY(%(ranked)s))
            FROM {IMPACTS} WHERE term = %(term)s {narrowed}
            """,  # noqa: S608 (the tables' names)
            {"term": term, "ranked": sorted(ranked) or [0], "types": list(content_types or ())},
        )
        kept, unscored, scored = cursor.fetchone()
    if not kept:
        return None
    return bytes(unscored or b""), bytes(scored or b"")


def read_sqlite(db: str, term: str, ranked, *, into=dict) -> dict | None:
    """SQLite's ``{index entry id: score or None}`` of the term's hits, scored where their type
    is ``ranked``, made with ``into`` (a ``dict`` class); None when the term's impacts are not
    kept.

    The score is FTS5's ``bm25()`` of a one-token query, negated (higher is better, as
    ``search.backends.database.Relevance``): the same operations in the same order as
    fts5_aux.c's ``fts5Bm25Function``, on the same doubles, so the same values, with the
    index's number of rows and of tokens from its averages record, and the number of hits
    (the term's kept entries). Computed by SQLite: returning two numbers a hit costs half as
    much as returning the four it is made of."""
    with connections[db].cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {TERMS} WHERE term = %s), "  # noqa: S608
            f"(SELECT count(*) FROM {IMPACTS} WHERE term = %s)",
            [term, term],
        )
        kept, hits = cursor.fetchone()
        if not kept:
            return None
        if not hits:
            return into()
        cursor.execute(f"SELECT block FROM {FTS}_data WHERE id = 1")  # noqa: S608 (FTS5's averages)
        rows, *column_tokens = _varints(cursor.fetchone()[0])
        idf = math.log((rows - hits + 0.5) / (hits + 0.5))
        if idf <= 0.0:
            idf = 1e-6
        ranked = sorted(ranked)
        placeholders = ", ".join(["%s"] * len(ranked)) or "NULL"
        cursor.execute(
            f"""
            SELECT entry_id, CASE WHEN content_type_id IN ({placeholders}) THEN
                %s * ((instances * %s) / (instances + %s * (%s + %s * size / %s)))
            END
            FROM {IMPACTS} WHERE term = %s
            """,  # noqa: S608 (the table's name)
            [
                *ranked,
                idf,
                BM25_K1 + 1.0,
                BM25_K1,
                1 - BM25_B,
                BM25_B,
                sum(column_tokens) / rows,  # the average size
                term,
            ],
        )
        return into(cursor.fetchall())


def _varints(data: bytes) -> list[int]:
    """The numbers of an FTS5 record: SQLite varints (seven bits a byte, the ninth byte
    whole)."""
    numbers, i = [], 0
    while i < len(data):
        value = 0
        for count in range(9):
            byte = data[i]
            i += 1
            if count == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        numbers.append(value)
    return numbers


def row_size(docsize: bytes) -> int:
    """An FTS5 row's size in tokens, every column's, from its ``_docsize`` record (an SQL
    function on SQLite connections, ``search_row_size``: see search/apps.py)."""
    return sum(_varints(docsize))


def request(db: str, term: str, *, config: str) -> None:
    """Have the term's impacts kept (:func:`keep_term`), asked once per content version:
    every search of a frequent term finds it not kept until the task has run."""
    if cache.add(f"search:impacts:{db}:{page_cache.version()}:{term}", True, timeout=300):
        keep_term.enqueue(term, config=config, db=db)


@task()
def keep_term(term: str, *, config: str, db: str = "default") -> int:
    """Background task: keep the term's impacts, for every index entry it matches. Returns the
    number of entries (0 when they were kept already). On PostgreSQL one statement: the
    function that keeps it takes its lock for as long as the statement's transaction. On
    SQLite a term is one token of the full-text index, as the query's terms are
    (:func:`search.analysis.index_text`), and its instances are the match's hits."""
    connection = connections[db]
    if connection.vendor == "sqlite":
        return _keep_term_sqlite(connection, term)
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_keep_term(%s, %s, %s)", [term, config, get_sql_weights()])
        return cursor.fetchone()[0]


def _instances_sql(where: str) -> str:
    """SQL of ``(term, entry, content type, instances, size)`` of the impacts of the token
    instances ``where`` selects (in the alias ``i``)."""
    columns = ", ".join(f"'{column}'" for column in MATCHED_COLUMNS)
    return f"""
        SELECT i.term, i.doc, e.content_type_id, count(*), search_row_size(d.sz)
        FROM {INSTANCES} i
        JOIN {ENTRIES} e ON e.id = i.doc
        JOIN {FTS}_docsize d ON d.id = i.doc
        WHERE {where} AND i.col IN ({columns})
        GROUP BY i.term, i.doc
    """  # noqa: S608 (the tables' and columns' names)


def _keep_term_sqlite(connection, term: str) -> int:
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TERMS} (term) VALUES (%s) ON CONFLICT DO NOTHING", [term])  # noqa: S608
        if not cursor.rowcount:
            return 0
        cursor.execute(
            f"INSERT INTO {IMPACTS} (term, entry_id, content_type_id, instances, size) "
            + _instances_sql("i.term = %s"),
            [term],
        )
        return cursor.rowcount


def replace(connection, content_type: int, object_ids: list[str], *, config: str) -> None:
    """Replace the impacts of the index entries just written (of ``content_type``, for these
    object ids) for every term kept; held by ``portal.write_behind`` like the entries."""
    write_behind.execute(
        connection,
        "SELECT search_replace_impacts($1::integer, $2::text[], $3::regconfig, $4::float4[])",
        [content_type, object_ids, config, get_sql_weights()],
        numbered=True,
    )


def replace_sqlite(connection, content_type: int, written: list[tuple[str, str, str]]) -> None:
    """:func:`replace` on SQLite, in the writer's transaction, for ``written``: ``(object id,
    title, body)`` of each entry as the full-text index holds them. Their texts are the
    index's tokens separated by spaces (:func:`search.analysis.index_text`: runs of Chinese
    characters, of Latin letters and digits), which FTS5 takes as they are, so a term's
    instances are counted in them, where reading them from the full-text index would walk
    each kept term's every instance."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term FROM {TERMS}")  # noqa: S608
        kept = {term for (term,) in cursor.fetchall()}
        if not kept:
            return  # no term kept: no impacts either
        placeholders = ", ".join(["%s"] * len(written))
        cursor.execute(
            f"SELECT e.object_id, e.id, search_row_size(d.sz) "  # noqa: S608
            f"FROM {ENTRIES} e JOIN {FTS}_docsize d ON d.id = e.id "
            f"WHERE e.content_type_id = %s AND e.object_id IN ({placeholders})",
            [content_type, *(object_id for object_id, _title, _body in written)],
        )
        entries = {object_id: (entry, size) for object_id, entry, size in cursor.fetchall()}
        cursor.execute(
            f"DELETE FROM {IMPACTS} "  # noqa: S608
            f"WHERE entry_id IN ({', '.join(['%s'] * len(entries)) or 'NULL'})",
            [entry for entry, _size in entries.values()],
        )
        impacts = []
        for object_id, title, body in written:
            entry, size = entries[object_id]
            found = Counter(token for token in (*title.split(), *body.split()) if token in kept)
            impacts += [(term, entry, content_type, n, size) for term, n in found.items()]
        cursor.executemany(
            f"INSERT INTO {IMPACTS} (term, entry_id, content_type_id, instances, size) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            impacts,
        )


def min_entries() -> int:
    """How many entries a term's match must find for its impacts to be kept."""
    return settings.SEARCH_IMPACT_MIN_ENTRIES

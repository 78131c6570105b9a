"""Term impacts: a frequent search term's hits and scores kept beside the index (PostgreSQL).

A frequent word's match reads every hit's row of the index table and, to rank it, its vectors:
for 工业互联网 in a quarter of ``make bench-search``'s 43,000 entries, 6,800 table pages and
two ``ts_rank`` per ranked hit, about 20 ms in the server, which no form of the statement
avoids (docs/performance.md, fifteenth to twenty-sixth passes). A search engine keeps each
term's postings with what ranking needs; this keeps the same for the terms that need it: for a
term searched alone whose match finds at least ``SEARCH_IMPACT_MIN_ENTRIES`` entries, every
entry it matches, with the entry's content type and its score for the term, in one table whose
primary key holds them all, so that the search reads them from the index alone (2.8 ms for
工业互联网's 11,650 hits).

- **Which terms:** those searched alone (a query that is one term of the index, as a word, an
  acronym or two words the index holds as one token are), once a search of one finds enough
  entries: that search enqueues :func:`keep_term` (a background task; at once in development
  and tests), and the searches after it read the impacts. They are kept for every entry the
  term matches, whatever the query's type or filters.
- **Exactly the match's:** the same ``tsquery`` decides the hits, and the score is the one the
  match computes (the tests compare them value for value).
- **Kept current:** the entry writer replaces the impacts of the entries it writes, in the same
  transaction (:func:`replace`); an entry deleted takes its impacts with it.

The SQL that keeps and replaces them is in the migration that made the tables
(search/migrations/0004_term_impacts.py), with how a term kept while entries are written stays
right. Other databases keep none: on SQLite, BM25 is computed in the full-text index's own scan,
and a frequent word's search meets the speed target without them.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django_tasks import task
from modelsearch.backends.database.postgres.weights import get_sql_weights

from portal import page_cache, write_behind

TERMS = "search_impact_term"
IMPACTS = "search_term_impact"


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


def request(db: str, term: str, *, config: str) -> None:
    """Have the term's impacts kept (:func:`keep_term`), asked once per content version:
    every search of a frequent term finds it not kept until the task has run."""
    if cache.add(f"search:impacts:{db}:{page_cache.version()}:{term}", True, timeout=300):
        keep_term.enqueue(term, config=config, db=db)


@task()
def keep_term(term: str, *, config: str, db: str = "default") -> int:
    """Background task: keep the term's impacts, for every index entry it matches. Returns the
    number of entries (0 when they were kept already). One statement: the function that keeps
    it takes its lock for as long as the statement's transaction."""
    with connections[db].cursor() as cursor:
        cursor.execute("SELECT search_keep_term(%s, %s, %s)", [term, config, get_sql_weights()])
        return cursor.fetchone()[0]


def replace(connection, content_type: int, object_ids: list[str], *, config: str) -> None:
    """Replace the impacts of the index entries just written (of ``content_type``, for these
    object ids) for every term kept; held by ``portal.write_behind`` like the entries."""
    write_behind.execute(
        connection,
        "SELECT search_replace_impacts($1::integer, $2::text[], $3::regconfig, $4::float4[])",
        [content_type, object_ids, config, get_sql_weights()],
        numbered=True,
    )


def min_entries() -> int:
    """How many entries a term's match must find for its impacts to be kept."""
    return settings.SEARCH_IMPACT_MIN_ENTRIES

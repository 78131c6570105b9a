"""The term impacts of frequent search terms on SQLite (:mod:`search.impacts`; PostgreSQL's
are migration 0004's).

FTS5 ranks with BM25, whose figures for the whole index (the number of rows, of hits, of
tokens) change with every entry written, so what is kept is what each hit adds to them: the
term's instances in the entry's title and body, and the entry's size in tokens, read from the
full-text index itself (``search_fts_instance``, an ``fts5vocab`` table of every token's
instances, and the index's ``_docsize`` records). The score is computed from them when a
search reads them, as FTS5's ``bm25()`` computes it. SQLite runs one writer at a time, so a
term kept while entries are written needs no lock of its own. On other databases this
migration does nothing.
"""

from django.db import migrations

TERMS = "search_impact_term"
IMPACTS = "search_term_impact"
INSTANCES = "search_fts_instance"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    entries = schema_editor.quote_name(
        apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    )
    schema_editor.execute(f"CREATE TABLE {TERMS} (term text PRIMARY KEY)")
    schema_editor.execute(
        f"""
        CREATE TABLE {IMPACTS} (
            term text NOT NULL REFERENCES {TERMS} (term) ON DELETE CASCADE,
            entry_id integer NOT NULL REFERENCES {entries} (id) ON DELETE CASCADE,
            content_type_id integer NOT NULL,
            instances integer NOT NULL,
            size integer NOT NULL,
            PRIMARY KEY (term, entry_id)
        ) WITHOUT ROWID
        """
    )
    schema_editor.execute(f"CREATE INDEX {IMPACTS}_entry ON {IMPACTS} (entry_id)")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {INSTANCES} "
        "USING fts5vocab(wagtailsearch_indexentry_fts, 'instance')"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in (INSTANCES, IMPACTS, TERMS):
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_term_impacts")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

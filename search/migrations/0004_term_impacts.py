"""The term impacts of frequent search terms (PostgreSQL only; :mod:`search.impacts`).

``search_impact_term`` lists the terms whose impacts are kept; ``search_term_impact`` holds,
for each of them, every index entry the term matches, with the entry's content type and its
score for the term alone, in its primary key: a frequent word's hits and scores read from one
index instead of from thousands of table rows and their vectors. An entry's impacts go with
it (``ON DELETE CASCADE``: the stock backend deletes entries with raw SQL).

Two functions write them, so that the score's SQL is in one place, and so that their lock on
the table of terms is taken inside a statement, which works whether or not the caller is in a
transaction (the deferred indexing of an import writes in autocommit):

- ``search_keep_term(term, config, weights)`` keeps a term: every entry it matches, scored;
- ``search_replace_impacts(content_type, object_ids, config, weights)`` replaces the impacts of
  the entries just written, for every term kept.

The score is the database backend's rank of a one-term query (search/backends/database.py:
``ts_rank`` of the title, times the entry's title norm, plus that of the body, in the
backend's configuration and weights), which the tests compare with the match's, value for
value. Keeping a term locks the table of terms ``EXCLUSIVE`` until it commits, and replacing
impacts ``SHARE``: an entry written while a term is kept either is written before the term's
entries are read, or has its impacts replaced after the term is kept. On other databases this
migration does nothing.
"""

from django.db import migrations

TERMS = "search_impact_term"
IMPACTS = "search_term_impact"


def _score(entry: str, query: str, weights: str) -> str:
    return (
        f"(ts_rank({weights}, {entry}.title, {query}) * {entry}.title_norm)"
        f" + (ts_rank({weights}, {entry}.body, {query}) * 1.0)"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
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
            score double precision NOT NULL,
            PRIMARY KEY (term, entry_id) INCLUDE (content_type_id, score)
        )
        """
    )
    # An entry written again has its impacts replaced, and a deleted one's go with it.
    schema_editor.execute(f"CREATE INDEX {IMPACTS}_entry ON {IMPACTS} (entry_id)")
    query = "to_tsquery(config, quote_literal(kept))"
    schema_editor.execute(
        f"""
        CREATE FUNCTION search_keep_term(kept text, config regconfig, weights float4[])
        RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE
            entries_kept bigint;
        BEGIN
            LOCK TABLE {TERMS} IN EXCLUSIVE MODE;
            INSERT INTO {TERMS} (term) VALUES (kept) ON CONFLICT DO NOTHING;
            IF NOT FOUND THEN
                RETURN 0;
            END IF;
            -- Through the GIN index, as the match.
            PERFORM set_config('enable_seqscan', 'off', true);
            INSERT INTO {IMPACTS} (term, entry_id, content_type_id, score)
            SELECT kept, e.id, e.content_type_id, {_score("e", query, "weights")}
            FROM {entries} e
            WHERE search_entry_vector(e.title, e.body) @@ {query};
            GET DIAGNOSTICS entries_kept = ROW_COUNT;
            RETURN entries_kept;
        END $$
        """
    )
    query = "to_tsquery($3, quote_literal(t.term))"
    schema_editor.execute(
        f"""
        CREATE FUNCTION search_replace_impacts(
            content_type integer, object_ids text[], config regconfig, weights float4[]
        ) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            LOCK TABLE {TERMS} IN SHARE MODE;
            IF NOT EXISTS (SELECT FROM {TERMS}) THEN
                RETURN;  -- no term kept: no impacts either
            END IF;
            -- Planned for these entries (EXECUTE), where a plan made once for any list of
            -- them read the whole table of entries.
            EXECUTE $sql$
                DELETE FROM {IMPACTS} WHERE entry_id IN (
                    SELECT id FROM {entries}
                    WHERE content_type_id = $1 AND object_id = ANY($2)
                )
            $sql$ USING content_type, object_ids;
            EXECUTE $sql$
                INSERT INTO {IMPACTS} (term, entry_id, content_type_id, score)
                SELECT t.term, e.id, e.content_type_id, {_score("e", query, "$4")}
                FROM {entries} e
                JOIN {TERMS} t ON search_entry_vector(e.title, e.body) @@ {query}
                WHERE e.content_type_id = $1 AND e.object_id = ANY($2)
            $sql$ USING content_type, object_ids, config, weights;
        END $$
        """
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS search_replace_impacts(integer, text[], regconfig, float4[])"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS search_keep_term(text, regconfig, float4[])")
    schema_editor.execute(f"DROP TABLE IF EXISTS {IMPACTS}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TERMS}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_build")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

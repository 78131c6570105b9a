"""Keep the index entries' title and body vectors in the row (PostgreSQL only).

An entry's row is title and body vectors plus three texts, some 2.3 kB together, over
PostgreSQL's 2 kB threshold for moving values out of the row. The largest value went first:
the body vector, which ranking reads for every hit. Reading it back from the TOAST table cost
3.5 µs per hit, a third of a frequent word's statement (2,559 provider hits ranked: 30 against
14 ms). With storage MAIN the vectors stay in the row unless the row cannot fit a page, and the
texts (read for the twenty results shown) move out first.

The storage applies to values written from now on: ``VACUUM FULL`` rewrites the table, and the
vectors already written with it (an ``UPDATE`` would leave the old rows behind as dead space
until a vacuum, and the table half empty after it). It locks the table while it runs, about as
long as the index build of 0001 (seconds for 40,000 entries). On other databases this migration
does nothing.
"""

from django.db import migrations

COLUMNS = ("title", "body")


def _set_storage(apps, schema_editor, storage: str) -> str | None:
    """Set the vectors' storage; the table's quoted name, or None on other databases."""
    if schema_editor.connection.vendor != "postgresql":
        return None
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(
        f"ALTER TABLE {table} "
        + ", ".join(f"ALTER COLUMN {column} SET STORAGE {storage}" for column in COLUMNS)
    )
    return table


def forwards(apps, schema_editor):
    table = _set_storage(apps, schema_editor, "MAIN")
    if table is not None:
        schema_editor.execute(f"VACUUM (FULL, ANALYZE) {table}")


def backwards(apps, schema_editor):
    _set_storage(apps, schema_editor, "EXTENDED")


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run inside a transaction
    dependencies = [("search", "0001_entry_vector_index")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]

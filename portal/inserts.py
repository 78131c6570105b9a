"""New rows of one model, many at once, without Django's insert compiler.

``QuerySet.bulk_create`` compiles a multi-row INSERT through ``SQLInsertCompiler``: for every
value a placeholder and a ``field_as_sql`` / ``prepare_value`` / ``pre_save_val`` round, about
3 µs a value in Python. A workbook import of 2,000 providers writes some 400,000 values (pages,
their English aliases, revisions, audit log, relations), so that machinery was a tenth of the
import. :func:`insert_rows` prepares each value as the compiler does (``field.pre_save`` then
``field.get_db_prep_save``), but for plain values the compiler would pass on as they are (see
``_PLAIN``), and hands the rows to the driver in one go: ``executemany`` of a
one-row INSERT on SQLite, ``COPY`` on PostgreSQL. Where the new primary keys are needed, a
multi-row ``INSERT … RETURNING`` on SQLite; on PostgreSQL the keys are drawn from the table's
sequence first and copied with the rows (a multi-row INSERT has every value bound into its text
by psycopg, client-side: 0.5 s for the 4,000 page rows of 2,000 providers and their aliases).
tests/portal/test_inserts.py compares the stored rows with ``bulk_create``'s.
"""

from functools import cache

from django.db import connections, models, router, transaction

from . import write_behind
from .statistics import note_growth


def insert_rows(
    model, objects, fields=None, *, returning: bool = False, ignore_conflicts: bool = False
) -> None:
    """Insert ``objects`` (new instances of ``model``) into ``model``'s own table, as
    ``bulk_create`` stores them. ``fields`` defaults to the table's own concrete fields but an
    automatic primary key (a multi-table child's link to its parent row is written). With
    ``returning`` each object gets its primary key (and other database-returned fields);
    ``ignore_conflicts`` skips a row that would break a unique constraint (as bulk_create's)."""
    if not objects:
        return
    using = router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    if fields is None:
        fields = [
            f for f in opts.local_concrete_fields if f is not opts.auto_field and not f.generated
        ]
    for obj in objects:
        # As bulk_create: a foreign key given as an instance saved after it was assigned.
        obj._prepare_related_fields_for_save(operation_name="insert_rows")
    plain = [_plain_types(field) for field in fields]
    rows = [
        [
            value
            if types and ((value := getattr(obj, field.attname)) is None or type(value) in types)
            else field.get_db_prep_save(field.pre_save(obj, True), connection)
            for field, types in zip(fields, plain, strict=True)
        ]
        for obj in objects
    ]
    returned = insert_values(
        model, fields, rows, returning=returning, ignore_conflicts=ignore_conflicts
    )
    if returning:
        for obj, values in zip(objects, returned, strict=True):
            for field, value in zip(opts.db_returning_fields, values, strict=True):
                setattr(obj, field.attname, value)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = using


# Values that the compiler would hand to the driver as they are: a text field's str, a
# boolean's bool, an integer's int (on PostgreSQL Django wraps it in psycopg's Int4 or Int8,
# which COPY and client-side binding write as the same digits). Exact field classes only: a
# subclass may prepare its values (RichTextField, a JSONField's str). Preparing every value
# the compiler's way was a tenth of a big import.
_PLAIN = {
    models.CharField: (str,),
    models.TextField: (str,),
    models.SlugField: (str,),
    models.URLField: (str,),
    models.EmailField: (str,),
    models.BooleanField: (bool,),
    models.IntegerField: (int,),
    models.SmallIntegerField: (int,),
    models.BigIntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
    models.AutoField: (int,),
    models.BigAutoField: (int,),
    models.ForeignKey: (int,),
    models.OneToOneField: (int,),
}


@cache
def _plain_types(field) -> tuple:
    """The value types of ``field`` that need no preparation (see ``_PLAIN``; none of those
    fields does anything in ``pre_save`` but read the attribute), or ``()``."""
    types = _PLAIN.get(type(field), ())
    if isinstance(field, models.ForeignKey) and _plain_types(field.target_field) != (int,):
        return ()
    return types


def insert_values(
    model, fields, rows, *, returning: bool = False, ignore_conflicts: bool = False
) -> list[tuple] | None:
    """Insert ``rows`` of database-ready values (one per field of ``fields``, in order) into
    ``model``'s table. With ``returning``, the database-returned fields (the primary key) of
    each row, in order. For rows that need no preparation, such as the id pairs of a
    many-to-many table, without making a model instance per row."""
    if returning and ignore_conflicts:
        raise ValueError("a skipped row has no key to return")
    if not rows:
        return [] if returning else None
    connection = connections[router.db_for_write(model)]
    returned = _insert(connection, model, fields, rows, returning, ignore_conflicts)
    note_growth(connection, model._meta.db_table, len(rows))
    return returned


def _insert(connection, model, fields, rows, returning, ignore_conflicts) -> list[tuple] | None:
    quote = connection.ops.quote_name
    # Names from the model's options; the values are parameters.
    table, columns = quote(model._meta.db_table), [quote(field.column) for field in fields]
    target = f"{table} ({', '.join(columns)})"
    returned_fields = model._meta.db_returning_fields
    # One transaction for all the rows: in autocommit mode each row of an executemany would be
    # committed on its own (a journal sync per row on SQLite).
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        if returning and connection.vendor == "postgresql" and returned_fields == [model._meta.pk]:
            # The new keys drawn from the table's sequence first, then the rows copied with them:
            # psycopg would bind every value of a multi-row INSERT into its text client-side.
            pk = model._meta.pk
            # The sequence as a constant: ``nextval(pg_get_serial_sequence(…))`` looks it up
            # again for every row (1.3 against 0.4 ms for 500 keys).
            cursor.execute(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
                [_sequence(cursor, model._meta.db_table, pk.column), len(rows)],
            )
            keys = [row[0] for row in cursor.fetchall()]
            with_key = ", ".join([*columns, quote(pk.column)])
            with cursor.copy(f"COPY {table} ({with_key}) FROM STDIN") as copy:
                for row, key in zip(rows, keys, strict=True):
                    copy.write_row([*row, key])
            return [(key,) for key in keys]
        if returning:
            names = ", ".join(quote(field.column) for field in returned_fields)
            row_sql = f"({', '.join(['%s'] * len(fields))})"
            size = max(1, connection.ops.bulk_batch_size(fields, rows))
            returned = []
            for start in range(0, len(rows), size):
                part = rows[start : start + size]
                cursor.execute(
                    f"INSERT INTO {target} VALUES {', '.join([row_sql] * len(part))} "  # noqa: S608
                    f"RETURNING {names}",
                    [value for row in part for value in row],
                )
                # Both databases return the rows of a multi-row INSERT in VALUES order (Django's
                # bulk_create relies on it too).
                returned += cursor.fetchall()
            return returned
        if ignore_conflicts:
            # COPY cannot skip a row: one prepared INSERT per row (pipelined by psycopg).
            placeholders = ", ".join(["%s"] * len(fields))
            write_behind.execute(
                connection,
                f"INSERT INTO {target} VALUES ({placeholders}) ON CONFLICT DO NOTHING",  # noqa: S608
                rows,
                many=True,
            )
        elif connection.vendor == "postgresql":
            with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {target} VALUES ({placeholders})", rows)  # noqa: S608
    return None


_sequences: dict[tuple, str] = {}


def _sequence(cursor, table: str, column: str) -> str:
    """The name of the sequence of ``table.column`` (PostgreSQL), looked up once per process."""
    key = (cursor.db.settings_dict["NAME"], table, column)
    if key not in _sequences:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        _sequences[key] = cursor.fetchone()[0]
    return _sequences[key]

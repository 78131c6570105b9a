"""PostgreSQL's planner statistics for the tables a bulk job grows.

The planner chooses its plans from each table's statistics, which autovacuum refreshes after
a transaction has committed. A workbook import writes its pages in one transaction and indexes
them right after it: all that time the statistics describe the tables as they were before, and
on an empty or small site the planner takes tables of 100,000 pages for a few rows. It then
hashes the whole page table to read a batch of 200 pages (100 ms instead of 1 ms), and a
100,000-row import on an empty database spent two thirds of its indexing time that way.

:func:`note_growth` is told of every bulk insert; when a table has doubled since its last
statistics (and by at least :data:`MIN_ROWS` rows) it is analysed at once, in the transaction,
where ANALYZE sees the transaction's own new rows. Doubling keeps the cost to a few analyses per
table, each a sample of at most 30,000 rows. Nothing happens on SQLite, whose planner needs no
statistics for the look-ups of these jobs.
"""

MIN_ROWS = 10_000

# (database alias, table) -> [rows added since the last statistics, rows they counted]
_growth: dict[tuple[str, str], list[float]] = {}


def note_growth(connection, table: str, rows: int) -> None:
    """``rows`` new rows were written to ``table``: analyse it if it has doubled."""
    if connection.vendor != "postgresql" or not rows:
        return
    key = (connection.alias, table)
    if key not in _growth:
        _growth[key] = [0, _counted_rows(connection, table)]
    growth = _growth[key]
    growth[0] += rows
    if growth[0] >= max(MIN_ROWS, growth[1]):
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        _growth[key] = [0, _counted_rows(connection, table)]


def _counted_rows(connection, table: str) -> float:
    """The number of rows the table's statistics count (0 if it has never been analysed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        row = cursor.fetchone()
    return max(row[0], 0) if row else 0

"""Writes that PostgreSQL runs while Python prepares the next batch.

A bulk job (the deferred indexing of an import) repeats: read a batch, work it out in Python,
write the result. Run one after the other, Python waits while the server writes, and the
server idles while Python works: on two cores a third of the indexing was waiting. In
psycopg's pipeline mode a statement is sent without waiting for its result, and the server
starts on it at once. So the job holds the writes it works out for one batch, reads the next
batch, and only then sends them: the server writes batch *n* while Python works out batch
*n + 1*, and the read of batch *n + 2* waits for whatever of it is left (the server runs a
connection's statements in order, so every read still sees the writes before it).

Only statements whose result nobody reads can be held: inserts, updates and deletes given to
:func:`execute`. On SQLite there is no pipeline and :func:`execute` runs at once. An error in a
held write surfaces at the next read or when the block ends, and rolls the transaction back
like any other.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_held: ContextVar["WriteBehind | None"] = ContextVar("write_behind", default=None)


def execute(connection, sql: str, params, *, many: bool = False, numbered: bool = False) -> None:
    """Run a write whose result no one reads (``many``: ``executemany`` over ``params``;
    ``numbered``: ``$1`` placeholders, :func:`numbered_cursor`), or, inside a
    :meth:`WriteBehind.hold` block on this connection, keep it for :meth:`WriteBehind.send`."""
    held = _held.get()
    if held is not None and held.connection is connection:
        held.statements.append((sql, params, many, numbered))
    else:
        _run(connection, sql, params, many, numbered)


def _run(connection, sql, params, many, numbered) -> None:
    with numbered_cursor(connection) if numbered else connection.cursor() as cursor:
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)


class WriteBehind:
    """``with WriteBehind(connection) as writes:`` puts a PostgreSQL connection in pipeline
    mode for the block; ``with writes.hold():`` keeps the writes made inside it, and
    ``writes.send()`` sends them without waiting. The block's end waits for all of them."""

    def __init__(self, connection):
        self.connection = connection
        self.statements: list[tuple] = []
        self.pipelined = connection.vendor == "postgresql"

    def __enter__(self):
        if self.pipelined:
            self.connection.ensure_connection()
            self._pipeline = self.connection.connection.pipeline()
            self._pipeline.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.send()
        except BaseException as error:
            exc_type, exc, tb = type(error), error, error.__traceback__
            raise
        finally:
            self.statements.clear()
            if self.pipelined:
                # Waits for the results of everything sent, and raises the first error among
                # them; the connection leaves pipeline mode in every case.
                with self.connection.wrap_database_errors:
                    self._pipeline.__exit__(exc_type, exc, tb)
        return False

    @contextmanager
    def hold(self):
        if not self.pipelined:
            yield
            return
        token = _held.set(self)
        try:
            yield
        finally:
            _held.reset(token)

    def send(self) -> None:
        statements, self.statements = self.statements, []
        for statement in statements:
            _run(self.connection, *statement)


@contextmanager
def numbered_cursor(connection):
    """A cursor of ``connection`` (PostgreSQL) for statements with numbered placeholders
    (``$1``, ``$2`` …) whose parameters are sent apart from the statement. Django's psycopg
    cursor binds every parameter into the statement's text client-side, which for a statement
    with thousands of values costs more than running it. Logged as Django's own cursors are."""
    import psycopg

    connection.ensure_connection()
    with connection._prepare_cursor(psycopg.RawCursor(connection.connection)) as cursor:
        yield cursor

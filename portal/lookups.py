"""``field__in_ids=[…]``: the rows whose key is in a long list of integers.

The bulk code (indexing, imports, aliases) reads thousands of rows by key, a few hundred keys
per statement. Django's ``__in`` prepares every value through the field (a related field's in
several steps), and on PostgreSQL psycopg then quotes each one into the statement's text: some
3 µs per key, a twentieth of a big import. Here the keys must already be integers and go as
they are: one array parameter on PostgreSQL (``= ANY(%s::integer[])``, planned as ``IN``),
on SQLite one JSON parameter for a long list (``json_each``), placeholders for a short one.
For user input or other types, use ``__in``.
"""

import json

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject, Lookup

#: SQLite: lists of at least this many keys go as one JSON parameter.
JSON_FROM = 100
_INTEGER_LIMITS = {"smallint": 2**15, "integer": 2**31, "bigint": 2**63}


class InIds(Lookup):
    lookup_name = "in_ids"
    prepare_rhs = False

    def get_prep_lookup(self):
        values = list(self.rhs)
        if not all(type(value) is int for value in values):
            raise TypeError("in_ids takes integers; use __in for other values")
        return values

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            # An array of the column's own type: psycopg would send the smallest integer type
            # that holds the keys (int2[]), and for a cross-type ``= ANY`` the planner misjudges
            # the rows (a nested loop checking every key per row: 52 against 3 ms for 200
            # pages). Keys outside that type's range match no row.
            db_type = self.lhs.output_field.cast_db_type(connection)
            limit = _INTEGER_LIMITS.get(db_type, 2**63)
            keys = [key for key in self.rhs if -limit <= key < limit]
            return f"{lhs} = ANY(%s::{db_type}[])", [*params, keys]
        if not self.rhs:
            raise EmptyResultSet
        if len(self.rhs) >= JSON_FROM:
            # One JSON parameter that SQLite unpacks (``json_each``): thousands of placeholders
            # cost the driver one binding each.
            sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608 (lhs: a column)
            return sql, [*params, json.dumps(self.rhs)]
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*params, *self.rhs]


def keys_in(name: str, keys: list) -> dict:
    """Filter arguments for the rows whose ``name`` is in ``keys``: ``__in_ids`` when every key
    is an integer (as a saved page's), ``__in`` otherwise (generic code, other key types)."""
    if all(type(key) is int for key in keys):
        return {f"{name}__in_ids": keys}
    return {f"{name}__in": keys}


# A relation takes only the lookups registered on ForeignObject and its subclasses.
Field.register_lookup(InIds)
ForeignObject.register_lookup(InIds)

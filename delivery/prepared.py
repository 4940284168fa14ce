"""Server-side prepared statements for the compiled hot queries (PostgreSQL).

PostgreSQL plans every statement it is sent. A condition's detail query (the page, its related
rows as JSON, its sign-off and its servable treatments) took about 1.1 ms to plan and 0.2 ms to
run; under load that planning competes with the app for the same CPUs. A shape compiled by
``delivery.compiled`` is the same SQL every time, so each connection ``PREPARE``\\ s it once and
then sends ``EXECUTE name(values...)``: PostgreSQL reuses its plan (after a few executions, a
generic plan when that costs no more than the custom ones).

Prepared statements belong to a database session: the registry of what a connection has
prepared is dropped whenever Django opens a new one (``connection_created``). They do not
survive a pooler that hands each transaction to another server session (PgBouncer in
transaction mode): set ``DB_PREPARED_STATEMENTS=false`` there.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from psycopg.types import numeric

_REGISTRY = "_delivery_prepared"
_PLACEHOLDER = re.compile(r"%%|%s")


def enabled() -> bool:
    return (
        getattr(settings, "DB_PREPARED_STATEMENTS", True)
        and connections["default"].vendor == "postgresql"
    )


# The parameter types a statement is prepared with, by the Python type of the value compiled
# into it (PostgreSQL cannot always infer one: ``SELECT $1 AS a``). Other values: not prepared.
_TYPES = {
    str: "text",
    int: "bigint",
    bool: "boolean",
    float: "double precision",
    # What Django's PostgreSQL backend wraps integers in for typed comparisons.
    numeric.Int2: "smallint",
    numeric.Int4: "integer",
    numeric.Int8: "bigint",
}


def statement(sql: str, params: list) -> str:
    """SQL that runs ``sql`` with ``params`` as a statement prepared on the current connection
    (preparing it first if this session has not), or ``sql`` itself when a parameter is of a
    type not prepared here."""
    types = [_TYPES.get(type(param)) for param in params]
    if None in types:
        return sql
    connection = connections["default"]
    key = f"{sql}\x00{types}"
    name = "delivery_" + hashlib.blake2b(key.encode(), digest_size=10).hexdigest()
    prepared = connection.__dict__.setdefault(_REGISTRY, set())
    if name not in prepared:
        numbers = iter(range(1, len(params) + 1))
        body = _PLACEHOLDER.sub(lambda m: "%" if m.group() == "%%" else f"${next(numbers)}", sql)
        declared = f"({', '.join(types)})" if types else ""
        with connection.cursor() as cursor:
            cursor.execute(f"PREPARE {name}{declared} AS {body}")
        prepared.add(name)
    if not params:
        return f"EXECUTE {name}"
    return f"EXECUTE {name}({', '.join(['%s'] * len(params))})"


def forget(connection) -> None:
    """Deallocate what ``connection``'s session has prepared here (when its compiled shapes
    are dropped, so neither grows without bound)."""
    names = connection.__dict__.pop(_REGISTRY, set())
    if names and connection.connection is not None:
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(f"DEALLOCATE {name}")


@receiver(connection_created)
def _forget_prepared(sender, connection, **kwargs) -> None:
    connection.__dict__.pop(_REGISTRY, None)

"""Server-side prepared statements for the API's detail queries (PostgreSQL).

PostgreSQL plans every statement it is sent. A condition's detail query (the page, its related
rows as JSON, its sign-off and its servable treatments) took about 1.1 ms to plan and 0.2 ms to
run; under load that planning competes with the app for the same CPUs. A shape compiled by
``delivery.compiled`` is the same SQL every time, so each database session ``PREPARE``\\ s it
once and then sends ``EXECUTE name(values...)``. PostgreSQL plans the first five executions
for their values and then, when a generic plan costs no more than those, reuses one.

Only shapes their caller marks are prepared: a detail's page query, which its slug picks out
whatever the value. A generic plan cannot see a value, and some shapes need to: the lists'
signed linked pages (``pk IN (...)`` and a site's ``path LIKE '0001…%'``) ran 18 times slower
on their generic plan (4.7 ms against 0.27 ms).

Prepared statements belong to a database session, so what has been prepared is recorded per
psycopg connection (a pooled connection keeps its record with its session). They pay off only
on persistent connections: with ``CONN_MAX_AGE = 0`` each request is a new session, and
nothing is prepared. A statement the session turns out not to hold (or to hold already, or
whose plan a migration invalidated) is forgotten and its query answered as plain SQL, outside
a transaction; inside one the error stands. A pooler that hands each transaction to another
server session (PgBouncer in transaction mode) cannot keep them: set
``DB_PREPARED_STATEMENTS=false`` there.
"""

from __future__ import annotations

import hashlib
import re
import threading
import weakref

from django.conf import settings
from django.db import DatabaseError, connections
from psycopg.types import numeric

_PLACEHOLDER = re.compile(r"%%|%s")
_PREFIX = "delivery_prepared_"
# psycopg connection -> names prepared in its session.
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_lock = threading.Lock()
# What PostgreSQL says when a session lacks a statement, already has it, or a migration changed
# what it returns: each means the record and the session disagree.
_STALE = {"26000", "42P05", "0A000"}


def enabled() -> bool:
    connection = connections["default"]
    return (
        getattr(settings, "DB_PREPARED_STATEMENTS", True)
        and connection.vendor == "postgresql"
        and connection.settings_dict.get("CONN_MAX_AGE") != 0
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
    """SQL that runs ``sql`` with ``params`` as a statement prepared in the current session
    (preparing it first if the session has not), or ``sql`` itself when a parameter is of a
    type not prepared here."""
    types = [_TYPES.get(type(param)) for param in params]
    if None in types:
        return sql
    connection = connections["default"]
    connection.ensure_connection()  # the session the statement will run in
    name = _PREFIX + hashlib.blake2b(f"{sql}\x00{types}".encode(), digest_size=10).hexdigest()
    names = _names(connection.connection)
    if name not in names:
        numbers = iter(range(1, len(params) + 1))
        body = _PLACEHOLDER.sub(lambda m: "%" if m.group() == "%%" else f"${next(numbers)}", sql)
        declared = f"({', '.join(types)})" if types else ""
        with connection.cursor() as cursor:
            cursor.execute(f"PREPARE {name}{declared} AS {body}")
        names.add(name)
    if not params:
        return f"EXECUTE {name}"
    return f"EXECUTE {name}({', '.join(['%s'] * len(params))})"


def is_stale(error: Exception) -> bool:
    """Whether ``error`` says the session and the record of its statements disagree."""
    cause = error.__cause__ if isinstance(error, DatabaseError) else error
    return getattr(cause, "sqlstate", None) in _STALE


def forget(connection) -> None:
    """Deallocate everything prepared here in ``connection``'s session (when its compiled
    shapes are dropped, or when the session and the record disagree), so neither grows without
    bound or stays wrong."""
    raw = connection.connection
    if raw is None:
        return
    with _lock:
        _prepared.pop(raw, None)
    if not raw.closed:
        # What the session holds, recorded or not (a pooled session may have outlived its
        # client connection).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM pg_prepared_statements WHERE name LIKE %s", [_PREFIX + "%"]
            )
            held = [row[0] for row in cursor.fetchall()]
            if held:
                cursor.execute("; ".join(f"DEALLOCATE {name}" for name in held))


def _names(raw) -> set[str]:
    with _lock:
        return _prepared.setdefault(raw, set())

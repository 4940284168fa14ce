"""Hot querysets compiled to SQL once and run again with new values.

Building and compiling a Django queryset costs more than PostgreSQL takes to run it: a
treatment's detail query (the page, its image, clinic and disclaimer, kept to the site's live,
public pages) took about 3 ms to compile and under 1 ms to run. For the few querysets every
detail request makes, :func:`run` compiles once per connection and *shape*, with placeholder
values, notes where each placeholder landed among the SQL parameters, and from then on only
swaps the request's values in. The rows still become model instances through Django's own
iterable (select_related objects and prefetches included), from a compiler that already did
the work.

The contract, as for ``routing.queryset``: ``key`` names everything ``build`` depends on apart
from the values passed to it (the routing token, the model, the site's root...). A value must
reach the SQL as a parameter of its own, unchanged (an ``exact`` or ``in`` lookup on a primary
key, a foreign key or a text field; not a ``contains``, and not a plain integer field, whose
values psycopg's adapters wrap): a shape where a placeholder does not is simply built and
compiled per call, as before. Lists are compiled once per length. Nothing is kept on SQLite or
without a routing token. A shape its caller marks ``prepare`` runs as a statement prepared once
per database session (``delivery.prepared``), so PostgreSQL does not plan it again either.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Hashable
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DatabaseError, connections
from django.db.models import QuerySet

from . import prepared

# Per connection (so per thread): at most this many shapes, then it starts again.
_MAX_SHAPES = 256
# Longer lists (the kiosk bundle's review data of every page) are built per call: each length
# is a shape of its own, and a whole site's worth would rarely be asked for twice.
_MAX_LIST = 100
_counter = itertools.count()


class _Shape:
    """A compiled queryset: the compiler that produced its SQL, and where each value goes."""

    def __init__(self, queryset: QuerySet, compiler, sql: str, params: tuple, slots: dict):
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.slots = slots  # name -> [(value index or None, parameter index), ...]

    def run(self, values: dict[str, Any], prepare: bool) -> list:
        params = list(self.params)
        for name, places in self.slots.items():
            value = values[name]
            for item, index in places:
                params[index] = value if item is None else value[item]
        if not (prepare and prepared.enabled()):
            return self._fetch(self.sql, params)
        try:
            return self._fetch(prepared.statement(self.sql, params), params)
        except DatabaseError as error:
            connection = connections["default"]
            if not prepared.is_stale(error) or connection.in_atomic_block:
                raise
            prepared.forget(connection)  # the session was not what was recorded of it
            return self._fetch(self.sql, params)

    def _fetch(self, sql: str, params: list) -> list:
        bound = copy.copy(self.compiler)
        bound.as_sql = lambda *args, **kwargs: (sql, params)
        queryset = self.queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: bound
        return list(queryset)


_NOT_COMPILABLE = object()
_MARK = "\x00delivery-compiled-"
_FIRST_NUMBER = -(2**62)


def run(
    token: str | None,
    key: Hashable,
    build: Callable[..., QuerySet],
    *,
    prepare: bool = False,
    **values: Any,
) -> list:
    """``list(build(**values))``, compiled once per connection, token, key and shape; with
    ``prepare``, run as a prepared statement (``delivery.prepared``), for a shape whose plan
    does not depend on its values.

    Each value is a string, an integer or a list of them (for ``__in``)."""
    if token is not None and all(_compilable(value) for value in values.values()):
        shape_key = (token, key, tuple((name, _form(value)) for name, value in values.items()))
        shapes = _shapes()
        shape = shapes.get(shape_key)
        if shape is None:
            shape = shapes[shape_key] = _compile(build, values)
        if shape is not _NOT_COMPILABLE:
            return shape.run(values, prepare)
    return list(build(**values))


def _shapes() -> dict:
    connection = connections["default"]
    shapes = connection.__dict__.setdefault("_delivery_compiled_shapes", {})
    if len(shapes) > _MAX_SHAPES:
        shapes.clear()
        prepared.forget(connection)
    return shapes


def _compilable(value) -> bool:
    """Not an empty list (Django asks the database nothing for it), nor a very long one."""
    return not isinstance(value, list | tuple) or 0 < len(value) <= _MAX_LIST


def _form(value) -> Hashable:
    if isinstance(value, list | tuple):
        return ("list", len(value), tuple(type(item) for item in value))
    return type(value)


def _placeholder(value):
    number = next(_counter)
    if isinstance(value, bool):
        raise TypeError("booleans are not compiled: True and 1 are the same parameter")
    if isinstance(value, int):
        return _FIRST_NUMBER - number
    if isinstance(value, str):
        return f"{_MARK}{number}\x00"
    raise TypeError(f"cannot compile a {type(value).__name__} value")


def _compile(build, values: dict[str, Any]):
    """The shape of ``build`` for values like these, or ``_NOT_COMPILABLE``."""
    try:
        placeholders = {
            name: [_placeholder(item) for item in value]
            if isinstance(value, list | tuple)
            else _placeholder(value)
            for name, value in values.items()
        }
    except TypeError:
        return _NOT_COMPILABLE
    queryset = build(**placeholders)
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except (EmptyResultSet, FullResultSet):
        # A placeholder decided the query on its own (an integer beyond a field's range makes
        # Django drop the condition): these values cannot stand for others.
        return _NOT_COMPILABLE
    params = tuple(params)
    if _MARK in sql or str(_FIRST_NUMBER)[:12] in sql:
        return _NOT_COMPILABLE  # a placeholder was written into the SQL itself
    at: dict[tuple[type, Any], list[int]] = {}
    for index, param in enumerate(params):
        if type(param) in (int, str):
            at.setdefault((type(param), param), []).append(index)
    slots: dict[str, list] = {}
    for name, placeholder in placeholders.items():
        is_list = isinstance(placeholder, list)
        places = []
        for item_index, item in enumerate(placeholder if is_list else [placeholder]):
            found = at.get((type(item), item))
            if not found:
                return _NOT_COMPILABLE  # transformed on its way to the parameters
            places += [(item_index if is_list else None, index) for index in found]
        slots[name] = places
    placed = {index for places in slots.values() for _, index in places}
    for index, param in enumerate(params):
        if index not in placed and _derived(param):
            return _NOT_COMPILABLE  # a value also reached the SQL in another form
    return _Shape(queryset, compiler, sql, params, slots)


def _derived(param) -> bool:
    """A parameter made from a placeholder (``%…%`` for ``contains``, a cast...)."""
    if isinstance(param, str):
        return _MARK in param
    return type(param) is int and param <= _FIRST_NUMBER

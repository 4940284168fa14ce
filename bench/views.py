"""The baselines the content API is measured against, behind the same server, middleware and
throttling as the API:

- constant bytes: the stack's ceiling, with nothing to compute and nothing to read;
- one primary-key SELECT returning the same bytes as the answer it stands for (stored in the
  benchmark's own table, ``bench_blob``): the floor of any design that reads the database.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.http import Http404, HttpResponse
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from api.views import AnonThrottle

MAX_SIZE = 20 * 1024 * 1024
TABLE = "bench_blob"


@cache
def _body(size: int) -> bytes:
    return b"x" * size


class Baseline(APIView):
    """Anonymous and throttled like the content API's views."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonThrottle]


class ConstantBytes(Baseline):
    def get(self, request, size: int):
        if size > MAX_SIZE:
            raise Http404
        return HttpResponse(_body(size), content_type="application/json")


class OneSelect(Baseline):
    def get(self, request, blob: int):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT body FROM {TABLE} WHERE id = %s", [blob])  # noqa: S608
            row = cursor.fetchone()
        if row is None:
            raise Http404
        return HttpResponse(row[0], content_type="application/json")


def create_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY, body text)")


def store(bodies: list[bytes]) -> list[int]:
    """Keep ``bodies`` for the one-SELECT view; their ids, in order."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLE}")
        cursor.executemany(
            f"INSERT INTO {TABLE} (id, body) VALUES (%s, %s)",  # noqa: S608
            [(number, body.decode("utf-8")) for number, body in enumerate(bodies, start=1)],
        )
    return list(range(1, len(bodies) + 1))

"""Page-number pagination: ``count``, ``next``, ``previous`` and ``results``.

One query for a read (the page, with the total as a window count over the whole result); a page
beyond the last is a 400, not an empty page, so a client paging past the end learns it (page 1
of nothing is an empty page, and needs no count).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rest_framework.utils.urls import remove_query_param, replace_query_param

from .params import PAGE, ParameterProblem


@dataclass
class Page:
    items: list[Any]
    count: int
    number: int
    size: int

    @property
    def has_next(self) -> bool:
        return self.number * self.size < self.count

    def links(self, request, root_url: str) -> tuple[str | None, str | None]:
        """The next and previous pages' addresses on the site's root URL (``root_url``), not
        the request's host, so every host a site answers gives the same body for its ETag."""
        url = root_url + request.get_full_path()
        following = replace_query_param(url, PAGE.name, self.number + 1) if self.has_next else None
        if self.number <= 1:
            preceding = None
        elif self.number == 2:
            preceding = remove_query_param(url, PAGE.name)
        else:
            preceding = replace_query_param(url, PAGE.name, self.number - 1)
        return following, preceding


def paginate(items: Callable[[int, int], list] | Sequence[Any], number: int, size: int) -> Page:
    """Page ``number`` of ``size`` items: of a list, or read by ``items(limit, offset)``, whose
    rows carry the total (``total``) in the same query. An empty page needs the total on its
    own, unless it is the first (page 1 of nothing is an empty page)."""
    start = (number - 1) * size
    if callable(items):
        rows = items(size, start)
        if rows:
            count = rows[0].total
        else:
            counted = items(1, 0) if number > 1 else []
            count = counted[0].total if counted else 0
    else:
        rows, count = list(items[start : start + size]), len(items)
    last = max(1, math.ceil(count / size))
    if number > last:
        raise ParameterProblem(
            PAGE.name,
            f"Page {number} is beyond the last page ({last}) of {count} results.",
        )
    return Page(items=rows, count=count, number=number, size=size)

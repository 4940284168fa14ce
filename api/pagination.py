"""Page-number pagination: ``count``, ``next``, ``previous`` and ``results``.

One query for a queryset (the page, with the total as a window count over the whole result); a
page beyond the last is a 400, not an empty page, so a client paging past the end learns it
(page 1 of nothing is an empty page, and needs no count).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Window
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

    def links(self, request) -> tuple[str | None, str | None]:
        url = request.build_absolute_uri()
        following = replace_query_param(url, PAGE.name, self.number + 1) if self.has_next else None
        if self.number <= 1:
            preceding = None
        elif self.number == 2:
            preceding = remove_query_param(url, PAGE.name)
        else:
            preceding = replace_query_param(url, PAGE.name, self.number - 1)
        return following, preceding


def paginate(items: models.QuerySet | Sequence[Any], number: int, size: int) -> Page:
    start = (number - 1) * size
    if isinstance(items, models.QuerySet) and not items.query.distinct:
        # The page and the total in one query: a window count over the whole result. An empty
        # page needs the count on its own (page 1 of nothing, or a page beyond the last).
        rows = list(items.annotate(api_total=Window(Count("pk")))[start : start + size])
        count = rows[0].api_total if rows else (items.count() if number > 1 else 0)
    else:
        count = items.count() if isinstance(items, models.QuerySet) else len(items)
        rows = None
    last = max(1, math.ceil(count / size))
    if number > last:
        raise ParameterProblem(
            PAGE.name,
            f"Page {number} is beyond the last page ({last}) of {count} results.",
        )
    if rows is None:
        rows = list(items[start : start + size])
    return Page(items=rows, count=count, number=number, size=size)

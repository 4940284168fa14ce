"""Search across treatments and conditions with Wagtail's search backend (PostgreSQL full text
on PostgreSQL, the database fallback on SQLite), merged into one ranking."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from wagtail.models import Page

from content_models.models import ConditionPage, TreatmentPage

from .context import ApiContext
from .representations import list_queryset

SEARCHABLE = {"treatment": TreatmentPage, "condition": ConditionPage}
# Enough for any patient-facing site; a bound keeps one search from reading the whole index.
MAX_HITS_PER_TYPE = 500
# Words only: each backend has its own query syntax (quotes, operators), and a stray quote
# must not reach it as syntax. What is searched for is the words, in any script.
WORDS = re.compile(r"\w+")
MAX_WORDS = 32


def ranked_hits(ctx: ApiContext, query: str, types: list[str]) -> list[tuple[type[Page], int]]:
    """(model, pk) of every servable page matching all the words of ``query``, best first: one
    query per type.

    Scores of the two types come from the same index and ranking function, so they compare;
    ties go by title. The fallback backend gives no score: its hits keep the title order.
    """
    words = WORDS.findall(query)[:MAX_WORDS]
    if not words:
        return []
    query = " ".join(words)
    hits = []
    for name in types:
        model = SEARCHABLE[name]
        candidates = model.objects.filter(pk__in=ctx.pages(model).values("pk")).only("pk", "title")
        results = candidates.search(query).annotate_score("_score")
        for page in results[:MAX_HITS_PER_TYPE]:
            hits.append((-(page._score or 0.0), page.title.casefold(), name, page.pk, model))
    hits.sort()
    return [(model, pk) for *_, pk, model in hits]


def fetch_items(ctx: ApiContext, hits: list[tuple[type[Page], int]]) -> list[Page]:
    """The hits' pages as list items need them, in rank order: a constant number of queries."""
    wanted: dict[type[Page], list[int]] = {}
    for model, pk in hits:
        wanted.setdefault(model, []).append(pk)
    found: dict[tuple[type[Page], int], Page] = {}
    for model, pks in wanted.items():
        queryset: QuerySet = list_queryset(model, ctx).filter(pk__in=pks)
        found.update({(model, page.pk): page for page in queryset})
    return [found[hit] for hit in hits if hit in found]

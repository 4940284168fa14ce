"""Search across treatments and conditions with Wagtail's search backend over documents
(PostgreSQL full text on PostgreSQL, the database fallback on SQLite): one ranking of both."""

from __future__ import annotations

import re

from delivery.models import Document
from delivery.serving import read

SEARCHABLE = ("treatment", "condition")
# Enough for any patient-facing site; a bound keeps one search from reading the whole index.
MAX_HITS = 500
# Words only: each backend has its own query syntax (quotes, operators), and a stray quote
# must not reach it as syntax. What is searched for is the words, in any script.
WORDS = re.compile(r"\w+")
MAX_WORDS = 32


def ranked(site, query: str, kinds: list[str]) -> list[int]:
    """Ids of the servable documents matching all the words of ``query``, best first; ties
    (and the fallback backend, which gives no score) by title."""
    words = WORDS.findall(query)[:MAX_WORDS]
    if not words:
        return []
    servable_ids = [document.pk for document in read(site, kinds=kinds)]
    candidates = Document.objects.filter(pk__in=servable_ids).only("pk", "title")
    hits = candidates.search(" ".join(words)).annotate_score("_score")[:MAX_HITS]
    order = sorted(hits, key=lambda hit: (-(hit._score or 0.0), hit.title.casefold(), hit.pk))
    return [hit.pk for hit in order]


def documents(site, ids: list[int]) -> list[Document]:
    """The list items of a page of hits, in rank order (servable again: one query)."""
    if not ids:
        return []
    placeholders = ", ".join(["%s"] * len(ids))
    hits = read(site, parts=["item"], where=f"d.id IN ({placeholders})", params=ids, with_site=True)
    found = {document.pk: document for document in hits}
    return [found[pk] for pk in ids if pk in found]

"""The content digest: a hash of an object's *clinical content* in a canonical form.

Canonical means: sorted keys; no primary keys, parent keys, sort orders or StreamField block
ids; related pages by their stable ``translation_key``; images by their file hash; white space
folded; empty values omitted (so adding an optional field later leaves existing digests alone).
Not tree position, slug, owner, locks, go-live dates or review metadata: moving a page needs no
new review, and reverting to content that was signed before is still signed.

Foreign keys to other snippets (clinic, disclaimer) are left out: the clinic is operational data
and the disclaimer is signed on its own.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
)

# Fields of Wagtail's own models and mixins that are not content. Kept: the title, and the SEO
# title and search description, which patients see in the browser tab and in search results.
_PAGE_FIELDS = {field.name for field in Page._meta.get_fields()} - {
    "title",
    "seo_title",
    "search_description",
}
_MIXIN_FIELDS = {
    field.name
    for mixin in (DraftStateMixin, LockableMixin, RevisionMixin)
    for field in mixin._meta.get_fields()
}
_NON_CONTENT = _PAGE_FIELDS | _MIXIN_FIELDS | {"page_ptr", "id", "sort_order", "content_digest"}


# Draftail adds a random block key to every rich-text paragraph each time it saves.
_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def _fold(value: Any) -> Any:
    """Normalise strings (rich-text block keys, non-breaking spaces, runs of white space), drop
    block ids, and omit empty values, recursively."""
    if isinstance(value, str):
        value = _BLOCK_KEY.sub("", value).replace("&nbsp;", " ").replace("\xa0", " ")
        return " ".join(value.split())
    if isinstance(value, dict):
        is_block = "type" in value and "value" in value
        folded = {key: _fold(item) for key, item in value.items() if not (is_block and key == "id")}
        return {key: item for key, item in folded.items() if item not in (None, "", [], {})}
    if isinstance(value, (list, tuple)):
        return [_fold(item) for item in value]
    return value


def _related_value(field: models.ForeignKey, obj: models.Model) -> Any:
    target = getattr(obj, field.name)
    if target is None:
        return None
    if isinstance(target, Page):
        return {"page": str(target.translation_key)}
    if hasattr(target, "file_hash"):  # a Wagtail image or document: the file itself
        return {"file": target.file_hash}
    return None


def _row(obj: models.Model, *, skip: set[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in skip:
            continue
        if isinstance(field, StreamField):
            data[field.name] = field.value_from_object(obj).get_prep_value()
        elif isinstance(field, models.ForeignKey):
            data[field.name] = _related_value(field, obj)
        else:
            value = field.value_from_object(obj)
            data[field.name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def canonical_content(obj: models.Model) -> dict[str, Any]:
    """The clinical content of a page or snippet instance, as a canonical, JSON-ready dict."""
    data = _row(obj, skip=_NON_CONTENT)
    for field in obj._meta.many_to_many:
        # Related snippets by their stable slug, so renaming a route does not unsign content.
        data[field.name] = sorted(
            getattr(item, "slug", None) or str(item) for item in getattr(obj, field.name).all()
        )
    for relation in get_all_child_relations(type(obj)):
        if relation.get_accessor_name() == COMMENTS_RELATION_NAME:
            continue  # editors' comments are not content
        parent_key = relation.field.name
        children = list(getattr(obj, relation.get_accessor_name()).all())
        rows = [(child, _row(child, skip={parent_key, "sort_order", "id"})) for child in children]
        if hasattr(relation.related_model, "sort_order"):
            # Stored rows come back in sort order; a draft keeps its list order. Sort both, and
            # break ties by the row itself: the database returns equal sort orders in any order,
            # and the digest must not depend on it.
            rows.sort(
                key=lambda pair: (
                    pair[0].sort_order is None,
                    pair[0].sort_order or 0,
                    json.dumps(pair[1], sort_keys=True, default=str),
                )
            )
        data[relation.get_accessor_name()] = [row for _, row in rows]
    data["_type"] = obj._meta.label_lower
    return _fold(data)


def digest_of_content(content: dict[str, Any]) -> str:
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def content_digest(obj: models.Model) -> str:
    """SHA-256 of :func:`canonical_content`."""
    return digest_of_content(canonical_content(obj))

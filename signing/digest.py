"""The content digest: SHA-256 of an object's clinical content in a canonical form.

Canonical means the same content always gives the same form, wherever it came from: the
database, a revision, the editor's form, or an object a template or the API has already
rendered. So the form is built from the *typed* values of the fields and blocks, never from
how they happen to be stored: a ListBlock gives the same list whether its JSON holds bare
values or ``{"type": "item", "value": …, "id": …}`` items, and a StreamField the same whether
or not its raw data was converted.

Also: sorted keys; decimals by their digits without trailing zeros; no primary keys of its own,
parent keys, sort orders or block ids; related pages by their stable ``translation_key``;
images and documents by their file's hash; chosen snippets by their id; white space folded, and
rich text's block keys (only as an attribute of a rich-text tag: the same words typed into any
text still change the digest); empty values omitted (so adding an optional field later leaves
existing digests alone). What is content at all is ``signing.content``'s to say.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from typing import Any

from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from .content import (
    content_child_relations,
    content_fields,
    content_m2m_fields,
)

# Draftail adds a random block key to every rich-text paragraph each time it saves: an
# attribute inside a tag, never text (rich text escapes a "<" in what the editor typed).
_BLOCK_KEY = re.compile(r'(<[A-Za-z][^<>]*?)\s+data-block-key="[^"]*"')
# An emptied editor may leave an empty paragraph behind: rich text with nothing in it.
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
_EMPTY = (None, "", [], {})


def fold(value: Any) -> Any:
    """Normalise strings (empty paragraphs, non-breaking spaces, runs of white space) and omit
    empty values, recursively."""
    if isinstance(value, str):
        value = value.replace("&nbsp;", " ").replace("\xa0", " ")
        return " ".join(_EMPTY_PARAGRAPH.sub("", value).split())
    if isinstance(value, dict):
        folded = {key: fold(item) for key, item in value.items()}
        return {key: item for key, item in folded.items() if item not in _EMPTY}
    if isinstance(value, (list, tuple)):
        return [fold(item) for item in value]
    return value


def rich_text(source: str) -> str:
    """Rich text's source without the block keys the editor adds to its tags."""
    return _BLOCK_KEY.sub(r"\1", source)


def reference(target: models.Model | None) -> dict[str, str] | None:
    """A chosen object by what stays the same about it: a page by its translation key, a file
    by its hash (or, without one, its id and name), anything else (a signed snippet) by its
    model and id. A translatable snippet too is named by its id, not its translation key: each
    language's version (a French treatment shows the French disclaimer) is a different choice,
    and digests signed before disclaimers became translatable stay valid."""
    if target is None:
        return None
    if isinstance(target, Page):
        return {"page": str(target.translation_key)}
    if hasattr(target, "file_hash"):
        if target.file_hash:
            return {"file": target.file_hash}
        # Wagtail hashes a file uploaded in the admin; one made in code may have no hash. It is
        # then named by its object and file name: choosing another still changes the digest.
        return {"file": f"{target._meta.label_lower}:{target.pk}:{target.file.name}"}
    return {"object": f"{target._meta.label_lower}:{target.pk}"}


def _block(block: blocks.Block, value: Any) -> Any:
    """The canonical form of a block's typed value."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": child.block_type, "value": _block(child.block, child.value)} for child in value
        ]
    if isinstance(block, blocks.ListBlock):
        return [_block(block.child_block, item) for item in value]
    if isinstance(block, blocks.StructBlock):
        return {name: _block(child, value.get(name)) for name, child in block.child_blocks.items()}
    if isinstance(value, RichText):
        return rich_text(value.source)
    if isinstance(value, models.Model):  # a chooser's page, image, document or snippet
        return reference(value)
    return _scalar(block.get_prep_value(value))


def _scalar(value: Any) -> Any:
    if isinstance(value, Decimal):  # "12", whether typed as 12, 12.0 or stored as "12.0000"
        return format(value.normalize(), "f")
    return value.isoformat() if hasattr(value, "isoformat") else value


def _field(field: models.Field, obj: models.Model) -> Any:
    if isinstance(field, StreamField):
        return _block(field.stream_block, field.value_from_object(obj))
    if field.is_relation:
        return reference(getattr(obj, field.name))
    if isinstance(field, RichTextField):
        return rich_text(field.value_from_object(obj) or "")
    return _scalar(field.value_from_object(obj))


def _row(obj: models.Model) -> dict[str, Any]:
    return {field.name: _field(field, obj) for field in content_fields(type(obj))}


def canonical_content(obj: models.Model) -> dict[str, Any]:
    """The clinical content of a page or snippet instance, as a canonical, JSON-ready dict."""
    model = type(obj)
    data = _row(obj)
    for field in content_m2m_fields(model):
        # Related snippets by their stable slug, so renaming a route does not unsign content.
        data[field.name] = sorted(
            getattr(item, "slug", None) or str(item) for item in getattr(obj, field.name).all()
        )
    for relation in content_child_relations(model):
        rows = [
            (child, fold(_row(child))) for child in getattr(obj, relation.get_accessor_name()).all()
        ]
        if hasattr(relation.related_model, "sort_order"):
            # Stored rows come back in sort order; a draft keeps its list order. Sort both, and
            # break ties by the row itself: the database returns equal sort orders in any order.
            rows.sort(
                key=lambda pair: (
                    pair[0].sort_order is None,
                    pair[0].sort_order or 0,
                    json.dumps(pair[1], sort_keys=True, default=str),
                )
            )
        data[relation.get_accessor_name()] = [row for _, row in rows]
    data["_type"] = model._meta.label_lower
    return fold(data)


def digest_of_content(content: dict[str, Any]) -> str:
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def content_digest(obj: models.Model) -> str:
    """SHA-256 of :func:`canonical_content`."""
    return digest_of_content(canonical_content(obj))

"""Walk the patient-facing text of any model instance: a page, a snippet, a revision's object.

Concrete text fields (CharField, TextField, RichTextField), StreamFields through every
StructBlock, ListBlock and StreamBlock, and modelcluster child relations (inline panels) are
read, and what a search engine shows of a page (its title tag and meta description);
identifiers and page machinery (slug, URL path, DOIs, …) are not.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content_models.blocks import ReferenceBlock

from .plain_text import html_to_text, rich_text_to_text

SEPARATOR = " › "

# Fields and block children that hold identifiers, addresses or page machinery, not wording a
# patient reads as a claim.
SKIPPED_NAMES = frozenset(
    {"slug", "url_path", "draft_title", "path", "translation_key", "doi", "pmid", "url",
     "authors", "source", "phone", "email", "code", "booking_url"}
)  # fmt: skip
_SKIPPED_FIELD_TYPES = (
    models.SlugField,
    models.URLField,
    models.EmailField,
    models.GenericIPAddressField,
)
# What search engines show patients of a page: claims there are claims, but it repeats the
# page, so reading-level scores leave it out.
SEARCH_FIELDS = frozenset({"seo_title", "search_description"})
# Page fields that are content; every other field defined on wagtailcore's Page is machinery.
_PAGE_CONTENT_FIELDS = frozenset({"title", *SEARCH_FIELDS})


@dataclass(frozen=True)
class TextUnit:
    """The plain text of one field or block, and where it stands."""

    text: str
    location: str
    path: str
    citation: bool = False
    """Inside a reference (its title, finding…): a citation, not prose a patient reads as such,
    so reading-level scores leave it out; the claims checker still reads it."""


@dataclass(frozen=True)
class BlockUnit:
    """One block value in a StreamField (at any depth), for structural checks."""

    block: blocks.Block
    value: Any
    location: str
    path: str


def _join(labels: list[str]) -> str:
    return SEPARATOR.join(labels)


def _dotted(path: list[str]) -> str:
    return ".".join(path)


def _is_text_field(field: models.Field) -> bool:
    if not field.editable or field.choices or field.name in SKIPPED_NAMES:
        return False
    if field.model is Page and field.name not in _PAGE_CONTENT_FIELDS:
        return False
    if isinstance(field, _SKIPPED_FIELD_TYPES):
        return False
    return isinstance(field, StreamField | models.CharField | models.TextField)


def _block_text(block: blocks.Block, value: Any) -> str | None:
    """Plain text of a text block's value; None for blocks that hold no prose."""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_to_text(value)
    if isinstance(block, blocks.RawHTMLBlock):
        return html_to_text(str(value or ""))
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return str(value or "")
    return None


def _walk_block(
    block: blocks.Block, value: Any, labels: list[str], path: list[str], citation: bool = False
) -> Iterator[TextUnit | BlockUnit]:
    yield BlockUnit(block, value, _join(labels), _dotted(path))
    citation = citation or isinstance(block, ReferenceBlock)
    if isinstance(block, blocks.StreamBlock):
        several_types = len(block.child_blocks) > 1
        for index, child in enumerate(value or []):
            child_labels = [*labels, str(index + 1)]
            if several_types:
                child_labels.append(str(child.block.label))
            yield from _walk_block(
                child.block, child.value, child_labels, [*path, str(index)], citation
            )
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            if name in SKIPPED_NAMES:
                continue
            yield from _walk_block(
                child_block,
                (value or {}).get(name),
                [*labels, str(child_block.label)],
                [*path, name],
                citation,
            )
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value or []):
            yield from _walk_block(
                block.child_block, item, [*labels, str(index + 1)], [*path, str(index)], citation
            )
    else:
        text = _block_text(block, value)
        if text and text.strip():
            yield TextUnit(text, _join(labels), _dotted(path), citation)


@functools.cache
def _relation_label(model: type[models.Model], relation_name: str, fallback: str) -> str:
    """The heading of the inline panel editing this relation ("Conditions treated"), so a
    location reads as the editor sees the form; the related model's name otherwise."""
    try:
        from wagtail.admin.panels import InlinePanel, get_edit_handler

        # Pages build their panels from content_panels etc.; other models from panels.
        page_handler = getattr(model, "get_edit_handler", None)
        stack = [page_handler() if page_handler else get_edit_handler(model)]
    except Exception:  # a model without admin panels still gets a label
        return fallback
    while stack:
        panel = stack.pop()
        if isinstance(panel, InlinePanel) and panel.relation_name == relation_name:
            return str(panel.heading or panel.label or fallback)
        stack.extend(getattr(panel, "children", []))
    return fallback


def _walk_object(
    obj: models.Model, labels: list[str], path: list[str]
) -> Iterator[TextUnit | BlockUnit]:
    for field in obj._meta.concrete_fields:
        if not _is_text_field(field):
            continue
        field_labels = [*labels, capfirst(str(field.verbose_name))]
        field_path = [*path, field.name]
        value = getattr(obj, field.name)
        if isinstance(field, StreamField):
            for index, child in enumerate(value or []):
                child_labels = [*field_labels, str(index + 1)]
                if len(field.stream_block.child_blocks) > 1:
                    child_labels.append(str(child.block.label))
                yield from _walk_block(
                    child.block, child.value, child_labels, [*field_path, str(index)]
                )
        else:
            text = html_to_text(value or "") if isinstance(field, RichTextField) else value
            if text and str(text).strip():
                yield TextUnit(str(text), _join(field_labels), _dotted(field_path))

    for relation in get_all_child_relations(type(obj)):
        related_model = relation.related_model
        if related_model._meta.app_label.startswith("wagtail"):
            continue  # editorial comments and other admin machinery, not content
        name = relation.get_accessor_name()
        label = _relation_label(
            type(obj), name, capfirst(str(related_model._meta.verbose_name_plural))
        )
        for index, child in enumerate(getattr(obj, name).all()):
            yield from _walk_object(
                child, [*labels, label, str(index + 1)], [*path, name, str(index)]
            )


def _specific(obj: models.Model) -> models.Model:
    return obj.specific if isinstance(obj, Page) else obj


def walk(obj: models.Model) -> Iterator[TextUnit | BlockUnit]:
    """Text and block values in document order: a block comes before the text inside it."""
    return _walk_object(_specific(obj), [], [])


def iter_text(obj: models.Model) -> Iterator[TextUnit]:
    """Every non-empty piece of patient-facing text in the object, in field order."""
    for unit in walk(obj):
        if isinstance(unit, TextUnit):
            yield unit


def iter_blocks(obj: models.Model) -> Iterator[BlockUnit]:
    """Every block value in the object's StreamFields and its child objects' StreamFields."""
    for unit in walk(obj):
        if isinstance(unit, BlockUnit):
            yield unit

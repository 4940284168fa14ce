"""What counts as clinical content, defined once.

Content is what a reviewer signs: an object's own text and choices, its child rows (a
treatment's conditions, a condition's codes), the pages, files and signed snippets it links
to. Not content: ids, tree position, slug, owner, locks, revisions, workflow and publishing
metadata (go-live and expiry dates included), the recorded digest itself, and choices of
operational data such as a clinic's contact details. So moving a page or scheduling it needs no
new review, and reverting to content that was signed before is still signed.

The digest (``signing.digest``), the recorded digest (``signing.models``), the publishing
guards and the database triggers all read these definitions; none keeps a list of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    DraftStateMixin,
    LockableMixin,
    Page,
    RevisionMixin,
    TranslatableMixin,
)

# Wagtail's own page fields that patients do see: the title, and the SEO title and search
# description shown in the browser tab and in search results.
PAGE_CONTENT_FIELDS = frozenset({"title", "seo_title", "search_description"})

# The name of the field that records a row's content digest: a model that has it is clinical.
DIGEST_FIELD = "content_digest"

# Non-content fields whose writes never change what the public sees: drafts, locks, the cached
# URL path and the recorded digest. A write of anything else to a live row may publish.
BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "url_path",
        DIGEST_FIELD,
    }
)


def _model(obj_or_model) -> type[models.Model]:
    return obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)


@functools.cache
def non_content_fields() -> frozenset[str]:
    """Names of the fields that are never content, on any model."""
    page_fields = {field.name for field in Page._meta.get_fields()} - PAGE_CONTENT_FIELDS
    mixin_fields = {
        field.name
        for mixin in (DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin)
        for field in mixin._meta.get_fields()
    }
    return frozenset(page_fields | mixin_fields | {"id", "page_ptr", "sort_order", DIGEST_FIELD})


def is_clinical(obj_or_model) -> bool:
    """Content whose text reaches patients, and so needs a sign-off: every model that records a
    content digest (``signing.models.SignedContentMixin``)."""
    return any(field.name == DIGEST_FIELD for field in _model(obj_or_model)._meta.concrete_fields)


def is_content_link(field: models.Field) -> bool:
    """Whether the choice a foreign key makes is content: a page, a file (image or document)
    or another clinical object, such as the disclaimer a treatment shows. A parental key is the
    structure of the cluster, and a choice of operational data (a clinic) is not reviewed."""
    if isinstance(field, ParentalKey):
        return False
    target = field.related_model
    return issubclass(target, Page) or hasattr(target, "file_hash") or is_clinical(target)


@functools.cache
def content_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    """The concrete fields of ``model`` that are content, in declaration order."""
    skip = non_content_fields()
    return tuple(
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in skip
        and (not field.is_relation or is_content_link(field))
    )


@functools.cache
def content_m2m_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    """Many-to-many choices that are content (a treatment's routes)."""
    skip = non_content_fields()
    return tuple(field for field in model._meta.many_to_many if field.name not in skip)


def content_child_relations(model: type[models.Model]) -> list:
    """Child relations whose rows are content (a treatment's condition links): every parental
    relation but editors' comments."""
    return [
        relation
        for relation in get_all_child_relations(model)
        if relation.get_accessor_name() != COMMENTS_RELATION_NAME
    ]


def _names(model: type[models.Model], update_fields: Iterable[str]) -> set[str]:
    """Field names for ``update_fields``, which Django lets callers give as attnames too."""
    by_attname = {field.attname: field.name for field in model._meta.concrete_fields}
    return {by_attname.get(name, name) for name in update_fields}


def touches_content(obj_or_model, update_fields: Iterable[str] | None) -> bool:
    """Whether a save with these ``update_fields`` (None: all of them) may change content."""
    if update_fields is None:
        return True
    model = _model(obj_or_model)
    content = {field.name for field in content_fields(model)}
    return bool(_names(model, update_fields) & content)


def may_change_public(obj_or_model, update_fields: Iterable[str] | None) -> bool:
    """Whether a save of a live row with these ``update_fields`` may change what the public
    sees: anything but bookkeeping (publishing state included, since it can make a row live)."""
    if update_fields is None:
        return True
    return bool(_names(_model(obj_or_model), update_fields) - BOOKKEEPING_FIELDS)


def base_content_type(obj_or_model) -> ContentType:
    """The content type sign-offs and revisions are filed under: ``Page`` for every page type
    (as Wagtail files page revisions), the model itself for a snippet."""
    model = _model(obj_or_model)
    base = getattr(model, "base_page_model", None) or model
    return ContentType.objects.get_for_model(base, for_concrete_model=True)

"""One representation per content type, reused by every endpoint and by the web pages' JSON-LD.

- ``items(pages, ctx)``: list items (lists, search hits, code lookup), for pages fetched with
  ``list_queryset`` — the embedded related pages come from one query of the links and one of
  the signed pages among them, and review data from one query per content type, so any number
  of items costs the same SQL.
- ``detail(page, ctx)``: the full representation (detail, path lookup, JSON-LD), for one page
  that has passed the serve-time check.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connections, models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from wagtail.models import Page

from content_models.models import (
    ConditionIndexPage,
    ConditionPage,
    HomePage,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
)
from content_models.models.home import site_sections
from delivery.inlined import Inline, inline, json_rows

from .context import ApiContext
from .serializers import pages as shapes

# The fields an embedded page link needs; everything else of the related page stays unread.
_LINK_FIELDS = ("id", "slug", "title", "url_path")
# The fields a list item reads (``content_digest`` for its review data).
_ITEM_FIELDS = (*_LINK_FIELDS, "last_published_at", "summary", "content_digest")


@dataclass(frozen=True)
class Representation:
    model: type[Page]
    type: str
    detail_serializer: type[shapes.ApiSerializer]
    prepare_detail: Callable[[Any, ApiContext], None]
    detail_related: tuple[str, ...] = ()
    """Foreign keys a detail reads (``select_related``). With ``detail_inlined`` below: all
    the digest check and the representation read, so a detail costs the same however many
    links it has."""
    item_serializer: type[shapes.ApiSerializer] | None = None
    list_queryset: Callable[[ApiContext], models.QuerySet] | None = None
    prepare_items: Callable[[list, ApiContext], None] | None = None
    detail_inlined: tuple[str | Inline, ...] = ()
    """Relations a detail reads, fetched in the page's own query where the database can
    (``delivery.inlined``)."""
    detail_links: Callable[[ApiContext], Subquery] | None = None
    """The servable linked pages a detail shows, read along with the page on PostgreSQL."""

    def detail_queryset(self, ctx: ApiContext) -> models.QuerySet:
        queryset = inline(
            self.model.objects.select_related(*self.detail_related), *self.detail_inlined
        )
        if self.detail_links is not None and connections[queryset.db].vendor == "postgresql":
            queryset = queryset.annotate(**{_SIGNED_LINKS: self.detail_links(ctx)})
        return queryset


# Treatments --------------------------------------------------------------------------------


def treatment_list_queryset(ctx: ApiContext) -> models.QuerySet:
    return ctx.pages(TreatmentPage).only(*_ITEM_FIELDS)


def _prepare_treatment_items(pages: list[TreatmentPage], ctx: ApiContext) -> None:
    links = _links(pages, "treatment", "condition", ConditionPage, ctx)
    for page in pages:
        page.api_conditions = links[page.pk]
    ctx.load_reviews(pages)


def _prepare_treatment(page: TreatmentPage, ctx: ApiContext) -> None:
    ctx.rich_text.prime(page, page.disclaimer)
    # The page's own relations (in memory for a preview), kept to the signed conditions.
    links = list(page.condition_links.all())
    servable = {
        condition.pk: condition
        for condition in ctx.compiled(
            "signed conditions",
            lambda ids: ctx.pages(ConditionPage).filter(pk__in=ids).only(*_LINK_FIELDS, "summary"),
            ids=[link.condition_id for link in links],
        )
    }
    page.api_conditions = [
        _noted(servable[link.condition_id], link.note)
        for link in links
        if link.condition_id in servable
    ]


# Conditions --------------------------------------------------------------------------------


def condition_list_queryset(ctx: ApiContext) -> models.QuerySet:
    return ctx.pages(ConditionPage).only(*_ITEM_FIELDS)


def _prepare_condition_items(pages: list[ConditionPage], ctx: ApiContext) -> None:
    links = _links(pages, "condition", "treatment", TreatmentPage, ctx, by_title=True)
    for page in pages:
        page.api_treatments = links[page.pk]
    ctx.load_reviews(pages)


def _condition_links(ctx: ApiContext) -> Subquery:
    """A condition's servable treatments, by title, each with its note."""
    return _signed_links(ctx, TreatmentPage, "condition_links", "condition")


def _prepare_condition(page: ConditionPage, ctx: ApiContext) -> None:
    page.api_synonyms = [synonym.name for synonym in page.synonyms.all()]
    page.api_codes = list(page.codes.all())
    ctx.rich_text.prime(page)
    page.api_treatments = _read_along_links(page)
    if page.api_treatments is not None:
        return
    notes: dict[int, str] = {}
    if page.pk is not None:  # else a preview of a page not saved yet: nothing links to it
        notes = {link.treatment_id: link.note for link in page.treatment_links.all()}
    # Not read along (a preview, or not PostgreSQL): the links, then the signed treatments
    # among them. No query at all when nothing links here.
    treatments = ctx.compiled(
        "signed treatments",
        lambda ids: (
            ctx.pages(TreatmentPage)
            .filter(pk__in=ids)
            .only(*_LINK_FIELDS, "summary")
            .order_by("title", "pk")
        ),
        ids=list(notes),
    )
    page.api_treatments = [_noted(treatment, notes[treatment.pk]) for treatment in treatments]


# The site's own pages ----------------------------------------------------------------------


def _prepare_home(page: HomePage, ctx: ApiContext) -> None:
    page.api_sections = [_prepare_section(section, ctx) for section in site_sections(page)]
    ctx.rich_text.prime(page)


def _prepare_section(page: Page, ctx: ApiContext) -> Page:
    page = page.specific
    page.api_type = REPRESENTATIONS[type(page)].type
    page.api_listing = ctx.absolute(reverse(LISTINGS[type(page)]))
    return page


def _prepare_index(page: Page, ctx: ApiContext) -> None:
    _prepare_section(page, ctx)
    ctx.rich_text.prime(page)


LISTINGS = {
    TreatmentIndexPage: "api:treatment-list",
    ConditionIndexPage: "api:condition-list",
}

REPRESENTATIONS: dict[type[Page], Representation] = {
    representation.model: representation
    for representation in (
        Representation(
            TreatmentPage,
            "treatment",
            shapes.TreatmentSerializer,
            _prepare_treatment,
            ("image", "clinic", "disclaimer"),
            shapes.TreatmentListItemSerializer,
            treatment_list_queryset,
            _prepare_treatment_items,
            # The digest reads each condition's translation key; the representation reads the
            # signed conditions themselves (``_prepare_treatment``).
            detail_inlined=(
                "routes",
                Inline("condition_links", select={"condition": ("translation_key",)}),
            ),
        ),
        Representation(
            ConditionPage,
            "condition",
            shapes.ConditionSerializer,
            _prepare_condition,
            ("image",),
            shapes.ConditionListItemSerializer,
            condition_list_queryset,
            _prepare_condition_items,
            detail_inlined=("synonyms", "codes"),
            detail_links=_condition_links,
        ),
        Representation(HomePage, "home", shapes.HomePageSerializer, _prepare_home),
        Representation(
            TreatmentIndexPage,
            "treatment_index",
            shapes.TreatmentIndexPageSerializer,
            _prepare_index,
        ),
        Representation(
            ConditionIndexPage,
            "condition_index",
            shapes.ConditionIndexPageSerializer,
            _prepare_index,
        ),
    )
}


# Entry points ------------------------------------------------------------------------------


def detail(page: Page, ctx: ApiContext) -> dict[str, Any]:
    """The full representation of one servable page."""
    representation = REPRESENTATIONS[type(page)]
    representation.prepare_detail(page, ctx)
    with _serializer(representation.detail_serializer, ctx) as serializer:
        return serializer.to_representation(page)


def jsonld(page: Page, ctx: ApiContext) -> dict[str, Any] | None:
    """The page's schema.org JSON-LD (part of its detail), for the web page to embed."""
    if type(page) not in REPRESENTATIONS:
        return None
    return detail(page, ctx).get("jsonld")


def items(pages: Iterable[Page], ctx: ApiContext) -> list[dict[str, Any]]:
    """List items for pages fetched with their type's ``list_queryset``, in the given order
    (they may mix types, as search results do)."""
    pages = list(pages)
    by_model: dict[type[Page], list[int]] = defaultdict(list)
    for position, page in enumerate(pages):
        by_model[type(page)].append(position)
    results: list[Any] = [None] * len(pages)
    for model, positions in by_model.items():
        representation = REPRESENTATIONS[model]
        group = [pages[position] for position in positions]
        representation.prepare_items(group, ctx)
        with _serializer(representation.item_serializer, ctx, many=True) as serializer:
            data = serializer.to_representation(group)
        for position, item in zip(positions, data, strict=True):
            results[position] = item
    return results


class _Trees(threading.local):
    def __init__(self) -> None:
        self.idle: dict[tuple[type, bool], shapes.ApiSerializer] = {}


_trees = _Trees()


@contextmanager
def _serializer(serializer_class: type[shapes.ApiSerializer], ctx: ApiContext, many=False):
    """A serializer of ``serializer_class`` bound to ``ctx``, reused across requests.

    Building a DRF serializer deep-copies the declared fields of it and of every nested
    serializer (a treatment's tree is about a hundred fields, a tenth of the time its detail
    takes). The tree is the same for every request and the fields keep no state of their own,
    so each thread keeps one idle tree per class and points it at the request's context; a tree
    already in use (a representation inside another) is never shared: a new one is built.
    """
    key = (serializer_class, many)
    serializer = _trees.idle.pop(key, None)
    if serializer is None:
        serializer = serializer_class(many=many, context={})
    serializer._context = {"api": ctx}
    try:
        yield serializer
    finally:
        serializer._context = {}
        _trees.idle[key] = serializer


def detail_queryset(model: type[Page], ctx: ApiContext) -> models.QuerySet:
    return REPRESENTATIONS[model].detail_queryset(ctx)


def list_queryset(model: type[Page], ctx: ApiContext) -> models.QuerySet:
    return REPRESENTATIONS[model].list_queryset(ctx)


def _noted(page: Page, note: str) -> Page:
    page.api_note = note
    return page


@dataclass
class LinkedPage:
    """A signed page embedded in a list item: what ``PageLinkSerializer`` reads, and no more."""

    id: int
    slug: str
    title: str
    url_path: str
    api_note: str = ""
    summary: str = ""


def _links(
    pages: list[Page], own: str, other: str, model: type[Page], ctx: ApiContext, *, by_title=False
) -> dict[int, list[LinkedPage]]:
    """The embedded pages of a batch of items, by item, kept to the servable (signed) pages of
    ``model``: the links, then the servable pages among them. Two plain queries, because
    PostgreSQL takes longer to plan the joined form than to run it; both compiled once per
    batch size (``ApiContext.compiled``). In the editor's link order, or by the linked page's
    title with ``by_title``."""
    found: dict[int, list[LinkedPage]] = defaultdict(list)
    if not pages:
        return found
    rows = ctx.compiled(
        ("links", own, other),
        lambda ids: TreatmentCondition.objects.filter(**{f"{own}__in": ids}).values_list(
            f"{own}_id", f"{other}_id", "note"
        ),
        ids=[page.pk for page in pages],
    )
    signed = ctx.compiled(
        ("linked", model),
        lambda ids: (
            ctx.pages(model).filter(pk__in=ids).order_by("title", "pk").values_list(*_LINK_FIELDS)
        ),
        ids=sorted({row[1] for row in rows}),
    )
    linked = {values[0]: values for values in signed}
    if by_title:
        position = {page_id: index for index, page_id in enumerate(linked)}
        rows.sort(key=lambda row: position.get(row[1], -1))
    for page_id, other_id, note in rows:
        if other_id in linked:
            found[page_id].append(LinkedPage(*linked[other_id], api_note=note))
    return found


# The servable pages a detail links to, read along with it -----------------------------------

_SIGNED_LINKS = "_signed_links"


def _signed_links(ctx: ApiContext, model: type[Page], links: str, own: str) -> Subquery:
    """The servable pages of ``model`` linked to the outer page (``links__own`` is it), by
    title, each with the link's note: one column of the detail's own query, where it was a
    query of the links and one of the signed pages among them. (A condition's treatments; a
    treatment's conditions are not read along: PostgreSQL took longer to plan the treatment's
    query with them than the separate query cost.)"""
    pages = ctx.pages(model).filter(**{f"{links}__{own}": OuterRef("pk")}).order_by("title", "pk")
    return json_rows(pages, *_LINK_FIELDS, f"{links}__note", "summary")


def _read_along_links(page: Page) -> list[LinkedPage] | None:
    """The servable linked pages read with ``page`` (``Representation.detail_links``), once;
    None when they were not (another database, a preview): the caller asks then."""
    data = page.__dict__.pop(_SIGNED_LINKS, None)
    if data is None:
        return None
    return [LinkedPage(*row) for row in json.loads(data)]

"""One representation per content type: the detail, the list item and the kiosk item of a page,
rendered from its content by the serializers in ``api.serializers`` (which also type the schema).

Documents are rendered with it when content goes live (``delivery.rendering``); previews of
drafts use it too, so a draft looks exactly as it will once signed. Other pages a
representation shows come from their signed documents (``ApiContext.documents``), never from
live rows; what it reads is recorded in ``ApiContext.keys`` so that a change to it re-renders.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from content_models.models import (
    ConditionIndexPage,
    ConditionPage,
    Disclaimer,
    HomePage,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
)

from .context import ApiContext, language_prefix
from .images import rendition_size
from .serializers import kiosk as kiosk_shapes
from .serializers import pages as shapes

logger = logging.getLogger(__name__)

# Fits a kiosk's landscape screen; "max" never crops, so nothing the editor chose is cut off.
KIOSK_IMAGE_FILTER = "max-1200x800"


class Prepared:
    """A page with what its representation shows besides its own fields (the pages it links
    to, from their documents): the serializers read both, the page itself is left alone."""

    def __init__(self, page: Page, **extra: Any) -> None:
        self.wrapped = page
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


@dataclass
class LinkedPage:
    """Another page, as its signed document shows it."""

    id: int
    slug: str
    title: str
    site_path: str
    summary: str = ""
    note: str = ""
    regulatory_status: str = ""
    guideline_stance: str = ""
    guideline: str = ""
    guideline_url: str = ""


def _linked(document, link: Mapping[str, str] | None = None) -> LinkedPage:
    """Another page as its document shows it, with what the link between the two says (a
    ``TreatmentCondition``'s shown fields, from the page or from ``DocumentLink``)."""
    item = json.loads(document.item) if document.item else {}
    return LinkedPage(
        id=document.page_id,
        slug=document.slug,
        title=document.title,
        site_path=document.path,
        summary=item.get("summary", ""),
        **{name: (link or {}).get(name, "") for name in TreatmentCondition.SHOWN_FIELDS},
    )


@dataclass(frozen=True)
class Representation:
    model: type[Page]
    type: str
    detail_serializer: type
    prepare: Callable[[Page, ApiContext], dict[str, Any]]
    item_serializer: type | None = None
    kiosk_serializer: type | None = None


# Treatments --------------------------------------------------------------------------------


def _signed_disclaimer(page: TreatmentPage, ctx: ApiContext):
    candidates = page.disclaimer_candidates(ctx.as_of)
    # By translation key (``shown_key``): a translation made or signed later re-renders it too.
    ctx.depend_on(*candidates)
    if page.disclaimer_id is None:
        ctx.keys.add(Disclaimer.DEFAULT_KEY)  # whichever disclaimer becomes the default
    return page.shown_disclaimer(candidates, at=ctx.as_of)


def _prepare_treatment(page: TreatmentPage, ctx: ApiContext) -> dict[str, Any]:
    links = list(page.condition_links.all())
    documents = ctx.documents(link.condition_id for link in links)
    conditions = [
        _linked(documents[link.condition_id], link.shown())
        for link in links
        if link.condition_id in documents
    ]
    routes = list(page.routes.all())
    disclaimer = _signed_disclaimer(page, ctx)
    clinic = page.shown_clinic()
    ctx.depend_on(clinic, page.image, *routes)
    return {
        "api_conditions": conditions,
        "routes": routes,
        "disclaimer": disclaimer,
        "kiosk_conditions": conditions,
        "kiosk_clinic": clinic,
        "kiosk_call_to_action": page.call_to_action,
        "kiosk_disclaimer": disclaimer,
    }


# Conditions --------------------------------------------------------------------------------


def _prepare_condition(page: ConditionPage, ctx: ApiContext) -> dict[str, Any]:
    from delivery.models import DocumentLink

    ctx.depend_on(page.image)
    links = (
        DocumentLink.objects.filter(target_page_id=page.pk, document__site=ctx.site).values(
            "document__page_id", *TreatmentCondition.SHOWN_FIELDS
        )
        if page.pk is not None
        else []
    )
    shown = {link.pop("document__page_id"): link for link in links}
    documents = sorted(ctx.documents(shown).values(), key=lambda doc: (doc.title, doc.page_id))
    treatments = [_linked(document, shown[document.page_id]) for document in documents]
    # A condition has no clinic, call to action or disclaimer of its own: a kiosk shows those
    # of its first treatment (by title) that has one, as that treatment's document shows them.
    kiosk = [json.loads(document.kiosk) for document in documents if document.kiosk]
    return {
        "api_synonyms": [synonym.name for synonym in page.synonyms.all()],
        "api_codes": list(page.codes.all()),
        "api_treatments": treatments,
        "kiosk_treatments": treatments,
        "kiosk_clinic": _first(item.get("clinic") for item in kiosk),
        "kiosk_call_to_action": _first(item.get("call_to_action") for item in kiosk) or "",
        "kiosk_disclaimer": _first(item.get("disclaimer") for item in kiosk),
    }


def _first(values):
    return next((value for value in values if value), None)


# The site's own pages ----------------------------------------------------------------------

LISTINGS = {
    TreatmentIndexPage: "api:treatment-list",
    ConditionIndexPage: "api:condition-list",
}


def _prepare_home(page: HomePage, ctx: ApiContext) -> dict[str, Any]:
    children = {child.pk: child for child in page.get_children().specific()}
    documents = ctx.documents(children)
    sections = [
        Prepared(
            _linked(documents[page_id]),
            api_type=REPRESENTATIONS[model].type,
            api_listing=ctx.absolute(reverse(LISTINGS[model])),
        )
        for model in LISTINGS  # treatments first
        for page_id, child in children.items()
        if type(child) is model and page_id in documents
    ]
    return {"api_sections": sections}


def _prepare_index(page: Page, ctx: ApiContext) -> dict[str, Any]:
    return {"api_listing": ctx.absolute(reverse(LISTINGS[type(page)]))}


REPRESENTATIONS: dict[type[Page], Representation] = {
    representation.model: representation
    for representation in (
        Representation(
            TreatmentPage,
            "treatment",
            shapes.TreatmentSerializer,
            _prepare_treatment,
            shapes.TreatmentListItemSerializer,
            kiosk_shapes.KioskTreatmentSerializer,
        ),
        Representation(
            ConditionPage,
            "condition",
            shapes.ConditionSerializer,
            _prepare_condition,
            shapes.ConditionListItemSerializer,
            kiosk_shapes.KioskConditionSerializer,
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


# Rendering ---------------------------------------------------------------------------------


@dataclass
class Rendered:
    """Every representation of one page. ``review`` and the kiosk item's ``expires_at`` are
    left in: they depend on the day, and documents store them apart."""

    detail: dict[str, Any]
    item: dict[str, Any] | None
    kiosk: dict[str, Any] | None


def render(page: Page, ctx: ApiContext) -> Rendered:
    representation = REPRESENTATIONS[type(page)]
    ctx.rich_text.prime(page)
    prepared = Prepared(
        page,
        api_locale=ctx.language_code,
        api_translations=translations(page, ctx),
        **representation.prepare(page, ctx),
    )
    if representation.kiosk_serializer is not None:
        url = ctx.url_for(page)
        prepared.kiosk_qr_svg = ctx.known_qr.get(url) or qr_svg(url)
        prepared.kiosk_image = kiosk_image(page, ctx)
        prepared.kiosk_expires_at = None  # the day's business: documents add it when served
    return Rendered(
        *(
            serializer(prepared, context={"api": ctx}).data if serializer else None
            for serializer in (
                representation.detail_serializer,
                representation.item_serializer,
                representation.kiosk_serializer,
            )
        )
    )


def translations(page: Page, ctx: ApiContext) -> list[dict[str, str]]:
    """The page's other languages that are public in this site, in the order of the site's
    content languages: each with its language's code and own name, title and URL."""
    from delivery.models import Document

    names = dict(settings.LANGUAGES)
    order = list(names)
    found = [
        {
            "locale": document.locale.language_code,
            "language": names.get(document.locale.language_code, document.locale.language_code),
            "title": document.title,
            "url": ctx.base_url + language_prefix(document.locale.language_code) + document.path,
        }
        for document in Document.objects.filter(
            site=ctx.site, page__translation_key=page.translation_key
        )
        .exclude(page_id=page.pk)
        .select_related("locale")
    ]
    return sorted(
        found, key=lambda item: order.index(item["locale"]) if item["locale"] in order else 99
    )


def kiosk_image(page: Page, ctx: ApiContext) -> dict[str, Any] | None:
    """A kiosk-sized rendition of the page's image, or None (also when its file is missing:
    the item goes without its picture, and the log says why)."""
    image = page.image
    if image is None:
        return None
    try:
        rendition = image.get_rendition(KIOSK_IMAGE_FILTER)
    except SourceImageIOError:
        logger.warning("Kiosk item: image %s has no readable original file.", image.pk)
        return None
    return {**rendition_size(rendition, ctx), "alt": page.image_alt_text}


def qr_svg(url: str) -> str:
    """An SVG QR code of exactly ``url``: a full QR code (phones do not all read micro ones),
    medium error correction, dark on a light ground with the standard four-module quiet zone,
    sized by its viewBox so the kiosk can scale it."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        nl=False,
        omitsize=True,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="qr",
        lineclass=None,
    )
    return buffer.getvalue().decode("utf-8")

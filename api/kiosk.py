"""The kiosk bundle: every public treatment and condition of a site in the kiosk shape, with a
content version, an expiry, and deltas against a version a kiosk already holds.

- Public means what every listing serves: live, not private, in the request's site, with a
  signed recorded digest (``ApiContext.pages``, ``signing.signoffs.signed_only``) and a review on
  record; disclaimers only when signed. With ``KIOSK_WITHDRAW_OVERDUE`` on, pages whose review
  is overdue are left out too.
- The ``version`` is a digest of the items (and the site), so the same content gives the same
  version in every process; each item's digest leaves out its ``expires_at``, the one part
  that depends on when the bundle was generated.
- Each version's item digests are kept (``KioskBundleSnapshot``) for as long as a kiosk may
  hold it, so ``?since=`` can be answered with only what changed and what went.
- The whole bundle costs the same number of queries however many items it holds: pages,
  links, images with their renditions, disclaimers and review data are each fetched once.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import segno
from django.conf import settings
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from content_models.models import ConditionPage, Disclaimer, TreatmentCondition, TreatmentPage
from review.currency import ReviewStatus
from signing.signoffs import signed_only

from .context import ApiContext
from .models import KioskBundleSnapshot
from .serializers.kiosk import KioskConditionSerializer, KioskTreatmentSerializer, utc_iso

logger = logging.getLogger(__name__)

# Fits a kiosk's landscape screen; "max" never crops, so nothing the editor chose is cut off.
KIOSK_IMAGE_FILTER = "max-1200x800"
# Versions remembered per site, at most (older ones answer ?since= with the full bundle).
KEEP_VERSIONS = 50
# How stale a remembered version's "last generated" time may get before it is written again.
TOUCH_AFTER = datetime.timedelta(hours=1)
# Item parts that depend on when the bundle was generated, not on the content.
VOLATILE_FIELDS = frozenset({"expires_at"})

KINDS = (
    # (list name, item key prefix)
    ("treatments", "treatment"),
    ("conditions", "condition"),
)


def max_offline_age() -> datetime.timedelta:
    return getattr(settings, "KIOSK_MAX_OFFLINE_AGE", datetime.timedelta(days=7))


def _remembered_since(now: datetime.datetime) -> datetime.datetime:
    """Versions last served after this may still be held by a kiosk whose bundle has not
    expired (``last_generated_at`` lags by up to ``TOUCH_AFTER``)."""
    return now - max_offline_age() - TOUCH_AFTER


def withdraw_overdue() -> bool:
    return getattr(settings, "KIOSK_WITHDRAW_OVERDUE", False)


@dataclass(frozen=True)
class Bundle:
    version: str
    generated_at: datetime.datetime
    expires_at: datetime.datetime
    site: dict[str, str]
    items: dict[str, list[dict[str, Any]]]
    """List name ("treatments") → items, in title order."""
    digests: dict[str, str]
    """Item key ("treatment:12") → digest of the item."""


def bundle_body(ctx: ApiContext, since: str | None, now: datetime.datetime | None = None) -> dict:
    """The response to ``GET kiosk/bundle/[?since=<version>]``: the full bundle, or a delta
    when ``since`` names a version this site served within the maximum offline age."""
    now = now or timezone.now()
    bundle = build(ctx, now)
    remember(bundle, ctx.site, now)
    if since is None:
        previous = None
    elif since == bundle.version:
        previous = bundle.digests
    else:
        previous = remembered_digests(ctx.site, since, now)
    return body(bundle, since, previous)


# Building ----------------------------------------------------------------------------------


def build(ctx: ApiContext, now: datetime.datetime) -> Bundle:
    generated_at = now.replace(microsecond=0)
    expires_at = generated_at + max_offline_age()
    treatments = _public(
        ctx.pages(TreatmentPage).select_related("clinic", "disclaimer").order_by("title", "pk"),
        ctx,
    )
    conditions = _public(ctx.pages(ConditionPage).order_by("title", "pk"), ctx)
    _link(treatments, conditions)
    _prepare_treatments(treatments, ctx)
    _prepare_conditions(conditions)
    _attach_images([*treatments, *conditions], ctx)
    for page in (*treatments, *conditions):
        page.kiosk_qr_svg = qr_svg(ctx.url_for(page))
        page.kiosk_expires_at = _item_expiry(ctx.review(page).next_review_due, expires_at)

    context = {"api": ctx}
    items = {
        "treatments": KioskTreatmentSerializer(treatments, many=True, context=context).data,
        "conditions": KioskConditionSerializer(conditions, many=True, context=context).data,
    }
    digests = {
        f"{prefix}:{item['id']}": item_digest(item)
        for name, prefix in KINDS
        for item in items[name]
    }
    site = {
        "name": ctx.site.site_name or settings.WAGTAIL_SITE_NAME,
        "root_url": ctx.url_for(ctx.root),
    }
    return Bundle(
        version=_digest({"site": site, "items": digests}),
        generated_at=generated_at,
        expires_at=expires_at,
        site=site,
        items=items,
        digests=digests,
    )


def _public(queryset, ctx: ApiContext) -> list[Page]:
    """The pages with a review on record (all signed ones have one: fail closed otherwise),
    without the overdue ones when they are to be withdrawn. One query for the review data."""
    pages = list(queryset)
    ctx.load_reviews(pages)
    withdraw = withdraw_overdue()
    return [
        page
        for page in pages
        if (review := ctx.review(page)) is not None
        and not (withdraw and review.status == ReviewStatus.OVERDUE)
    ]


def _link(treatments: list[TreatmentPage], conditions: list[ConditionPage]) -> None:
    """Each treatment's conditions (in the editor's order) and each condition's treatments (by
    title), both kept to pages in the bundle: one query."""
    treatments_by_id = {page.pk: page for page in treatments}
    conditions_by_id = {page.pk: page for page in conditions}
    for page in treatments:
        page.kiosk_conditions = []
    for page in conditions:
        page.kiosk_treatments = []
    if not treatments or not conditions:
        return
    pairs = (
        TreatmentCondition.objects.filter(
            treatment_id__in=list(treatments_by_id), condition_id__in=list(conditions_by_id)
        )
        .order_by("treatment_id", "sort_order", "pk")
        .values_list("treatment_id", "condition_id")
    )
    for treatment_id, condition_id in pairs:
        treatments_by_id[treatment_id].kiosk_conditions.append(conditions_by_id[condition_id])
    for treatment in treatments:
        for condition in treatment.kiosk_conditions:
            condition.kiosk_treatments.append(treatment)


def _prepare_treatments(treatments: list[TreatmentPage], ctx: ApiContext) -> None:
    """Contact details, and the disclaimer only if it is live and signed: one query, and one
    batch of rich-text link lookups for everything the items render."""
    disclaimer_ids = {page.disclaimer_id for page in treatments if page.disclaimer_id}
    signed = (
        set(
            signed_only(Disclaimer.objects.filter(pk__in=disclaimer_ids, live=True)).values_list(
                "pk", flat=True
            )
        )
        if disclaimer_ids
        else set()
    )
    disclaimers = {}
    for page in treatments:
        page.kiosk_clinic = page.clinic
        page.kiosk_call_to_action = page.call_to_action
        page.kiosk_disclaimer = page.disclaimer if page.disclaimer_id in signed else None
        if page.kiosk_disclaimer is not None:
            disclaimers[page.disclaimer_id] = page.kiosk_disclaimer
    ctx.rich_text.prime(*treatments, *disclaimers.values())


def _prepare_conditions(conditions: list[ConditionPage]) -> None:
    """A condition has no clinic, call to action or disclaimer of its own: each is that of its
    first treatment (by title) that has one."""
    for page in conditions:
        treatments = page.kiosk_treatments
        page.kiosk_clinic = _first(treatment.kiosk_clinic for treatment in treatments)
        page.kiosk_call_to_action = (
            _first(treatment.kiosk_call_to_action for treatment in treatments) or ""
        )
        page.kiosk_disclaimer = _first(treatment.kiosk_disclaimer for treatment in treatments)


def _first(values):
    return next((value for value in values if value), None)


def _attach_images(pages: list[Page], ctx: ApiContext) -> None:
    """A kiosk-sized rendition of each page's image. The images and their existing renditions
    are fetched once (two queries); a rendition is generated only the first time it is asked
    for."""
    image_ids = {page.image_id for page in pages if page.image_id}
    images = (
        {
            image.pk: image
            for image in get_image_model()
            .objects.filter(pk__in=image_ids)
            .prefetch_renditions(KIOSK_IMAGE_FILTER)
        }
        if image_ids
        else {}
    )
    sizes: dict[int, dict[str, Any] | None] = {}
    for image_id, image in images.items():
        try:
            rendition = image.get_renditions(KIOSK_IMAGE_FILTER)[KIOSK_IMAGE_FILTER]
        except SourceImageIOError:
            # A missing original should not take the whole bundle down: the item goes
            # without its picture, and the log says why.
            logger.warning("Kiosk bundle: image %s has no readable original file.", image_id)
            sizes[image_id] = None
            continue
        sizes[image_id] = {
            "url": ctx.absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    for page in pages:
        size = sizes.get(page.image_id)
        page.kiosk_image = {**size, "alt": page.image_alt_text} if size else None


def _item_expiry(
    next_review_due: datetime.date, bundle_expires_at: datetime.datetime
) -> datetime.datetime:
    """The bundle's expiry; with overdue pages withdrawn, no later than the moment this one's
    review becomes overdue (the start of the day after it was due), so a kiosk that stays
    offline withdraws it on time too."""
    if not withdraw_overdue():
        return bundle_expires_at
    overdue_from = timezone.make_aware(
        datetime.datetime.combine(next_review_due + datetime.timedelta(days=1), datetime.time.min)
    )
    return min(bundle_expires_at, overdue_from)


@lru_cache(maxsize=4096)
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


def item_digest(item: dict[str, Any]) -> str:
    return _digest({key: value for key, value in item.items() if key not in VOLATILE_FIELDS})


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Versions a kiosk may hold -----------------------------------------------------------------


def remember(bundle: Bundle, site: Site, now: datetime.datetime) -> None:
    """Keep this version's item digests, and note that it was served now (at most one write an
    hour while the content stays the same). A new version prunes the ones no kiosk may still
    hold, keeping at most ``KEEP_VERSIONS``.

    A site deleted while its bundle was being built leaves nothing to remember a version for:
    the snapshot's foreign key fails when the write commits, and the bundle is answered as
    built (it was consistent when read) rather than as a server error."""
    try:
        # In autocommit, ``get_or_create``'s own transaction commits the snapshot, and the
        # deferred foreign-key check fails there: no transaction of ours is needed around it.
        _remember(bundle, site, now)
    except IntegrityError:
        if Site.objects.filter(pk=site.pk).exists():
            raise  # not the race above: a real fault
        logger.info("Site %s was deleted while its kiosk bundle was built.", site.pk)


def _remember(bundle: Bundle, site: Site, now: datetime.datetime) -> None:
    snapshot, created = KioskBundleSnapshot.objects.only("pk", "last_generated_at").get_or_create(
        site=site,
        version=bundle.version,
        defaults={"items": bundle.digests, "last_generated_at": now},
    )
    if created:
        snapshots = KioskBundleSnapshot.objects.filter(site=site).exclude(pk=snapshot.pk)
        keep = list(
            snapshots.order_by("-last_generated_at", "-pk").values_list("pk", flat=True)[
                : KEEP_VERSIONS - 1
            ]
        )
        snapshots.filter(Q(last_generated_at__lt=_remembered_since(now)) | ~Q(pk__in=keep)).delete()
    elif snapshot.last_generated_at < now - TOUCH_AFTER:
        KioskBundleSnapshot.objects.filter(pk=snapshot.pk, last_generated_at__lt=now).update(
            last_generated_at=now
        )


def remembered_digests(site: Site, version: str, now: datetime.datetime) -> dict | None:
    """The item digests of a version this site served within the maximum offline age (a kiosk
    holding an older one has had to stop showing it anyway), or None."""
    return (
        KioskBundleSnapshot.objects.filter(
            site=site, version=version, last_generated_at__gte=_remembered_since(now)
        )
        .values_list("items", flat=True)
        .first()
    )


# The response ------------------------------------------------------------------------------


def body(bundle: Bundle, since: str | None, previous: dict[str, str] | None) -> dict[str, Any]:
    """The full bundle when ``previous`` is unknown, else only the items whose digest changed
    or that are new, and the ids of those that went."""
    full = previous is None
    lists: dict[str, list] = {}
    removed: dict[str, list[int]] = {}
    for name, prefix in KINDS:
        if full:
            lists[name] = list(bundle.items[name])
            removed[name] = []
            continue
        lists[name] = [
            item
            for item in bundle.items[name]
            if previous.get(key := f"{prefix}:{item['id']}") != bundle.digests[key]
        ]
        removed[name] = sorted(
            int(key.partition(":")[2])
            for key in previous
            if key.partition(":")[0] == prefix and key not in bundle.digests
        )
    return {
        "version": bundle.version,
        "generated_at": utc_iso(bundle.generated_at),
        "expires_at": utc_iso(bundle.expires_at),
        "full": full,
        "since": since,
        "site": bundle.site,
        "treatments": lists["treatments"],
        "conditions": lists["conditions"],
        "removed": removed,
    }

"""The kiosk bundle: the site's kiosk documents in one response, with a content version, an
expiry, and deltas against a version a kiosk already holds.

- The items are the kiosk parts of the site's servable treatment and condition documents, read
  in one query; with ``KIOSK_WITHDRAW_OVERDUE`` on, pages whose review is overdue today are left
  out, and with ``KIOSK_WITHDRAW_OUT_OF_DATE_TRANSLATIONS`` on, translations whose source was
  signed off again with changes. Each item gets today's review status and its ``expires_at``
  when served.
- The ``version`` is a digest of the items (their documents' ETags and today's statuses) and the
  site, so the same content gives the same version in every process; an item's own digest
  leaves out its ``expires_at``, which depends on when the bundle was generated.
- A new version's item digests are kept (``KioskBundleSnapshot``), written only when a version
  is first served, so that ``?since=`` can be answered with only what changed and what went. A
  version is superseded when the site's documents change (``delivery.sync``) and remembered
  for the maximum offline age after that: a kiosk cannot have fetched it later.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Site

from delivery import serving
from review.currency import ReviewStatus
from review.translations import TranslationStatus

from .context import public_base_url
from .models import KioskBundleSnapshot
from .serializers.kiosk import utc_iso

logger = logging.getLogger(__name__)

# Versions remembered per site, at most (older ones answer ?since= with the full bundle).
KEEP_VERSIONS = 50
KINDS = (
    # (kind, list name)
    ("treatment", "treatments"),
    ("condition", "conditions"),
)


@dataclass
class Bundle:
    site: Site | None
    documents: list
    version: str
    digests: dict[str, str]
    """Item key ("treatment:12") → digest of the item."""
    language: str = ""
    """The content language: a kiosk keeps one bundle per language."""


def build(site, today: datetime.date) -> Bundle:
    """The bundle's items for ``site`` (a ``SiteRef``): one query."""
    found = serving.read(site, kinds=[kind for kind, _ in KINDS], parts=["kiosk"], with_site=True)
    documents = serving.intact(found, "kiosk")
    if settings.KIOSK_WITHDRAW_OVERDUE:
        documents = [
            document
            for document in documents
            if serving.status(document, today) != ReviewStatus.OVERDUE
        ]
    if settings.KIOSK_WITHDRAW_OUT_OF_DATE_TRANSLATIONS:
        documents = [
            document
            for document in documents
            if document.translation_status != TranslationStatus.OUT_OF_DATE
        ]
    if documents:
        first = documents[0]
        the_site = Site(
            pk=first.site_id,
            hostname=first.site_hostname,
            port=first.site_port,
            site_name=first.site_name,
        )
    else:
        the_site = serving.site_object(site)
    digests = {
        f"{document.kind}:{document.page_id}": _digest(
            f"{document.etag}:{serving.status(document, today)}:{document.expire_at or ''}"
        )
        for document in documents
    }
    language = getattr(site, "language", "") or settings.LANGUAGE_CODE
    version = _digest(
        json.dumps(
            {"site": _site(the_site), "language": language, "items": digests}, sort_keys=True
        )
    )
    return Bundle(the_site, documents, version, digests, language)


def _site(site: Site | None) -> dict[str, str]:
    if site is None:
        return {}
    return {
        "name": site.site_name or settings.WAGTAIL_SITE_NAME,
        "root_url": public_base_url(site) + "/",
    }


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def body(
    bundle: Bundle,
    since: str | None,
    previous: dict[str, str] | None,
    today: datetime.date,
    now: datetime.datetime,
) -> str:
    """The full bundle, or (``previous`` known) only what changed since ``since`` and what
    went, as JSON."""
    generated_at = now.replace(microsecond=0)
    expires_at = generated_at + settings.KIOSK_MAX_OFFLINE_AGE
    names = dict(KINDS)
    # The items as pieces of one string, joined once: a bundle runs to megabytes.
    pieces: dict[str, list[str]] = {name: [] for _, name in KINDS}
    expiries: dict[tuple, str] = {}
    for document in bundle.documents:
        key = f"{document.kind}:{document.page_id}"
        if previous is not None and previous.get(key) == bundle.digests[key]:
            continue
        when = (document.next_review_due, document.expire_at)
        if when not in expiries:
            expiries[when] = utc_iso(_item_expiry(*when, expires_at))
        item = pieces[names[document.kind]]
        item += (
            "," if item else "",
            serving.with_members(
                document.kiosk,
                review=serving.review_summary_json(document, today),
                expires_at=f'"{expiries[when]}"',
            ),
        )
    removed = {
        name: sorted(
            int(key.partition(":")[2])
            for key in (previous or {})
            if key.partition(":")[0] == kind and key not in bundle.digests
        )
        for kind, name in KINDS
    }
    head = {
        "version": bundle.version,
        "generated_at": utc_iso(generated_at),
        "expires_at": utc_iso(expires_at),
        "full": previous is None,
        "since": since,
        "site": _site(bundle.site),
        "removed": removed,
    }
    out = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]]
    for _, name in KINDS:
        out += (f',"{name}":[', *pieces[name], "]")
    out.append("}")
    return "".join(out)


def _item_expiry(
    next_review_due: datetime.date,
    page_expire_at: datetime.datetime | str | None,
    bundle_expires_at: datetime.datetime,
) -> datetime.datetime:
    """The bundle's expiry, or the page's own expiry if sooner; with overdue pages withdrawn,
    no later than the moment this one's review becomes overdue (the start of the day after it
    was due): a kiosk that stays offline withdraws it on time too."""
    expiry = bundle_expires_at
    if page_expire_at is not None:
        expiry = min(expiry, serving.as_datetime(page_expire_at).replace(microsecond=0))
    if not settings.KIOSK_WITHDRAW_OVERDUE:
        return expiry
    overdue_from = timezone.make_aware(
        datetime.datetime.combine(next_review_due + datetime.timedelta(days=1), datetime.time.min)
    )
    return min(expiry, overdue_from)


# Versions a kiosk may hold -----------------------------------------------------------------


def _remembered(site: Site, now: datetime.datetime):
    """The versions of ``site`` a kiosk may still hold: current ones, or superseded within the
    maximum offline age."""
    return KioskBundleSnapshot.objects.filter(site=site).filter(
        Q(superseded_at=None) | Q(superseded_at__gte=now - settings.KIOSK_MAX_OFFLINE_AGE)
    )


def previous_digests(
    bundle: Bundle, since: str | None, now: datetime.datetime
) -> dict[str, str] | None:
    """The item digests of the version a kiosk holds (``since``), if this site served it
    within the maximum offline age: one query, which also tells whether the current version
    is new (it is then remembered: the only write, once per version)."""
    if bundle.site is None:
        return None
    wanted = {bundle.version, since} - {None}
    found = _remembered(bundle.site, now).filter(version__in=wanted)
    known = {
        version: (items, superseded)
        for version, items, superseded in found.values_list("version", "items", "superseded_at")
    }
    if bundle.version not in known or known[bundle.version][1] is not None:
        _remember(bundle, now)
    if since == bundle.version:
        return bundle.digests
    return known[since][0] if since in known else None


def _remember(bundle: Bundle, now: datetime.datetime) -> None:
    """Keep a new version's item digests; it supersedes the others. Old versions are pruned
    then, keeping at most ``KEEP_VERSIONS``. A site deleted meanwhile leaves nothing to
    remember (the bundle is answered as read)."""
    site = bundle.site
    try:
        with transaction.atomic():
            snapshot, _ = KioskBundleSnapshot.objects.update_or_create(
                site=site,
                version=bundle.version,
                defaults={
                    "items": bundle.digests,
                    "superseded_at": None,
                    "language": bundle.language,
                },
            )
    except IntegrityError:
        if Site.objects.filter(pk=site.pk).exists():
            raise  # not the race above: a real fault
        logger.info("Site %s was deleted while its kiosk bundle was built.", site.pk)
        return
    # A new version supersedes the versions of its own language only.
    others = KioskBundleSnapshot.objects.filter(site=site, language=bundle.language).exclude(
        pk=snapshot.pk
    )
    others.filter(superseded_at=None).update(superseded_at=now)
    keep = (
        _remembered(site, now)
        .filter(language=bundle.language)
        .exclude(pk=snapshot.pk)
        .order_by("-created_at", "-pk")
    )
    kept = list(keep.values_list("pk", flat=True)[: KEEP_VERSIONS - 1])
    others.exclude(pk__in=kept).delete()

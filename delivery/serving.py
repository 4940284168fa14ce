"""Reading documents: fail closed, one query a read.

A document is served only when, in the query that reads it: the site is the one the request's
host names; its sign-off exists with its digest; its page row is live, not expired, records
that same content digest, and no view restriction covers it or an ancestor. Its parts are then
checked against their seals (``delivery.seals``): a body the renderer did not write is not
served.

Review status, each kiosk item's expiry and the kiosk's "withdraw overdue" rule are applied
here, from the stored dates, so they are right on every day without a re-render.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable

from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from review.currency import status_for

from . import seals
from .models import Document, SiteDocuments

logger = logging.getLogger(__name__)

# The large text columns, read only where they are served (the small review text always is:
# every part's seal covers it).
BODY_FIELDS = ("detail", "item", "kiosk", "jsonld", "search_text")


def site_for_host(host: str, port: int) -> Subquery:
    """The id of the site a host answers for, as Wagtail chooses it: hostname and port, then
    the hostname of the default site, then the hostname on any port, then the default site
    (where several sites share a hostname on other ports, Wagtail picks the default site and
    this the first of them)."""
    ranked = (
        Site.objects.filter(Q(hostname=host) | Q(is_default_site=True))
        .annotate(
            rank=Case(
                When(hostname=host, port=port, then=Value(0)),
                When(hostname=host, is_default_site=True, then=Value(1)),
                When(hostname=host, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "pk")
    )
    return Subquery(ranked.values("pk")[:1])


def _kind_models() -> dict[str, type[models.Model]]:
    from api.representations import REPRESENTATIONS

    return {representation.type: model for model, representation in REPRESENTATIONS.items()}


def servable(site: int | Subquery, kinds: Iterable[str] | None = None) -> models.QuerySet:
    """The documents of ``site`` (an id, or ``site_for_host``) that may be served now."""
    kind_models = _kind_models()
    kinds = list(kinds) if kinds is not None else list(kind_models)
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("page__path"), 1, Length("page__path"))
    )
    same_content = Q()
    for kind in kinds:
        model_name = kind_models[kind]._meta.model_name
        same_content |= Q(kind=kind, **{f"page__{model_name}__content_digest": F("digest")})
    return (
        Document.objects.filter(site=site, signoff__digest=F("digest"), page__live=True)
        .filter(Q(page__expire_at__isnull=True) | Q(page__expire_at__gt=timezone.now()))
        .filter(same_content)
        .exclude(Exists(restricted))
        .annotate(
            site_changed_at=Subquery(
                SiteDocuments.objects.filter(site=OuterRef("site_id")).values("changed_at")[:1]
            )
        )
    )


def only(queryset: models.QuerySet, *parts: str) -> models.QuerySet:
    """``queryset`` reading, of the large text columns, only ``parts``."""
    return queryset.defer(*(name for name in BODY_FIELDS if name not in parts))


def intact(documents: Iterable[Document], part: str) -> list[Document]:
    """The documents whose ``part`` is what the renderer wrote; the others are logged and left
    out, as if they did not exist."""
    kept = []
    for document in documents:
        if seals.intact(document, part):
            kept.append(document)
        else:
            logger.error(
                "Document %s (%s) fails its %s seal: not served.", document.pk, document, part
            )
    return kept


# Bodies ------------------------------------------------------------------------------------


def status(document: Document, today: datetime.date) -> str:
    return status_for(document.next_review_due, today).value


def review_json(document: Document, today: datetime.date) -> str:
    """The detail's ``review``: the stored review with today's status first."""
    return f'{{"status":"{status(document, today)}",{document.review[1:]}'


def review_summary_json(document: Document, today: datetime.date) -> str:
    return (
        f'{{"status":"{status(document, today)}",'
        f'"last_reviewed":"{document.last_reviewed.isoformat()}",'
        f'"next_review_due":"{document.next_review_due.isoformat()}"}}'
    )


def with_members(body: str, **members: str) -> str:
    """A stored JSON object with members (already JSON) added at its end."""
    extra = ",".join(f'"{name}":{value}' for name, value in members.items())
    return body[:-1] + ("," if body != "{}" else "") + extra + "}"


def detail_body(document: Document, today: datetime.date) -> str:
    if not document.review:  # a page whose representation has no review (the site's own)
        return document.detail
    return with_members(document.detail, review=review_json(document, today))


def item_body(document: Document, today: datetime.date) -> str:
    return with_members(document.item, review=review_summary_json(document, today))


def etag(documents: Iterable[Document], today: datetime.date, *extra: object) -> str:
    """A strong validator of an answer made of ``documents``: their own ETags, today's review
    statuses and whatever else the answer depends on (the query, the count)."""
    digest = hashlib.sha256()
    for value in extra:
        digest.update(f"{value}\n".encode())
    for document in documents:
        digest.update(f"{document.etag}:{status(document, today)}\n".encode())
    return f'"{digest.hexdigest()}"'


def site_changed_at(site: int | Subquery) -> datetime.datetime | None:
    """When the site's documents last changed (the epoch if they never did); None when no site
    answers. One query."""
    changed = SiteDocuments.objects.filter(site=OuterRef("pk")).values("changed_at")[:1]
    found = Site.objects.filter(pk=site).annotate(changed=Subquery(changed))
    row = found.values_list("pk", "changed").first()
    if row is None:
        return None
    return row[1] or datetime.datetime.fromtimestamp(0, tz=datetime.UTC)

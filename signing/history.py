"""What was live and signed at a moment in the past: the sign-off history's "what patients saw".

Read from Wagtail's audit log (the last publish or unpublish of the object up to that moment,
scheduled go-live and expiry included; a schedule set, not yet reached, is not a publish) and
the sign-offs of the published revision's content: by content, not by revision, since a revert
to signed content is a new revision. Content past its expiry date (``publish_scheduled`` logs
the unpublish only when it next runs) and a page a view restriction covered, on it or on a page
above it, were not public, as the read path serves neither.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, PageLogEntry

from .digest import content_digest
from .signoffs import signoffs_of

# What put content live or took it offline: at once, or at its go-live or expiry date.
PUBLISHED = ("wagtail.publish", "wagtail.publish.scheduled")
WITHDRAWN = ("wagtail.unpublish", "wagtail.unpublish.scheduled")
RESTRICTED = ("wagtail.view_restriction.create", "wagtail.view_restriction.edit")
UNRESTRICTED = ("wagtail.view_restriction.delete",)


def ever_published(obj: models.Model) -> bool:
    """Whether ``obj`` has ever gone live, by its own publish log (not ``first_published_at``:
    a translation copied from a published source carries the source's dates until it is
    published itself)."""
    return log_registry.get_logs_for_instance(obj).filter(action__in=PUBLISHED).exists()


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of ``day`` in the site's time zone (``TIME_ZONE``, whatever time zone a
    member of staff's profile sets for the admin)."""
    moment = datetime.datetime.combine(day, datetime.time.max)
    return timezone.make_aware(moment, timezone.get_default_timezone())


@dataclass(frozen=True)
class LiveAt:
    """An object's standing at a moment: published at ``published_at``, as ``revision`` (None
    when that revision is no longer kept), under ``signoff`` (None when the content published
    then carries no sign-off, e.g. from before clinical review, or cannot be matched because
    its revision is gone)."""

    published_at: datetime.datetime
    revision: models.Model | None
    signoff: models.Model | None


def live_at(obj: models.Model, moment: datetime.datetime) -> LiveAt | None:
    """How ``obj`` stood at ``moment``, or None if it was not live then."""
    entry = (
        log_registry.get_logs_for_instance(obj)
        .filter(timestamp__lte=moment, action__in=PUBLISHED + WITHDRAWN)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None or entry.action in WITHDRAWN:
        return None
    if isinstance(obj, Page) and private_at(obj, moment):
        return None
    signoff = None
    if entry.revision is not None:
        published = entry.revision.as_object()
        expire_at = getattr(published, "expire_at", None)
        if expire_at is not None and expire_at <= moment:
            return None
        digest = content_digest(published)
        signoff = signoffs_of(obj, digest=digest).filter(signed_at__lte=moment).first()
    return LiveAt(entry.timestamp, entry.revision, signoff)


def private_at(page: Page, moment: datetime.datetime) -> bool:
    """Whether a view restriction covered ``page`` at ``moment``: on the page or a page above it
    (as the tree is now), by the last restriction change each logged up to then."""
    changes = PageLogEntry.objects.filter(
        page__in=page.get_ancestors(inclusive=True),
        action__in=RESTRICTED + UNRESTRICTED,
        timestamp__lte=moment,
    ).order_by("-timestamp", "-pk")
    last: dict[int, str] = {}
    for page_id, action in changes.values_list("page_id", "action"):
        last.setdefault(page_id, action)
    return any(action in RESTRICTED for action in last.values())


def signed_version_at(obj: models.Model, moment: datetime.datetime) -> models.Model | None:
    """``obj`` as patients saw it at ``moment`` (the signed revision published then), or None
    if it was not live and signed then, or that revision is no longer kept."""
    standing = live_at(obj, moment)
    if standing is None or standing.signoff is None:
        return None
    return standing.revision.as_object()

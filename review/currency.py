"""Review currency: current, due soon or overdue — derived from sign-offs and today's date.

Nothing here is stored: the status changes with the calendar, so anything that caches it must
key on the date too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .models import ClinicalSignoff


class ReviewStatus(models.TextChoices):
    CURRENT = "current", "Current"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"


def due_soon_days() -> int:
    return getattr(settings, "REVIEW_DUE_SOON_DAYS", 30)


def _due_soon_until(today: datetime.date) -> datetime.date:
    """The last due date that is "due soon" today; later ones are current."""
    return today + datetime.timedelta(days=due_soon_days())


def site_date(moment: datetime.datetime) -> datetime.date:
    """The date of ``moment`` in the site's time zone (``TIME_ZONE``), whoever asks: the admin
    runs in each user's own time zone, and a review's date is the same for every reader (a
    reviewer in Auckland approving at 14:00 UTC reviewed it on the site's date, not the next)."""
    return timezone.localdate(moment, timezone.get_default_timezone())


def status_for(next_review_due: datetime.date, today: datetime.date | None = None) -> ReviewStatus:
    today = today or timezone.localdate()
    if next_review_due < today:
        return ReviewStatus.OVERDUE
    if next_review_due <= _due_soon_until(today):
        return ReviewStatus.DUE_SOON
    return ReviewStatus.CURRENT


def status_range(
    status: str, today: datetime.date | None = None
) -> tuple[datetime.date | None, datetime.date | None]:
    """The next-review-due dates that have ``status`` today, as (first, last); None is open:
    :func:`status_for` turned round."""
    today = today or timezone.localdate()
    one_day = datetime.timedelta(days=1)
    if status == ReviewStatus.OVERDUE:
        return None, today - one_day
    if status == ReviewStatus.DUE_SOON:
        return today, _due_soon_until(today)
    return _due_soon_until(today) + one_day, None


def status_q(status: str, field: str = "next_review_due", today: datetime.date | None = None) -> Q:
    """Rows whose next-review-due date (``field``) has ``status`` today, as a query condition."""
    first, last = status_range(status, today)
    q = Q()
    if first is not None:
        q &= Q(**{f"{field}__gte": first})
    if last is not None:
        q &= Q(**{f"{field}__lte": last})
    return q


@dataclass(frozen=True)
class ReviewInfo:
    status: str
    last_reviewed: datetime.date
    signed_at: datetime.datetime
    reviewer_name: str
    reviewer_credentials: str
    next_review_due: datetime.date
    review_kind: str
    readability: dict | None = field(default=None, compare=False)
    """What the sign-off recorded of the signed content's readability (None on older ones).
    Left out of comparisons, so the frozen info stays hashable."""
    translation_status: str | None = None
    """For a translation: "current", or "out_of_date" once its source's signed content changed
    (``review.translations``); None for content in its source language."""

    @classmethod
    def from_signoff(
        cls,
        signoff: ClinicalSignoff,
        today: datetime.date | None = None,
        translation_status: str | None = None,
    ):
        return cls(
            translation_status=translation_status,
            status=status_for(signoff.next_review_due, today),
            last_reviewed=site_date(signoff.last_full_review_at),
            signed_at=signoff.signed_at,
            reviewer_name=signoff.full_review.reviewer_name,
            reviewer_credentials=signoff.full_review.reviewer_credentials,
            next_review_due=signoff.next_review_due,
            review_kind=signoff.review_kind,
            readability=signoff.readability,
        )

"""Reminders to reviewers about pages whose review is due soon or overdue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .currency import ReviewStatus, status_for, status_q
from .eligibility import is_active_reviewer
from .models import ClinicalReviewTask, ReviewReminder
from .reports import pages_by_next_review


@dataclass
class ReminderRun:
    pages: list = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def reviewers():
    groups = ClinicalReviewTask.objects.filter(active=True).values_list("groups", flat=True)
    users = get_user_model().objects.filter(is_active=True, groups__in=groups).distinct()
    return [user for user in users if user.email and is_active_reviewer(user)]


@transaction.atomic
def send_review_reminders(today: datetime.date | None = None) -> ReminderRun:
    today = today or timezone.localdate()
    already = ReviewReminder.objects.filter(sent_on=today).values_list("page_id", flat=True)
    due = list(
        pages_by_next_review()
        .filter(
            status_q(ReviewStatus.OVERDUE, today=today)
            | status_q(ReviewStatus.DUE_SOON, today=today)
        )
        .exclude(pk__in=list(already))
    )
    run = ReminderRun(pages=due)
    if not due:
        return run
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    lines = []
    for page in due:
        status = status_for(page.next_review_due, today)
        verb = "was due" if status == ReviewStatus.OVERDUE else "is due"
        history = reverse("clinical_review:history", args=(page.pk,))
        lines.append(
            f"- {page.title}: review {verb} on {page.next_review_due:%d %B %Y} "
            f"({status.label.lower()}). {base_url}{history}"
        )
        ReviewReminder.objects.create(
            page=page, sent_on=today, status=status, next_review_due=page.next_review_due
        )
    body = (
        "These pages need a clinical review soon or are overdue. Overdue pages stay public and "
        "show their status until they are reviewed.\n\n" + "\n".join(lines) + "\n"
    )
    run.recipients = [user.email for user in reviewers()]
    for email in run.recipients:
        send_mail(
            f"Clinical reviews due: {len(due)} page(s)",
            body,
            None,
            [email],
        )
    return run

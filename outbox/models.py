"""The transactional outbox: what must be told to the outside world about a change to public
content, written in the change's own transaction, and each delivery's progress.

An ``Event`` says that a page went live, changed or was withdrawn in a site. A ``Delivery`` is
one thing to send: an event to one webhook, or a set of URLs to purge from the front-end cache.
Deliveries are the source of truth; the task queue only says when to try them (see
``outbox.tasks``), so nothing is lost if the worker or the receiver is down.
"""

from __future__ import annotations

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PUBLISHED = "page.published", _("Went live")
    CHANGED = "page.changed", _("Changed")
    WITHDRAWN = "page.withdrawn", _("Withdrawn")


def new_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Webhook(models.Model):
    name = models.CharField(max_length=100)
    url = models.URLField(
        max_length=500, help_text=_("Where the events are posted, e.g. a frontend's rebuild hook.")
    )
    events = models.JSONField(
        default=list, help_text=_("The kinds of events sent to this address.")
    )
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text=_(
            "Shared with the receiver, which checks each delivery's webhook-signature with it "
            "(Standard Webhooks)."
        ),
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """A public change to one page in one site. The page may be gone by the time it is sent,
    so the event keeps what the receiver needs, not a reference."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    page_id = models.IntegerField(db_index=True)
    page_type = models.CharField(max_length=30)
    site = models.CharField(max_length=255, help_text=_("The site's root URL."))
    path = models.CharField(max_length=1000)
    locale = models.CharField(max_length=20)
    title = models.CharField(max_length=255)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.site}{self.path}"

    @property
    def language_prefix(self) -> str:
        """A translation's web address is under its language's prefix ("/fr")."""
        return "" if self.locale == settings.LANGUAGE_CODE else f"/{self.locale}"

    def payload(self) -> dict:
        """The body of a webhook delivery, in the Standard Webhooks shape."""
        return {
            "type": self.kind,
            "timestamp": self.occurred_at.isoformat(),
            "data": {
                "id": self.page_id,
                "type": self.page_type,
                "path": self.path,
                "url": f"{self.site}{self.language_prefix}{self.path}",
                "locale": self.locale,
                "title": self.title,
            },
        }


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed (gave up)")


class Delivery(models.Model):
    event = models.ForeignKey(Event, null=True, on_delete=models.CASCADE, related_name="deliveries")
    webhook = models.ForeignKey(
        Webhook, null=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    purge_urls = models.JSONField(
        default=list, blank=True, help_text=_("For a front-end cache purge: the URLs.")
    )
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="outbox_delivery_due",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(webhook__isnull=False, event__isnull=False)
                | models.Q(webhook__isnull=True, event__isnull=True),
                name="outbox_delivery_is_a_webhook_event_or_a_purge",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} ({self.get_status_display()})"

    @property
    def target(self) -> str:
        if self.webhook_id is not None:
            return f"Webhook {self.webhook.name}" if self.webhook else "Webhook"
        return "Front-end cache purge"

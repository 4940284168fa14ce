"""Sending one delivery: a signed webhook POST, or a front-end cache purge. Each raises
``DeliveryFailed`` with a short reason when the receiver did not take it."""

from __future__ import annotations

import json
from datetime import datetime

import requests
from django.conf import settings
from django.utils import timezone
from standardwebhooks import Webhook as Signer
from wagtail.contrib.frontend_cache.utils import get_backends

from .models import Delivery


class DeliveryFailed(Exception):
    pass


def send(delivery: Delivery) -> None:
    if delivery.webhook_id is not None:
        post_webhook(delivery)
    else:
        purge(delivery.purge_urls)


def signed_request(delivery: Delivery, now: datetime) -> tuple[bytes, dict[str, str]]:
    """The body and the Standard Webhooks headers of a webhook delivery. The message id is the
    event's, the same on every retry, so a receiver can ignore a repeat."""
    event = delivery.event
    body = json.dumps(event.payload(), separators=(",", ":"), ensure_ascii=False).encode()
    message_id = f"msg_{event.pk.hex}"
    headers = {
        "content-type": "application/json",
        "user-agent": "clinical-content-cms-webhooks",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Signer(delivery.webhook.secret).sign(message_id, now, body),
    }
    return body, headers


def post_webhook(delivery: Delivery) -> None:
    body, headers = signed_request(delivery, timezone.now())
    try:
        response = requests.post(
            delivery.webhook.url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except requests.RequestException as error:
        raise DeliveryFailed(f"{type(error).__name__}: {error}") from error
    if not 200 <= response.status_code < 300:
        raise DeliveryFailed(f"HTTP {response.status_code} from {delivery.webhook.url}")


def purge(urls: list[str]) -> None:
    """Purge through every configured front-end cache backend. Only backends that report
    failure (``outbox.backends.HTTPBackend``) make a purge retry; Wagtail's own backends log
    their errors and carry on."""
    backends = get_backends()
    if not backends:
        return
    errors = []
    for backend in backends.values():
        try:
            backend.purge_batch(urls)
        except Exception as error:  # a backend's own failure, whatever its library raises
            errors.append(f"{type(error).__name__}: {error}")
    if errors:
        raise DeliveryFailed("; ".join(errors))

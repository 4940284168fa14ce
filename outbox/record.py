"""Writing to the outbox, inside the transaction of the content change it is about.

Both functions only insert rows: the change and what must be told of it commit or roll back
together. Once the transaction commits, the new deliveries are put on the task queue; if that
is missed (the process dies right after the commit), the minute's sweep finds them
(``outbox.tasks.deliver_due``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from .models import Delivery, Event, EventKind, Webhook


def page_event(kind: EventKind, document) -> Event:
    """Record that ``document``'s page went live, changed or was withdrawn in its site, with a
    delivery to each active webhook that asked for this kind of event."""
    event = Event.objects.create(
        kind=kind,
        page_id=document.page_id,
        page_type=document.kind,
        site=document.site.root_url,
        path=document.path,
        locale=document.locale.language_code,
        title=document.title,
    )
    webhooks = [hook for hook in _active_webhooks() if kind in hook.events]
    deliveries = Delivery.objects.bulk_create(
        Delivery(event=event, webhook=hook) for hook in webhooks
    )
    _enqueue_on_commit(deliveries)
    return event


def purge(urls: Iterable[str]) -> Delivery | None:
    """Record a purge of ``urls`` from the front-end cache, if one is configured."""
    urls = sorted(set(urls))
    if not urls or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return None
    delivery = Delivery.objects.create(purge_urls=urls)
    _enqueue_on_commit([delivery])
    return delivery


def _active_webhooks() -> list[Webhook]:
    return list(Webhook.objects.filter(active=True))


def _enqueue_on_commit(deliveries: list[Delivery]) -> None:
    if not deliveries:
        return
    from .tasks import enqueue

    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: enqueue(ids))

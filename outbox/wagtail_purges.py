"""Wagtail's own front-end cache purges (``wagtail.contrib.frontend_cache``: a page's URLs when
it is published or unpublished) go through the outbox like ours.

Wagtail enqueues them as a task (``purge_urls_from_cache_task``) that calls the backends once:
with ``outbox.backends.HTTPBackend`` a cache that is down fails that task and the purge is
lost. Here its signal handlers are replaced by ones that write the same URLs to the outbox, in
the publication's own transaction; the worker delivers them with retries and backoff.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from wagtail.contrib.frontend_cache import signal_handlers as wagtail_handlers
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.coreutils import get_content_languages
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import record


def page_urls(page) -> list[str]:
    """The URLs Wagtail purges for ``page``: its cached paths in each site, in each of the
    managed languages (as ``purge_urls_from_cache_task`` expands them)."""
    batch = PurgeBatch()
    batch.add_page(page)
    urls = sorted(batch.urls)
    languages = getattr(
        settings,
        "WAGTAILFRONTENDCACHE_LANGUAGES",
        list(get_content_languages()) if getattr(settings, "WAGTAIL_I18N_ENABLED", False) else [],
    )
    if not (settings.USE_I18N and languages and urls):
        return urls
    prefix = re.compile("^/({})/".format("|".join(map(re.escape, languages))))
    expanded = []
    for language in languages:
        for url in urls:
            parts = urlsplit(url)
            path = prefix.sub(f"/{language}/", parts.path)
            expanded.append(urlunsplit(parts._replace(path=path)))
    return sorted(set(expanded))


def purge_page(instance, **kwargs) -> None:
    record.purge(page_urls(instance))


def route_wagtails_page_purges_through_the_outbox() -> None:
    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(wagtail_handlers.page_published_signal_handler, model)
            page_unpublished.disconnect(wagtail_handlers.page_unpublished_signal_handler, model)
            page_published.connect(purge_page, sender=model, dispatch_uid=f"outbox-purge-{model}")
            page_unpublished.connect(
                purge_page, sender=model, dispatch_uid=f"outbox-unpurge-{model}"
            )

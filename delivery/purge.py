"""Purge the API's URLs from a CDN when a page is published or unpublished.

Wagtail's frontend-cache app already purges the page's own URL; the API serves the same content
under other URLs (its list, its detail by slug, the kiosk bundle), so those go too.

Purges happen at once and again after the transaction commits: a CDN that refetches between the
first purge and the commit would otherwise keep the old content until it expires.
"""

from __future__ import annotations

from django.db import connection, transaction
from wagtail.contrib.frontend_cache.utils import _get_page_cached_urls, purge_urls_from_cache

API_SECTIONS = {"treatmentpage": "treatments", "conditionpage": "conditions"}


def api_urls_for(page) -> list[str]:
    section = API_SECTIONS.get(page.specific_class._meta.model_name)
    site = page.get_site()
    if section is None or site is None:
        return []
    root = site.root_url
    return [
        f"{root}/api/v1/{section}/",
        f"{root}/api/v1/{section}/{page.slug}/",
        f"{root}/api/v1/kiosk/bundle/",
    ]


def purge_api_urls(sender=None, instance=None, **kwargs) -> None:
    if instance is None:
        return
    if urls := api_urls_for(instance):
        purge_urls_from_cache(urls)
    if connection.in_atomic_block:
        # The URLs as they are now: after the commit the page may be gone or moved.
        again = [*_get_page_cached_urls(instance), *urls]
        transaction.on_commit(lambda: purge_urls_from_cache(again))

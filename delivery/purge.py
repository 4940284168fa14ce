"""Purge the API's URLs from a CDN when a page is published or unpublished.

Wagtail's frontend-cache app already purges the page's own URL; the API serves the same content
under other URLs (its list, its detail by slug), so those go too.
"""

from __future__ import annotations

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

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
    if instance is not None and (urls := api_urls_for(instance)):
        purge_urls_from_cache(urls)

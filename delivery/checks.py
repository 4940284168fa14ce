"""A warning while any document is stale: rendered by an older renderer, with other URL
settings or from an older digest (``manage.py rebuild_documents --stale`` renders them again)."""

from __future__ import annotations

from django.core.checks import Warning, register
from django.db import DatabaseError


@register()
def stale_documents_check(app_configs, **kwargs):
    from .stale import stale_documents

    try:
        count = stale_documents().count()
    except DatabaseError:  # no tables yet: before the first migrate
        return []
    if not count:
        return []
    return [
        Warning(
            f"{count} signed document(s) were rendered by an older renderer, with other URL "
            "settings (FRONTEND_BASE_URL, a site's hostname or port) or from a content digest "
            "their page no longer records.",
            hint="Run `manage.py rebuild_documents --stale`.",
            id="delivery.W001",
        )
    ]

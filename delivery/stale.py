"""Documents rendered by an older renderer, or with URL settings that have changed since."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from wagtail.models import Site

from .models import Document
from .rendering import RENDERER_VERSION, url_settings


def stale_documents() -> models.QuerySet:
    current = Q()
    for site in Site.objects.all():
        current |= Q(site=site, url_settings=url_settings(site))
    return Document.objects.exclude(Q(renderer_version=RENDERER_VERSION) & current)

"""Documents rendered by an older renderer, with URL settings that have changed since, or from
a content digest their page no longer records (a migration that changed how content is hashed
carried its sign-off over to the new digest)."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from wagtail.models import Site

from .models import Document
from .rendering import RENDERER_VERSION, url_settings


def stale_documents() -> models.QuerySet:
    from api.representations import REPRESENTATIONS

    current = Q()
    for site in Site.objects.all():
        current |= Q(site=site, url_settings=url_settings(site))
    same_digest = Q()
    for model, representation in REPRESENTATIONS.items():
        recorded = model.objects.filter(pk=OuterRef("page_id"), content_digest=OuterRef("digest"))
        same_digest |= Q(kind=representation.type) & Exists(recorded)
    return Document.objects.exclude(Q(renderer_version=RENDERER_VERSION) & current & same_digest)

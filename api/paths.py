"""Path lookup: the servable document at a path of the request's site, following the site's
redirects (``wagtail.contrib.redirects``): one query for a hit, one more for each hop."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.db.models import F, Q
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from delivery.models import Document
from delivery.serving import only, servable

from .context import public_base_url

MAX_REDIRECTS = 5


def resolve(site, path: str) -> list[Document]:
    """The document at ``path`` of ``site`` (an id or ``site_for_host``) after redirects, as a
    list of at most one."""
    for _ in range(MAX_REDIRECTS + 1):
        found = _at(site, path=_normalised(path))
        if found:
            return found
        target = _redirect_target(site, path)
        if target is None:
            return []
        if isinstance(target, int):
            return _at(site, page_id=target)
        path = target
    return []


def _at(site, **lookup) -> list[Document]:
    return list(only(servable(site).filter(**lookup), "detail")[:1])


def _normalised(path: str) -> str:
    segments = [segment for segment in path.split("/") if segment]
    return "/" + "".join(f"{segment}/" for segment in segments)


def _redirect_target(site, path: str) -> int | str | None:
    """Where the site redirects ``path``: a page (its id), a path on this site, or None (no
    redirect, or one that leaves the site)."""
    redirect = (
        Redirect.objects.filter(Q(site=site) | Q(site=None), old_path=Redirect.normalise_path(path))
        .select_related("site")
        # A redirect for this site wins over one for all sites.
        .order_by(F("site").asc(nulls_last=True))
        .first()
    )
    if redirect is None:
        return None
    if redirect.redirect_page_id is not None:
        return redirect.redirect_page_id
    link = urlsplit(redirect.redirect_link or "")
    if link.netloc:
        own = Site.objects.filter(pk=site).first()
        own_hosts = {urlsplit(public_base_url(own)).netloc, urlsplit(own.root_url).netloc}
        if link.netloc not in own_hosts:
            return None
    return unquote(link.path) if link.path.startswith("/") else None

"""Keeping documents in line with what may be public, inside the transaction of each change.

``sync(pages)`` renders or removes the documents of those pages in every site they are part of,
then re-renders the documents that embed them (a condition's treatments, a treatment's
conditions, a page linked from text, a home page's sections).
It writes synchronously, never after the commit: called from a change's transaction, the
change and its documents commit or roll back together (see ``delivery.doors``).

One change writes documents at a time (``signing.one_change``, taken before anything is read):
a document renders the documents it embeds as they are, so two changes rendering at once would
each miss the other's (a treatment published as its condition is withdrawn would keep showing
the condition), and would lock each other's documents in opposite orders (a deadlock).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.models import Page, Site

from api.context import language_prefix, shown_key
from api.models import KioskBundleSnapshot
from outbox import record
from outbox.models import EventKind
from signing.one_change import one_change_at_a_time

from .models import Document, DocumentKey, DocumentLink, SiteDocuments
from .rendering import public_signoff, sites_of, write


@transaction.atomic
def sync(pages: Iterable[Page]) -> None:
    """Bring the documents of ``pages``, and of the documents that embed them, in line (all of
    it, or nothing: inside the caller's transaction, or in one of its own)."""
    primary = {page.pk: page for page in pages if page.pk is not None}
    if not primary:
        return
    one_change_at_a_time()
    changed: defaultdict[int, set[str]] = defaultdict(set)
    dependents: set[tuple[int, int]] = set()
    for page_id in primary:
        page = Page.objects.filter(pk=page_id).specific().first()
        sites = sites_of(page) if page is not None else []
        # Documents in sites the page has left (moved to another site's tree) go.
        gone = Document.objects.filter(page_id=page_id).exclude(site__in=sites)
        for document in gone.select_related("site", "locale"):
            dependents |= _dependents(page_id, document.site_id)
            changed[document.site_id] |= set(public_urls(document))
            record.page_event(EventKind.WITHDRAWN, document)
        gone.delete()
        for site in sites:
            dependents |= _dependents(page_id, site.pk)
            changed[site.pk] |= _sync_one(page, site)
            dependents |= _dependents(page_id, site.pk)
    _sync_dependents({pair for pair in dependents if pair[1] not in primary}, changed)
    _changed(changed)


def rebuild(page_ids: Iterable[int], progress=None) -> None:
    """Render the documents of many pages from scratch (an import, a deploy): each page in its
    own transaction, twice over, so that pages rendered before the pages they embed embed them
    the second time; no dependents are re-rendered on the way. ``progress(done, total)``."""
    page_ids = sorted(set(page_ids))
    total = 2 * len(page_ids)
    for done, page_id in enumerate(page_ids * 2, start=1):
        with transaction.atomic():
            one_change_at_a_time()
            page = Page.objects.filter(pk=page_id).specific().first()
            changed: defaultdict[int, set[str]] = defaultdict(set)
            sites = sites_of(page) if page is not None else []
            Document.objects.filter(page_id=page_id).exclude(site__in=sites).delete()
            for site in sites:
                changed[site.pk] |= _sync_one(page, site)
            _changed(changed)
        if progress is not None:
            progress(done, total)


def sync_subtree(page: Page) -> None:
    """A page and everything below it: a move, a new path, a view restriction."""
    sync(Page.objects.descendant_of(page, inclusive=True))


def sync_users_of(obj, *keys: str) -> None:
    """The documents that show ``obj`` (a snippet or an image) or depend on one of ``keys``,
    and those that embed them."""
    keys = (shown_key(obj), *keys)
    page_ids = DocumentKey.objects.filter(key__in=keys).values_list("document__page_id", flat=True)
    sync(Page.objects.filter(pk__in=list(page_ids)))


def sync_site(site: Site) -> None:
    """A site's every page, in every language (each language's tree has its own root)."""
    roots = [site.root_page, *site.root_page.get_translations()]
    pages, documents = Q(), Q()
    for root in roots:
        pages |= Q(path__startswith=root.path)
        documents |= Q(page__path__startswith=root.path)
    sync(Page.objects.filter(pages))  # one sync: each document is rendered once
    Document.objects.filter(site=site).exclude(documents).delete()


@transaction.atomic
def withdraw(page: Page) -> None:
    """Remove a page's documents at once (it is being deleted), and those of pages whose own
    content links to it (their links are deleted with it: not what was signed); re-render what
    else embeds it."""
    one_change_at_a_time()
    linking = Document.objects.filter(links__target_page=page).exclude(page=page)
    documents = list(
        Document.objects.filter(Q(page=page) | Q(pk__in=linking.values("pk"))).select_related(
            "site", "locale"
        )
    )
    dependents = set()
    for document in documents:
        dependents |= _dependents(document.page_id, document.site_id)
    Document.objects.filter(pk__in=[document.pk for document in documents]).delete()
    changed: defaultdict[int, set[str]] = defaultdict(set)
    for document in documents:
        changed[document.site_id] |= set(public_urls(document))
        record.page_event(EventKind.WITHDRAWN, document)
    gone = {document.page_id for document in documents}
    _sync_dependents({pair for pair in dependents if pair[1] not in gone}, changed)
    _changed(changed)


# Pieces --------------------------------------------------------------------------------------


def _sync_one(page: Page, site: Site) -> set[str]:
    """Render or remove ``page``'s document in ``site``, and tell the outbox if that went
    live, changed or withdrew it; returns the public URLs that answered with it before and
    answer with it now."""
    stored = Document.objects.filter(site=site, page=page).select_related("site", "locale").first()
    urls = set(public_urls(stored)) if stored is not None else set()
    signoff = public_signoff(page) if site in sites_of(page) else None
    if signoff is None:
        if stored is not None:
            Document.objects.filter(site=site, page=page).delete()
            record.page_event(EventKind.WITHDRAWN, stored)
        return urls
    document = write(page, site, signoff)
    if stored is None:
        record.page_event(EventKind.PUBLISHED, document)
    elif stored.etag != document.etag or stored.path != document.path:
        record.page_event(EventKind.CHANGED, document)
    return urls | set(public_urls(document))


def _sync_dependents(pairs: set[tuple[int, int]], changed: dict[int, set[str]]) -> None:
    for site_id, page_id in sorted(pairs):
        page = Page.objects.filter(pk=page_id).specific().first()
        if page is not None:
            site = Site.objects.select_related("root_page").get(pk=site_id)
            changed[site_id] |= _sync_one(page, site)


def _dependents(page_id: int, site_id: int) -> set[tuple[int, int]]:
    """(site, page) of the documents that embed ``page_id``'s, or that it embeds."""
    in_site = {"document__site_id": site_id}
    linking = DocumentLink.objects.filter(target_page_id=page_id, **in_site)
    keyed = DocumentKey.objects.filter(key=f"page:{page_id}", **in_site)
    linked = DocumentLink.objects.filter(document__page_id=page_id, **in_site)
    # A page's parent may list it (a home page its sections), though the parent's document,
    # rendered before the page existed, could not name it; and its translations list it and
    # say whether they are out of date with it.
    path, translation_key = Page.objects.filter(pk=page_id).values_list(
        "path", "translation_key"
    ).first() or (None, None)
    translations = Document.objects.filter(site_id=site_id, page__translation_key=translation_key)
    ids = {
        *linking.values_list("document__page_id", flat=True),
        *keyed.values_list("document__page_id", flat=True),
        *linked.values_list("target_page_id", flat=True),
        *translations.values_list("page_id", flat=True),
    }
    if path and len(path) > Page.steplen:
        parent = Document.objects.filter(site_id=site_id, page__path=path[: -Page.steplen])
        ids.update(parent.values_list("page_id", flat=True))
    ids.discard(page_id)
    return {(site_id, other) for other in ids}


def _changed(changed: dict[int, set[str]]) -> None:
    """Note when each site's documents changed, and purge what a CDN holds of them once the
    change has committed (a purge is not a document write)."""
    now = timezone.now()
    for site_id in sorted(changed):
        SiteDocuments.objects.update_or_create(site_id=site_id, defaults={"changed_at": now})
    # The kiosk bundle served until now stops being served (``api.kiosk`` remembers it for as
    # long as a kiosk may hold it).
    KioskBundleSnapshot.objects.filter(site_id__in=changed, superseded_at=None).update(
        superseded_at=now
    )
    # The purge waits in the outbox until the change has committed (a CDN that refetched
    # before the commit would keep the old content).
    record.purge(url for urls in changed.values() for url in urls)


API_SECTIONS = {"treatment": "treatments", "condition": "conditions"}


def public_urls(document: Document) -> list[str]:
    """The URLs that answer with ``document``, or with a list it is in: a translation's under
    its language's prefix; the API's with its ``?locale=`` (the default language's with it and
    without: the kiosk always names its language)."""
    root = document.site.root_url
    api = f"{root}/api/v1"
    language = document.locale.language_code
    default = language == settings.LANGUAGE_CODE
    queries = ["", f"?locale={language}"] if default else [f"?locale={language}"]
    urls = [f"{root}{language_prefix(language)}{document.path}"]
    urls += [f"{api}/pages/?path={document.path}{query.replace('?', '&')}" for query in queries]
    if section := API_SECTIONS.get(document.kind):
        for query in queries:
            urls += [
                f"{api}/{section}/{query}",
                f"{api}/{section}/{document.slug}/{query}",
                f"{api}/kiosk/bundle/{query}",
            ]
    # As a client sends them (a slug may be "anémie"): percent-encoded, as Wagtail's own.
    return [iri_to_uri(url) for url in urls]

"""A page saved whole (a publish) keeps the place in the tree the database has for it.

Wagtail's publish builds the page from its revision and from the page row as it was loaded:
for the admin's Publish button, at the start of the request. It then saves every column, the
tree's included (``path``, ``depth``, ``numchild``, ``url_path``). A move, or a page added
below it, committed in between was undone: the page back at its old address, the tree's child
counts wrong. Before such a save the row is locked (inside a transaction, as every door runs)
and its tree columns are read again. A page moved while it is published with a new slug is
refused instead (its descendants' addresses would be rewritten from the old place): publishing
it again works.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, get_page_models

from .guards import PublishRefused

MOVED_AS_SLUG_CHANGED = (
    "This page was moved while it was being published with a new slug, so nothing was "
    "published. Publish it again."
)


def keep_tree_position(sender, instance: Page, raw=False, update_fields=None, **kwargs) -> None:
    """pre_save of every page model: a whole save of an existing page (update_fields names
    what a partial save writes, and Wagtail's partial saves leave the tree alone)."""
    if raw or update_fields is not None or instance.pk is None:
        return
    rows = Page.objects.filter(pk=instance.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    row = rows.values("path", "depth", "numchild", "url_path", "slug").first()
    if row is None:
        return
    instance.numchild = row["numchild"]  # kept by treebeard, never by a save
    if row["path"] == instance.path:
        return
    if row["slug"] != instance.slug:
        raise PublishRefused(MOVED_AS_SLUG_CHANGED)
    instance.path, instance.depth, instance.url_path = row["path"], row["depth"], row["url_path"]


def connect() -> None:
    from django.db.models.signals import pre_save

    for model in get_page_models():
        pre_save.connect(
            keep_tree_position, sender=model, dispatch_uid=f"review.tree.{model._meta.label}"
        )

"""Every door that changes what may be public re-renders or removes documents, synchronously,
inside the change's own transaction.

Wagtail's publish, unpublish and move actions open no transaction of their own: the doors we
run open one (the sign-off's approval, ``publish_scheduled``, ``rebuild_documents``), admin
requests that write run in one (``delivery.middleware.AdminWritesAtomic``), and Python callers
wrap theirs in ``transaction.atomic()``. Nothing here waits for a commit: signals Wagtail sends
after the commit (``page_slug_changed``) are not used; a path that changed is seen when the page
is published.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content_models.models import Clinic, Disclaimer, RouteOfAdministration
from review.models import ClinicalSignoff
from signing.content import may_change_public

from .models import Document
from .rendering import site_path
from .sync import sync, sync_site, sync_subtree, sync_users_of, withdraw


def _roots_a_language(page) -> bool:
    """Whether ``page`` is a translation of a site's root page: the root of a language's tree,
    whose pages are public only while it is live."""
    return (
        Site.objects.filter(root_page__translation_key=page.translation_key)
        .exclude(root_page_id=page.pk)
        .exists()
    )


def page_went_live(sender, instance, **kwargs) -> None:
    documents = Document.objects.filter(page=instance).select_related("site__root_page")
    if any(document.path != site_path(instance, document.site) for document in documents):
        sync_subtree(instance)  # a new slug: every path below it changed too
    elif _roots_a_language(instance):
        sync_subtree(instance)  # the language's pages may be public now
    else:
        sync([instance])


def page_withdrawn(sender, instance, **kwargs) -> None:
    if _roots_a_language(instance):
        sync_subtree(instance)  # none of the language's pages is public now
    else:
        sync([instance])


def page_deleted(sender, instance, **kwargs) -> None:
    withdraw(instance)


def page_moved(sender, instance, **kwargs) -> None:
    sync_subtree(instance)


def restriction_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # fixtures and serialized test data load rows as they are
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        sync_subtree(page)


def shown_object_changed(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """A snippet or image that documents show was written (not a draft's bookkeeping)."""
    if not raw and may_change_public(sender, update_fields):
        # A disclaimer may have become, or stopped being, the default some treatments show.
        sync_users_of(instance, *([Disclaimer.DEFAULT_KEY] if sender is Disclaimer else []))


def site_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    sync_site(Site.objects.select_related("root_page").get(pk=instance.pk))


def signoff_corrected(sender, instance, created=False, raw=False, **kwargs) -> None:
    """A correction of a page's sign-off (its review dates) is served at once."""
    if raw or not created or instance.supersedes_id is None:
        return
    model = instance.content_type.model_class()
    if model is not None and issubclass(model, Page):
        sync(Page.objects.filter(pk=instance.object_id))


def connect() -> None:
    page_published.connect(page_went_live, dispatch_uid="delivery.published")
    page_unpublished.connect(page_withdrawn, dispatch_uid="delivery.unpublished")
    pre_delete.connect(page_deleted, sender=Page, dispatch_uid="delivery.page_deleted")
    post_page_move.connect(page_moved, dispatch_uid="delivery.moved")
    post_save.connect(site_changed, sender=Site, dispatch_uid="delivery.site")
    post_save.connect(signoff_corrected, sender=ClinicalSignoff, dispatch_uid="delivery.correction")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            restriction_changed, sender=PageViewRestriction, dispatch_uid=f"delivery.r.{name}"
        )
        for model in (Clinic, Disclaimer, RouteOfAdministration, get_image_model()):
            signal.connect(
                shown_object_changed,
                sender=model,
                dispatch_uid=f"delivery.{model._meta.label_lower}.{name}",
            )

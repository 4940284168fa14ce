"""What bumps the content version: anything that can change what the public sees."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from content_models.models import Clinic, Disclaimer, RouteOfAdministration

from .purge import purge_api_urls
from .version import bump_version

page_published.connect(bump_version, dispatch_uid="delivery.page_published")
page_unpublished.connect(bump_version, dispatch_uid="delivery.page_unpublished")
post_page_move.connect(bump_version, dispatch_uid="delivery.page_moved")
published.connect(bump_version, dispatch_uid="delivery.published")
unpublished.connect(bump_version, dispatch_uid="delivery.unpublished")
post_delete.connect(bump_version, sender=Page, dispatch_uid="delivery.page_deleted")
for snippet in (Clinic, Disclaimer, RouteOfAdministration):
    post_save.connect(bump_version, sender=snippet, dispatch_uid=f"delivery.{snippet.__name__}")
    post_delete.connect(
        bump_version, sender=snippet, dispatch_uid=f"delivery.{snippet.__name__}.delete"
    )
page_published.connect(purge_api_urls, dispatch_uid="delivery.purge_published")
page_unpublished.connect(purge_api_urls, dispatch_uid="delivery.purge_unpublished")

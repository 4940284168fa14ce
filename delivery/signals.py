"""What bumps the content version: anything that can change what the public sees."""

from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from content_models.models import Clinic, ClinicianProfile, Disclaimer, RouteOfAdministration

from .purge import purge_api_urls
from .version import bump_version

page_published.connect(bump_version, dispatch_uid="delivery.page_published")
page_unpublished.connect(bump_version, dispatch_uid="delivery.page_unpublished")
post_page_move.connect(bump_version, dispatch_uid="delivery.page_moved")
published.connect(bump_version, dispatch_uid="delivery.published")
unpublished.connect(bump_version, dispatch_uid="delivery.unpublished")
post_delete.connect(bump_version, sender=Page, dispatch_uid="delivery.page_deleted")

# Rows whose every save or delete may change public output: snippets shown with content,
# reviewers named in sign-offs, images (renditions), privacy, sites (hosts, roots) and redirects.
WATCHED = (
    Clinic,
    ClinicianProfile,
    Disclaimer,
    RouteOfAdministration,
    PageViewRestriction,
    Site,
    Redirect,
    get_image_model(),
)
for model in WATCHED:
    name = f"{model._meta.app_label}.{model.__name__}"
    post_save.connect(bump_version, sender=model, dispatch_uid=f"delivery.{name}")
    post_delete.connect(bump_version, sender=model, dispatch_uid=f"delivery.{name}.delete")

page_published.connect(purge_api_urls, dispatch_uid="delivery.purge_published")
page_unpublished.connect(purge_api_urls, dispatch_uid="delivery.purge_unpublished")

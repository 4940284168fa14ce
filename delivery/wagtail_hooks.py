"""Admin: page listings mark a live translation that patients are served as out of date (its
source was signed off again with changes since it was signed). The mark is read from the
translation's stored documents, which say so since they were rendered: the explorer's listing
reads it within its own query; the listings its queryset hook does not reach (the page search,
reports) ask once a live row."""

from django.db.models import Exists, OuterRef
from django.http import Http404
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from review.translations import TranslationStatus
from signing.content import is_clinical
from signing.digest import content_digest
from signing.signoffs import enforced

from . import serving
from .models import Document


@hooks.register("before_serve_page", order=10)  # after the sign-off checks, which say why
def serve_only_what_a_sealed_document_holds(page, request, serve_args, serve_kwargs):
    """A web page is drawn from its live row, which the API never serves: it is served only
    while its sealed document holds that same content. A raw write to the row, or a sign-off
    row written to match it, has no document sealed with the key for it (as the API)."""
    if not enforced() or not is_clinical(page):
        return
    document = serving.page_document(request, page)
    if document is None or document.digest != content_digest(page):
        raise Http404("No signed content here.")


def _served_out_of_date(page_id):
    return Document.objects.filter(
        page_id=page_id, translation_status=TranslationStatus.OUT_OF_DATE
    )


@hooks.register("construct_explorer_page_queryset")
def with_served_translation_status(parent_page, pages, request):
    return pages.annotate(served_out_of_date=Exists(_served_out_of_date(OuterRef("pk"))))


@hooks.register("register_page_listing_buttons")
def mark_out_of_date_translations(page, user, next_url=None):
    if hasattr(page, "served_out_of_date"):
        out_of_date = page.served_out_of_date
    else:
        out_of_date = page.live and _served_out_of_date(page.pk).exists()
    if out_of_date:
        yield ListingButton(
            "Translation out of date",
            reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            icon_name="warning",
            attrs={"title": "Its source was signed off again with changes since it was signed."},
            priority=5,
        )

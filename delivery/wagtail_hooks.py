"""Admin: page listings mark a live translation that patients are served as out of date (its
source was signed off again with changes since it was signed). The mark is read from the
translation's stored documents, which say so since they were rendered: the explorer's listing
reads it within its own query; the listings its queryset hook does not reach (the page search,
reports) ask once a live row."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from review.translations import TranslationStatus

from .models import Document


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

"""Admin: the explorer marks a live translation that patients are served as out of date (its
source was signed off again with changes since it was signed). The mark is read from the
translation's stored documents, which say so since they were rendered, so the listing costs
one subquery, however many pages it shows."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from review.translations import TranslationStatus

from .models import Document


@hooks.register("construct_explorer_page_queryset")
def with_served_translation_status(parent_page, pages, request):
    served = Document.objects.filter(page_id=OuterRef("pk")).values("translation_status")
    return pages.annotate(served_translation_status=Subquery(served[:1]))


@hooks.register("register_page_listing_buttons")
def mark_out_of_date_translations(page, user, next_url=None):
    if getattr(page, "served_translation_status", None) == TranslationStatus.OUT_OF_DATE:
        yield ListingButton(
            "Translation out of date",
            reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            icon_name="warning",
            attrs={"title": "Its source was signed off again with changes since it was signed."},
            priority=5,
        )

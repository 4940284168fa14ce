"""Wagtail's own API v2, mounted in the benchmark only, as the peer the content API is
measured against: the same pages, with the treatment/condition relation in ``api_fields``.

The ``api_fields`` are set here, on the models, when the benchmark's URLconf is imported (so
only in benchmark processes): the project's models do not expose Wagtail's API v2.
"""

from __future__ import annotations

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from content_models.models import ConditionPage, TreatmentCondition, TreatmentPage

_CLINICAL = ("summary", "image", "image_alt_text", "references")
API_FIELDS = {
    TreatmentPage: (
        *_CLINICAL,
        "what_it_is",
        "how_it_works",
        "routes",
        "condition_links",  # the conditions it treats, each with its note
        "benefits",
        "steps",
        "session_length",
        "initial_sessions",
        "maintenance",
        "common_side_effects",
        "serious_risks",
        "suitable_for",
        "not_suitable_for",
        "faqs",
        "call_to_action",
        "clinic",
        "disclaimer",
    ),
    ConditionPage: (
        *_CLINICAL,
        "description",
        "symptoms",
        "synonyms",
        "codes",
        "treatment_links",  # its treatments (the reverse of the treatment's conditions)
    ),
    TreatmentCondition: ("treatment", "condition", "note"),
}

# The v2 requests equivalent to the content API's: a page of 20 conditions with their
# treatments, and a detail (every api_field by default).
CONDITION_LIST = (
    "/api/v2/pages/?type=content_models.ConditionPage&limit=20&order=title"
    "&fields=summary,treatment_links(note,treatment)"
)


def detail_path(page_id: int) -> str:
    return f"/api/v2/pages/{page_id}/"


def install_api_fields() -> None:
    for model, names in API_FIELDS.items():
        model.api_fields = [APIField(name) for name in names]


install_api_fields()
router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)

"""The shapes of pages: list items, details, and the small pieces they share.

Each content type has one item shape (lists, search, embedding) and one detail shape (detail,
path lookup, web page JSON-LD); ``api.representations`` is the only code that calls them.
Serializers read what ``api.representations`` prepares (``api_conditions``,
``api_treatments``: other pages, from their signed documents) besides the page's own fields.
"""

from __future__ import annotations

import dataclasses

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.readability import record_of
from content_models.models import (
    CodingSystem,
    GuidelineStance,
    RegulatoryStatus,
    RouteOfAdministration,
)
from review.currency import ReviewStatus
from review.translations import TranslationStatus

from ..images import image_representation
from ..jsonld import JSONLD_SCHEMA, condition_jsonld, treatment_jsonld
from .blocks import (
    BenefitSerializer,
    EligibilityCriterionSerializer,
    FAQSerializer,
    ReferenceSerializer,
    RiskSerializer,
    SymptomSerializer,
    TreatmentStepSerializer,
    stream,
)
from .fields import (
    ApiSerializer,
    CanonicalUrlField,
    ChoiceLabelField,
    ConstantField,
    NullableChoiceField,
    RichTextSerializer,
    TextField,
)

# Review ------------------------------------------------------------------------------------


class ReviewSummarySerializer(ApiSerializer):
    """Where the content's clinical review stands (derived from its sign-off and today's date).

    ``{"status": "current", "last_reviewed": "2025-03-01", "next_review_due": "2026-03-01",
    "translation_status": null}``
    """

    status = serializers.ChoiceField(choices=ReviewStatus.choices, read_only=True)
    last_reviewed = serializers.DateField(read_only=True)
    next_review_due = serializers.DateField(read_only=True)
    translation_status = serializers.ChoiceField(
        choices=TranslationStatus.choices,
        read_only=True,
        allow_null=True,
        help_text="For a translation: current, or out_of_date once the content it was "
        "translated from was signed off again with changes (it stays signed as it was). Null "
        "for content in its source language.",
    )

    def get_attribute(self, page):
        return self.api.review_info


class ReviewerSerializer(ApiSerializer):
    """``{"name": "Dr A Reviewer", "credentials": "MB ChB, FRCA"}``"""

    name = TextField(source="reviewer_name")
    credentials = TextField(source="reviewer_credentials")


class ReadabilitySerializer(ApiSerializer):
    """How easy the page's text is to read, scored over all of it.

    ``{"flesch_reading_ease": 62.3, "grade": 7.9, "reading_age": 12.9}``
    """

    flesch_reading_ease = serializers.FloatField(
        read_only=True, help_text="0–100; higher is easier; 60–70 is plain English."
    )
    grade = serializers.FloatField(read_only=True, help_text="Flesch–Kincaid US school grade.")
    reading_age = serializers.FloatField(read_only=True, help_text="Approximate age in years.")


class ReviewSerializer(ReviewSummarySerializer):
    """The review of the content as served: status, dates, who reviewed it, and readability.

    ``{"status": "current", "last_reviewed": "2025-03-01", "next_review_due": "2026-03-01",
    "reviewed_by": {"name": "Dr A Reviewer", "credentials": "MB ChB"},
    "readability": {"flesch_reading_ease": 62.3, "grade": 7.9, "reading_age": 12.9}}``
    """

    reviewed_by = ReviewerSerializer(source="*", read_only=True)
    readability = ReadabilitySerializer(
        read_only=True, allow_null=True, help_text="Null when the page has no text to score."
    )

    def get_attribute(self, page):
        info = self.api.review_info
        if info is None:
            return None
        return dataclasses.replace(info, readability=readability(page, info.readability))


def readability(page, recorded: dict | None = None):
    """The readability of all the page's text, or None when it has none to score: as the
    sign-off of the served content recorded it, or scored now where it recorded none."""
    whole = recorded if recorded is not None else record_of(getattr(page, "wrapped", page))
    return whole if whole.get("words") else None


# Images, links and snippets ----------------------------------------------------------------


class RenditionSerializer(serializers.Serializer):
    """``{"url": "https://cms.example/media/images/x.width-800.jpg", "width": 800,
    "height": 533}``"""

    url = serializers.URLField(read_only=True)
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)


class ImageSerializer(RenditionSerializer):
    """A rendition 800 pixels wide (or the original's width, if smaller), its alt text, and
    renditions at other widths for ``srcset``. Never the original upload."""

    alt = TextField()
    srcset = RenditionSerializer(many=True, read_only=True)

    def get_attribute(self, page):
        return image_representation(page.image, page.image_alt_text, self.context["api"])


class PageLinkSerializer(ApiSerializer):
    """A link to another page: ``{"id": 7, "slug": "fibromyalgia", "title": "Fibromyalgia",
    "url": "https://clinic.example/conditions/fibromyalgia/"}``"""

    id = serializers.IntegerField(read_only=True)
    slug = TextField()
    title = TextField()
    url = CanonicalUrlField()


class LinkFactsSerializer(serializers.Serializer):
    """What the link between a treatment and a condition says, shown wherever the link is:
    whether this use is licensed, a guideline's stance on it (with the guideline), and a note.

    ``{"regulatory_status": "off_label", "regulatory_status_label": "Off-label (licensed for
    other uses)", "guideline_stance": "not_recommended", "guideline_stance_label": "Not
    recommended", "guideline": "NICE guideline NG193, April 2021", "guideline_url": "https://…",
    "note": "…"}``"""

    regulatory_status = NullableChoiceField(RegulatoryStatus.choices)
    regulatory_status_label = ChoiceLabelField(RegulatoryStatus.choices, source="regulatory_status")
    guideline_stance = NullableChoiceField(GuidelineStance.choices)
    guideline_stance_label = ChoiceLabelField(GuidelineStance.choices, source="guideline_stance")
    guideline = TextField(help_text="The guideline the stance comes from.")
    guideline_url = TextField()
    note = TextField()


class RelatedPageSerializer(PageLinkSerializer, LinkFactsSerializer):
    """A related page with its summary and what the link to it says (regulatory status,
    guideline stance, note on the evidence for the treatment in that condition)."""

    summary = TextField()


class RouteSerializer(serializers.Serializer):
    """One way the treatment is given, labelled for what it is: a medicine's route, a device, a
    procedure or a therapy.

    ``{"slug": "intravenous", "name": "Intravenous infusion", "kind": "medicine",
    "kind_label": "How a medicine is given", "description": "…"}``"""

    slug = TextField()
    name = TextField()
    kind = serializers.ChoiceField(RouteOfAdministration.Kind.choices, read_only=True)
    kind_label = ChoiceLabelField(RouteOfAdministration.Kind.choices, source="kind")
    description = TextField()


class ClinicSerializer(serializers.Serializer):
    """Where to book: operational contact details."""

    name = TextField()
    phone = TextField()
    email = TextField()
    address = TextField()
    opening_hours = TextField(help_text="One line per day or range of days.")
    booking_url = TextField()


class DisclaimerSerializer(ApiSerializer):
    """The disclaimer shown with the content (only when the disclaimer itself is live and
    signed: ``api.representations`` leaves any other out)."""

    text = RichTextSerializer()
    locale = TextField(
        source="locale.language_code",
        help_text="The language it is written in: the content's, or the default language's "
        "until the disclaimer's own translation is signed.",
    )


class MedicalCodeSerializer(serializers.Serializer):
    """``{"system": "ICD-10", "code": "G90.5"}``"""

    system = serializers.ChoiceField(choices=CodingSystem.choices, read_only=True)
    code = TextField()


# JSON-LD -----------------------------------------------------------------------------------


@extend_schema_field(JSONLD_SCHEMA, component_name="JsonLd")
class JsonLdField(serializers.Field):
    """Filled in by the detail serializer from its own output (see ``api.jsonld``)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return None


# Common page fields ------------------------------------------------------------------------


class PageSummarySerializer(PageLinkSerializer):
    last_updated = serializers.DateTimeField(
        source="last_published_at",
        read_only=True,
        allow_null=True,
        help_text="When this content was last published.",
    )

    def to_representation(self, page):
        data = super().to_representation(page)
        # The discriminator first, so a reader sees what kind of thing follows.
        return {"type": data.pop("type"), **data} if "type" in data else data


class TranslationLinkSerializer(serializers.Serializer):
    """The same content in another language: ``{"locale": "fr", "language": "français",
    "title": "…", "url": "https://…/fr/treatments/…/"}``"""

    locale = TextField(help_text="A language code; ask the API for it with ?locale=.")
    language = TextField(help_text="The language's name, in that language.")
    title = TextField()
    url = TextField()


class ClinicalItemSerializer(PageSummarySerializer):
    summary = TextField(help_text="At most 280 characters; stands alone (kiosks show it).")
    review = ReviewSummarySerializer(read_only=True, allow_null=True)
    locale = TextField(source="api_locale", help_text="The content's language (a language code).")
    translations = TranslationLinkSerializer(
        many=True,
        read_only=True,
        source="api_translations",
        help_text="The same content in the site's other languages, where it is public.",
    )


# Treatments --------------------------------------------------------------------------------


class TreatmentListItemSerializer(ClinicalItemSerializer):
    """A treatment in a list or search result, with the conditions it treats.

    ``{"type": "treatment", "id": 12, "slug": "ketamine-therapy-for-chronic-pain",
    "title": "Ketamine therapy for chronic pain", "url": "https://…/treatments/ketamine…/",
    "summary": "…", "review": {…ReviewSummary}, "last_updated": "2025-03-01T10:00:00Z",
    "conditions": [{"id": 7, "slug": "fibromyalgia", "title": "Fibromyalgia", "url": "…"}]}``
    """

    type = ConstantField("treatment")
    conditions = PageLinkSerializer(many=True, read_only=True, source="api_conditions")


class CourseSerializer(serializers.Serializer):
    """``{"session_length": "about 45 minutes", "initial_sessions": "six over two weeks",
    "maintenance": "as needed"}``"""

    session_length = TextField()
    initial_sessions = TextField(help_text="The initial course.")
    maintenance = TextField()


class RisksSerializer(ApiSerializer):
    """Risks, always shown beside the benefits."""

    common = stream(RiskSerializer, source="common_side_effects")
    serious = stream(RiskSerializer, source="serious_risks")


class EligibilitySerializer(ApiSerializer):
    """Who the treatment may suit, and who it does not (with contraindications)."""

    suitable_for = stream(EligibilityCriterionSerializer)
    not_suitable_for = stream(
        EligibilityCriterionSerializer,
        help_text="Who it may not suit: contraindications, and cautions.",
    )


class TreatmentSerializer(TreatmentListItemSerializer):
    """A treatment, every section structured. See the schema for each part; in short:

    ``{"type": "treatment", "id": 12, "slug": "…", "title": "…", "url": "…", "summary": "…",
    "last_updated": "…", "image": null, "what_it_is": {"html": "<p>…</p>", "text": "…"},
    "how_it_works": {…}, "routes": [{…Route}], "conditions": [{…RelatedPage, "note": "…"}],
    "benefits": [{…Benefit}], "steps": [{…TreatmentStep}], "course": {…},
    "risks": {"common": [{…}], "serious": [{…}]}, "eligibility": {"suitable_for": [{…}],
    "not_suitable_for": [{…}]}, "faqs": [{…}], "references": [{…}], "call_to_action": "…",
    "clinic": {…}, "disclaimer": {"text": {…}}, "review": {…Review}, "jsonld": {…}}``
    """

    image = ImageSerializer(read_only=True, allow_null=True)
    what_it_is = RichTextSerializer()
    how_it_works = RichTextSerializer()
    routes = RouteSerializer(
        many=True,
        read_only=True,
        help_text="How it is given: medicine routes, devices, procedures and therapies.",
    )
    conditions = RelatedPageSerializer(many=True, read_only=True, source="api_conditions")
    benefits = stream(BenefitSerializer)
    steps = stream(TreatmentStepSerializer, help_text="What to expect, in order.")
    course = CourseSerializer(source="*", read_only=True)
    risks = RisksSerializer(source="*", read_only=True)
    eligibility = EligibilitySerializer(source="*", read_only=True)
    faqs = stream(FAQSerializer)
    references = stream(ReferenceSerializer, help_text="Sources for the page as a whole.")
    call_to_action = TextField()
    clinic = ClinicSerializer(read_only=True, allow_null=True)
    disclaimer = DisclaimerSerializer(read_only=True, allow_null=True)
    review = ReviewSerializer(read_only=True, allow_null=True)
    jsonld = JsonLdField()

    def to_representation(self, page):
        data = super().to_representation(page)
        data["jsonld"] = treatment_jsonld(data)
        return data


# Conditions --------------------------------------------------------------------------------


class ConditionListItemSerializer(ClinicalItemSerializer):
    """A condition in a list or search result, with its treatments.

    ``{"type": "condition", "id": 7, "slug": "fibromyalgia", "title": "Fibromyalgia",
    "url": "…", "summary": "…", "review": {…}, "last_updated": "…",
    "treatments": [{"id": 12, "slug": "…", "title": "…", "url": "…"}]}``
    """

    type = ConstantField("condition")
    treatments = PageLinkSerializer(many=True, read_only=True, source="api_treatments")


class ConditionSerializer(ConditionListItemSerializer):
    """A condition: its description, symptoms, other names, codes and treatments.

    ``{"type": "condition", …, "description": {"html": "…", "text": "…"},
    "symptoms": [{"name": "…", "description": "…"}], "synonyms": ["CRPS"],
    "codes": [{"system": "ICD-10", "code": "G90.5"}], "treatments": [{…RelatedPage}],
    "references": [{…}], "image": null, "review": {…}, "jsonld": {…}}``
    """

    image = ImageSerializer(read_only=True, allow_null=True)
    description = RichTextSerializer()
    symptoms = stream(SymptomSerializer)
    synonyms = serializers.ListField(
        child=serializers.CharField(), read_only=True, source="api_synonyms"
    )
    codes = MedicalCodeSerializer(many=True, read_only=True, source="api_codes")
    treatments = RelatedPageSerializer(many=True, read_only=True, source="api_treatments")
    references = stream(ReferenceSerializer)
    review = ReviewSerializer(read_only=True, allow_null=True)
    jsonld = JsonLdField()

    def to_representation(self, page):
        data = super().to_representation(page)
        data["jsonld"] = condition_jsonld(data)
        return data


# The site's own pages (path lookup) --------------------------------------------------------


class SectionLinkSerializer(PageLinkSerializer):
    """An index page: its type and the API list of its items."""

    type = serializers.ChoiceField(
        choices=["treatment_index", "condition_index"], read_only=True, source="api_type"
    )
    listing = serializers.URLField(read_only=True, source="api_listing")


class HomePageSerializer(PageSummarySerializer):
    """The site's home page."""

    type = ConstantField("home")
    intro = RichTextSerializer()
    sections = SectionLinkSerializer(many=True, read_only=True, source="api_sections")


class IndexPageSerializer(PageSummarySerializer):
    intro = RichTextSerializer()
    listing = serializers.URLField(
        read_only=True, source="api_listing", help_text="The API list of this section's pages."
    )


class TreatmentIndexPageSerializer(IndexPageSerializer):
    """The treatments section of the site."""

    type = ConstantField("treatment_index")


class ConditionIndexPageSerializer(IndexPageSerializer):
    """The conditions section of the site."""

    type = ConstantField("condition_index")

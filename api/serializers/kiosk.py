"""The kiosk bundle's shapes (``GET /api/v1/kiosk/bundle/``), as agreed with the kiosk app.

A kiosk shows short texts and has no use for plain-text twins, references or FAQs: rich text is
one string of sanitised HTML, risks are split into side effects and serious risks, and every
item carries its canonical URL as a QR code. The item serializers render pages that
``api.representations`` has prepared (``kiosk_*`` attributes); the bundle serializer only
describes the envelope ``api.kiosk`` assembles from documents.
"""

from __future__ import annotations

import datetime

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .blocks import (
    BlockSerializer,
    EligibilityCriterionSerializer,
    RiskSerializer,
    SymptomSerializer,
    stream,
)
from .fields import ApiSerializer, PropertyTextField, TextField
from .pages import (
    ClinicSerializer,
    LinkFactsSerializer,
    PageLinkSerializer,
    RenditionSerializer,
    ReviewSummarySerializer,
    RouteSerializer,
)

VERSION_PATTERN = r"^[0-9a-f]{64}$"


def utc_iso(moment: datetime.datetime) -> str:
    """``2026-12-05T11:00:00Z``: the kiosk's clock compares it, whatever its time zone."""
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


@extend_schema_field(OpenApiTypes.STR)
class HtmlField(serializers.Field):
    """Rich text as one string of sanitised HTML (internal links resolved to canonical URLs,
    links to pages that may not be served turned into plain text)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        try:
            return super().get_attribute(instance)
        except (KeyError, AttributeError):
            return None

    def to_representation(self, value) -> str:
        return self.context["api"].rich_text.render(value)["html"]


class UtcDateTimeField(serializers.DateTimeField):
    """An ISO 8601 time in UTC (``2026-12-05T11:00:00Z``), whatever ``TIME_ZONE`` says."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, default_timezone=datetime.UTC, **kwargs)


# Blocks ------------------------------------------------------------------------------------


class KioskBenefitSerializer(BlockSerializer):
    """``{"headline": "Short-term pain relief", "explanation": "<p>…</p>"}``"""

    headline = TextField()
    explanation = HtmlField()


class KioskStepSerializer(BlockSerializer):
    """``{"title": "Assessment", "description": "<p>…</p>", "typical_duration": "about an
    hour", "timing_text": "Takes about an hour."}``"""

    title = TextField()
    description = HtmlField()
    typical_duration = TextField()
    timing_text = PropertyTextField(help_text="The step's timing, said as sentences.")


# Pieces ------------------------------------------------------------------------------------


class KioskImageSerializer(RenditionSerializer):
    """A rendition sized for a kiosk screen (never larger than 1200×800, never cropped) and
    its alt text: ``{"url": "https://…/media/images/x.max-1200x800.jpg", "width": 1067,
    "height": 800, "alt": "A treatment room with a reclining chair."}``"""

    alt = TextField()


class LanguageCodeField(TextField):
    """A ``locale``'s language code: of a model, or of an item a document already rendered (a
    condition shows the disclaimer of its first treatment's document)."""

    def to_representation(self, value) -> str:
        return getattr(value, "language_code", value) or ""


class KioskDisclaimerSerializer(ApiSerializer):
    """The disclaimer shown with the content; only ever a signed one, in the content's
    language or, until its translation is signed, the default language's (``locale``)."""

    text = HtmlField()
    locale = LanguageCodeField()


class KioskItemLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = TextField()
    title = TextField()


class KioskPageLinkSerializer(KioskItemLinkSerializer, LinkFactsSerializer):
    """Another item of the bundle, with what the link to it says: ``{"id": 7, "slug":
    "fibromyalgia", "title": "Fibromyalgia", "regulatory_status": "off_label", …,
    "guideline_stance": "not_recommended", …, "note": "…"}``"""


class KioskTreatmentLinkSerializer(KioskPageLinkSerializer):
    """A treatment of the bundle, with its summary."""

    summary = TextField()


# Items -------------------------------------------------------------------------------------


class KioskItemSerializer(PageLinkSerializer):
    qr_svg = serializers.CharField(read_only=True, source="kiosk_qr_svg")  # an SVG QR code of url
    summary = TextField(help_text="At most 280 characters of plain text.")
    image = KioskImageSerializer(read_only=True, allow_null=True, source="kiosk_image")
    clinic = ClinicSerializer(read_only=True, allow_null=True, source="kiosk_clinic")
    call_to_action = TextField(source="kiosk_call_to_action")
    disclaimer = KioskDisclaimerSerializer(
        read_only=True, allow_null=True, source="kiosk_disclaimer"
    )
    review = ReviewSummarySerializer(
        read_only=True, allow_null=True, help_text="Null only in the preview of a draft."
    )
    expires_at = UtcDateTimeField(
        source="kiosk_expires_at",
        help_text="After this, a kiosk that has not refreshed must stop showing the item: "
        "the bundle's expiry, or the page's own scheduled expiry if sooner.",
    )


class KioskTreatmentSerializer(KioskItemSerializer):
    """A treatment as a kiosk shows it.

    ``{"id": 12, "slug": "…", "title": "…", "url": "https://…/treatments/…/",
    "qr_svg": "<svg …>…</svg>", "summary": "…", "image": {…} | null, "clinic": {…} | null,
    "call_to_action": "…", "disclaimer": {"text": "<p>…</p>"} | null,
    "review": {"status": "current", "last_reviewed": "…", "next_review_due": "…"},
    "expires_at": "…", "benefits": [{…}], "side_effects": [{…}], "risks": [{…}],
    "steps": [{…}], "suitable_for": [{…}], "not_suitable_for": [{…}],
    "given": [{"name": "Intravenous infusion", "kind": "medicine", …}],
    "conditions": [{"id": 7, "slug": "…", "title": "…"}]}``
    """

    given = RouteSerializer(
        many=True,
        read_only=True,
        source="routes",
        help_text="How it is given: medicine routes, devices, procedures and therapies.",
    )
    benefits = stream(KioskBenefitSerializer)
    side_effects = stream(
        RiskSerializer, source="common_side_effects", help_text="Common side effects."
    )
    risks = stream(RiskSerializer, source="serious_risks", help_text="Serious risks.")
    steps = stream(KioskStepSerializer, help_text="What to expect, in order.")
    suitable_for = stream(EligibilityCriterionSerializer)
    not_suitable_for = stream(
        EligibilityCriterionSerializer,
        help_text="Who it may not suit: contraindications, and cautions.",
    )
    conditions = KioskPageLinkSerializer(
        many=True,
        read_only=True,
        source="kiosk_conditions",
        help_text="The conditions it treats that are in the bundle.",
    )


class KioskConditionSerializer(KioskItemSerializer):
    """A condition as a kiosk shows it. It has no clinic, call to action or disclaimer of its
    own: those of its first treatment (by title) that has one are given.

    ``{"id": 7, …common fields…, "symptoms": [{"name": "…", "description": "…"}],
    "treatments": [{"id": 12, "slug": "…", "title": "…", "summary": "…"}]}``
    """

    symptoms = stream(SymptomSerializer)
    treatments = KioskTreatmentLinkSerializer(
        many=True,
        read_only=True,
        source="kiosk_treatments",
        help_text="Its treatments that are in the bundle, by title.",
    )


# The bundle --------------------------------------------------------------------------------


class KioskSiteSerializer(serializers.Serializer):
    name = TextField(help_text="The Wagtail site's name.")
    root_url = serializers.URLField(
        read_only=True, help_text="The public site's root, which every item's url starts with."
    )


class KioskRemovedSerializer(serializers.Serializer):
    """Ids of the items a kiosk must drop (empty in a full bundle)."""

    treatments = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    conditions = serializers.ListField(child=serializers.IntegerField(), read_only=True)


class KioskBundleSerializer(serializers.Serializer):
    """Everything a kiosk needs offline, or what changed since the version it holds.

    ``{"version": "3f2a…", "generated_at": "2026-11-28T11:00:00Z",
    "expires_at": "2026-12-05T11:00:00Z", "full": true, "since": null,
    "site": {"name": "…", "root_url": "https://…"}, "treatments": [{…}],
    "conditions": [{…}], "removed": {"treatments": [], "conditions": []}}``
    """

    version = serializers.RegexField(
        VERSION_PATTERN,
        read_only=True,
        help_text="A digest of the bundle's content: the same content gives the same version. "
        "Send it back as ?since= to get only what changed.",
    )
    generated_at = UtcDateTimeField()
    expires_at = UtcDateTimeField(
        help_text="generated_at plus the maximum offline age: a kiosk that has not refreshed "
        "by then must stop showing the bundle."
    )
    full = serializers.BooleanField(
        read_only=True,
        help_text="True: this is the whole bundle (replace what you hold). False: a delta "
        "against the version given in since.",
    )
    since = serializers.CharField(
        read_only=True, allow_null=True, help_text="The version asked for with ?since=, if any."
    )
    site = KioskSiteSerializer(read_only=True)
    treatments = KioskTreatmentSerializer(
        many=True, read_only=True, help_text="In a delta, only the changed and added ones."
    )
    conditions = KioskConditionSerializer(
        many=True, read_only=True, help_text="In a delta, only the changed and added ones."
    )
    removed = KioskRemovedSerializer(read_only=True)

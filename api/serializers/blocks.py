"""One serializer per StreamField block, so every block is typed in the schema.

A StreamField whose blocks are all of one type is represented as a plain array of that block's
shape (the block's type name and id are Wagtail's bookkeeping, not content). ``BLOCK_SERIALIZERS``
maps each block class to its serializer; a test checks that every StreamField of every served
page type is covered, so adding a block without typing it fails the suite.
"""

from __future__ import annotations

from rest_framework import serializers
from wagtail.blocks import StreamValue

from content_models.blocks import (
    EVIDENCE_LEVEL_CHOICES,
    BenefitBlock,
    EligibilityCriterionBlock,
    FAQBlock,
    ReferenceBlock,
    RiskBlock,
    SymptomBlock,
    TreatmentStepBlock,
)
from content_models.blocks.wording import FREQUENCY_CHOICES

from .fields import (
    ApiSerializer,
    NullableChoiceField,
    PropertyTextField,
    RichTextSerializer,
    TextField,
)


class BlockSerializer(ApiSerializer):
    """Serializes a block's value; a StreamField child is unwrapped to its value."""

    block_class: type | None = None

    def to_representation(self, value):
        if isinstance(value, StreamValue.StreamChild):
            value = value.value
        return super().to_representation(value)


class ReferenceSerializer(BlockSerializer):
    """A citation, with links derived from its identifiers.

    ``{"title": "Ketamine for chronic pain: a systematic review", "authors": "Cohen SP, et al.",
    "source": "Regional Anesthesia and Pain Medicine", "year": 2018, "url": "",
    "doi": "10.1097/AAP.0000000000000808", "pmid": "", "evidence_level": "guideline",
    "evidence_level_label": "Clinical guideline (national or consensus)", "finding": "…",
    "doi_url": "https://doi.org/10.1097/AAP.0000000000000808", "pubmed_url": "",
    "best_url": "https://doi.org/10.1097/AAP.0000000000000808"}``
    """

    block_class = ReferenceBlock

    title = TextField()
    authors = TextField()
    source = TextField(help_text="The journal, publisher or issuing body.")
    year = serializers.IntegerField(allow_null=True, read_only=True)
    url = TextField(help_text="The address the editor gave, if any.")
    doi = TextField()
    pmid = TextField()
    evidence_level = NullableChoiceField(EVIDENCE_LEVEL_CHOICES)
    evidence_level_label = PropertyTextField()
    finding = TextField(help_text="What the source says that the content relies on.")
    doi_url = PropertyTextField()
    pubmed_url = PropertyTextField()
    best_url = PropertyTextField(help_text="The URL, else the DOI link, else the PubMed link.")


class BenefitSerializer(BlockSerializer):
    """A benefit claim with the evidence behind it.

    ``{"headline": "Short-term pain relief", "explanation": {"html": "<p>…</p>", "text": "…"},
    "references": [{…Reference}]}``
    """

    block_class = BenefitBlock

    headline = TextField()
    explanation = RichTextSerializer()
    references = ReferenceSerializer(many=True, read_only=True)


class TreatmentStepSerializer(BlockSerializer):
    """One step of "what to expect", in order, with its timing as fields and as sentences.

    ``{"title": "Treatment sessions", "description": {"html": "<p>…</p>", "text": "…"},
    "when": "", "typical_duration": "about 40 minutes", "how_often": "5 days a week",
    "for_how_long": "4 to 6 weeks", "timing_text": "Each session takes about 40 minutes,
    5 days a week for 4 to 6 weeks."}``
    """

    block_class = TreatmentStepBlock

    title = TextField()
    description = RichTextSerializer()
    when = TextField(help_text='When in the course it happens, for example "at week 3".')
    typical_duration = TextField(help_text="How long one session or visit takes.")
    how_often = TextField(help_text='For example "5 days a week".')
    for_how_long = TextField(help_text='For example "4 to 6 weeks".')
    timing_text = PropertyTextField(help_text="The timing fields said as sentences.")


class RiskSerializer(BlockSerializer):
    """A risk or side effect and, where a source gives it, how often it happens: a band of the
    convention used in medicines' product information, and a figure with its source: "about 1 in
    N" or "about N%", as the source gives it.

    ``{"name": "Seizure", "description": "…", "frequency": "rare", "frequency_label": "Rare",
    "frequency_meaning": "may affect up to 1 in 1,000 people", "one_in": 30000, "percent": null,
    "per": "sessions", "frequency_source": [{…Reference}],
    "frequency_text": "Rare: about 1 in 30,000 sessions"}``
    """

    block_class = RiskBlock

    name = TextField()
    description = TextField()
    frequency = NullableChoiceField(FREQUENCY_CHOICES, help_text="The frequency band.")
    frequency_label = PropertyTextField()
    frequency_meaning = PropertyTextField(help_text="What the band means, in words.")
    one_in = serializers.IntegerField(
        allow_null=True, read_only=True, help_text='"About 1 in N": N, when a source gives it.'
    )
    percent = serializers.FloatField(
        allow_null=True, read_only=True, help_text='"About N%": N, when a source gives it so.'
    )
    per = PropertyTextField(help_text="What the figure counts (people, sessions…).")
    frequency_source = ReferenceSerializer(
        many=True, read_only=True, help_text="The source of the figure."
    )
    frequency_text = PropertyTextField(help_text="The frequency in words; empty without one.")


class EligibilityCriterionSerializer(BlockSerializer):
    """``{"criterion": "Adults with nerve pain", "detail": ""}``"""

    block_class = EligibilityCriterionBlock

    criterion = TextField()
    detail = TextField()


class SymptomSerializer(BlockSerializer):
    """``{"name": "Burning pain", "description": ""}``"""

    block_class = SymptomBlock

    name = TextField()
    description = TextField()


class FAQSerializer(BlockSerializer):
    """``{"question": "Does it hurt?", "answer": {"html": "<p>…</p>", "text": "…"}}``"""

    block_class = FAQBlock

    question = TextField()
    answer = RichTextSerializer()


BLOCK_SERIALIZERS: dict[type, type[BlockSerializer]] = {
    serializer.block_class: serializer
    for serializer in (
        ReferenceSerializer,
        BenefitSerializer,
        TreatmentStepSerializer,
        RiskSerializer,
        EligibilityCriterionSerializer,
        SymptomSerializer,
        FAQSerializer,
    )
}


def stream(block_serializer: type[BlockSerializer], **kwargs) -> serializers.ListSerializer:
    """A StreamField of one block type, as an array of that block's shape."""
    return block_serializer(many=True, read_only=True, **kwargs)

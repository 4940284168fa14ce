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

from .fields import ApiSerializer, PropertyTextField, RichTextSerializer, TextField


class BlockSerializer(ApiSerializer):
    """Serializes a block's value; a StreamField child is unwrapped to its value."""

    block_class: type | None = None

    def to_representation(self, value):
        if isinstance(value, StreamValue.StreamChild):
            value = value.value
        return super().to_representation(value)


class EvidenceLevelField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=EVIDENCE_LEVEL_CHOICES, allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


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
    evidence_level = EvidenceLevelField()
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
    """One step of "what to expect", in order.

    ``{"title": "Assessment", "description": {"html": "<p>…</p>", "text": "…"},
    "typical_duration": "about an hour"}``
    """

    block_class = TreatmentStepBlock

    title = TextField()
    description = RichTextSerializer()
    typical_duration = TextField()


class RiskSerializer(BlockSerializer):
    """``{"name": "Nausea", "description": "Usually passes within hours."}``"""

    block_class = RiskBlock

    name = TextField()
    description = TextField()


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

"""Blocks that carry clinical meaning: each owns one kind of statement a reviewer checks."""

from wagtail import blocks

from .base import CLINICAL_RICH_TEXT_FEATURES, ReferenceBlock


class BenefitBlock(blocks.StructBlock):
    """A benefit claim with the evidence behind it.

    References are optional while drafting; the clinical review flags a benefit without one.
    """

    headline = blocks.CharBlock(max_length=120, help_text="A short, factual headline.")
    explanation = blocks.RichTextBlock(features=CLINICAL_RICH_TEXT_FEATURES)
    references = blocks.ListBlock(
        ReferenceBlock(),
        min_num=0,
        default=[],
        help_text="The sources that support this benefit.",
    )

    class Meta:
        icon = "success"
        label = "Benefit"
        template = "blocks/benefit_block.html"


class TreatmentStepBlock(blocks.StructBlock):
    """One step of "what to expect", in the order a patient meets it."""

    title = blocks.CharBlock(max_length=120)
    description = blocks.RichTextBlock(features=CLINICAL_RICH_TEXT_FEATURES)
    typical_duration = blocks.CharBlock(
        required=False,
        max_length=100,
        help_text='Optional, in words a patient understands, for example "about 45 minutes".',
    )

    class Meta:
        icon = "list-ol"
        label = "Step"
        template = "blocks/treatment_step_block.html"


class RiskBlock(blocks.StructBlock):
    """A risk or side effect, named plainly, with what a patient should know about it."""

    name = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "warning"
        label = "Risk or side effect"
        template = "blocks/risk_block.html"


class EligibilityCriterionBlock(blocks.StructBlock):
    """One line of "who it may suit" or "who it does not suit"."""

    criterion = blocks.CharBlock(max_length=300)
    detail = blocks.TextBlock(required=False)

    class Meta:
        icon = "user"
        label = "Criterion"
        template = "blocks/eligibility_criterion_block.html"


class SymptomBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "pick"
        label = "Symptom"
        template = "blocks/symptom_block.html"


class FAQBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    answer = blocks.RichTextBlock(features=CLINICAL_RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "Question and answer"
        template = "blocks/faq_block.html"

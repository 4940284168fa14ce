"""Blocks that carry clinical meaning: each owns one kind of statement a reviewer checks."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .base import CLINICAL_RICH_TEXT_FEATURES, ReferenceBlock, TextStructBlock
from .wording import (
    BANDS,
    DEFAULT_PER,
    FREQUENCY_CHOICES,
    after_of,
    band_for,
    clause,
    counted,
    counts_people,
    frequency_text,
    one_in_from_percent,
    percent_digits,
    timing_text,
)


class BenefitBlock(TextStructBlock):
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


class TreatmentStepValue(blocks.StructValue):
    @property
    def timing_text(self) -> str:
        return timing_text(
            self.get("typical_duration") or "",
            self.get("how_often") or "",
            self.get("for_how_long") or "",
            self.get("when") or "",
        )


class TreatmentStepBlock(TextStructBlock):
    """One step of "what to expect", in the order a patient meets it, with its timing as
    fields (said as sentences wherever the step is shown)."""

    title = blocks.CharBlock(max_length=120)
    description = blocks.RichTextBlock(features=CLINICAL_RICH_TEXT_FEATURES)
    when = blocks.CharBlock(
        required=False,
        max_length=100,
        help_text='Optional: when in the course this happens, for example "at week 3".',
    )
    typical_duration = blocks.CharBlock(
        required=False,
        max_length=100,
        label="How long it takes",
        help_text='Optional: one session or visit, for example "about 40 minutes".',
    )
    how_often = blocks.CharBlock(
        required=False,
        max_length=100,
        help_text='Optional: how often it is repeated, for example "5 days a week".',
    )
    for_how_long = blocks.CharBlock(
        required=False,
        max_length=100,
        label="For how long",
        help_text='Optional: over what period, for example "4 to 6 weeks".',
    )

    class Meta:
        icon = "list-ol"
        label = "Step"
        template = "blocks/treatment_step_block.html"
        value_class = TreatmentStepValue


class PercentBlock(blocks.DecimalBlock):
    """A percentage as its digits: 12.5 read from JSON as a float is 12.5, not
    12.5000000000000002…, and the form's "12.00" or "1e2" is kept as 12 or 100, as the reviewer
    and the patient both read it."""

    def to_python(self, value):
        return None if value in (None, "") else as_digits(Decimal(str(value)))

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else as_digits(value)


def as_digits(number: Decimal) -> Decimal:
    return Decimal(percent_digits(number))


class RiskValue(blocks.StructValue):
    @property
    def frequency_text(self) -> str:
        return frequency_text(
            self.get("frequency"), self.get("one_in"), self.get("per") or "", self.get("percent")
        )

    @property
    def frequency_label(self) -> str:
        band = BANDS.get(self.get("frequency") or "")
        return str(band.label) if band else ""

    @property
    def frequency_meaning(self) -> str:
        band = BANDS.get(self.get("frequency") or "")
        return str(band.meaning) if band else ""

    @property
    def per(self) -> str:
        """What a figure counts: people unless the editor says otherwise."""
        return counted(self.get("per") or "") if self.get("one_in") or self.get("percent") else ""


class RiskBlock(TextStructBlock):
    """A risk or side effect, named plainly, with what a patient should know about it and,
    where a source gives it, how often it happens."""

    name = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)
    frequency = blocks.ChoiceBlock(
        choices=FREQUENCY_CHOICES,
        required=False,
        help_text="Optional, and only as a source gives it: the band of the convention used in "
        "medicines' product information (very common: 1 in 10 people or more … very rare: "
        "fewer than 1 in 10,000). Where the source gives a figure, not a band, the band is "
        "the one the figure falls in.",
    )
    one_in = blocks.IntegerBlock(
        required=False,
        min_value=2,
        label="About 1 in",
        help_text='Optional: a figure a source gives as "1 in N", for example 30000 for "about 1 '
        'in 30,000".',
    )
    percent = PercentBlock(
        required=False,
        min_value=Decimal("0.0001"),
        max_value=100,
        max_digits=7,
        decimal_places=4,
        label="About …%",
        help_text='Optional: a figure a source gives as a percentage, for example 12 for "about '
        '12%". Give the figure as the source does: a percentage or "about 1 in", not both.',
    )
    per = blocks.CharBlock(
        required=False,
        max_length=100,
        label="Counted per",
        help_text="What the figure counts: people (the default), sessions, courses…",
    )
    frequency_source = blocks.ListBlock(
        ReferenceBlock(),
        min_num=0,
        max_num=1,
        default=[],
        label="Source of the figure",
        help_text="Required with a frequency: the reviewer checks the band and figure in it.",
    )

    class Meta:
        icon = "warning"
        label = "Risk or side effect"
        template = "blocks/risk_block.html"
        value_class = RiskValue

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        band, one_in, percent = value.get("frequency"), value.get("one_in"), value.get("percent")
        # The figure as the source gives it: "about 1 in N", or "about N%".
        per = clause(value.get("per")) or DEFAULT_PER
        if percent:
            field, rate = "percent", one_in_from_percent(percent)
            said = f"About {percent_digits(percent)}% of {after_of(per)}"
        else:
            field, rate, said = "one_in", one_in, f"About 1 in {one_in or 0:,} {per}"
        if one_in and percent:
            errors["percent"] = ValidationError(
                'Give the figure once, as the source gives it: a percentage or "about 1 in".'
            )
        elif rate:
            if not band:
                errors["frequency"] = ValidationError(
                    "Choose the frequency band that goes with the figure."
                )
            elif band == "not_known":
                errors["frequency"] = ValidationError(
                    '"Not known" cannot have a figure: choose the band it falls in.'
                )
            elif counts_people(value.get("per")) and not BANDS[band].holds(rate):
                errors[field] = ValidationError(
                    f"{said} is "
                    f'"{band_for(rate).label}", not '
                    f'"{BANDS[band].label}". Choose that band, or say under "Counted per" '
                    "what the figure counts if not people (sessions, doses, courses…)."
                )
        elif value.get("per"):
            errors["per"] = ValidationError(
                "This says what a figure counts: give the figure, or leave it empty."
            )
        if (band or rate) and not value.get("frequency_source"):
            errors["frequency_source"] = ValidationError(
                "Add the source of the frequency: a reviewer checks it."
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class EligibilityCriterionBlock(TextStructBlock):
    """One line of "who it may suit" or "who it may not suit"."""

    criterion = blocks.CharBlock(max_length=300)
    detail = blocks.TextBlock(required=False)

    class Meta:
        icon = "user"
        label = "Criterion"
        template = "blocks/eligibility_criterion_block.html"


class SymptomBlock(TextStructBlock):
    name = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "pick"
        label = "Symptom"
        template = "blocks/symptom_block.html"


class FAQBlock(TextStructBlock):
    question = blocks.CharBlock(max_length=300)
    answer = blocks.RichTextBlock(features=CLINICAL_RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "Question and answer"
        template = "blocks/faq_block.html"

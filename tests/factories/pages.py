import factory
import wagtail_factories

from content_models import models

from .blocks import (
    BenefitBlockFactory,
    EligibilityCriterionBlockFactory,
    FAQBlockFactory,
    ReferenceBlockFactory,
    RiskBlockFactory,
    TreatmentStepBlockFactory,
)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home"

    class Meta:
        model = models.HomePage


class TreatmentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Treatments"
    slug = "treatments"

    class Meta:
        model = models.TreatmentIndexPage


class ConditionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Conditions"
    slug = "conditions"

    class Meta:
        model = models.ConditionIndexPage


class ConditionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = "A condition described in one sentence."
    description = "<p>A longer description of the condition.</p>"
    references = wagtail_factories.StreamFieldFactory(
        {"reference": factory.SubFactory(ReferenceBlockFactory)}
    )

    class Meta:
        model = models.ConditionPage


class TreatmentPageFactory(wagtail_factories.PageFactory):
    """A complete treatment. Pass e.g. ``benefits__0__benefit__headline="…"`` for content."""

    title = factory.Sequence(lambda n: f"Treatment {n}")
    summary = "A treatment described in one sentence."
    what_it_is = "<p>What the treatment is.</p>"
    how_it_works = "<p>How it works.</p>"
    benefits = wagtail_factories.StreamFieldFactory(
        {"benefit": factory.SubFactory(BenefitBlockFactory)}
    )
    steps = wagtail_factories.StreamFieldFactory(
        {"step": factory.SubFactory(TreatmentStepBlockFactory)}
    )
    common_side_effects = wagtail_factories.StreamFieldFactory(
        {"risk": factory.SubFactory(RiskBlockFactory)}
    )
    serious_risks = wagtail_factories.StreamFieldFactory(
        {"risk": factory.SubFactory(RiskBlockFactory)}
    )
    suitable_for = wagtail_factories.StreamFieldFactory(
        {"criterion": factory.SubFactory(EligibilityCriterionBlockFactory)}
    )
    not_suitable_for = wagtail_factories.StreamFieldFactory(
        {"criterion": factory.SubFactory(EligibilityCriterionBlockFactory)}
    )
    faqs = wagtail_factories.StreamFieldFactory({"faq": factory.SubFactory(FAQBlockFactory)})
    references = wagtail_factories.StreamFieldFactory(
        {"reference": factory.SubFactory(ReferenceBlockFactory)}
    )
    session_length = "about an hour"

    class Meta:
        model = models.TreatmentPage

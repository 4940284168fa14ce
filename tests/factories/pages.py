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
from .signing import sign_and_publish


class SignedPageFactory(wagtail_factories.PageFactory):
    """Pages are created as drafts; ``live=True`` (the default) signs them off and publishes
    them, since nothing unsigned can be live. ``live=False`` leaves a draft."""

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        live = kwargs.pop("live", True)
        instance = super()._create_instance(model_class, parent, {**kwargs, "live": False})
        return sign_and_publish(instance) if live else instance


class HomePageFactory(SignedPageFactory):
    title = "Home"
    slug = "home"

    class Meta:
        model = models.HomePage


class TreatmentIndexPageFactory(SignedPageFactory):
    title = "Treatments"
    slug = "treatments"

    class Meta:
        model = models.TreatmentIndexPage


class ConditionIndexPageFactory(SignedPageFactory):
    title = "Conditions"
    slug = "conditions"

    class Meta:
        model = models.ConditionIndexPage


class ConditionPageFactory(SignedPageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")
    summary = "A condition described in one sentence."
    description = "<p>A longer description of the condition.</p>"
    references = wagtail_factories.StreamFieldFactory(
        {"reference": factory.SubFactory(ReferenceBlockFactory)}
    )

    class Meta:
        model = models.ConditionPage


class TreatmentPageFactory(SignedPageFactory):
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

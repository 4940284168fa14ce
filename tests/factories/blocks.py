import factory
import wagtail_factories
from wagtail.rich_text import RichText

from content_models import blocks


class ReferenceBlockFactory(wagtail_factories.StructBlockFactory):
    title = factory.Sequence(lambda n: f"A systematic review of treatment {n}")
    authors = "Author A, Author B"
    source = "Journal of Tests"
    year = 2020
    url = ""
    doi = factory.Sequence(lambda n: f"10.1000/test.{n}")
    pmid = ""
    evidence_level = "systematic_review"
    finding = "A small effect."

    class Meta:
        model = blocks.ReferenceBlock


class BenefitBlockFactory(wagtail_factories.StructBlockFactory):
    headline = factory.Sequence(lambda n: f"Benefit {n}")
    explanation = factory.LazyFunction(lambda: RichText("<p>It may help some people.</p>"))
    references = wagtail_factories.ListBlockFactory(ReferenceBlockFactory)

    class Meta:
        model = blocks.BenefitBlock


class TreatmentStepBlockFactory(wagtail_factories.StructBlockFactory):
    title = factory.Sequence(lambda n: f"Step {n}")
    description = factory.LazyFunction(lambda: RichText("<p>What happens in this step.</p>"))
    when = ""
    typical_duration = "about 30 minutes"
    how_often = ""
    for_how_long = ""

    class Meta:
        model = blocks.TreatmentStepBlock


class RiskBlockFactory(wagtail_factories.StructBlockFactory):
    name = factory.Sequence(lambda n: f"Side effect {n}")
    description = "Usually temporary."
    frequency = None
    one_in = None
    percent = None
    per = ""
    frequency_source = wagtail_factories.ListBlockFactory(ReferenceBlockFactory)

    class Meta:
        model = blocks.RiskBlock


class EligibilityCriterionBlockFactory(wagtail_factories.StructBlockFactory):
    criterion = factory.Sequence(lambda n: f"Criterion {n}")
    detail = ""

    class Meta:
        model = blocks.EligibilityCriterionBlock


class FAQBlockFactory(wagtail_factories.StructBlockFactory):
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = factory.LazyFunction(lambda: RichText("<p>An answer.</p>"))

    class Meta:
        model = blocks.FAQBlock

"""Factories for content, snippets and users.

home = HomePageFactory(parent=root)                    # a page under another
treatment = TreatmentPageFactory(parent=treatment_index,
                                 benefits__0__benefit__headline="Relief")
"""

from .blocks import (
    BenefitBlockFactory,
    EligibilityCriterionBlockFactory,
    FAQBlockFactory,
    ReferenceBlockFactory,
    RiskBlockFactory,
    TreatmentStepBlockFactory,
)
from .pages import (
    ConditionIndexPageFactory,
    ConditionPageFactory,
    HomePageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)
from .snippets import (
    ClinicFactory,
    ClinicianProfileFactory,
    DisclaimerFactory,
    RouteOfAdministrationFactory,
)
from .users import UserFactory

__all__ = [
    "BenefitBlockFactory",
    "ClinicFactory",
    "ClinicianProfileFactory",
    "ConditionIndexPageFactory",
    "ConditionPageFactory",
    "DisclaimerFactory",
    "EligibilityCriterionBlockFactory",
    "FAQBlockFactory",
    "HomePageFactory",
    "ReferenceBlockFactory",
    "RiskBlockFactory",
    "RouteOfAdministrationFactory",
    "TreatmentIndexPageFactory",
    "TreatmentPageFactory",
    "TreatmentStepBlockFactory",
    "UserFactory",
]

"""StreamField blocks for clinical content, split by role.

- ``base``: references and the rich-text feature sets every block shares.
- ``clinical``: benefits, steps, risks, eligibility criteria, FAQs.
"""

from .base import (
    CLINICAL_RICH_TEXT_FEATURES,
    EVIDENCE_LEVEL_CHOICES,
    SECTION_RICH_TEXT_FEATURES,
    ReferenceBlock,
    ReferenceStructValue,
)
from .clinical import (
    BenefitBlock,
    EligibilityCriterionBlock,
    FAQBlock,
    RiskBlock,
    SymptomBlock,
    TreatmentStepBlock,
)

__all__ = [
    "CLINICAL_RICH_TEXT_FEATURES",
    "EVIDENCE_LEVEL_CHOICES",
    "SECTION_RICH_TEXT_FEATURES",
    "BenefitBlock",
    "EligibilityCriterionBlock",
    "FAQBlock",
    "ReferenceBlock",
    "ReferenceStructValue",
    "RiskBlock",
    "SymptomBlock",
    "TreatmentStepBlock",
]

"""Content types, one module each; import them from here."""

from .base import SUMMARY_MAX_LENGTH, ClinicalContentPage
from .conditions import CodingSystem, ConditionCode, ConditionPage, ConditionSynonym
from .home import ConditionIndexPage, HomePage, TreatmentIndexPage
from .snippets import Clinic, ClinicianProfile, Disclaimer, RouteOfAdministration
from .treatments import (
    GuidelineStance,
    RegulatoryStatus,
    TreatmentCondition,
    TreatmentPage,
    TreatmentPageForm,
)

__all__ = [
    "SUMMARY_MAX_LENGTH",
    "ClinicalContentPage",
    "Clinic",
    "ClinicianProfile",
    "CodingSystem",
    "ConditionCode",
    "ConditionIndexPage",
    "ConditionPage",
    "ConditionSynonym",
    "Disclaimer",
    "GuidelineStance",
    "HomePage",
    "RegulatoryStatus",
    "RouteOfAdministration",
    "TreatmentCondition",
    "TreatmentIndexPage",
    "TreatmentPage",
    "TreatmentPageForm",
]

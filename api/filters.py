"""List filters and orderings, each a declared query parameter (see ``api.params``)."""

from __future__ import annotations

import datetime
import re

from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Cast

from content_models.models import (
    ConditionCode,
    ConditionPage,
    RouteOfAdministration,
    TreatmentCondition,
    TreatmentPage,
)
from content_models.models.conditions import CODE_SHAPES, CodingSystem
from review.currency import status_q
from review.models import ClinicalSignoff
from signing.content import base_content_type

from .context import ApiContext
from .params import Param, ParameterProblem, slug_param


def _code_pattern() -> str:
    """SYSTEM:CODE, each system's code in the shape the content model checks (letters in
    either case: codes are compared in capitals)."""
    alternatives = [
        re.escape(system)
        + ":"
        + pattern.pattern.strip("^$").replace("A-Z", "A-Za-z").replace(r"\d", "[0-9]")
        for system, (pattern, _) in CODE_SHAPES.items()
    ]
    return "^(" + "|".join(alternatives) + ")$"


CODE = Param(
    "code",
    "A medical code as SYSTEM:CODE, the system one of "
    + ", ".join(CodingSystem.values)
    + ' (for example "ICD-10:G90.5" or "SNOMED-CT:128200000").',
    pattern=_code_pattern(),
    max_length=60,
    parse=lambda value: parse_code(value),
)
CONDITION = slug_param("condition", "Only treatments for the condition with this slug.")
TREATMENT = slug_param("treatment", "Only conditions the treatment with this slug is used for.")
ROUTE = slug_param("route", "Only treatments given by this route of administration (its slug).")


def parse_code(value: str) -> tuple[str, str]:
    """("ICD-10", "G90.5") from "ICD-10:g90.5", or a 400 saying what is wrong."""
    system, colon, code = value.partition(":")
    if not colon or system not in CODE_SHAPES:
        raise ParameterProblem(
            "code",
            f"'code' must be SYSTEM:CODE with the system one of "
            f"{', '.join(CodingSystem.values)}, such as 'ICD-10:G90.5'; {value!r} is not.",
        )
    code = code.upper()
    pattern, shape = CODE_SHAPES[system]
    if not (pattern.fullmatch(code) and re.fullmatch(CODE.pattern, f"{system}:{code}")):
        raise ParameterProblem(
            "code", f"'code' {value!r} is malformed: a {system} code is {shape}."
        )
    return system, code


def by_code(queryset: models.QuerySet, system_and_code: tuple[str, str]) -> models.QuerySet:
    system, code = system_and_code
    pages = ConditionCode.objects.filter(system=system, code=code).values("page_id")
    return queryset.filter(pk__in=pages)


def by_condition(queryset: models.QuerySet, slug: str, ctx: ApiContext) -> models.QuerySet:
    condition = ctx.pages(ConditionPage).filter(slug=slug).values_list("pk", flat=True).first()
    if condition is None:
        raise ParameterProblem(CONDITION.name, f"No condition has the slug {slug!r}.")
    treatments = TreatmentCondition.objects.filter(condition=condition).values("treatment_id")
    return queryset.filter(pk__in=treatments)


def by_treatment(queryset: models.QuerySet, slug: str, ctx: ApiContext) -> models.QuerySet:
    treatment = ctx.pages(TreatmentPage).filter(slug=slug).values_list("pk", flat=True).first()
    if treatment is None:
        raise ParameterProblem(TREATMENT.name, f"No treatment has the slug {slug!r}.")
    conditions = TreatmentCondition.objects.filter(treatment=treatment).values("condition_id")
    return queryset.filter(pk__in=conditions)


def by_route(queryset: models.QuerySet, slug: str) -> models.QuerySet:
    route = RouteOfAdministration.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if route is None:
        raise ParameterProblem(ROUTE.name, f"No route of administration has the slug {slug!r}.")
    return queryset.filter(routes=route)


def by_review_status(
    queryset: models.QuerySet, status: str, today: datetime.date
) -> models.QuerySet:
    """The status as ``review.currency.status_for`` gives it, computed in SQL from the due date
    of the latest sign-off of each row's recorded content."""
    signoffs = ClinicalSignoff.objects.filter(
        base_content_type=base_content_type(queryset.model),
        object_id=Cast(OuterRef("pk"), models.CharField()),
        digest=OuterRef("content_digest"),
    ).order_by("-signed_at", "-pk")
    queryset = queryset.annotate(api_review_due=Subquery(signoffs.values("next_review_due")[:1]))
    return queryset.filter(status_q(status, "api_review_due", today))


ORDERINGS = {
    "title": (F("title").asc(), F("pk").asc()),
    "-title": (F("title").desc(), F("pk").desc()),
    "last_updated": (F("last_published_at").asc(nulls_first=True), F("pk").asc()),
    "-last_updated": (F("last_published_at").desc(nulls_last=True), F("pk").desc()),
}


def ordered(queryset: models.QuerySet, ordering: str) -> models.QuerySet:
    return queryset.order_by(*ORDERINGS[ordering])

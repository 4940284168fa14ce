"""List filters and orderings over documents, each a declared query parameter (``api.params``)."""

from __future__ import annotations

import re

from django.db import models
from django.db.models import F

from content_models.models.conditions import CODE_SHAPES, CodingSystem
from delivery.models import DocumentLink
from delivery.serving import servable

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


def by_condition(documents: models.QuerySet, slug: str, site) -> models.QuerySet:
    """Treatments whose content links to the servable condition with ``slug``."""
    condition = servable(site, ["condition"]).filter(slug=slug).values("page_id")
    return documents.filter(links__target_page__in=condition)


def by_treatment(documents: models.QuerySet, slug: str, site) -> models.QuerySet:
    """Conditions that the servable treatment with ``slug`` links to."""
    treatment = servable(site, ["treatment"]).filter(slug=slug)
    linked = DocumentLink.objects.filter(document__in=treatment).values("target_page_id")
    return documents.filter(page_id__in=linked)


ORDERINGS = {
    "title": (F("title").asc(), F("pk").asc()),
    "-title": (F("title").desc(), F("pk").desc()),
    "last_updated": (F("last_published_at").asc(nulls_first=True), F("pk").asc()),
    "-last_updated": (F("last_published_at").desc(nulls_last=True), F("pk").desc()),
}


def ordered(queryset: models.QuerySet, ordering: str) -> models.QuerySet:
    return queryset.order_by(*ORDERINGS[ordering])

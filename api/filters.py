"""List filters and orderings over documents, each a declared query parameter (``api.params``)."""

from __future__ import annotations

import datetime
import re

from content_models.models.conditions import CODE_SHAPES, CodingSystem
from delivery.serving import table
from review.currency import status_range

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
ROUTE = slug_param(
    "route",
    "Only treatments given this way: the slug of a medicine's route, a device, a procedure or "
    "a therapy (each treatment's `routes`).",
)


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


# List filters as conditions on ``d``, the document table of ``delivery.serving.read``.


def by_condition(slug: str) -> tuple[str, list]:
    """Treatments whose content links to the condition with ``slug`` (its document).

    Written as an ``IN`` that does not refer to ``d``, so the database starts from the one
    condition and reaches its few treatments instead of testing every treatment (and a
    prepared statement's generic plan does the same)."""
    link, document = table("link"), table("document")
    return (
        f"(d.id, d.site_id) IN (SELECT l.document_id, c.site_id FROM {link} l "
        f"JOIN {document} c ON c.page_id = l.target_page_id "
        "WHERE c.kind = 'condition' AND c.slug = %s)",
        [slug],
    )


def by_treatment(slug: str) -> tuple[str, list]:
    """Conditions that the treatment with ``slug`` (its document) links to."""
    link, document = table("link"), table("document")
    return (
        f"(d.page_id, d.site_id) IN (SELECT l.target_page_id, t.site_id FROM {link} l "
        f"JOIN {document} t ON t.id = l.document_id WHERE t.kind = 'treatment' AND t.slug = %s)",
        [slug],
    )


def by_key(key: str) -> tuple[str, list]:
    """Documents filed under ``key`` (``route=injection``, ``code=ICD-10:G90.5``)."""
    return (
        f"d.id IN (SELECT k.document_id FROM {table('key')} k WHERE k.key = %s)",
        [key],
    )


def by_review_status(status: str, today: datetime.date) -> tuple[str, list]:
    first, last = status_range(status, today)
    parts, params = [], []
    if first is not None:
        parts.append("d.next_review_due >= %s")
        params.append(first)
    if last is not None:
        parts.append("d.next_review_due <= %s")
        params.append(last)
    return " AND ".join(parts), params


ORDERINGS = {
    "title": "d.title ASC, d.id ASC",
    "-title": "d.title DESC, d.id DESC",
    "last_updated": "d.last_published_at ASC NULLS FIRST, d.id ASC",
    "-last_updated": "d.last_published_at DESC NULLS LAST, d.id DESC",
}

"""How the OpenAPI schema of the content API is generated (settings for ``SchemaView``).

Only the /api/v1/ endpoints are described (Wagtail's admin API is DRF too, and is not ours to
publish). Shared choice sets become named components; one-value enums (the ``type``
discriminators) stay inline, so a generated client types them as literals.
"""

from __future__ import annotations

from typing import Any

from content_models.blocks import EVIDENCE_LEVEL_CHOICES
from content_models.models import CodingSystem
from review.currency import ReviewStatus

from .problems import PROBLEM_TYPES

PREFIX = "/api/v1/"

NAMED_ENUMS = {
    frozenset(ReviewStatus.values): "ReviewStatus",
    frozenset(value for value, _ in EVIDENCE_LEVEL_CHOICES): "EvidenceLevel",
    frozenset(CodingSystem.values): "CodingSystem",
    frozenset({"treatment_index", "condition_index"}): "SectionType",
}


def content_api_only(endpoints: list[tuple], **kwargs) -> list[tuple]:
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]


def name_enums(result: dict[str, Any], generator, **kwargs) -> dict[str, Any]:
    """Move the shared choice sets into named components and reference them."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    named: dict[str, dict[str, Any]] = {}

    def visit(node: Any) -> Any:
        if isinstance(node, list):
            return [visit(item) for item in node]
        if not isinstance(node, dict):
            return node
        values = node.get("enum")
        if values is not None:
            name = NAMED_ENUMS.get(frozenset(value for value in values if value is not None))
            if name is not None:
                named[name] = {"type": "string", "enum": [v for v in values if v is not None]}
                rest = {
                    key: value
                    for key, value in node.items()
                    if key not in ("type", "enum", "x-spec-enum-id", "nullable")
                }
                ref = {"$ref": f"#/components/schemas/{name}"}
                if node.get("nullable") or None in values:
                    return {**rest, "allOf": [ref], "nullable": True}
                return {**rest, "allOf": [ref]} if rest else ref
        return {key: visit(value) for key, value in node.items() if key != "x-spec-enum-id"}

    visited = {name: visit(schema) for name, schema in schemas.items()}
    result["paths"] = visit(result.get("paths", {}))
    result["components"]["schemas"] = dict(sorted({**visited, **named}.items()))
    return result


DESCRIPTION = """Signed, structured medical content for kiosks, apps and websites.

Only content whose clinical sign-off covers exactly what is served is ever returned; anything
else (unknown, draft, unpublished, unsigned, private, another site's) answers the same 404.

Errors are RFC 9457 problem details (`application/problem+json`). Plain HTTP errors use
`type: "about:blank"`; the API's own problem types are:

""" + "\n".join(f"- `{uri}`: {text}" for uri, text in PROBLEM_TYPES.items())

SCHEMA_SETTINGS = {
    "OAS_VERSION": "3.0.3",
    "DESCRIPTION": DESCRIPTION,
    "PREPROCESSING_HOOKS": ["api.schema.content_api_only"],
    "POSTPROCESSING_HOOKS": ["api.schema.name_enums"],
    "COMPONENT_SPLIT_REQUEST": True,
    "TAGS": [
        {"name": "treatments", "description": "Treatments, with their benefits and risks."},
        {"name": "conditions", "description": "Conditions, findable by medical code."},
        {"name": "search", "description": "Search across treatments and conditions."},
        {"name": "pages", "description": "Resolve a site path to its content."},
        {
            "name": "kiosk",
            "description": "One offline bundle for waiting-room kiosks, with deltas.",
        },
        {
            "name": "preview",
            "description": "Drafts for signed-in editors and reviewers, by a signed token.",
        },
    ],
}

"""Validate responses against the OpenAPI document the API publishes.

OpenAPI 3.0 schemas are JSON Schema with a few differences; ``as_json_schema`` translates them
(``nullable``) and, so that a response cannot carry a field the schema does not declare,
closes every object that lists its properties (``additionalProperties: false``) unless the
schema says otherwise.
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema

PROBLEM = "application/problem+json"


def as_json_schema(node: Any) -> Any:
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_json_schema(value) for key, value in node.items() if key != "discriminator"}
    if node.get("type") == "object" and "properties" in node:
        node.setdefault("additionalProperties", False)
    if node.pop("nullable", False):
        node = {"anyOf": [node, {"type": "null"}]}
    return node


class OpenApi:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.components = as_json_schema(copy.deepcopy(document["components"]))

    def operation(self, path: str, method: str = "get") -> dict[str, Any]:
        return self.document["paths"][path][method]

    def response_schema(self, path: str, status: int, media_type: str) -> dict[str, Any]:
        responses = self.operation(path)["responses"]
        assert str(status) in responses, f"{status} is not documented for {path}"
        content = responses[str(status)]["content"]
        assert media_type in content, f"{media_type} is not documented for {status} {path}"
        return as_json_schema(content[media_type]["schema"])

    def validate(self, path: str, response) -> None:
        """Check a response's status, content type and body against the operation at
        ``path`` (a templated path such as "/api/v1/treatments/{slug}/")."""
        media_type = response["Content-Type"].split(";")[0]
        schema = self.response_schema(path, response.status_code, media_type)
        self.validate_instance(response.json(), schema)

    def validate_instance(self, instance: Any, schema: dict[str, Any]) -> None:
        jsonschema.validate(
            instance,
            {**schema, "components": self.components},
            cls=jsonschema.Draft7Validator,
            format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
        )

    def component(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/components/schemas/{name}"}

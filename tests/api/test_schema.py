"""The OpenAPI document: valid, generated without warnings, describing only the content API,
with every StreamField block and every object typed (nothing a client would see as ``Any``)."""

from __future__ import annotations

from typing import Any

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.validation import validate_schema
from rest_framework import serializers
from wagtail import blocks
from wagtail.fields import StreamField

from api.representations import REPRESENTATIONS
from api.serializers.blocks import BLOCK_SERIALIZERS, BlockSerializer
from api.serializers.pages import ConditionSerializer, TreatmentSerializer
from content_models.models import ConditionPage, TreatmentPage

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "/api/v1/treatments/": "treatments_list",
    "/api/v1/treatments/{slug}/": "treatments_retrieve",
    "/api/v1/conditions/": "conditions_list",
    "/api/v1/conditions/{slug}/": "conditions_retrieve",
    "/api/v1/search/": "search",
    "/api/v1/pages/": "pages_by_path",
    "/api/v1/kiosk/bundle/": "kiosk_bundle",
    "/api/v1/preview/{token}/": "preview_retrieve",
}
# Beyond 400, 404 and 429: a preview token can be refused (malformed, altered or expired).
MORE_ERRORS = {"/api/v1/preview/{token}/": {"403"}}


def test_the_schema_is_valid_and_generated_without_warnings(api):
    GENERATOR_STATS.reset()
    response = api.get("/api/v1/schema/", {"format": "json"})

    validate_schema(response.json())
    assert not GENERATOR_STATS, (GENERATOR_STATS._warn_cache, GENERATOR_STATS._error_cache)


def test_the_schema_describes_the_content_api_and_its_errors(openapi):
    paths = openapi.document["paths"]

    assert {path: paths[path]["get"]["operationId"] for path in paths} == OPERATIONS
    for path in paths:
        responses = openapi.operation(path)["responses"]
        errors = {"400", "404", "429"} | MORE_ERRORS.get(path, set())
        assert set(responses) == {"200"} | errors, path
        for status in errors:
            assert set(responses[status]["content"]) == {"application/problem+json"}


def _walk(node: Any, where: str):
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{where}/{index}")


def test_no_part_of_a_response_is_untyped(openapi):
    for where, node in _walk(openapi.document["components"], "#/components"):
        if where.endswith(("/properties", "/schemas")):
            continue  # maps of names, not schemas
        assert node != {}, f"{where} is an empty schema (Any)"
        if node.get("type") == "object":
            assert node.get("properties"), f"{where} is an object without properties"
            assert node.get("additionalProperties") in (None, False), where
        if node.get("type") == "array":
            assert node.get("items"), f"{where} is an array of anything"


def _fields_for(serializer: serializers.Serializer, source: str):
    """Fields serializing the attribute ``source``, looking through ``source="*"`` nesting."""
    for field in serializer.fields.values():
        if field.source == source:
            yield field
        elif field.source == "*" and isinstance(field, serializers.Serializer):
            yield from _fields_for(field, source)


def _assert_typed(block: blocks.Block, field: serializers.Field, where: str) -> None:
    if isinstance(block, blocks.ListBlock):
        assert isinstance(field, serializers.ListSerializer), where
        _assert_typed(block.child_block, field.child, f"{where}[]")
    elif isinstance(block, blocks.StructBlock):
        assert type(field) is BLOCK_SERIALIZERS[type(block)], where
        for name, child in block.child_blocks.items():
            if isinstance(child, blocks.StructBlock | blocks.ListBlock):
                _assert_typed(child, field.fields[name], f"{where}.{name}")
            else:
                assert name in field.fields, f"{where}.{name} is not in the representation"


@pytest.mark.parametrize(
    ("model", "serializer"),
    [(TreatmentPage, TreatmentSerializer), (ConditionPage, ConditionSerializer)],
)
def test_every_streamfield_block_has_its_own_typed_serializer(model, serializer):
    detail = serializer()
    streams = [field for field in model._meta.fields if isinstance(field, StreamField)]
    assert streams
    for stream in streams:
        [field] = _fields_for(detail, stream.name)
        assert isinstance(field, serializers.ListSerializer), stream.name
        for block in stream.stream_block.child_blocks.values():
            assert type(block) in BLOCK_SERIALIZERS, f"{stream.name}: {type(block).__name__}"
            _assert_typed(block, field.child, stream.name)
            assert isinstance(field.child, BlockSerializer)


def test_serializer_classes_are_built_once(api, clinical):
    def all_serializer_classes() -> set[type]:
        found, stack = set(), [serializers.BaseSerializer]
        while stack:
            for subclass in stack.pop().__subclasses__():
                if subclass not in found:
                    found.add(subclass)
                    stack.append(subclass)
        return found

    api.get("/api/v1/treatments/nerve-block/")
    before = all_serializer_classes()
    for path in ("/api/v1/treatments/", "/api/v1/treatments/nerve-block/", "/api/v1/search/?q=a"):
        api.get(path)

    assert all_serializer_classes() == before


def test_every_represented_page_type_is_in_the_schema(openapi):
    mapping = openapi.document["components"]["schemas"]["PageContent"]["discriminator"]["mapping"]

    assert set(mapping) == {representation.type for representation in REPRESENTATIONS.values()}

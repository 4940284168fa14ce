"""Envelopes and errors: pages of results, and RFC 9457 problem details."""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from .pages import (
    ConditionIndexPageSerializer,
    ConditionListItemSerializer,
    ConditionSerializer,
    HomePageSerializer,
    TreatmentIndexPageSerializer,
    TreatmentListItemSerializer,
    TreatmentSerializer,
)


class ProblemSerializer(serializers.Serializer):
    """An error (RFC 9457 problem details, ``application/problem+json``).

    ``{"type": "urn:clinical-content-api:problem:invalid-parameter",
    "title": "Invalid query parameter", "status": 400,
    "detail": "'page' must be a whole number.", "parameter": "page"}``
    """

    type = serializers.CharField(
        help_text='A URI naming the kind of problem; "about:blank" for plain HTTP errors.'
    )
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    parameter = serializers.CharField(
        required=False, help_text="The query parameter at fault (400 only)."
    )


def paginated(item: serializers.Field | type, name: str) -> type[serializers.Serializer]:
    """A page-of-results envelope around ``item`` (built once per item type, at import)."""
    results = item(many=True) if isinstance(item, type) else item
    return type(
        f"{name}Serializer",
        (serializers.Serializer,),
        {
            "__doc__": f"A page of results: {name}.",
            "count": serializers.IntegerField(help_text="How many results in all."),
            "next": serializers.URLField(allow_null=True, help_text="The next page, if any."),
            "previous": serializers.URLField(
                allow_null=True, help_text="The previous page, if any."
            ),
            "results": results,
        },
    )


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="SearchHit",
        serializers={
            "treatment": TreatmentListItemSerializer,
            "condition": ConditionListItemSerializer,
        },
        resource_type_field_name="type",
        many=True,
    )
)
class SearchHitsField(serializers.ListField):
    """Search hits, best first: each the list item of its type, told apart by ``type``."""


PageContentSerializer = PolymorphicProxySerializer(
    component_name="PageContent",
    serializers={
        "treatment": TreatmentSerializer,
        "condition": ConditionSerializer,
        "home": HomePageSerializer,
        "treatment_index": TreatmentIndexPageSerializer,
        "condition_index": ConditionIndexPageSerializer,
    },
    resource_type_field_name="type",
)

TreatmentPageOfResultsSerializer = paginated(TreatmentListItemSerializer, "PaginatedTreatmentList")
ConditionPageOfResultsSerializer = paginated(ConditionListItemSerializer, "PaginatedConditionList")
SearchPageOfResultsSerializer = paginated(SearchHitsField(), "PaginatedSearchHitList")

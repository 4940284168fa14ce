"""The shape of a preview: the live detail of a treatment or condition, plus a ``preview`` marker.

The content itself is rendered by ``api.representations.detail`` (the one representation per
content type); these serializers add the marker and describe the whole in the OpenAPI schema.
"""

from __future__ import annotations

from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from .kiosk import KioskConditionSerializer, KioskTreatmentSerializer
from .pages import ConditionSerializer, TreatmentSerializer


class PreviewInfoSerializer(serializers.Serializer):
    """Marks a response as a preview of a draft revision, not published content.

    ``{"revision_id": 345, "expires_at": "2025-03-01T11:00:00Z"}``
    """

    revision_id = serializers.IntegerField(
        read_only=True, help_text="The revision shown; later edits never change it."
    )
    expires_at = serializers.DateTimeField(
        read_only=True, help_text="When the preview token stops working."
    )


class TreatmentPreviewSerializer(TreatmentSerializer):
    """A draft revision of a treatment, in the shape of the treatment detail."""

    preview = PreviewInfoSerializer(read_only=True, source="api_preview")
    kiosk = KioskTreatmentSerializer(
        read_only=True, source="api_kiosk", help_text="The draft as a kiosk would show it."
    )


class ConditionPreviewSerializer(ConditionSerializer):
    """A draft revision of a condition, in the shape of the condition detail."""

    preview = PreviewInfoSerializer(read_only=True, source="api_preview")
    kiosk = KioskConditionSerializer(
        read_only=True, source="api_kiosk", help_text="The draft as a kiosk would show it."
    )


PreviewContentSerializer = PolymorphicProxySerializer(
    component_name="PreviewContent",
    serializers={
        "treatment": TreatmentPreviewSerializer,
        "condition": ConditionPreviewSerializer,
    },
    resource_type_field_name="type",
)

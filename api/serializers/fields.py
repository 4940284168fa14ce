"""Serializer fields shared by the representations: constants, text, rich text, canonical URLs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class ApiSerializer(serializers.Serializer):
    """Read-only serializers rendering with the request's ``ApiContext`` (``context["api"]``)."""

    @property
    def api(self):
        return self.context["api"]


class ConstantField(serializers.Field):
    """A fixed string, typed in the schema as a one-value enum (discriminators use it)."""

    def __init__(self, value: str, **kwargs):
        self.value = value
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)
        extend_schema_field({"type": "string", "enum": [value]})(self)

    def to_representation(self, value) -> str:
        return self.value


class TextField(serializers.CharField):
    """Plain text that is never null: a missing value is an empty string."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        try:
            value = super().get_attribute(instance)
        except (KeyError, AttributeError):
            value = None
        return "" if value is None else value

    def to_representation(self, value) -> str:
        return "" if value is None else str(value)


class PropertyTextField(TextField):
    """Text from an attribute (a ``StructValue`` property such as ``doi_url``), where DRF would
    look a mapping up by key."""

    def get_attribute(self, instance):
        value = getattr(instance, self.source, None)
        return "" if value is None else value


class RichTextSerializer(ApiSerializer):
    """Rich text: sanitised HTML with internal links resolved to canonical URLs, and the same
    text as plain text (one line per paragraph, heading or list item).

    ``{"html": "<p>Ketamine is an <a href=\\"https://…/conditions/x/\\">anaesthetic</a>.</p>",
    "text": "Ketamine is an anaesthetic."}``
    """

    html = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return "" if value is None else value

    def to_representation(self, value) -> dict[str, str]:
        return self.api.rich_text.render(value)


@extend_schema_field({"type": "string", "format": "uri"})
class CanonicalUrlField(serializers.Field):
    """The page's canonical URL on the public site (``FRONTEND_BASE_URL`` or the site root)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page) -> str:
        return self.context["api"].url_for(page)


class NullableChoiceField(serializers.ChoiceField):
    """One of ``choices``, or null when the editor left it empty."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices=choices, allow_null=True, read_only=True, **kwargs)

    def to_representation(self, value):
        return value or None


class ChoiceLabelField(TextField):
    """The words for a choice field's value (empty when it has none), for frontends to show."""

    def __init__(self, choices, **kwargs):
        self.labels = dict(choices)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return str(self.labels.get(value, ""))

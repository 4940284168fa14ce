"""``{% page_jsonld page %}``: the page's schema.org JSON-LD in a script element, from the same
representation the API serves as ``jsonld``."""

from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

from api import representations
from api.context import ApiContext

register = template.Library()


@register.simple_tag(takes_context=True)
def page_jsonld(context, page) -> str:
    request = context.get("request")
    ctx = ApiContext.for_request(request) if request is not None else None
    if ctx is None or page is None:
        return ""
    jsonld = representations.jsonld(page, ctx)
    if jsonld is None:
        return ""
    text = json.dumps(jsonld, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_json_script_escapes)),  # noqa: S308 — escaped for a script
    )

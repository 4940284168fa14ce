"""The admin's rich-text editor: Wagtail's Draftail, storing only what can be stored."""

from __future__ import annotations

import json
import re

from django.core.exceptions import BadRequest
from wagtail.admin.rich_text import DraftailRichTextArea

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"
# A link to a page or a document names it by its id: <a linktype="page" id="12">.
_INTERNAL_LINK = re.compile(r'<a\b[^>]*\blinktype="(?:page|document)"[^>]*>')
_NUMERIC_ID = re.compile(r'\bid="\d+"')


class RichTextArea(DraftailRichTextArea):
    """Draftail, whose posted JSON may carry what no database or digest can encode.

    A lone UTF-16 surrogate (half of an emoji cut in two, say by a paste) becomes U+FFFD, the
    replacement character, as Django turns bytes that are not UTF-8 in any form field into it;
    the editor and the reviewer see it where the broken character was. A value that is not the
    editor's JSON (no browser sends one: not an object of blocks, nested past what can be read,
    or a link to a page or document that names no id) makes the request a 400: nothing of it
    is saved, and no field is emptied.
    """

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        try:
            if raw is not None:
                state = json.loads(raw)
                if state is not None and not isinstance(state.get("blocks"), list):
                    raise ValueError("no list of blocks")
            html = super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as e:
            raise BadRequest(f"The rich-text field {name!r} is not the editor's JSON.") from e
        if html is None:
            return None
        if any(not _NUMERIC_ID.search(link) for link in _INTERNAL_LINK.findall(html)):
            raise BadRequest(f"The rich-text field {name!r} links to a page by no id.")
        return _LONE_SURROGATE.sub(REPLACEMENT_CHARACTER, html)

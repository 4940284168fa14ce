"""The admin's rich-text editor: Wagtail's Draftail, storing only what can be stored."""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from wagtail.admin.rich_text import DraftailRichTextArea

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"


class RichTextArea(DraftailRichTextArea):
    """Draftail, whose posted JSON may carry what no database or digest can encode.

    A lone UTF-16 surrogate (half of an emoji cut in two, say by a paste) becomes U+FFFD, the
    replacement character, as Django turns bytes that are not UTF-8 into it in any form field;
    the editor and the reviewer see it where the broken character was. A value that is not the
    editor's JSON at all (no browser sends one) makes the request a 400: nothing of it is saved,
    and no field is emptied.
    """

    def value_from_datadict(self, data, files, name):
        try:
            html = super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
            raise BadRequest(f"The rich-text field {name!r} is not the editor's JSON.") from error
        return None if html is None else _LONE_SURROGATE.sub(REPLACEMENT_CHARACTER, html)

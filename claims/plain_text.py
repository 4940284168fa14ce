"""Rich text (Wagtail's stored HTML) as plain text, one line per paragraph, heading or item."""

from __future__ import annotations

from html.parser import HTMLParser

from wagtail.rich_text import RichText

_BLOCK_ELEMENTS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "hr",
     "tr", "table", "section", "article", "pre"}
)  # fmt: skip


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Block elements (paragraphs, headings, list items, line breaks) become line breaks, so
    sentence splitting sees a heading or list item as its own line; inline tags disappear."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return "\n".join(line for line in lines if line)


def rich_text_to_text(value: RichText | str | None) -> str:
    """Plain text of a RichTextField value (an HTML string) or a RichTextBlock value."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    return html_to_text(source)

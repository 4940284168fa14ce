"""Images as renditions (never the original upload): a default size and a set of widths for
``srcset``, each with its URL, width and height, and the page's alt text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import ApiContext

DEFAULT_FILTER = "width-800"
SRCSET_FILTERS = ("width-400", "width-800", "width-1600")


def image_representation(image, alt: str, ctx: ApiContext) -> dict[str, Any] | None:
    if image is None:
        return None
    renditions = image.get_renditions(*dict.fromkeys((DEFAULT_FILTER, *SRCSET_FILTERS)))
    sizes = {spec: rendition_size(rendition, ctx) for spec, rendition in renditions.items()}
    # A width filter never enlarges: a small original gives equal sizes, listed once.
    srcset = list({size["width"]: size for size in map(sizes.get, SRCSET_FILTERS)}.values())
    return {**sizes[DEFAULT_FILTER], "alt": alt, "srcset": srcset}


def rendition_size(rendition, ctx: ApiContext) -> dict[str, Any]:
    url = ctx.absolute(rendition.url)
    return {"url": url, "width": rendition.width, "height": rendition.height}

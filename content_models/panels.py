"""Places in the editor that other apps fill: the review checks tab, which the claims checker
registers at its ``ready()``. Content types name the place without importing that app.

Wagtail's own idiom (``wagtail.models.panels.PanelPlaceholder``): a placeholder in a panel list
is turned into the real panel when the edit handler is bound to its model, after every app is
ready; a place nobody registered for is left out.
"""

from __future__ import annotations

from collections.abc import Callable

from wagtail.models.panels import PanelPlaceholder

REVIEW_CHECKS = "review_checks"

_registered: dict[str, Callable[[], object]] = {}


def register_panel(place: str, factory: Callable[[], object]) -> None:
    """Fill ``place`` with the panel ``factory()`` builds (called once per page type)."""
    _registered[place] = factory


class RegisteredPanel(PanelPlaceholder):
    def __init__(self, place: str):
        self.place = place

    def construct(self):
        factory = _registered.get(self.place)
        return factory() if factory is not None else None

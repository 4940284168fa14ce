"""Preview modes that other apps render: the kiosk app renders the "Kiosk" mode with the kiosk
itself, registered at its ``ready()``, so content types offer the mode without importing it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse

_renderers: dict[str, Callable[..., HttpResponse]] = {}


def register_preview(mode: str, render: Callable[..., HttpResponse]) -> None:
    """``render(page, request)`` answers the admin's preview of ``page`` in ``mode``."""
    _renderers[mode] = render


def renderer(mode: str) -> Callable[..., HttpResponse] | None:
    return _renderers.get(mode)

"""Process-local memos that live exactly as long as one content version.

Some lookups cost more to compile than to run (Wagtail's site-for-hostname query, the private
sections) and change only when the content version does (Site, privacy and tree changes all
move it). The delivery middleware reads the version for every API request anyway and puts it
on the request; these memos are keyed by it, so another process's publish retires them on the
next request here too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class _Memo:
    """The values remembered for one content version (one per process)."""

    token: str | None = None
    values: dict[Any, Any] = {}


def content_version_of(request) -> str | None:
    return getattr(request, "content_version", None)


def remember(request, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, reused for the same key while the request's content version holds. Without
    a version on the request (not through the middleware), it is computed afresh."""
    token = content_version_of(request)
    if token is None:
        return compute()
    if _Memo.token != token:
        _Memo.token, _Memo.values = token, {}
    values = _Memo.values  # this version's dict, even if another thread moves on meanwhile
    if key not in values:
        values[key] = compute()
    return values[key]

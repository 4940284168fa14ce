"""Seals: a keyed MAC over each part of a document that is served, so a body that the renderer
did not write (a raw write to the table, a restored backup of another site) is not served.

HMAC-SHA256 keyed with a key derived from ``SECRET_KEY`` (as Django's ``salted_hmac`` derives
its keys); a seal made with a key in ``SECRET_KEY_FALLBACKS`` still verifies, so keys can be
rotated without re-rendering at once (``rebuild_documents`` re-seals). Each part is sealed with
the digest and review dates served with it.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings

SALT = "delivery.document.seal.v1"
PARTS = ("detail", "item", "kiosk", "jsonld")


@lru_cache(maxsize=8)
def _key(secret: str) -> bytes:
    return hashlib.sha256(f"{SALT}{secret}".encode()).digest()


def _mac(key: bytes, document, part: str, body: bytes | None = None) -> str:
    # A translation's status is sealed with it where it has one (so the seals of documents
    # that are no translation read as they always did).
    translation = getattr(document, "translation_status", "")
    head = "\n".join(
        (
            part,
            document.digest,
            str(document.last_reviewed),
            str(document.next_review_due),
            document.review,
            *([f"translation:{translation}"] if translation else []),
            "",
        )
    )
    mac = hmac.new(key, head.encode(), hashlib.sha256)
    mac.update(getattr(document, part).encode() if body is None else body)
    return mac.hexdigest()


def seal(document) -> None:
    """Seal every part of ``document`` with the current key (``seal_<part>``)."""
    key = _key(settings.SECRET_KEY)
    for part in PARTS:
        setattr(document, f"seal_{part}", _mac(key, document, part))


class Verifier:
    """Checks seals with the current key, then the fallbacks (keys derived once per read).
    ``fallbacks=False`` trusts the current key only: for reusing a stored part in a new
    document, which would seal it again with the current key."""

    def __init__(self, *, fallbacks: bool = True) -> None:
        secrets = [settings.SECRET_KEY, *(settings.SECRET_KEY_FALLBACKS if fallbacks else ())]
        self.keys = [_key(secret) for secret in secrets]

    def intact(self, document, part: str, body: bytes | None = None) -> bool:
        """Whether ``document``'s ``part`` carries a seal made with one of the keys; ``body``, when
        given, is the part already encoded (UTF-8), so it is encoded once a read."""
        expected = getattr(document, f"seal_{part}", "") or ""
        if body is None:
            body = getattr(document, part).encode()
        return any(
            hmac.compare_digest(_mac(key, document, part, body), expected) for key in self.keys
        )

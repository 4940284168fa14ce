"""Seals: a keyed MAC over each part of a document that is served, so a body that the renderer
did not write (a raw write to the table, a restored backup of another site) is not served.

Keyed with ``SECRET_KEY``; a seal made with a key in ``SECRET_KEY_FALLBACKS`` still verifies, so
keys can be rotated without re-rendering at once (``rebuild_documents`` re-seals).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "delivery.document.seal.v1"
PARTS = ("detail", "item", "kiosk", "jsonld")


def _message(document, part: str) -> str:
    return "\n".join(
        (
            part,
            document.digest,
            str(document.last_reviewed),
            str(document.next_review_due),
            document.review,
            getattr(document, part),
        )
    )


def _mac(document, part: str, secret: str) -> str:
    return salted_hmac(
        SALT, _message(document, part), secret=secret, algorithm="sha256"
    ).hexdigest()


def seal(document) -> dict[str, str]:
    """The seals of every part, with the current key."""
    return {part: _mac(document, part, settings.SECRET_KEY) for part in PARTS}


def intact(document, part: str) -> bool:
    expected = (document.seals or {}).get(part, "")
    return any(
        constant_time_compare(_mac(document, part, secret), expected)
        for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)
    )

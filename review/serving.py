"""Layer 2 of the sign-off invariant: serve only content whose digest carries a sign-off.

Fail closed: the check hashes the content being served (a detail view) or compares the digest
recorded when the row was written (a listing, in the same query) — never a pointer to a
revision, which an alias, a plain ``save()`` or a raw update would not move.

Switched by ``CLINICAL_SERVE_SIGNED_ONLY`` (on unless a test turns it off to attack layer 1).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast

from .digest import content_digest
from .models import ClinicalSignoff


def enforced() -> bool:
    return getattr(settings, "CLINICAL_SERVE_SIGNED_ONLY", True)


def _base_content_type(obj_or_model) -> ContentType:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    base = getattr(model, "base_page_model", None) or model
    return ContentType.objects.get_for_model(base, for_concrete_model=True)


def is_signed(obj: models.Model) -> bool:
    """Whether the content of ``obj`` exactly as it is now carries a sign-off of that object."""
    if obj is None or obj.pk is None:
        return False
    return ClinicalSignoff.objects.filter(
        base_content_type=_base_content_type(obj),
        object_id=str(obj.pk),
        digest=content_digest(obj),
    ).exists()


def signoff_of_content(
    obj: models.Model, fields: tuple[str, ...] = (), run: Callable[..., list] | None = None
) -> ClinicalSignoff | None:
    """The latest sign-off of ``obj``'s content exactly as it is now, or None: what
    :func:`is_signed` checks and the review data of that content, for one hash and one query.
    ``fields`` limits what is read of the sign-off (its copy of the content is large). ``run``
    (``ApiContext.compiled``) runs the query compiled once instead of per call."""
    if obj is None or obj.pk is None:
        return None

    def latest(base_content_type: int, object_id: str, digest: str) -> models.QuerySet:
        signoffs = ClinicalSignoff.objects.filter(
            base_content_type_id=base_content_type, object_id=object_id, digest=digest
        ).order_by("-signed_at", "-pk")
        return (signoffs.only(*fields) if fields else signoffs)[:1]

    values = {
        "base_content_type": _base_content_type(obj).pk,
        "object_id": str(obj.pk),
        "digest": content_digest(obj),
    }
    found = run(("signoff", fields), latest, **values) if run else list(latest(**values))
    return found[0] if found else None


def is_servable(obj: models.Model) -> bool:
    return not enforced() or is_signed(obj)


def signed_only(queryset: models.QuerySet) -> models.QuerySet:
    """Keep the rows whose recorded content digest is signed for that object: one query."""
    if not enforced():
        return queryset
    signoffs = ClinicalSignoff.objects.filter(
        base_content_type=_base_content_type(queryset.model),
        object_id=Cast(OuterRef("pk"), models.CharField()),
        digest=OuterRef("content_digest"),
    )
    return queryset.filter(Exists(signoffs))

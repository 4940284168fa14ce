"""Layer 2 of the sign-off invariant: serve only content whose digest carries a sign-off.

Fail closed: the check hashes the content being served (a detail view) or compares the digest
recorded when the row was written (a listing, in the same query) — never a pointer to a
revision, which an alias, a plain ``save()`` or a raw update would not move.

Switched by ``CLINICAL_SERVE_SIGNED_ONLY`` (on unless a test turns it off to attack layer 1).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models import Exists, F, Func, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce

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
    (``ApiContext.compiled``) runs the query compiled once instead of per call.

    No query at all for an object loaded :func:`with_recorded_signoff` whose content, hashed
    again, still has the digest recorded for it: its row came with that digest's sign-off."""
    if obj is None or obj.pk is None:
        return None
    digest = content_digest(obj)
    recorded = obj.__dict__.pop(_RECORDED, _UNREAD)
    if recorded is not _UNREAD and digest == getattr(obj, "content_digest", None):
        return _signoff_from_json(recorded, obj._state.db)

    def latest(base_content_type: int, object_id: str, digest: str) -> models.QuerySet:
        signoffs = _latest_first(
            ClinicalSignoff.objects.filter(
                base_content_type_id=base_content_type, object_id=object_id, digest=digest
            )
        )
        return (signoffs.only(*fields) if fields else signoffs)[:1]

    values = {
        "base_content_type": _base_content_type(obj).pk,
        "object_id": str(obj.pk),
        "digest": digest,
    }
    found = run(("signoff", fields), latest, **values) if run else list(latest(**values))
    return found[0] if found else None


_RECORDED = "_recorded_signoff"
_UNREAD = object()


def with_recorded_signoff(queryset: models.QuerySet, fields: tuple[str, ...]) -> models.QuerySet:
    """``queryset`` with each row's latest sign-off of the digest recorded on it (its
    ``fields``), read in the same query on PostgreSQL: :func:`signoff_of_content` then needs
    no query of its own when the content still hashes to that digest, which is the rule, and
    asks as before when it does not."""
    if connections[queryset.db].vendor != "postgresql":
        return queryset
    names = ["id", "digest", *(name for name in fields if name not in ("id", "digest"))]
    pairs = [item for name in names for item in (Value(name), F(name))]
    latest = _latest_first(
        ClinicalSignoff.objects.filter(
            base_content_type=_base_content_type(queryset.model),
            object_id=Cast(OuterRef("pk"), models.CharField()),
            digest=OuterRef("content_digest"),
        )
    ).annotate(_json=Func(*pairs, function="JSON_BUILD_OBJECT", output_field=models.JSONField()))
    recorded = Cast(Subquery(latest.values("_json")[:1]), models.TextField())
    return queryset.annotate(
        **{_RECORDED: Coalesce(recorded, Value("null"), output_field=models.TextField())}
    )


def _latest_first(signoffs: models.QuerySet) -> models.QuerySet:
    return signoffs.order_by("-signed_at", "-pk")


def _signoff_from_json(data: str, db: str) -> ClinicalSignoff | None:
    values = json.loads(data)
    if values is None:
        return None
    fields = [f for f in ClinicalSignoff._meta.concrete_fields if f.name in values]
    return ClinicalSignoff.from_db(
        db, [f.attname for f in fields], [f.to_python(values[f.name]) for f in fields]
    )


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

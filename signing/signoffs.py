"""The sign-off of this content: the one lookup every caller uses.

A sign-off covers exactly one content digest of one object. The review app keeps the records
(``review.models.ClinicalSignoff``) and registers that model here at ``ready()``; this module
only needs its fields ``base_content_type``, ``object_id``, ``digest`` and ``signed_at``.

Serving signed content only is switched by ``CLINICAL_SERVE_SIGNED_ONLY`` (on unless a test
turns it off to attack the publishing guards alone).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone

from .content import base_content_type, is_clinical
from .digest import content_digest

_signoff_model: type[models.Model] | None = None


def register_signoff_model(model: type[models.Model]) -> None:
    """Called by the app that records sign-offs, once, at ``ready()``."""
    global _signoff_model
    _signoff_model = model


def signoff_model() -> type[models.Model]:
    if _signoff_model is None:
        raise ImproperlyConfigured("No sign-off model is registered: is the review app installed?")
    return _signoff_model


def signoffs_of(obj: models.Model, *, digest: str | None = None) -> models.QuerySet:
    """Every sign-off of ``obj`` (of one ``digest`` if given), latest first."""
    signoffs = signoff_model().objects.filter(
        base_content_type=base_content_type(obj), object_id=str(obj.pk)
    )
    if digest is not None:
        signoffs = signoffs.filter(digest=digest)
    return signoffs.order_by("-signed_at", "-pk")


def signoff_of(
    obj: models.Model | None, *, digest: str | None = None, fields: tuple[str, ...] = ()
):
    """The latest sign-off of ``obj``'s content exactly as it is now (or of ``digest``, when
    the caller has already hashed it), or None: the content is signed if and only if there is
    one. ``fields`` limits what is read of the record (its copy of the content is large)."""
    if obj is None or obj.pk is None:
        return None
    signoffs = signoffs_of(obj, digest=digest or content_digest(obj))
    return (signoffs.only(*fields) if fields else signoffs).first()


def is_signed(obj: models.Model | None) -> bool:
    """Whether ``obj``'s content as it is now carries a sign-off: :func:`signoff_of`, asked
    only whether there is one."""
    return signoff_of(obj, fields=("pk",)) is not None


def enforced() -> bool:
    return getattr(settings, "CLINICAL_SERVE_SIGNED_ONLY", True)


def is_servable(obj: models.Model | None) -> bool:
    """Whether ``obj`` may be shown to the public: its content as it is now is signed."""
    return obj is not None and (not enforced() or is_signed(obj))


def signed_only(queryset: models.QuerySet) -> models.QuerySet:
    """Keep the rows whose recorded content digest is signed for that object: one query,
    however many rows."""
    if not enforced():
        return queryset
    signoffs = signoff_model().objects.filter(
        base_content_type=base_content_type(queryset.model),
        object_id=Cast(OuterRef("pk"), models.CharField()),
        digest=OuterRef("content_digest"),
    )
    return queryset.filter(Exists(signoffs))


def unexpired(prefix: str = "") -> Q:
    """Not past its expiry time (Wagtail unpublishes an expired page only when
    ``publish_scheduled`` next runs); ``prefix`` reaches the page from another model
    ("page__")."""
    field = f"{prefix}expire_at"
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": timezone.now()})


def public_pages(queryset: models.QuerySet) -> models.QuerySet:
    """The pages of ``queryset`` (a Wagtail page queryset) the public may read: live, not
    expired, under no view restriction, and signed (pages of a type that carries no sign-off,
    such as Wagtail's root, need none)."""
    public = queryset.live().public().filter(unexpired())
    return signed_only(public) if is_clinical(queryset.model) else public


def expired(page: models.Model) -> bool:
    """Whether ``page`` has passed its expiry time, unpublished or not yet."""
    return page.expire_at is not None and page.expire_at <= timezone.now()

"""Layer 1 of the sign-off invariant: refuse, where content goes live, anything unsigned.

The model-level guards (a row written live, a revision scheduled) catch every door, Python API
and management commands included; the admin hooks in ``wagtail_hooks`` refuse earlier at the
doors people use, with a message instead of an error. Superusers are not exempt.

Switched by ``CLINICAL_GUARD_PUBLISHING`` (on unless a test turns it off to attack layer 2).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.models import Revision

from signing.content import is_clinical, may_change_public
from signing.signoffs import is_signed

logger = logging.getLogger(__name__)

REFUSAL = (
    "This content has no clinical sign-off, so it cannot go live. Submit it for clinical "
    "review: a medical reviewer's approval publishes it."
)


class PublishRefused(ValidationError):
    """Unsigned content on its way to the public. A ValidationError, so that Wagtail's admin
    API answers 400 rather than 500."""

    def __init__(self, message: str = REFUSAL):
        super().__init__({"__all__": [message]})
        self.refusal = message


def enabled() -> bool:
    return getattr(settings, "CLINICAL_GUARD_PUBLISHING", True)


def revision_is_signed(revision: Revision) -> bool:
    return is_signed(revision.as_object())


def log_refusal(obj: models.Model, user=None, door: str = "") -> None:
    from wagtail.log_actions import log

    logger.warning("Refused to publish unsigned %s %s via %s", type(obj).__name__, obj.pk, door)
    if obj.pk is not None:
        log(
            instance=obj,
            action="clinical_review.refused",
            user=user,
            data={"door": door, "reason": REFUSAL},
        )


def refuse_unsigned_live_write(sender, instance, update_fields=None, **kwargs) -> None:
    """pre_save: never write unsigned content to a live row (publish, copy, alias, save)."""
    if not enabled() or not is_clinical(sender):
        return
    if getattr(instance, "alias_of_id", None) and (
        instance.pk is None
        or not sender.objects.filter(pk=instance.pk, alias_of_id=instance.alias_of_id).exists()
    ):
        # An alias is refreshed from its original outside any review and has no sign-off of
        # its own: clinical content is not aliased, even as a draft, made so or converted to
        # one (wagtail-localize's "convert to alias" of a translation).
        log_refusal(instance, door="alias")
        raise PublishRefused(
            "Clinical content cannot be aliased: an alias would show it under another page "
            "that nobody signed off. Copy it as a draft and submit the copy for review."
        )
    if not instance.live or not may_change_public(sender, update_fields):
        return
    if instance.pk is None or not is_signed(instance):
        log_refusal(instance, door="save of a live object")
        raise PublishRefused()


def refuse_unsigned_schedule(sender, instance: Revision, **kwargs) -> None:
    """pre_save on Revision: a revision may be scheduled to go live only if it is signed."""
    if not enabled() or instance.approved_go_live_at is None:
        return
    if instance.pk is not None:
        stored = Revision.objects.filter(pk=instance.pk).values_list(
            "approved_go_live_at", flat=True
        )
        if list(stored) == [instance.approved_go_live_at]:
            return  # not a new schedule
    obj = instance.as_object()
    if is_clinical(obj) and not revision_is_signed(instance):
        log_refusal(obj, door="schedule")
        raise PublishRefused(
            "This revision has no clinical sign-off, so it cannot be scheduled to go live. "
            "Submit it for clinical review instead."
        )

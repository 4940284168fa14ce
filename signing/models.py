"""The digest of the content a row holds, recorded whenever the row is written.

Queries compare it with sign-off digests without hashing each row (``signing.signoffs``); what
is served is hashed again from the content itself.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.db import models, transaction

from .content import DIGEST_FIELD, touches_content
from .digest import content_digest
from .one_change import one_change_at_a_time

# The signed rows whose ``save`` is running (and writing their child rows) in this context.
_saving: ContextVar[tuple[models.Model, ...]] = ContextVar("signing_saving", default=())


class SignedContentMixin(models.Model):
    """A model whose content needs a clinical sign-off before the public sees it."""

    content_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.content_digest = content_digest(self)
            # The digest covers the child rows held in memory, which this save then writes
            # (modelcluster): rather than hash the whole page again after each of their writes,
            # record it once more when they are written (on PostgreSQL each write of a child row
            # clears it, see ``content_models.db_triggers``).
            token = _saving.set((*_saving.get(), self))
            try:
                result = super().save(*args, **kwargs)
            finally:
                _saving.reset(token)
            # Hashed again from what was saved (the save may have cleaned a value).
            self.content_digest = content_digest(self)
            type(self)._default_manager.filter(pk=self.pk).update(
                **{DIGEST_FIELD: self.content_digest}
            )
            return result
        result = super().save(*args, **kwargs)
        # A partial save leaves other in-memory fields (perhaps a draft's) unwritten: hash what
        # the row now holds instead.
        if touches_content(self, update_fields):
            refresh_recorded_digest(type(self), self.pk)
        return result

    # The doors called from Python (``revision.publish()``, ``page.unpublish()``, a page's
    # ``move()``) write rows (the revisions, the page) before they reach the document writes,
    # which take the one-change lock: each takes it first, in a transaction of its own unless
    # the caller's, as the admin's writes and ``publish_scheduled`` do.

    def publish(self, *args, **kwargs):
        with transaction.atomic():
            one_change_at_a_time()
            return super().publish(*args, **kwargs)

    def unpublish(self, *args, **kwargs):
        with transaction.atomic():
            one_change_at_a_time()
            return super().unpublish(*args, **kwargs)

    def move(self, *args, **kwargs):
        with transaction.atomic():
            one_change_at_a_time()
            return super().move(*args, **kwargs)


def refresh_recorded_digest(model: type[models.Model], pk) -> None:
    """Recompute the recorded digest from what the row and its relations now hold."""
    fresh = model._default_manager.filter(pk=pk).first()
    if fresh is not None:
        model._default_manager.filter(pk=pk).update(**{DIGEST_FIELD: content_digest(fresh)})


def refresh_after_base_page_save(sender, instance, update_fields=None, **kwargs) -> None:
    """post_save of the base ``Page``: a save through it (title, SEO fields) bypasses the
    specific model's ``save``, so recompute the specific row's digest."""
    model = instance.specific_class
    if (
        model is not None
        and issubclass(model, SignedContentMixin)
        and touches_content(model, update_fields)
    ):
        refresh_recorded_digest(model, instance.pk)


def refresh_after_child_change(sender, instance, **kwargs) -> None:
    """post_save/post_delete of a child row (a treatment's condition, a condition's code)
    written on its own; ``sender.parent_field_name`` names its parental key."""
    key = sender._meta.get_field(sender.parent_field_name)
    parent_id = getattr(instance, key.attname)
    if any(isinstance(row, key.related_model) and row.pk == parent_id for row in _saving.get()):
        return  # written by its parent's save, which records the digest once at its end
    parent = getattr(instance, sender.parent_field_name, None)
    if parent is not None and parent.pk is not None:
        refresh_recorded_digest(type(parent), parent.pk)


def refresh_after_m2m_change(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, SignedContentMixin):
        refresh_recorded_digest(type(instance), instance.pk)

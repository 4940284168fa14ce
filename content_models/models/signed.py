"""The digest of the content a row holds, recorded whenever the row is written.

Listings compare it with sign-off digests in the same query (no SQL per item); detail views
recompute it from the content they serve. See ``review.serving``.
"""

from django.db import models


class SignedContentMixin(models.Model):
    content_digest = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from review.digest import content_digest

        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.content_digest = content_digest(self)
            return super().save(*args, **kwargs)
        result = super().save(*args, **kwargs)
        # A partial save leaves other in-memory fields (perhaps a draft's) unwritten: hash what
        # the row now holds instead.
        if set(update_fields) - _NON_CONTENT_UPDATES:
            fresh = type(self)._default_manager.get(pk=self.pk)
            type(self)._default_manager.filter(pk=self.pk).update(
                content_digest=content_digest(fresh)
            )
        return result


# Partial saves Wagtail makes that never touch content.
_NON_CONTENT_UPDATES = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "live",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
    "url_path",
    "owner",
    "content_digest",
}


def refresh_recorded_digest(model: type[models.Model], pk) -> None:
    """Recompute the recorded digest from what the row and its relations now hold."""
    from review.digest import content_digest

    fresh = model._default_manager.filter(pk=pk).first()
    if fresh is not None:
        model._default_manager.filter(pk=pk).update(content_digest=content_digest(fresh))


def refresh_after_base_page_save(sender, instance, update_fields=None, **kwargs) -> None:
    """A save through the base ``Page`` model (title, SEO fields) bypasses the specific model's
    ``save``: recompute the specific row's digest, so listings never trust a stale one."""
    model = instance.specific_class
    touches_content = update_fields is None or set(update_fields) - _NON_CONTENT_UPDATES
    if model is not None and issubclass(model, SignedContentMixin) and touches_content:
        refresh_recorded_digest(model, instance.pk)


def refresh_after_child_change(sender, instance, **kwargs) -> None:
    """A child row (a treatment's condition, a condition's code) written on its own."""
    parent = getattr(instance, sender.parent_field_name, None)
    if parent is not None and parent.pk is not None:
        refresh_recorded_digest(type(parent), parent.pk)


def refresh_after_m2m_change(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, SignedContentMixin):
        refresh_recorded_digest(type(instance), instance.pk)

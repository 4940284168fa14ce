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

"""What the content API remembers between requests: the kiosk bundle's past versions."""

from __future__ import annotations

from django.db import models


class KioskBundleSnapshot(models.Model):
    """One version of a site's kiosk bundle, as the digest of each item it held, so that a
    later ``?since=<version>`` can be answered with what changed and what went.

    Kept in the database rather than the shared cache: a cache may evict an entry at any time
    (Redis under memory pressure, the database cache when it culls), and every eviction would
    turn a kiosk's small delta into a full download. Rows are few and small, and old ones are
    pruned (see ``api.kiosk``). A row is written only when a version is first served.
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(
        max_length=20,
        default="",
        help_text="The bundle's content language.",
    )
    version = models.CharField(max_length=64)
    items = models.JSONField(help_text='Item key ("treatment:12") → digest of the item.')
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When another version replaced it: kiosks may hold it until then plus the "
        "maximum offline age (null: the current version).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "version"], name="unique_kiosk_bundle_version")
        ]

    def __str__(self) -> str:
        return f"{self.site_id}:{self.version}"

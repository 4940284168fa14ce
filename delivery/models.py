"""Signed documents: what the public reads, rendered when content goes live.

One ``Document`` per (site, locale, path) of a page that may be public: live, unexpired,
unrestricted and signed. It holds every representation the public reads of that page, rendered
from the signed content by ``delivery.rendering``, with the sign-off and digest it was rendered
from. Reads (``delivery.serving``) select documents and return their bytes; nothing public is
rendered from live rows at read time.
"""

from __future__ import annotations

from django.db import models
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class DocumentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """Documents, searchable with Wagtail's search backend."""


class Document(index.Indexed, models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=1000, help_text='Within the site, e.g. "/treatments/x/".')
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, help_text="The representation's type.")
    slug = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    last_published_at = models.DateTimeField(null=True)

    signoff = models.ForeignKey(
        "review.ClinicalSignoff", on_delete=models.PROTECT, related_name="documents"
    )
    digest = models.CharField(max_length=64, help_text="The content digest it was rendered from.")
    last_reviewed = models.DateField()
    next_review_due = models.DateField()

    detail = models.TextField(help_text='The detail, as JSON without "review".')
    item = models.TextField(blank=True, help_text='The list item, as JSON without "review".')
    kiosk = models.TextField(
        blank=True, help_text='The kiosk item, as JSON without "review" and "expires_at".'
    )
    review = models.TextField(
        blank=True, help_text='The review, as JSON without "status" (none for the site\'s pages).'
    )
    translation_status = models.CharField(
        max_length=20,
        blank=True,
        help_text='A translation\'s "current" or "out_of_date" (``review.translations``).',
    )
    jsonld = models.TextField(blank=True)
    search_text = models.TextField(blank=True)

    etag = models.CharField(max_length=64, help_text="A digest of everything above.")
    # A keyed MAC of each part served (``delivery.seals``).
    seal_detail = models.CharField(max_length=64, default="")
    seal_item = models.CharField(max_length=64, default="")
    seal_kiosk = models.CharField(max_length=64, default="")
    seal_jsonld = models.CharField(max_length=64, default="")
    renderer_version = models.PositiveIntegerField()
    url_settings = models.CharField(max_length=64, help_text="The URL settings it used.")
    rendered_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("search_text"),
        index.FilterField("id"),
        index.FilterField("site_id"),
        index.FilterField("locale_id"),
        index.FilterField("kind"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "locale", "path"], name="one_document_a_path"),
            models.UniqueConstraint(fields=["site", "locale", "page"], name="one_document_a_page"),
        ]
        indexes = [
            models.Index(fields=["site", "kind", "slug"]),
            models.Index(fields=["site", "kind", "title"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.path} ({self.site_id})"


class DocumentLink(models.Model):
    """A page a document's content links to, with the note on the link: a treatment's
    conditions, in the editor's order, whether or not each has a document yet. Read both ways:
    a condition's treatments are the treatment documents linking to it, list filters use them,
    and either side changing re-renders the other."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links")
    target_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # What the signed link says, shown beside the other page (``TreatmentCondition.SHOWN_FIELDS``).
    regulatory_status = models.CharField(max_length=20, blank=True)
    guideline_stance = models.CharField(max_length=20, blank=True)
    guideline = models.CharField(max_length=255, blank=True)
    guideline_url = models.URLField(blank=True)
    note = models.TextField(blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["document", "position"]

    def __str__(self) -> str:
        return f"{self.document_id} → page {self.target_page_id}"


class DocumentKey(models.Model):
    """What else a document depends on or may be filtered by, as keys: ``page:12`` (a page it
    links to in its text or lists as a section), ``content_models.disclaimer:3`` (a snippet or
    image it shows), ``route=injection`` and ``code=ICD-10:G90.5`` (list filters)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=300, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="one_key_a_document")
        ]

    def __str__(self) -> str:
        return self.key


class SiteDocuments(models.Model):
    """When a site's documents last changed (a removal included): its lists' Last-Modified."""

    site = models.OneToOneField(
        "wagtailcore.Site", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.site_id}: {self.changed_at}"

"""What every clinical content page shares: a short summary, an image with alt text,
references, and "Web" and "Kiosk" previews."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content_models import previews
from content_models.blocks import ReferenceBlock
from signing.models import SignedContentMixin

SUMMARY_MAX_LENGTH = 280


class ClinicalContentPage(SignedContentMixin, Page):
    """Abstract base for pages whose text reaches patients and needs clinical review."""

    summary = models.CharField(
        max_length=SUMMARY_MAX_LENGTH,
        help_text=(
            f"At most {SUMMARY_MAX_LENGTH} characters, in plain words. Kiosks and listings show "
            "this on its own, so it must stand alone."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required with an image.",
    )
    references = StreamField(
        [("reference", ReferenceBlock())],
        blank=True,
        help_text="Sources for the page as a whole. Benefits carry their own references too.",
    )

    # The "Kiosk" mode is the kiosk app itself, showing the draft (``content_models.previews``).
    preview_modes = [("", "Web"), ("kiosk", "Kiosk")]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    image_panels = [FieldPanel("image"), FieldPanel("image_alt_text")]

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.image_id and not self.image_alt_text.strip():
            raise ValidationError(
                {"image_alt_text": "Describe the image for people who cannot see it."}
            )

    def serve_preview(self, request, mode_name):
        # In the page's language, as patients will read it, not the admin's (Wagtail runs
        # admin views in the member of staff's): choice labels, sentences, the page's words.
        language = self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE
        with translation.override(language):
            if (render := previews.renderer(mode_name)) is not None:
                response = render(self, request)
            else:
                response = super().serve_preview(request, mode_name)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a TemplateResponse renders later, after the override
        return response

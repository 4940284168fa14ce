"""The site's root and its two listings."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from content_models.blocks import CLINICAL_RICH_TEXT_FEATURES
from signing.models import SignedContentMixin
from signing.signoffs import public_pages


class HomePage(SignedContentMixin, Page):
    intro = RichTextField(features=CLINICAL_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content_models.TreatmentIndexPage", "content_models.ConditionIndexPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["indexes"] = site_sections(self)
        return context


def localized_root(site: Site, language_code: str) -> Page | None:
    """The site's root page in a content language (Wagtail keeps each language's tree under
    a translation of the root), or None when the root has no such translation or it is not
    live (Wagtail then serves no page of that language: nothing in it is public)."""
    root = site.root_page
    if root.locale.language_code == language_code:
        return root
    return root.get_translations().live().filter(locale__language_code=language_code).first()


def site_sections(home: Page) -> list[Page]:
    """The signed, live index pages under a home page, treatments first."""
    return [
        page
        for model in (TreatmentIndexPage, ConditionIndexPage)
        for page in public_pages(model.objects.child_of(home))
    ]


class _IndexPage(SignedContentMixin, Page):
    intro = RichTextField(features=CLINICAL_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content_models.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.child_model().objects.child_of(self)
        context["items"] = public_pages(children).order_by("title")
        return context

    @classmethod
    def child_model(cls) -> type[Page]:
        return cls.allowed_subpage_models()[0]


class TreatmentIndexPage(_IndexPage):
    subpage_types = ["content_models.TreatmentPage"]
    template = "content_models/index_page.html"


class ConditionIndexPage(_IndexPage):
    subpage_types = ["content_models.ConditionPage"]
    template = "content_models/index_page.html"

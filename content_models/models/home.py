"""The site's root and its two listings."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from content_models.blocks import CLINICAL_RICH_TEXT_FEATURES


class HomePage(Page):
    intro = RichTextField(features=CLINICAL_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content_models.TreatmentIndexPage", "content_models.ConditionIndexPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["indexes"] = self.get_children().live().public().specific()
        return context


class _IndexPage(Page):
    intro = RichTextField(features=CLINICAL_RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content_models.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = self.get_children().live().public().specific().order_by("title")
        return context


class TreatmentIndexPage(_IndexPage):
    subpage_types = ["content_models.TreatmentPage"]
    template = "content_models/index_page.html"


class ConditionIndexPage(_IndexPage):
    subpage_types = ["content_models.ConditionPage"]
    template = "content_models/index_page.html"

"""Claim rules in the admin (Snippets → Claim rules): admins add, edit and switch off rules."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ClaimRule


class ClaimRuleViewSet(SnippetViewSet):
    model = ClaimRule
    icon = "warning"
    menu_label = "Claim rules"
    list_display = ["name", "category", "pattern", "suppress_if_negated", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name", "pattern", "explanation"]
    ordering = ["category", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("pattern"),
        FieldPanel("explanation"),
        MultiFieldPanel(
            [FieldPanel("suppress_if_negated"), FieldPanel("active")], heading="Matching"
        ),
    ]


register_snippet(ClaimRuleViewSet)

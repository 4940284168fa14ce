"""Claim rules and word families in the admin (Snippets → Claim rules, Word families): admins
add, edit and switch off rules, and extend the word families the rules refer to."""

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ClaimRule, WordFamily


class ClaimRuleViewSet(SnippetViewSet):
    model = ClaimRule
    icon = "warning"
    menu_label = "Claim rules"
    list_display = ["name", "category", "unless_negated", "unless_hedged", "active"]
    list_filter = ["category", "active"]
    search_fields = ["name", "terms", "pattern", "explanation"]
    ordering = ["category", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("explanation"),
        MultiFieldPanel(
            [FieldPanel("terms"), FieldPanel("context"), FieldPanel("exceptions")],
            heading="Wording",
        ),
        MultiFieldPanel(
            [
                FieldPanel("unless_negated"),
                FieldPanel("unless_hedged"),
                FieldPanel("unless_cited"),
                FieldPanel("unless_balanced"),
                FieldPanel("subject"),
            ],
            heading="When not to flag",
        ),
        MultiFieldPanel(
            [FieldPanel("pattern"), FieldPanel("active")], heading="Pattern rules and switching off"
        ),
    ]


class WordFamilyViewSet(SnippetViewSet):
    model = WordFamily
    icon = "list-ul"
    menu_label = "Word families"
    list_display = ["name", "description"]
    search_fields = ["name", "words", "description"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("words")]


register_snippet(ClaimRuleViewSet)
register_snippet(WordFamilyViewSet)

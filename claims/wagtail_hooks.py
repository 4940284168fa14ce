"""Claim rules and word families in the admin (Snippets → Claim rules, Word families): admins
add, edit and switch off rules, and extend the word families the rules refer to (a family a
rule refers to is neither renamed nor deleted from under it)."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ClaimRule, WordFamily, rules_using


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


@hooks.register("before_delete_snippet")
def refuse_deleting_a_family_rules_use(request, instances):
    """A rule naming a family that is gone would flag nothing, silently."""
    if request.method != "POST":
        return None
    used = {
        family.name: users
        for family in instances
        if isinstance(family, WordFamily) and (users := rules_using(family.name))
    }
    for name, users in used.items():
        messages.error(
            request,
            f"The word family {name} cannot be deleted: the rules {', '.join(users)} refer to "
            f"@{name}. Change them first, or they would stop flagging anything.",
        )
    return redirect(request.get_full_path()) if used else None

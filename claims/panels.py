"""The editor's "Review checks" panel: flagged wording and reading level of the content being
edited, recomputed each time the editor opens or saves the page."""

from wagtail.admin.panels import Panel

from .checker import check_object
from .readability import score_object


class ReviewChecksPanel(Panel):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", "Review checks")
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "claims/review_checks_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            has_content = instance is not None and (instance.pk or getattr(instance, "title", ""))
            context["flags"] = check_object(instance) if has_content else []
            context["readability"] = score_object(instance) if has_content else None
            return context

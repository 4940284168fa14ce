"""Admin home panels: "Awaiting my review", "Reviews overdue" and "Translations out of
date"."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from .models import ClinicalReviewTask
from .reports import pages_by_next_review
from .translations import out_of_date_translations, source_of


class AwaitingMyReviewPanel(Component):
    name = "awaiting_my_review"
    template_name = "review/panels/awaiting_my_review.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        tasks = [
            task
            for task in ClinicalReviewTask.objects.filter(active=True)
            if task.user_can_review(self.user)
        ]
        states = (
            TaskState.objects.filter(task__in=tasks, status=TaskState.STATUS_IN_PROGRESS)
            .select_related("revision", "workflow_state__requested_by")
            .order_by("started_at")
        )
        return {"task_states": states, "can_review": bool(tasks)}

    def render_html(self, parent_context=None):
        if not self.get_context_data()["can_review"]:
            return ""
        return super().render_html(parent_context)


class ReviewsOverduePanel(Component):
    name = "reviews_overdue"
    template_name = "review/panels/reviews_overdue.html"
    order = 95

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {"pages": list(pages_by_next_review().filter(next_review_due__lt=today)[:20])}


class TranslationsOutOfDatePanel(Component):
    """Live translations whose source was signed off again with changes: still public, signed
    as they were, and waiting for a translator and a reviewer for their language. Shown on
    sites with more than one content language."""

    name = "translations_out_of_date"
    template_name = "review/panels/translations_out_of_date.html"
    order = 96

    def get_context_data(self, parent_context=None):
        request = (parent_context or {}).get("request")
        urls = AdminURLFinder(getattr(request, "user", None))
        stale = out_of_date_translations()
        return {
            "rows": [
                {
                    "object": obj,
                    "kind": capfirst(obj._meta.verbose_name),
                    # A reviewer who may not edit it reads a page's sign-off history instead.
                    "edit_url": urls.get_edit_url(obj) or _history_url(obj),
                    "source": (source := source_of(obj)),
                    "source_url": _source_url(source, urls),
                }
                for obj in stale[:20]
            ],
            "more": max(len(stale) - 20, 0),
        }

    def render_html(self, parent_context=None):
        if len(settings.LANGUAGES) < 2:
            return ""
        return super().render_html(parent_context)


def _history_url(obj) -> str | None:
    return reverse("clinical_review:history", args=(obj.pk,)) if isinstance(obj, Page) else None


def _source_url(source, urls: AdminURLFinder) -> str | None:
    """Where to read what changed in the source: a page's sign-off history, else its editor."""
    if source is None:
        return None
    return _history_url(source) or urls.get_edit_url(source)

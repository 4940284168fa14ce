"""Admin wiring for clinical review: URLs, buttons, audit-log actions."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import TaskState

from . import urls
from .models import ClinicalReviewTask


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("clinical-review/", include(urls, namespace="clinical_review"))]


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        "clinical_review.sign_off", "Clinical sign-off", "Signed off after clinical review"
    )
    actions.register_action(
        "clinical_review.refused",
        "Publishing refused",
        "Publishing refused: the content carries no clinical sign-off",
    )


def _review_button(page, user, priority):
    task_state = page.current_workflow_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    task = task_state.task.specific
    if isinstance(task, ClinicalReviewTask) and task.user_can_review(user):
        return Button(
            "Clinical review",
            reverse("clinical_review:review", args=(task_state.pk,)),
            icon_name="tasks",
            priority=priority,
        )
    return None


def _history_button(page, priority):
    return Button(
        "Sign-off history",
        reverse("clinical_review:history", args=(page.pk,)),
        icon_name="history",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_review_buttons(page, user, view_name, next_url=None):
    if button := _review_button(page, user, priority=5):
        yield button
    yield _history_button(page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def page_listing_review_buttons(page, user, next_url=None):
    if button := _review_button(page, user, priority=1):
        yield button
    yield _history_button(page, priority=51)

"""Admin wiring for clinical review: URLs, buttons, audit-log actions, and the hooks that refuse
unsigned content at each publishing door with a message (layer 1) and 404 unsigned content at
serve time (layer 2)."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button, ListingButton
from wagtail.models import TaskState, WorkflowState

from signing.content import is_clinical
from signing.signoffs import is_signed

from . import guards, localize, urls
from .eligibility import reviewer_name
from .models import ClinicalReviewTask
from .public_web import PublicPageLinkHandler, why_not_public
from .translations import TranslationStatus, live_translation_status

logger = logging.getLogger(__name__)


@hooks.register("before_serve_page")
def serve_signed_content_only(page, request, serve_args, serve_kwargs):
    if reason := why_not_public(page):
        raise Http404(reason)
    # Wagtail falls back to the default language's tree where a language has no live root
    # page (or no locale): a language's address serves only that language's content.
    if len(settings.LANGUAGES) > 1 and page.locale.language_code != get_language():
        raise Http404("No content in this language here.")


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" links
def link_only_to_public_pages(features):
    features.register_link_type(PublicPageLinkHandler)


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    """Our "Awaiting my review" replaces Wagtail's "Awaiting your review": both listed the same
    tasks, and Wagtail's links to its stock approve action, which clinical review refuses."""
    from .panels import AwaitingMyReviewPanel, ReviewsOverduePanel, TranslationsOutOfDatePanel

    panels[:] = [panel for panel in panels if panel.name != "workflow_objects_to_moderate"]
    panels.append(AwaitingMyReviewPanel(request.user))
    panels.append(ReviewsOverduePanel())
    panels.append(TranslationsOutOfDatePanel())


@hooks.register("register_snippet_listing_buttons")
def mark_out_of_date_snippet_translations(snippet, user, next_url=None):
    """The explorer's mark (``delivery.wagtail_hooks``) on a disclaimer's translation whose
    source was signed off again."""
    if live_translation_status(snippet) == TranslationStatus.OUT_OF_DATE:
        yield ListingButton(
            "Translation out of date",
            AdminURLFinder(user).get_edit_url(snippet),
            icon_name="warning",
            attrs={"title": "Its source was signed off again with changes since it was signed."},
            priority=5,
        )


@hooks.register("before_edit_page")
def show_requested_changes(request, page):
    """The reviewer's comment where the editor works: on arriving at the edit page, while the
    changes it asks for are outstanding. The status side panel shows it too (our override of
    its workflow template), and keeps it there after a failed save; the message is for an
    editor who has not opened the panel."""
    if request.method != "GET":
        return None
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    rejected = state.current_task_state
    if rejected is None or rejected.status != TaskState.STATUS_REJECTED:
        return None
    who = reviewer_name(rejected.finished_by)
    when = date_format(timezone.localtime(rejected.finished_at), "j F Y H:i")
    comment = f": “{rejected.comment}”" if rejected.comment else "."
    messages.warning(request, f"Changes requested by {who} on {when}{comment}")
    return None


@hooks.register("before_edit_snippet")
def show_requested_changes_on_snippets(request, instance):
    """The same for a snippet in the workflow (the Disclaimer)."""
    if hasattr(instance, "current_workflow_state"):
        return show_requested_changes(request, instance)
    return None


@hooks.register("register_reports_menu_item")
def register_clinical_reviews_report():
    return MenuItem(
        "Clinical reviews", reverse("clinical_review:reviews_report"), icon_name="tasks", order=690
    )


class SignoffRecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("review.view_clinicalsignoff")


@hooks.register("register_reports_menu_item")
def register_signoff_records_report():
    return SignoffRecordsMenuItem(
        "Sign-off records",
        reverse("clinical_review:signoff_records"),
        icon_name="list-ol",
        order=695,
    )


@hooks.register("register_reports_menu_item")
def register_unsigned_live_report():
    return MenuItem(
        "Live pages without a sign-off",
        reverse("clinical_review:unsigned_live"),
        icon_name="warning",
        order=700,
    )


def _refuse(request, obj, door: str, redirect_to: str):
    guards.log_refusal(obj, user=request.user, door=door)
    messages.error(request, guards.REFUSAL)
    return redirect(redirect_to)


@hooks.register("before_publish_page")
def refuse_unsigned_publish(request, page):
    """The edit and create views' Publish buttons, revert-and-publish and scheduling."""
    if not guards.enabled() or not is_clinical(page) or is_signed(page):
        return None
    return _refuse(
        request, page, "publish button", reverse("wagtailadmin_pages:edit", args=(page.pk,))
    )


def _translation_editor_publish(request, obj, edit_url: str):
    """wagtail-localize's translation editor has a Publish button of its own (its ``action``
    is "publish"): it would publish new text nobody reviewed, after the commit. For clinical
    content it submits the translation to clinical review instead (``localize``)."""
    if (
        not guards.enabled()
        or request.method != "POST"
        or request.POST.get("action") != "publish"
        or not is_clinical(obj)
    ):
        return None
    translation = localize.editor_translation(obj)
    if translation is None or obj.get_workflow() is None:
        return _refuse(request, obj, "translation editor", edit_url)
    try:
        localize.submit_for_review(request, translation)
    except ValidationError as error:  # the translated draft does not validate: say why
        messages.error(request, "Not submitted: " + " ".join(error.messages))
    except (ObjectDoesNotExist, ValueError, TypeError):
        # An override chose something deleted since (an image), or holds a value that names
        # nothing: wagtail-localize fails building the draft.
        logger.warning("%r: the translation editor's publish failed", obj, exc_info=True)
        messages.error(request, f"Not submitted: {localize.CHOSEN_VALUE_INVALID}")
    return redirect(edit_url)


@hooks.register("before_edit_page", order=-1)
def translation_editor_page_publish(request, page):
    return _translation_editor_publish(
        request, page, reverse("wagtailadmin_pages:edit", args=(page.pk,))
    )


@hooks.register("before_edit_snippet", order=-1)
def translation_editor_snippet_publish(request, instance):
    return _translation_editor_publish(request, instance, request.get_full_path())


@hooks.register("before_publish")
def refuse_unsigned_snippet_publish(request, obj):
    """The snippet editor's Publish button (the Disclaimer goes through clinical review)."""
    if not guards.enabled() or not is_clinical(obj):
        return None
    revision = obj.get_latest_revision()
    if revision is not None and guards.revision_is_signed(revision):
        return None
    # Back to the saved draft's editor (on "add", the page asked for was a blank form).
    edit_url = AdminURLFinder(request.user).get_edit_url(obj) if obj.pk else None
    return _refuse(request, obj, "snippet publish button", edit_url or request.get_full_path())


def _unsigned_for_bulk_publish(obj, include_descendants: bool):
    specific = getattr(obj, "specific", obj)
    candidates = [specific]
    if include_descendants and hasattr(specific, "get_descendants"):
        candidates += list(specific.get_descendants().specific())
    for candidate in candidates:
        revision = candidate.get_latest_revision()
        if is_clinical(candidate) and (revision is None or not guards.revision_is_signed(revision)):
            return candidate
    return None


@hooks.register("before_bulk_action")
def refuse_unsigned_bulk_publish(request, action_type, objects, action_class_instance):
    if not guards.enabled() or action_type != "publish":
        return None
    include_descendants = bool(request.POST.get("include_descendants"))
    for obj in objects:
        if unsigned := _unsigned_for_bulk_publish(obj, include_descendants):
            next_url = get_valid_next_url_from_request(request)
            return _refuse(
                request,
                unsigned,
                "bulk publish",
                next_url or reverse("wagtailadmin_explore_root"),
            )
    return None


@hooks.register("before_copy_page")
def refuse_live_copies_and_aliases(request, page):
    """A copy or an alias is a new object with no sign-off: it must start as a draft."""
    if not guards.enabled() or request.method != "POST":
        return None
    if not (request.POST.get("publish_copies") or request.POST.get("alias")):
        return None
    if not is_clinical(page.specific_class):
        return None
    return _refuse(
        request,
        page.specific,
        "copy keeping it live" if request.POST.get("publish_copies") else "alias",
        reverse("wagtailadmin_explore", args=(page.get_parent().pk,)),
    )


@hooks.register("register_admin_urls", order=-1)  # ahead of wagtail-localize's own URLs
def register_review_urls():
    return [
        path("clinical-review/", include(urls, namespace="clinical_review")),
        # wagtail-localize's "Translate this page", ahead of its own URL (see the view).
        path(
            "localize/submit/page/<int:page_id>/",
            localize.SubmitPageTranslationView.as_view(),
            name="clinical_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            localize.UpdateTranslationsView.as_view(),
            name="clinical_update_translations",
        ),
        # Its translation editor's endpoints, saying why instead of failing (see the module).
        path(
            "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            localize.edit_string_translation,
            name="clinical_edit_string_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            localize.edit_override,
            name="clinical_edit_override",
        ),
        path(
            "localize/translate/<int:translation_id>/preview/",
            localize.preview_translation,
            name="clinical_preview_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/preview/<str:mode>/",
            localize.preview_translation,
            name="clinical_preview_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            localize.upload_pofile,
            name="clinical_upload_pofile",
        ),
    ]


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        "clinical_review.sign_off", "Clinical sign-off", "Signed off after clinical review"
    )
    actions.register_action(
        "clinical_review.signoff_carried_over",
        "Sign-off carried over",
        "Sign-off carried over to a new digest of the same signed content",
    )
    actions.register_action(
        "clinical_review.signoff_corrected",
        "Sign-off record corrected",
        "Sign-off record corrected by a new record that supersedes it",
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

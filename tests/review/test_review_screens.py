"""The reviewer's and editor's screens around a review, as people read them: which content
they are about, errors where they can be reached, flags where the wording changed, the
comparison with a rejected revision (and which table shows what), the reviewer's comment on the
edit page, one review panel on the dashboard, and Wagtail's messages speaking of clinical
review."""

import re

import pytest
from django.urls import reverse

from claims.readability import score_object
from content_models.models import Disclaimer
from tests.content_models.admin_forms import treatment_form_data
from tests.factories import DisclaimerFactory, TreatmentPageFactory
from tests.workflow import (
    add_url,
    approval_data,
    edit_and_submit,
    edit_url,
    logged_in,
    make_reviewer,
    review_url,
    submit_new_treatment,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _breadcrumbs(html: str) -> str:
    found = re.search(r'<nav[^>]*aria-label="Breadcrumb".*?</nav>', html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(0)) if found else ""


def test_the_review_screen_and_the_history_name_the_content(submitted, reviewer_client):
    review = reviewer_client.get(review_url(submitted)).content.decode()
    history = reviewer_client.get(
        reverse("clinical_review:history", args=(submitted.pk,))
    ).content.decode()

    assert "Exercise therapy" in _breadcrumbs(review)
    assert "Clinical review" in _breadcrumbs(review)
    assert "Exercise therapy" in _breadcrumbs(history)
    assert "Sign-off history" in _breadcrumbs(history)


def test_a_refused_approval_lists_what_to_fix_at_the_top_with_links(
    submitted, reviewer, reviewer_client
):
    response = reviewer_client.post(
        review_url(submitted), approval_data(reviewer, password="wrong")
    )
    text = _text(response)

    summary = text[text.index('id="review-errors"') :]
    assert text.index('id="review-errors"') < text.index("Changes since the last signed content")
    assert "The review was not recorded" in summary
    assert 'href="#id_password"' in summary


def test_flagged_wording_is_marked_in_the_change_where_it_occurs(editor_client, treatment_index):
    page = submit_new_treatment(editor_client, treatment_index, title="Completely safe", slug="s")
    reviewer = logged_in(make_reviewer("flag-reviewer"))
    text = _text(reviewer.get(review_url(page)))

    title_row = re.search(r'<tr class="review-change--flagged">.*?</tr>', text, re.S).group(0)
    assert "Flagged wording here" in title_row
    assert "<mark>Completely safe</mark>" in title_row
    assert 'href="#id_resolve_' in title_row


def test_a_resubmission_is_compared_with_the_revision_the_reviewer_rejected(
    submitted, editor_client, reviewer_client
):
    reviewer_client.post(review_url(submitted), {"reject": "", "comment": "Name the risks."})
    edit_and_submit(editor_client, submitted, title="Exercise therapy for back pain")

    text = _text(reviewer_client.get(review_url(submitted)))

    assert "Changes since the revision Dr Reviewer rejected on" in text
    assert "“Name the risks.”" in text
    since = text[
        text.index("since-rejection-heading") : text.index(
            "Changes since the last signed content</h2>"
        )
    ]
    assert "for back pain" in since
    assert "Title" in since and "Summary" in since  # only what changed, not the whole page


def test_the_review_screen_says_which_table_shows_never_signed_content_as_new(
    submitted, editor_client, reviewer_client
):
    first = _text(reviewer_client.get(review_url(submitted)))
    reviewer_client.post(review_url(submitted), {"reject": "", "comment": "Name the risks."})
    edit_and_submit(editor_client, submitted, title="Exercise therapy for back pain")
    resubmitted = _text(reviewer_client.get(review_url(submitted)))

    # One table: the whole content, as new.
    assert "never been signed off: the table below shows all of it as new" in first
    assert "since-rejection-heading" not in first
    # Two tables, the one since the rejection first: the wording names the one that is all new.
    assert (
        "never been signed off: the second table, “Changes since the last signed content”, "
        "shows all of it as new; the first shows what changed since the revision that was "
        "rejected" in resubmitted
    )
    assert resubmitted.index("since-rejection-heading") < resubmitted.index(
        "Changes since the last signed content</h2>"
    )


def _requested_changes(html: str) -> str:
    """What the status side panel says of the reviewer's request for changes."""
    found = re.search(r'<section class="requested-changes.*?</section>', html, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))) if found else ""


def test_the_editor_reads_the_reviewers_request_on_the_edit_page(
    submitted, editor_client, reviewer_client
):
    reviewer_client.post(review_url(submitted), {"reject": "", "comment": "Name the risks."})

    text = _text(editor_client.get(edit_url(submitted)))
    refused = editor_client.post(
        edit_url(submitted), {**treatment_form_data(title="", slug=submitted.slug)}
    )

    assert "Changes requested by Dr Reviewer on" in text
    assert "“Name the risks.”" in text
    # In the status side panel itself: who, when and what, without opening its dialog ...
    panel = _requested_changes(text)
    assert re.search(r"Changes requested by Dr Reviewer on \d+ \w+ \d{4} \d\d:\d\d", panel)
    assert "“Name the risks.”" in panel
    # ... and still there when a save fails (the arrival message is not shown again).
    assert refused.status_code == 200 and "could not be saved" in _text(refused)
    assert "“Name the risks.”" in _requested_changes(refused.content.decode())
    # Wagtail's status dialog names the reviewer too, not the editor who submitted.
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    assert re.findall(r"Changes requested (?:now|\S+ \S+ ago) by (\S+)", words) == ["reviewer"]


def test_the_editor_reads_the_reviewers_request_on_the_disclaimer_too(
    editor, editor_client, reviewer_client
):
    disclaimer = DisclaimerFactory(live=False)
    disclaimer.save_revision(user=editor)
    task_state = disclaimer.get_workflow().start(disclaimer, editor).current_task_state
    reviewer_client.post(
        reverse("clinical_review:review", args=(task_state.pk,)),
        {"reject": "", "comment": "Say it is not medical advice."},
    )
    url = reverse(Disclaimer.snippet_viewset.get_url_name("edit"), args=(disclaimer.pk,))

    panel = _requested_changes(editor_client.get(url).content.decode())

    assert "Changes requested by Dr Reviewer on" in panel
    assert "“Say it is not medical advice.”" in panel


def test_no_request_for_changes_is_shown_while_the_review_is_awaited(submitted, editor_client):
    assert _requested_changes(editor_client.get(edit_url(submitted)).content.decode()) == ""


def test_the_dashboard_has_one_panel_of_reviews_awaiting(submitted, reviewer_client):
    text = _text(reviewer_client.get(reverse("wagtailadmin_home")))

    assert "Awaiting my review" in text
    assert "Awaiting your review" not in text


def test_wagtails_messages_speak_of_clinical_review(editor_client, treatment_index):
    response = editor_client.post(
        add_url(treatment_index),
        {**treatment_form_data(title="Yoga", slug="yoga"), "action-submit": "Submit"},
        follow=True,
    )
    text = _text(response)
    assert "created and submitted for clinical review" in text
    assert "submitted for moderation" not in text, re.findall(r".{80}moderation.{40}", text)

    draft = TreatmentPageFactory(parent=treatment_index, title="A draft", live=False)
    bulk = editor_client.get(
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")),
        {"id": draft.pk},
    )
    assert "Clinical review publishes this page" in _text(bulk)
    assert "A schedule takes effect only once a medical reviewer signs" in _text(
        editor_client.get(edit_url(draft))
    )


def test_the_web_preview_says_it_is_not_the_public_page(submitted, editor_client):
    submitted.refresh_from_db()
    url = reverse(
        "wagtailadmin_pages:revisions_view", args=(submitted.pk, submitted.latest_revision_id)
    )

    assert "Preview, not the public page." in _text(editor_client.get(url))


def test_reading_level_warnings_leave_out_the_references(treatment_index):
    finding = " ".join(["Pharmacokinetic heterogeneity notwithstanding,"] * 12) + " it helped."
    page = TreatmentPageFactory(
        parent=treatment_index,
        references__0__reference__finding=finding,
        benefits__0__benefit__references__0__finding=finding,
    )

    scores = score_object(page)

    assert all("Reference" not in score.location for score in scores.long_texts)
    assert "Pharmacokinetic" not in " ".join(score.location for score in scores.too_hard)

"""Review currency: status across dates, the report, home panels, reminders, lapsed reviewers."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from review.currency import ReviewStatus, status_for
from review.models import ReviewReminder
from signing.signoffs import signoffs_of
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign
from tests.workflow import approval_data, review_url, submit_new_treatment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "status"),
    [
        ("2026-01-01", ReviewStatus.CURRENT),
        ("2026-05-02", ReviewStatus.CURRENT),
        ("2026-05-03", ReviewStatus.DUE_SOON),  # 30 days before
        ("2026-06-02", ReviewStatus.DUE_SOON),  # the due date itself
        ("2026-06-03", ReviewStatus.OVERDUE),
    ],
)
def test_status_changes_with_the_calendar(today, status):
    assert status_for(datetime.date(2026, 6, 2), datetime.date.fromisoformat(today)) == status


def test_the_due_soon_window_is_configurable(settings):
    settings.REVIEW_DUE_SOON_DAYS = 7

    assert status_for(datetime.date(2026, 6, 2), datetime.date(2026, 5, 20)) == "current"
    assert status_for(datetime.date(2026, 6, 2), datetime.date(2026, 5, 27)) == "due_soon"


@pytest.fixture
def three_pages(time_machine, treatment_index):
    """Signed a year ago with due dates that are, by 2026-06-15, overdue, due soon, current."""
    time_machine.move_to("2025-06-01 09:00:00+00:00")
    pages = {}
    for slug, due in [("late", "2026-06-01"), ("soon", "2026-06-30"), ("fine", "2027-01-01")]:
        page = TreatmentPageFactory(
            parent=treatment_index, slug=slug, title=slug.title(), live=False
        )
        revision = page.save_revision()
        sign(revision, next_review_due=datetime.date.fromisoformat(due))
        revision.publish()
        pages[slug] = page
    time_machine.move_to("2026-06-15 09:00:00+00:00")
    return pages


def test_the_report_lists_pages_by_next_review_with_filters_and_export(three_pages, admin_client):
    url = reverse("clinical_review:reviews_report")

    everything = admin_client.get(url).content.decode()
    overdue = admin_client.get(url, {"status": "overdue"}).content.decode()
    soon = admin_client.get(url, {"status": "due_soon"}).content.decode()
    export = admin_client.get(url, {"export": "csv", "status": "overdue"})

    assert everything.index("Late") < everything.index("Soon") < everything.index("Fine")
    assert "Late" in overdue and "Soon" not in overdue and "Fine" not in overdue
    assert "Soon" in soon and "Late" not in soon
    csv = b"".join(export.streaming_content).decode()
    assert "Late" in csv and "Overdue" in csv and "Fine" not in csv
    xlsx = admin_client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]


def test_the_report_filters_by_reviewer_and_page_type(three_pages, admin_client):
    url = reverse("clinical_review:reviews_report")

    from django.contrib.contenttypes.models import ContentType

    from content_models.models import ConditionPage, TreatmentPage

    by_reviewer = admin_client.get(url, {"reviewer": "Dr Factory"}).content.decode()
    nobody = admin_client.get(url, {"reviewer": "Nobody"})
    treatments = admin_client.get(
        url, {"content_type": ContentType.objects.get_for_model(TreatmentPage).pk}
    ).content.decode()
    conditions = admin_client.get(
        url, {"content_type": ContentType.objects.get_for_model(ConditionPage).pk}
    ).content.decode()

    assert "Late" in by_reviewer and "Fine" in by_reviewer
    assert nobody.status_code == 200  # an unknown choice is a form error, not a 500
    assert "Late" in treatments and "Fine" in treatments
    assert "Late" not in conditions


def test_home_panels_show_overdue_reviews_and_what_awaits_me(
    three_pages, editor_client, treatment_index, reviewer_client
):
    submit_new_treatment(editor_client, treatment_index, title="Waiting", slug="waiting")

    html = reviewer_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Awaiting my review" in html and "Waiting" in html
    assert "Reviews overdue" in html and "Late" in html
    assert (
        "Awaiting my review" not in editor_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_reminders_go_out_at_most_once_a_day_a_page(three_pages, reviewer, time_machine):
    mail.outbox.clear()

    call_command("notify_reviews_due")
    call_command("notify_reviews_due")

    to_reviewer = [message for message in mail.outbox if reviewer.email in message.to]
    assert len(to_reviewer) == 1
    body = to_reviewer[0].body
    assert "Late" in body and "Soon" in body and "Fine" not in body
    assert ReviewReminder.objects.count() == 2

    time_machine.move_to("2026-06-16 09:00:00+00:00")
    call_command("notify_reviews_due")
    assert len([m for m in mail.outbox if reviewer.email in m.to]) == 2


def test_a_reviewer_whose_registration_lapsed_is_refused_and_told_why(
    submitted, reviewer, reviewer_client
):
    profile = reviewer.clinician_profile
    profile.registration_expires = datetime.date(2020, 1, 1)
    profile.save()

    screen = reviewer_client.get(review_url(submitted))
    response = reviewer_client.post(review_url(submitted), approval_data(reviewer))

    assert "registration lapsed on 01 January 2020" in screen.content.decode()
    assert response.status_code == 403
    assert not signoffs_of(submitted).exists()


def test_overdue_pages_stay_public_and_show_their_dates(three_pages, client):
    response = client.get(three_pages["late"].url)

    assert response.status_code == 200
    assert "Next review due" in response.content.decode()
    assert "1 June 2026" in response.content.decode()
    assert "Review overdue" in response.content.decode()
    assert "Review overdue" not in client.get(three_pages["fine"].url).content.decode()


def test_a_minor_edit_cannot_postpone_the_full_review(
    submitted, editor_client, reviewer, reviewer_client
):
    from tests.workflow import edit_and_submit

    reviewer_client.post(
        review_url(submitted), approval_data(reviewer, next_review_due="2027-01-10")
    )
    edit_and_submit(editor_client, submitted, title="Typo fixed")

    response = reviewer_client.post(
        review_url(submitted),
        approval_data(reviewer, review_kind="minor", next_review_due="2028-01-10"),
    )

    assert "cannot postpone the next full review" in response.content.decode()
    assert signoffs_of(submitted).count() == 1

"""The sign-off history's "what patients saw on <date>": the signed revision as patients read
it then, with the review line of the sign-off that was live that day, and none of the banners
that mark an admin preview of a draft."""

import json
import re

import pytest
from django.urls import reverse

from tests.workflow import approval_data, edit_and_submit, review_url, submit_new_treatment

pytestmark = pytest.mark.django_db

PREVIEW_BANNERS = ("Preview, not the public page", "Draft — not signed off")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def signed_twice(time_machine, editor_client, treatment_index, reviewer, reviewer_client):
    """Signed on 10 January 2026 (review due 1 June 2026), then revised and signed again on
    20 May 2026 (due 20 May 2027)."""
    time_machine.move_to("2026-01-10 09:00:00+00:00")
    page = submit_new_treatment(editor_client, treatment_index, title="Cold therapy", slug="cold")
    reviewer_client.post(review_url(page), approval_data(reviewer, next_review_due="2026-06-01"))
    time_machine.move_to("2026-05-20 09:00:00+00:00")
    edit_and_submit(editor_client, page, title="Cold therapy, revised")
    reviewer_client.post(review_url(page), approval_data(reviewer, next_review_due="2027-05-20"))
    return page


def _framed(client, page, day: str) -> str:
    history = client.get(reverse("clinical_review:history", args=(page.pk,)), {"date": day})
    [src] = re.findall(r'<iframe[^>]* src="([^"]+)"', history.content.decode())
    return client.get(src.replace("&amp;", "&")).content.decode()


def test_the_page_patients_saw_carries_that_days_review_line_and_no_preview_banner(
    signed_twice, admin_client
):
    in_may = _framed(admin_client, signed_twice, "2026-05-10")
    text = _text(in_may)

    assert "<h1>Cold therapy</h1>" in in_may
    assert not any(banner in text for banner in PREVIEW_BANNERS)
    [line] = re.findall(r'<p class="review-line">.*?</p>', in_may, re.S)
    line = _text(line)
    # The first sign-off's, not today's; and due soon, as it was on 10 May.
    assert "Last reviewed 10 January 2026 by Dr Reviewer, MB ChB" in line
    assert "Next review due 1 June 2026" in line and "Review due soon" in line


def test_the_kiosk_patients_saw_is_marked_as_seen_with_that_sign_offs_review(
    signed_twice, admin_client
):
    history = admin_client.get(
        reverse("clinical_review:history", args=(signed_twice.pk,)), {"date": "2026-03-01"}
    ).content.decode()
    [kiosk_url] = re.findall(r'<a href="([^"]+)"[^>]*>as the kiosk showed it</a>', history)

    response = admin_client.get(kiosk_url.replace("&amp;", "&"))
    embedded = re.search(
        r'<script id="kiosk-preview-item" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    shown = json.loads(embedded.group(1))

    assert shown["as_seen"] is True  # the app leaves out its draft banner
    assert shown["item"]["title"] == "Cold therapy"
    assert shown["item"]["review"]["last_reviewed"] == "2026-01-10"
    assert shown["item"]["review"]["next_review_due"] == "2026-06-01"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_an_admin_preview_of_a_draft_still_says_it_is_not_signed_off(signed_twice, editor_client):
    url = reverse(
        "wagtailadmin_pages:revisions_view",
        args=(signed_twice.pk, signed_twice.latest_revision_id),
    )

    text = _text(editor_client.get(url).content.decode())

    assert all(banner in text for banner in PREVIEW_BANNERS)
    assert "Last reviewed" not in text


@pytest.fixture
def disclaimers_changed(time_machine, editor_client, treatment_index, reviewer, reviewer_client):
    """A treatment showing the default disclaimer, signed on 10 January 2026; the disclaimer's
    wording re-signed on 1 March; another disclaimer made the default on 1 April."""
    from tests.factories import DisclaimerFactory
    from tests.factories.signing import sign_and_publish

    time_machine.move_to("2026-01-05 09:00:00+00:00")
    first = DisclaimerFactory(text="<p>January wording.</p>", is_default=True)
    time_machine.move_to("2026-01-10 09:00:00+00:00")
    page = submit_new_treatment(editor_client, treatment_index, title="Cold therapy", slug="cold")
    reviewer_client.post(review_url(page), approval_data(reviewer))
    time_machine.move_to("2026-03-01 09:00:00+00:00")
    first.text = "<p>March wording.</p>"
    sign_and_publish(first)
    time_machine.move_to("2026-04-01 09:00:00+00:00")
    first.is_default = False  # content: signed like any change
    sign_and_publish(first)
    DisclaimerFactory(text="<p>April default.</p>", is_default=True)
    time_machine.move_to("2026-06-01 09:00:00+00:00")
    return page


def _kiosk_item(client, page, day: str) -> dict:
    history = client.get(reverse("clinical_review:history", args=(page.pk,)), {"date": day})
    [kiosk_url] = re.findall(
        r'<a href="([^"]+)"[^>]*>as the kiosk showed it</a>', history.content.decode()
    )
    response = client.get(kiosk_url.replace("&amp;", "&")).content.decode()
    embedded = re.search(
        r'<script id="kiosk-preview-item" type="application/json">(.*?)</script>', response, re.S
    )
    return json.loads(embedded.group(1))["item"]


@pytest.mark.parametrize(
    ("day", "wording"),
    [
        ("2026-02-01", "January wording."),
        ("2026-03-15", "March wording."),
        ("2026-05-10", "April default."),
    ],
)
def test_what_patients_saw_shows_the_disclaimer_signed_and_live_on_that_date(
    disclaimers_changed, admin_client, day, wording
):
    others = {"January wording.", "March wording.", "April default."} - {wording}

    web = _text(_framed(admin_client, disclaimers_changed, day))
    kiosk = _kiosk_item(admin_client, disclaimers_changed, day)["disclaimer"]["text"]

    assert wording in web and not any(other in web for other in others)
    assert wording in kiosk


def test_the_live_page_shows_todays_disclaimer_after_the_history_was_read(
    disclaimers_changed, admin_client, client
):
    _framed(admin_client, disclaimers_changed, "2026-02-01")

    assert "April default." in _text(client.get(disclaimers_changed.url).content.decode())


def test_the_history_says_which_parts_of_the_page_are_shown_as_they_are_today(
    signed_twice, admin_client
):
    history = admin_client.get(
        reverse("clinical_review:history", args=(signed_twice.pk,)), {"date": "2026-03-01"}
    )

    text = _text(history.content.decode())
    assert "its disclaimer are as they were signed and live on that date" in text
    assert "the clinic's contact details and the linked pages are shown as they are today" in text


def _added_and_signed_off(clients_and_reviewer, parent, title: str, **dates: str):
    """A treatment added through the admin's form with its go-live or expiry date, submitted,
    and signed off by the reviewer: Wagtail, not the test, honours the dates."""
    from content_models.models import TreatmentPage
    from tests.workflow import add_url, treatment_form_data

    admin_client, reviewer_client, reviewer = clients_and_reviewer
    slug = title.lower().replace(" ", "-")
    data = treatment_form_data(title=title, slug=slug)
    data.update({**dates, "action-submit": "Submit"})
    admin_client.post(add_url(parent), data)
    page = TreatmentPage.objects.get(slug=slug)
    reviewer_client.post(review_url(page), approval_data(reviewer))
    page.refresh_from_db()
    return page


def test_a_revision_scheduled_to_go_live_was_not_seen_before_its_date(
    time_machine, admin_client, treatment_index, reviewer, reviewer_client
):
    import datetime

    from django.core.management import call_command

    from signing.history import end_of_day, live_at

    time_machine.move_to("2026-03-01 09:00:00+00:00")
    page = _added_and_signed_off(
        (admin_client, reviewer_client, reviewer),
        treatment_index,
        "Scheduled therapy",
        go_live_at="2026-04-01 09:00",
    )

    assert live_at(page, end_of_day(datetime.date(2026, 3, 15))) is None  # scheduled only
    time_machine.move_to("2026-04-01 10:00:00+00:00")
    call_command("publish_scheduled")
    standing = live_at(page, end_of_day(datetime.date(2026, 4, 1)))
    assert standing is not None and standing.signoff is not None
    assert live_at(page, end_of_day(datetime.date(2026, 3, 31))) is None


def test_a_day_ends_in_the_sites_time_zone_whatever_the_admins_is(settings):
    import datetime

    from django.utils import timezone

    from signing.history import end_of_day

    settings.TIME_ZONE = "UTC"
    with timezone.override("Pacific/Auckland"):  # a member of staff's profile time zone
        moment = end_of_day(datetime.date(2026, 3, 1))

    assert moment == datetime.datetime(2026, 3, 1, 23, 59, 59, 999999, tzinfo=datetime.UTC)


def _history_text(client, page, day: str) -> str:
    history = client.get(reverse("clinical_review:history", args=(page.pk,)), {"date": day})
    return _text(history.content.decode())


def test_a_page_that_was_private_on_a_date_was_not_public_then(
    signed_twice, time_machine, admin_client, treatment_index, django_user_model
):
    """Behind a password on its index page from 1 to 31 March: no patient read it then, as the
    read path served nothing behind a view restriction."""
    from wagtail.models import PageViewRestriction

    time_machine.move_to("2026-03-01 09:00:00+00:00")
    restriction = PageViewRestriction.objects.create(
        page=treatment_index, restriction_type=PageViewRestriction.PASSWORD, password="staff"
    )
    time_machine.move_to("2026-03-31 09:00:00+00:00")
    restriction.delete()

    assert (
        "<iframe"
        in admin_client.get(
            reverse("clinical_review:history", args=(signed_twice.pk,)), {"date": "2026-02-15"}
        ).content.decode()
    )
    assert "not public on that date" in _history_text(admin_client, signed_twice, "2026-03-15")
    assert "not public on that date" not in _history_text(admin_client, signed_twice, "2026-04-15")


def test_content_past_its_expiry_was_not_public_though_nothing_had_unpublished_it(
    time_machine, admin_client, treatment_index, reviewer, reviewer_client
):
    """publish_scheduled logs the unpublish only when it next runs; the read path stopped
    serving the page at its expiry."""
    time_machine.move_to("2026-03-01 09:00:00+00:00")
    page = _added_and_signed_off(
        (admin_client, reviewer_client, reviewer),
        treatment_index,
        "Expiring therapy",
        expire_at="2026-03-10 09:00",
    )
    assert page.live

    time_machine.move_to("2026-03-20 09:00:00+00:00")  # publish_scheduled has not run
    assert "Expiring therapy" in _framed(admin_client, page, "2026-03-05")
    assert "not public on that date" in _history_text(admin_client, page, "2026-03-15")

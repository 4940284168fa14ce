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

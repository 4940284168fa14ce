"""Corners of the fail-closed check found in review: what counts as content, and what doesn't."""

import pytest
from django.db import connection
from django.urls import reverse
from wagtail.models import Comment, Page
from wagtail.test.utils.form_data import rich_text

from content_models.models import Disclaimer, RouteOfAdministration, TreatmentPage
from review.guards import PublishRefused
from signing.digest import content_digest
from tests.factories import (
    DisclaimerFactory,
    RouteOfAdministrationFactory,
    TreatmentPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(treatment_index):
    return TreatmentPageFactory(
        parent=treatment_index,
        title="Signed page",
        slug="signed-page",
        routes=[RouteOfAdministrationFactory(name="Oral", slug="oral")],
    )


def test_seo_title_and_search_description_are_signed_content(settings, client, page):
    settings.CLINICAL_GUARD_PUBLISHING = False
    page.seo_title = "Guaranteed cure"
    page.save()

    assert client.get(page.url).status_code == 404


def test_a_base_page_save_drops_the_page_from_listings_too(client, page, treatment_index):
    base = Page.objects.get(pk=page.pk)
    base.title = "Renamed outside review"
    base.save()

    assert client.get(page.url).status_code == 404
    assert "Renamed outside review" not in client.get(treatment_index.url).content.decode()


def test_a_child_row_written_on_its_own_drops_the_page_from_listings(
    client, page, treatment_index, condition_index
):
    from content_models.models import TreatmentCondition
    from tests.factories import ConditionPageFactory

    TreatmentCondition.objects.create(
        treatment=page, condition=ConditionPageFactory(parent=condition_index), note="Sneaky"
    )

    assert "Signed page" not in client.get(treatment_index.url).content.decode()


def test_editor_comments_do_not_unsign_a_page(client, page, editor):
    live = TreatmentPage.objects.get(pk=page.pk)
    live.wagtail_admin_comments = [Comment(text="Check ref 2", user=editor, contentpath="title")]
    live.save_revision(user=editor)

    assert Comment.objects.filter(page=page).exists()
    assert client.get(page.url).status_code == 200


def test_renaming_a_route_keeps_content_signed(client, page):
    route = RouteOfAdministration.objects.get(slug="oral")
    route.name = "By mouth"
    route.save()

    assert client.get(page.url).status_code == 200


def test_rich_text_keeps_its_digest_through_the_editor(admin_client, page):
    """Draftail adds random block keys each time it saves; they are not content."""
    html = "<p>What the treatment is.</p>"
    assert content_digest(
        TreatmentPage(what_it_is='<p data-block-key="x1y2z">What the treatment is.</p>')
    ) == content_digest(TreatmentPage(what_it_is=html))


def test_clinical_content_cannot_be_aliased_even_as_a_draft(page):
    with pytest.raises(PublishRefused, match="cannot be aliased"):
        TreatmentPage.objects.get(pk=page.pk).create_alias(update_slug="an-alias")


def test_publishing_an_unsigned_disclaimer_is_refused_with_a_message(admin_client):
    disclaimer = DisclaimerFactory(title="Signed disclaimer")
    url = reverse("wagtailsnippets_content_models_disclaimer:edit", args=(disclaimer.pk,))

    response = admin_client.post(
        url,
        {
            "title": "Signed disclaimer",
            "text": rich_text("<p>Changed, unsigned wording.</p>"),
            "action-publish": "1",
        },
    )

    assert response.status_code == 302
    shown = [str(message) for message in admin_client.get(response["Location"]).context["messages"]]
    assert any("no clinical sign-off" in message for message in shown)
    live_text = Disclaimer.objects.get(pk=disclaimer.pk).text
    assert live_text == "<p>General information, not medical advice.</p>"


def test_publishing_a_new_unsigned_disclaimer_keeps_the_draft_and_returns_to_it(admin_client):
    """Not to a blank "add" form, which looks as if the work was lost."""
    response = admin_client.post(
        reverse("wagtailsnippets_content_models_disclaimer:add"),
        {
            "title": "New wording",
            "text": rich_text("<p>New, unsigned wording.</p>"),
            "action-publish": "1",
        },
    )

    draft = Disclaimer.objects.get(title="New wording")
    assert not draft.live
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_content_models_disclaimer:edit", args=(draft.pk,)
    )
    shown = [str(message) for message in admin_client.get(response["Location"]).context["messages"]]
    assert any("no clinical sign-off" in message for message in shown)


def test_bulk_publish_with_descendants_checks_the_descendants(
    admin_client, home_page, treatment_index
):
    TreatmentPageFactory(parent=treatment_index, live=False, title="Unsigned draft")
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    response = admin_client.post(
        f"{url}?id={treatment_index.pk}", {"include_descendants": "on"}, follow=True
    )

    assert response.status_code == 200
    assert "no clinical sign-off" in response.content.decode()
    assert not TreatmentPage.objects.get(title="Unsigned draft").live


def test_a_raw_sql_update_is_caught_on_the_detail_page_and_by_the_report(
    client, admin_client, page
):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE content_models_treatmentpage SET summary = 'raw' WHERE page_ptr_id = %s",
            [page.pk],
        )

    assert client.get(page.url).status_code == 404
    report = admin_client.get(reverse("clinical_review:unsigned_live")).content.decode()
    assert "Signed page" in report

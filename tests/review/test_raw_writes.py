"""Raw writes (SQL that bypasses Django) drop a page from listings as well as from its own URL:
PostgreSQL triggers clear the recorded digest that listings trust."""

import pytest
from django.db import connection

from content_models.models import TreatmentCondition
from tests.factories import ConditionPageFactory, TreatmentPageFactory

pytestmark = [
    pytest.mark.django_db,
    # The triggers are PostgreSQL's; on SQLite (by explicit request) there are none.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL triggers"),
]


@pytest.fixture
def page(treatment_index, condition_index):
    return TreatmentPageFactory(
        parent=treatment_index,
        title="Signed page",
        slug="signed-page",
        condition_links=[
            TreatmentCondition(condition=ConditionPageFactory(parent=condition_index), note="n")
        ],
    )


def _listed(client, index) -> bool:
    return "Signed page" in client.get(index.url).content.decode()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE content_models_treatmentpage SET summary = 'raw' WHERE page_ptr_id = %s",
        "UPDATE wagtailcore_page SET search_description = 'raw' WHERE id = %s",
        "UPDATE content_models_treatmentcondition SET note = 'raw' WHERE treatment_id = %s",
        "DELETE FROM content_models_treatmentcondition WHERE treatment_id = %s",
    ],
    ids=["content column", "page title or SEO field", "child row", "child row deleted"],
)
def test_a_raw_write_drops_the_page_from_listings_and_its_url(client, page, treatment_index, sql):
    assert _listed(client, treatment_index)

    with connection.cursor() as cursor:
        cursor.execute(sql, [page.pk])

    assert not _listed(client, treatment_index)
    assert client.get(page.url).status_code == 404


def test_django_saves_of_signed_content_keep_it_listed(client, page, treatment_index):
    from content_models.models import TreatmentPage

    live = TreatmentPage.objects.get(pk=page.pk)
    live.save()  # unchanged content, full save
    live.save(update_fields=["locked"])

    assert _listed(client, treatment_index)
    assert client.get(page.url).status_code == 200


def test_a_raw_write_with_a_sign_off_written_to_match_it_is_not_served(client, page):
    """The sign-off table alone does not make a page public: a row the app's database role
    could write (a raw edit, then a sign-off record of that edit) has no document sealed with
    the key, so the web page answers 404 as the API does."""
    from content_models.models import TreatmentPage
    from tests.factories.signing import sign

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE content_models_treatmentpage SET summary = 'Unreviewed claim' "
            "WHERE page_ptr_id = %s",
            [page.pk],
        )
    sign(TreatmentPage.objects.get(pk=page.pk).save_revision())  # signs the row as it now is

    web = client.get(page.url)
    assert web.status_code == 404 and b"Unreviewed claim" not in web.content
    assert client.get(f"/api/v1/treatments/{page.slug}/").status_code == 404

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

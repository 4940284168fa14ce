"""Admin previews render unsaved content, relations held in memory included."""

import pytest

from content_models.models import ConditionPage, TreatmentCondition, TreatmentPage
from tests.factories import ConditionPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("mode", ["", "kiosk"])
def test_a_preview_shows_unsaved_condition_links_to_signed_conditions(
    treatment_index, condition_index, mode
):
    signed = ConditionPageFactory(parent=condition_index, title="Signed condition")
    draft = ConditionPageFactory(parent=condition_index, title="Draft condition", live=False)
    page = TreatmentPage(
        title="Unsaved",
        slug="unsaved",
        summary="A summary.",
        what_it_is="<p>What it is.</p>",
        condition_links=[
            TreatmentCondition(condition=signed, note="Some evidence."),
            TreatmentCondition(condition=draft, note="Unsigned."),
        ],
    )
    page.set_url_path(treatment_index)

    response = page.make_preview_request(preview_mode=mode)

    assert response.status_code == 200
    if mode == "":
        assert "Signed condition" in response.content.decode()
    assert "Draft condition" not in response.content.decode()


@pytest.mark.parametrize("mode", ["", "kiosk"])
def test_a_preview_of_a_new_condition_lists_no_treatments(condition_index, mode):
    """Nothing links to a condition that is not saved yet: no treatments, and no error."""
    page = ConditionPage(title="Unsaved condition", slug="unsaved", summary="A summary.")
    page.set_url_path(condition_index)

    response = page.make_preview_request(preview_mode=mode)

    assert response.status_code == 200
    assert "Unsaved condition" in response.content.decode()

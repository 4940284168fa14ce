"""Two editors on one page: a Save built on a version someone else has since replaced shows
the form again, with what was typed and who saved in between, and replaces nothing; saving
again (the form now knows the newer version) replaces it, as the editor chose."""

from __future__ import annotations

import pytest

from content_models.models import TreatmentPage
from tests.content_models.admin_forms import treatment_form_data
from tests.factories import UserFactory
from tests.workflow import edit_url, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(treatment_index):
    alice = UserFactory(username="alice", first_name="Alice", last_name="Able", groups=["Editors"])
    client = logged_in(alice)
    client.post(
        f"/admin/pages/add/content_models/treatmentpage/{treatment_index.pk}/",
        treatment_form_data(title="Shared therapy", slug="shared"),
    )
    return TreatmentPage.objects.get(slug="shared")


def save(client, page, summary: str, loaded_from: dict) -> object:
    data = {**treatment_form_data(title="Shared therapy", slug="shared"), "summary": summary}
    return client.post(edit_url(page), {**data, **loaded_from})


def loaded(client, page) -> dict:
    """What the edit form records of the version it was opened on."""
    context = client.get(edit_url(page)).context
    return {
        "loaded_revision_id": str(context["page"].latest_revision_id),
        "loaded_revision_created_at": context["loaded_revision_created_at"],
    }


def latest_summary(page) -> str:
    return TreatmentPage.objects.get(pk=page.pk).get_latest_revision_as_object().summary


def test_a_save_on_a_version_another_editor_replaced_is_shown_again_and_saves_nothing(page):
    alice = logged_in(UserFactory._meta.model.objects.get(username="alice"))
    bob = logged_in(UserFactory(username="bob", first_name="Bob", groups=["Editors"]))
    alices_form, bobs_form = loaded(alice, page), loaded(bob, page)
    assert save(alice, page, "Alice's words.", alices_form).status_code == 302

    refused = save(bob, page, "Bob's words.", bobs_form)

    assert refused.status_code == 200
    assert "Alice Able saved this page at" in refused.content.decode()
    assert refused.context["form"]["summary"].value() == "Bob's words."  # nothing lost
    assert latest_summary(page) == "Alice's words."

    again = save(bob, page, "Bob's words.", loaded(bob, page))
    assert again.status_code == 302
    assert latest_summary(page) == "Bob's words."


def test_an_editors_own_newer_version_is_no_conflict(page):
    alice = logged_in(UserFactory._meta.model.objects.get(username="alice"))
    form = loaded(alice, page)
    assert save(alice, page, "First.", form).status_code == 302

    assert save(alice, page, "Second.", form).status_code == 302  # her other tab
    assert latest_summary(page) == "Second."

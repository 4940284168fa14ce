"""A publish built before a move (or before a page was added below it) keeps the tree as the
database has it. Wagtail's publish saves the page's tree columns as they were loaded: for the
admin's Publish button, at the start of the request."""

from __future__ import annotations

import pytest
from django.db import transaction
from wagtail.models import Page, Revision

from content_models.models import TreatmentIndexPage, TreatmentPage
from delivery.models import Document
from review.guards import PublishRefused
from tests.factories import TreatmentIndexPageFactory, TreatmentPageFactory
from tests.factories.signing import sign

NO_PROBLEMS = ([], [], [], [], [])


def loaded_signed_revision(page, **changes) -> Revision:
    """A signed revision of ``page``, with the page it will be published from loaded now."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    sign(revision)
    revision = Revision.objects.get(pk=revision.pk)
    assert revision.content_object.pk == page.pk  # loaded, as a request loads it
    return revision


def move(page, parent) -> None:
    with transaction.atomic():
        Page.objects.get(pk=page.pk).move(parent, "last-child")


@pytest.fixture
def other_index(home_page):
    return TreatmentIndexPageFactory(parent=home_page, title="Other", slug="other")


def test_a_publish_loaded_before_a_move_leaves_the_page_where_it_was_moved(
    treatment_index, other_index
):
    page = TreatmentPageFactory(parent=treatment_index, slug="movable")
    revision = loaded_signed_revision(page, summary="A signed edit.")

    move(page, other_index)
    with transaction.atomic():
        revision.publish()

    published = TreatmentPage.objects.get(pk=page.pk)
    assert published.summary == "A signed edit."
    assert published.get_parent().pk == other_index.pk
    assert published.url_path == other_index.url_path + "movable/"
    assert Document.objects.get(page=page).path == "/other/movable/"
    assert Page.find_problems() == NO_PROBLEMS


def test_a_publish_loaded_before_a_page_was_added_below_keeps_the_child_count(
    treatment_index,
):
    revision = loaded_signed_revision(treatment_index, title="Our treatments")

    TreatmentPageFactory(parent=treatment_index, slug="added-meanwhile")
    with transaction.atomic():
        revision.publish()

    assert TreatmentIndexPage.objects.get(pk=treatment_index.pk).numchild == 1
    assert Page.find_problems() == NO_PROBLEMS


def test_a_publish_with_a_new_slug_of_a_page_moved_meanwhile_is_refused_and_changes_nothing(
    treatment_index, other_index
):
    page = TreatmentPageFactory(parent=treatment_index, slug="movable")
    revision = loaded_signed_revision(page, slug="renamed")

    move(page, other_index)
    with (
        pytest.raises(PublishRefused, match="moved while it was being published"),
        transaction.atomic(),
    ):
        revision.publish()

    kept = TreatmentPage.objects.get(pk=page.pk)
    assert (kept.slug, kept.url_path) == ("movable", other_index.url_path + "movable/")
    assert Page.find_problems() == NO_PROBLEMS
    with transaction.atomic():  # published again, from the page as it is now
        Revision.objects.get(pk=revision.pk).publish()
    assert TreatmentPage.objects.get(pk=page.pk).url_path == other_index.url_path + "renamed/"

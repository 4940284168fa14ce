"""The content version changes with everything that can change what the public sees."""

import pytest
from django.core.cache import cache

from delivery.version import KEY, current_version
from tests.factories import ClinicFactory, TreatmentIndexPageFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(treatment_index):
    return TreatmentPageFactory(parent=treatment_index)


def _changes(action) -> bool:
    before = current_version()
    action()
    return current_version() != before


def test_the_version_is_stable_until_something_changes(page):
    assert current_version() == current_version()


def test_publishing_unpublishing_moving_and_deleting_change_the_version(page, home_page):
    other = TreatmentIndexPageFactory(parent=home_page, slug="elsewhere")

    assert _changes(lambda: page.unpublish())
    assert _changes(lambda: page.move(other, pos="last-child"))
    assert _changes(lambda: page.delete())


def test_publishing_signed_content_changes_the_version(treatment_index):
    assert _changes(lambda: TreatmentPageFactory(parent=treatment_index))


def test_snippet_edits_change_the_version(db):
    clinic = ClinicFactory()

    def edit():
        clinic.phone = "Another placeholder"
        clinic.save()

    assert _changes(edit)


def test_a_flushed_cache_gets_a_new_version_never_an_old_one(page):
    before = current_version()
    cache.delete(KEY)

    assert current_version() != before

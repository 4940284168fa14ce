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


def test_privacy_site_and_redirect_changes_change_the_version(page):
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import PageViewRestriction, Site

    restriction = PageViewRestriction(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert _changes(restriction.save)
    assert _changes(restriction.delete)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed"
    assert _changes(site.save)
    assert _changes(lambda: Redirect.objects.create(old_path="/old", redirect_page=page))


def test_a_change_inside_a_transaction_bumps_again_when_it_commits(
    page, django_capture_on_commit_callbacks
):
    """Another process may cache the old content under the first bump's token before the
    commit is visible; the bump after the commit retires that token."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.unpublish()
        during = current_version()
    assert callbacks
    assert current_version() != during


def test_the_bump_command_starts_a_new_version(db):
    import io

    from django.core.management import call_command

    before = current_version()
    out = io.StringIO()
    call_command("bump_content_version", stdout=out)

    assert current_version() != before
    assert current_version()[0] in out.getvalue()

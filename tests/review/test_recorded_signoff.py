"""A page loaded with the sign-off of its recorded digest (``with_recorded_signoff``): the
serve-time check then needs no query of its own, and still trusts only a digest it has just
recomputed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_models.models import TreatmentPage
from review.currency import SUMMARY_FIELDS
from review.models import ClinicalSignoff
from review.serving import signoff_of_content, with_recorded_signoff
from tests.api.builders import rewrite_row_unsigned
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="read along on PostgreSQL only"),
]


@pytest.fixture
def page(treatment_index):
    return TreatmentPageFactory(parent=treatment_index, slug="signed", title="Signed page")


def _loaded(page) -> TreatmentPage:
    return with_recorded_signoff(TreatmentPage.objects.all(), SUMMARY_FIELDS).get(pk=page.pk)


def _signoff_queries(captured: CaptureQueriesContext) -> int:
    """Queries of sign-offs (hashing the content reads the page's relations, too)."""
    return sum("review_clinicalsignoff" in query["sql"] for query in captured.captured_queries)


def _summary(signoff: ClinicalSignoff) -> dict:
    return {name: (type(getattr(signoff, name)), getattr(signoff, name)) for name in SUMMARY_FIELDS}


def test_the_latest_signoff_comes_with_the_page_as_the_query_would_find_it(page):
    # A second sign-off of the same content (a later review): the latest one counts.
    later = sign(page.latest_revision)
    loaded = _loaded(page)
    with CaptureQueriesContext(connection) as captured:
        read_along = signoff_of_content(loaded, SUMMARY_FIELDS)
    assert _signoff_queries(captured) == 0
    queried = signoff_of_content(TreatmentPage.objects.get(pk=page.pk), SUMMARY_FIELDS)
    assert read_along.pk == queried.pk == later.pk
    assert _summary(read_along) == _summary(queried)
    assert read_along.get_deferred_fields() >= {"content", "attestation"}


def test_content_without_a_signoff_is_known_unsigned_without_a_query(page):
    unsigned = rewrite_row_unsigned(page)  # new text, its digest recorded, nobody signed it
    loaded = _loaded(unsigned)
    with CaptureQueriesContext(connection) as captured:
        assert signoff_of_content(loaded, SUMMARY_FIELDS) is None
    assert _signoff_queries(captured) == 0


def test_a_forged_recorded_digest_is_not_trusted(page, client):
    """Text changed by SQL, and the signed digest written back beside it: the sign-off that
    came with the row is of other content, so the check asks for the content's own."""
    signed_digest = page.content_digest
    rewrite_row_unsigned(page)
    TreatmentPage.objects.filter(pk=page.pk).update(content_digest=signed_digest)
    loaded = _loaded(page)
    assert loaded.content_digest == signed_digest
    with CaptureQueriesContext(connection) as captured:
        assert signoff_of_content(loaded, SUMMARY_FIELDS) is None
    assert _signoff_queries(captured) == 1
    assert client.get(f"/api/v1/treatments/{page.slug}/").status_code == 404


def test_the_signoff_is_read_along_once(page):
    loaded = _loaded(page)
    assert signoff_of_content(loaded, SUMMARY_FIELDS) is not None
    with CaptureQueriesContext(connection) as captured:
        assert signoff_of_content(loaded, SUMMARY_FIELDS) is not None
    assert _signoff_queries(captured) == 1  # asked again, it is asked of the database

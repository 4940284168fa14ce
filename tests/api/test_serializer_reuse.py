"""Serializer trees are built once per thread and reused (``api.representations``): each use
sees only its own request's context, and a tree in use is never handed out twice."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from api import representations
from api.context import ApiContext
from api.representations import _serializer
from api.serializers.pages import TreatmentSerializer
from content_models.models import TreatmentPage
from tests.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


def _context(hostname: str, home) -> ApiContext:
    return ApiContext(site=Site(hostname=hostname, port=443, root_page=home))


@pytest.fixture
def page(treatment_index, home_page):
    created = TreatmentPageFactory(parent=treatment_index, slug="reused")
    ctx = _context("prepared.example", home_page)
    page = representations.detail_queryset(TreatmentPage, ctx).get(pk=created.pk)
    representations.detail(page, ctx)  # its relations
    return page


def test_each_representation_is_made_with_its_own_requests_context(page, home_page):
    first = representations.detail(page, _context("one.example", home_page))
    second = representations.detail(page, _context("two.example", home_page))

    assert first["url"] == "https://one.example/treatments/reused/"
    assert second["url"] == "https://two.example/treatments/reused/"
    assert "two.example" not in str(first) and "one.example" not in str(second)
    assert first["jsonld"]["url"] == first["url"]
    # The same bytes as a serializer built afresh for the request, as DRF would.
    fresh = TreatmentSerializer(page, context={"api": _context("two.example", home_page)})
    assert second == fresh.data


def test_a_tree_in_use_is_not_handed_out_again(page, home_page):
    one, two = _context("one.example", home_page), _context("two.example", home_page)

    with _serializer(TreatmentSerializer, one) as outer:
        with _serializer(TreatmentSerializer, two) as inner:
            assert inner is not outer
            assert inner.to_representation(page)["url"].startswith("https://two.example/")
        assert outer.to_representation(page)["url"].startswith("https://one.example/")


def test_a_tree_is_reused_after_a_failure_with_no_context_left_on_it(page, home_page):
    with pytest.raises(RuntimeError), _serializer(TreatmentSerializer, _context("a.x", home_page)):
        raise RuntimeError("a representation failed")

    with _serializer(TreatmentSerializer, _context("b.example", home_page)) as serializer:
        assert serializer.to_representation(page)["url"].startswith("https://b.example/")
    assert serializer.context == {}

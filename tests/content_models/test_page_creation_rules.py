"""Which page types may be created where: the site tree is home → indexes → content."""

import pytest
from wagtail.models import Page

from content_models.models import (
    ConditionIndexPage,
    ConditionPage,
    HomePage,
    TreatmentIndexPage,
    TreatmentPage,
)

# Declared, not only reached through getfixturevalue: pytest-django orders tests by their marks,
# and an unmarked test would run after the transactional ones, on a flushed database.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page_type", "parent_fixture", "allowed"),
    [
        (HomePage, "root", True),
        (TreatmentIndexPage, "home_page", True),
        (ConditionIndexPage, "home_page", True),
        (TreatmentPage, "treatment_index", True),
        (ConditionPage, "condition_index", True),
        (TreatmentPage, "home_page", False),
        (TreatmentPage, "condition_index", False),
        (ConditionPage, "treatment_index", False),
        (ConditionPage, "home_page", False),
        (TreatmentIndexPage, "root", False),
        (TreatmentIndexPage, "treatment_index", False),
        (HomePage, "home_page", False),
    ],
)
def test_page_types_can_only_be_created_in_their_place(request, page_type, parent_fixture, allowed):
    if parent_fixture == "root":
        request.getfixturevalue("home_page")
        parent = Page.get_first_root_node()
    else:
        parent = request.getfixturevalue(parent_fixture)

    assert page_type.can_create_at(parent) is allowed


def test_a_home_page_has_one_treatment_index_and_one_condition_index(
    treatment_index, condition_index
):
    home = treatment_index.get_parent()

    assert not TreatmentIndexPage.can_create_at(home)
    assert not ConditionIndexPage.can_create_at(home)


def test_treatments_and_conditions_have_no_child_pages():
    assert TreatmentPage.allowed_subpage_models() == []
    assert ConditionPage.allowed_subpage_models() == []

"""The demo's justifications match the flags the demo content actually raises."""

import pytest

from claims.checker import check_revision
from claims.demo_resolutions import DEMO_RESOLUTIONS, justification_for, justification_for_flag
from content_models.models import TreatmentPage
from demo.loader import DemoLoader, load_demo_data, read_source


@pytest.fixture
def demo_revisions(db):
    DemoLoader().run()
    page = TreatmentPage.objects.get(slug=load_demo_data()["treatment"]["slug"])
    return list(page.revisions.order_by("created_at"))


def test_every_flag_on_the_article_as_written_has_a_justification_and_none_is_stale(
    demo_revisions,
):
    as_written, reviewed = demo_revisions
    flags = check_revision(as_written)

    assert all(justification_for_flag(flag) for flag in flags)
    assert {(flag.rule, flag.sentence) for flag in flags} == set(DEMO_RESOLUTIONS)
    assert check_revision(reviewed) == []


def test_justifications_come_from_the_reviewers_notes():
    notes = read_source("notes")
    for justification in set(DEMO_RESOLUTIONS.values()):
        assert "ref" in justification or "marketing copy" in justification
    assert "marketing copy" in notes
    assert "12%" in notes and any("12%" in text for text in DEMO_RESOLUTIONS.values())


def test_lookup_ignores_case_spacing_and_hyphens():
    assert justification_for("non-addictive", "non addictive") == justification_for(
        "non-addictive", "Non-Addictive"
    )
    assert justification_for("non-addictive", "Something else") is None
    assert justification_for("cure", "Non-Addictive") is None

"""The demo's justifications match the flags the demo content actually raises."""

import pytest

from claims.checker import check_revision
from claims.demo_resolutions import (
    DEMO_RESOLUTIONS,
    TEMPORARY_SENSATIONS,
    justification_for,
    justification_for_flag,
)
from content_models.models import TreatmentPage
from demo.loader import DemoLoader, load_demo_data, read_source


@pytest.fixture
def demo_revisions(db):
    DemoLoader().run()
    page = TreatmentPage.objects.get(slug=load_demo_data()["treatment"]["slug"])
    return list(page.revisions.order_by("created_at"))


def test_every_flag_on_the_demo_has_a_justification_and_none_is_stale(demo_revisions):
    as_written, reviewed = demo_revisions
    flags = check_revision(as_written) + check_revision(reviewed)

    assert all(justification_for_flag(flag) for flag in flags)
    assert {(flag.rule, flag.sentence) for flag in flags} == set(DEMO_RESOLUTIONS)


def test_the_reviewed_wording_is_flagged_only_where_it_keeps_a_fact_the_notes_let_stand(
    demo_revisions,
):
    _, reviewed = demo_revisions
    flags = check_revision(reviewed)

    assert flags, "the reviewed wording keeps 'temporary … fade soon', which is flagged"
    assert {flag.rule for flag in flags} == {"side-effects-soon-pass"}
    assert {justification_for_flag(flag) for flag in flags} == {TEMPORARY_SENSATIONS}


def test_justifications_come_from_the_reviewers_notes():
    notes = read_source("notes")
    for justification in set(DEMO_RESOLUTIONS.values()):
        assert "ref" in justification or "marketing copy" in justification
    assert "marketing copy" in notes
    assert "12%" in notes and any("12%" in text for text in DEMO_RESOLUTIONS.values())


def test_lookup_ignores_case_spacing_and_hyphens():
    assert justification_for("denies-a-risk", "non addictive") == justification_for(
        "denies-a-risk", "Non-Addictive"
    )
    assert justification_for("denies-a-risk", "Something else") is None
    assert justification_for("cure-or-guarantee", "Non-Addictive") is None

"""check_object: every text field and block of a page or snippet, and the structural checks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from claims.checker import check_object, check_revision
from claims.structural import BENEFIT_WITHOUT_REFERENCE_RULE
from claims.walker import iter_text
from content_models.models import ConditionSynonym, TreatmentCondition, TreatmentPage
from demo.loader import DemoLoader, load_demo_data
from tests.factories import ConditionPageFactory, DisclaimerFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment(treatment_index, condition_index):
    page = TreatmentPageFactory(
        parent=treatment_index,
        title="Nerve blocks",
        slug="completely-safe-slug",
        seo_title="A miracle cure",
        search_description="Guaranteed results",
        summary="An injection near a nerve.",
        what_it_is=(
            "<h3>Overview</h3><p>A local anaesthetic.</p><p>It is <b>completely</b> safe.</p>"
        ),
        benefits__0__benefit__headline="Less pain",
        benefits__0__benefit__explanation=RichText("<p>Some people have less pain.</p>"),
        benefits__0__benefit__references__0__title="A trial of nerve blocks",
        benefits__1__benefit__headline="Short-term relief",
        benefits__1__benefit__explanation=RichText("<p>Relief within minutes.</p>"),
        benefits__2__benefit__headline="Fast recovery",
        benefits__2__benefit__explanation=RichText("<p>Most people go home the same day.</p>"),
        benefits__2__benefit__references__0__title="A cohort study",
        faqs__0__faq__question="Does it hurt?",
        faqs__0__faq__answer=RichText("<p>It is painless.</p>"),
        references__0__reference__title="Nerve blocks: a review",
        references__0__reference__finding="No side effects were reported.",
        references__0__reference__authors="Cure A, Miracle B",
    )
    condition = ConditionPageFactory(parent=condition_index, title="Back pain")
    TreatmentCondition.objects.create(
        treatment=page, condition=condition, note="It does not cause addiction."
    )
    return page


def _by_path(flags):
    return {(flag.path, flag.rule): flag for flag in flags}


def test_text_fields_rich_text_and_blocks_are_checked_with_their_location(treatment):
    flags = _by_path(check_object(treatment))

    safe = flags[("what_it_is", "absolute-safety")]
    assert safe.location == "What it is"
    assert safe.sentence == "It is completely safe."  # rich text read as plain text

    minutes = flags[("benefits.1.explanation", "results-within-a-time")]
    assert minutes.location == "Benefits › 2 › Explanation"
    assert minutes.sentence == "Relief within minutes."

    assert flags[("faqs.0.answer", "absolute-safety")].location == "FAQs › 1 › Answer"
    finding = flags[("references.0.finding", "absolute-safety")]
    assert finding.location == "References › 1 › Finding"


def test_child_relations_are_checked(treatment):
    flags = _by_path(check_object(treatment))

    note = flags[("condition_links.0.note", "denies-a-risk")]
    assert note.location == "Conditions treated › 1 › Note"
    assert note.sentence == "It does not cause addiction."


def test_synonyms_on_a_condition_page_are_checked(condition_index):
    page = ConditionPageFactory(parent=condition_index, title="Chronic pain")
    ConditionSynonym.objects.create(page=page, name="The miracle syndrome")

    [flag] = check_object(page)
    assert (flag.rule, flag.path, flag.location) == (
        "hope-and-hype",
        "synonyms.0.name",
        "Other names › 1 › Name",
    )


def test_non_content_fields_are_skipped(treatment):
    paths = {unit.path for unit in iter_text(treatment)}

    assert {"title", "summary", "what_it_is", "benefits.0.headline"} <= paths
    assert not {"slug", "url_path", "draft_title"} & paths
    assert "references.0.authors" not in paths
    assert not any(path.endswith((".doi", ".pmid", ".url")) for path in paths)


def test_what_search_engines_show_is_checked_but_not_scored_for_reading(treatment):
    from claims.readability import score_whole

    flags = _by_path(check_object(treatment))
    assert flags[("seo_title", "hope-and-hype")].location == "Title tag"
    assert any(path == "search_description" for path, _ in flags)

    scored = score_whole(treatment)
    treatment.seo_title = treatment.search_description = ""
    assert score_whole(treatment) == scored  # it repeats the page: no part of its score


def test_a_benefit_without_a_reference_is_flagged_as_missing_evidence(treatment):
    evidence = [flag for flag in check_object(treatment) if flag.category == "evidence"]

    assert [(flag.rule, flag.path, flag.location, flag.sentence) for flag in evidence] == [
        (BENEFIT_WITHOUT_REFERENCE_RULE, "benefits.1", "Benefits › 2", "Short-term relief")
    ]
    assert evidence[0].category_label == "Missing evidence"
    assert "Benefit without a reference" in evidence[0].explanation


def test_flags_come_in_document_order(treatment):
    paths = [flag.path for flag in check_object(treatment)]
    assert paths.index("what_it_is") < paths.index("benefits.1") < paths.index("faqs.0.answer")
    assert paths.index("benefits.1") < paths.index("benefits.1.explanation")


def test_rules_and_word_families_are_loaded_in_one_query_each_per_check(treatment):
    with CaptureQueriesContext(connection) as queries:
        check_object(treatment)
    sql = [q["sql"] for q in queries.captured_queries]
    assert len([q for q in sql if "claims_claimrule" in q]) == 1
    assert len([q for q in sql if "claims_wordfamily" in q]) == 1


def test_a_revision_is_checked_as_saved_not_as_live(treatment):
    revision = treatment.save_revision()
    treatment.summary = "A miracle injection."
    treatment.save_revision()

    assert not [flag for flag in check_revision(revision) if flag.path == "summary"]
    assert [flag.rule for flag in check_object(treatment) if flag.path == "summary"] == [
        "hope-and-hype"
    ]


def test_a_snippet_is_checked(db):
    disclaimer = DisclaimerFactory(text="<p>Our treatments are risk-free.</p>")
    [flag] = check_object(disclaimer)
    assert (flag.rule, flag.path, flag.location) == ("absolute-safety", "text", "Text")


@pytest.fixture
def demo_revisions(db):
    DemoLoader().run()
    page = TreatmentPage.objects.get(slug=load_demo_data()["treatment"]["slug"])
    as_written, reviewed = page.revisions.order_by("created_at")
    return as_written, reviewed


def test_the_demo_article_as_written_is_flagged(demo_revisions):
    as_written, _ = demo_revisions
    flags = check_revision(as_written)
    matched = {flag.matched_text for flag in flags}

    assert "does not suppress breathing or cause addiction" in matched
    assert {"Non-Addictive", "Minimal", "safer option", "within hours or days"} <= matched
    missing_evidence = [f.sentence for f in flags if f.rule == BENEFIT_WITHOUT_REFERENCE_RULE]
    assert len(missing_evidence) == 5
    steps = [flag for flag in flags if flag.path.startswith("steps.")]
    # "Each session lasts about 45 minutes to an hour" and the rest are not flagged; only
    # "these sensations are temporary and tend to fade soon" is.
    assert [flag.rule for flag in steps] == ["side-effects-soon-pass"]


def test_the_demo_reviewed_wording_is_flagged_only_for_what_the_notes_let_stand(demo_revisions):
    _, reviewed = demo_revisions
    flags = check_revision(reviewed)
    assert {flag.rule for flag in flags} == {"side-effects-soon-pass"}
    assert {flag.matched_text for flag in flags} == {"temporary"}

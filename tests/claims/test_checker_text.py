"""check_text against the seeded rules: every category, negation and hedging, word forms."""

import pytest

from claims.checker import check_text
from claims.flags import Flag, flag_key
from claims.models import ClaimCategory
from demo.loader import read_source

pytestmark = pytest.mark.django_db


def _categories(text: str, rules) -> set[str]:
    return {flag.category for flag in check_text(text, rules=rules)}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("This treatment is completely safe.", "safety"),
        ("Our injections have no side effects.", "safety"),
        ("Minimal side effects.", "minimisation"),
        ("Any soreness is temporary and soon fades.", "minimisation"),
        ("Our drips boost your energy.", "efficacy"),
        ("It resets your immune system.", "mechanism"),
        ("Spaces are limited, so book today.", "urgency"),
        ("Our injections are safe during pregnancy.", "vulnerable"),
        ("Laser surgery is risk-free.", "safety"),
        ("Acupuncture is painless.", "safety"),
        ("The programme is suitable for everyone.", "universal"),
        ("Our patches are non-addictive.", "risk_denial"),
        ("It does not cause addiction.", "risk_denial"),
        ("Ketamine does not suppress breathing.", "risk_denial"),
        ("There is no risk of dependence.", "risk_denial"),
        ("This cream cures eczema.", "cure"),
        ("Results are guaranteed.", "cure"),
        ("It is 100% effective.", "cure"),
        ("Laser hair removal gives permanent results.", "cure"),
        ("Instant relief from hay fever.", "speed"),
        ("Most people feel better within minutes.", "speed"),
        ("The tablets bring relief within hours.", "speed"),
        ("It is safer than opioids.", "comparison"),
        ("Unlike opioids, it does not cause constipation.", "comparison"),
        ("Physiotherapy is a safer option.", "comparison"),
        ("Our brace is clinically proven to reduce pain.", "proven"),
        ("The supplement is scientifically proven.", "proven"),
        ("The device is FDA approved for depression.", "regulatory"),
        ("A miracle for damaged joints.", "hype"),
        ("A breakthrough in pain care.", "hype"),
        ("A groundbreaking vaccine.", "hype"),
        ("A revolutionary approach to pain.", "hype"),
        ("“I felt the pain melt away after my first session,” says Margaret.", "testimonial"),
        # Missed until claims 0006: "nobody" and "impossible" deny; "always works" guarantees.
        ("Nobody has ever become addicted.", "risk_denial"),
        ("It is impossible to become addicted.", "risk_denial"),
        ("Ketamine always works.", "cure"),
        ("The patches never fail.", "cure"),
    ],
)
def test_each_category_is_flagged(text, category, rules):
    assert category in _categories(text, rules)


@pytest.mark.parametrize(
    "text",
    [
        "Each session lasts about 45 minutes to an hour.",
        "Common side effects include a sore arm, tiredness and a headache.",
        "Nerve damage after surgery is rare but can be permanent.",
        "If a fever develops within 48 hours of the vaccine, take paracetamol.",
        "Opioids can cause constipation, drowsiness and, with long use, dependence.",
        "Patients told us the waiting room was comfortable.",
        "Its ability to “reset” pain pathways is being studied.",
        "Your nurse may ask, “Can you feel this?”, to check the numbness.",
        "The procedure is done under local anaesthetic, so you stay awake.",
        "Secure the dressing and procure a repeat prescription.",  # "cure" inside words
    ],
)
def test_neutral_sentences_are_not_flagged(text, rules):
    assert check_text(text, rules=rules) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine is not a cure for chronic pain.",
        "Physiotherapy cannot cure arthritis, but it can keep your joints moving.",
        "There is no guarantee that surgery will help.",
        "Results vary from person to person.",
        "No treatment is completely safe.",
        "Acupuncture is not suitable for everyone.",
        "It is not a miracle cure.",
        "The effect may last weeks, not permanently.",
        "This has been shown in laboratory studies; it is not a proven benefit for patients.",
        "Ketamine is not FDA approved for chronic pain.",
        "No procedure is risk-free.",
    ],
)
def test_a_negated_benefit_is_hedging_and_is_not_flagged(text, rules):
    assert check_text(text, rules=rules) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine does not cause addiction.",
        "It is not addictive.",
        "There are no side effects.",
        "It won't make you drowsy.",
        "There is no risk of infection.",
    ],
)
def test_a_denial_of_a_risk_is_the_claim_and_is_flagged(text, rules):
    assert {"risk_denial", "safety"} & _categories(text, rules)


def test_a_negation_in_another_clause_does_not_hide_a_claim(rules):
    flags = check_text("If the pain does not improve, this treatment will cure it.", rules=rules)
    assert [flag.rule for flag in flags] == ["cure-or-guarantee"]
    flags = check_text("It is not addictive and it is completely safe.", rules=rules)
    assert {flag.rule for flag in flags} == {"denies-a-risk", "absolute-safety"}


@pytest.mark.parametrize(
    "text", ["It is non-addictive.", "It is non addictive.", "It is nonaddictive.", "NON-ADDICTIVE"]
)
def test_hyphenation_and_case_do_not_matter(text, rules):
    flags = check_text(text, rules=rules)
    assert [flag.rule for flag in flags] == ["denies-a-risk"]


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("It is a cure.", "cure"),
        ("It cures back pain.", "cures"),
        ("Many patients were cured.", "cured"),
        ("It is capable of curing migraines.", "curing"),
        ("The injection is pain-free.", "pain-free"),
        ("Our infusions are side-effect free.", "side-effect free"),
        ("Our infusions are side effect free.", "side effect free"),
        ("Laser surgery is risk free.", "risk free"),
    ],
)
def test_simple_inflections_match_and_the_matched_text_is_the_original_wording(
    text, matched, rules
):
    assert check_text(text, rules=rules)[0].matched_text == matched


def test_a_flag_carries_the_sentence_category_explanation_and_location(rules):
    text = "Each session lasts about an hour. Unlike opioids, it does not cause addiction."
    flags = check_text(text, rules=rules, location="How it works", path="how_it_works")

    by_rule = {flag.rule: flag for flag in flags}
    assert set(by_rule) == {"denies-a-risk", "unlike-other-treatments"}
    flag = by_rule["denies-a-risk"]
    assert flag.sentence == "Unlike opioids, it does not cause addiction."
    assert flag.matched_text == "does not cause addiction"
    assert flag.category == "risk_denial"
    assert flag.category_label == ClaimCategory.RISK_DENIAL.label
    assert "risk" in flag.explanation
    assert (flag.location, flag.path) == ("How it works", "how_it_works")
    assert flag.reason.startswith('Rule "denies-a-risk": the term "@negation ~ @harm" matched')


def test_one_flag_per_rule_per_sentence(rules):
    flags = check_text("Relief within hours, and results within minutes.", rules=rules)
    assert [flag.rule for flag in flags] == ["results-within-a-time"]


def test_the_key_is_stable_and_depends_on_rule_path_and_normalised_sentence(rules):
    [first] = check_text("It is Non-Addictive.", rules=rules, path="benefits.2.headline")
    [again] = check_text("It is  non addictive.", rules=rules, path="benefits.2.headline")
    [elsewhere] = check_text("It is non-addictive.", rules=rules, path="benefits.3.headline")

    assert (
        first.key
        == again.key
        == flag_key("denies-a-risk", "benefits.2.headline", "it is non addictive.")
    )
    assert first.key != elsewhere.key
    assert first.as_dict()["key"] == first.key


def test_flags_are_frozen_and_hashable():
    flag = Flag("cure", "cure", "Cure or guarantee", "…", "It cures.", "cures")
    with pytest.raises(AttributeError):
        flag.rule = "other"  # type: ignore[misc]
    assert len({flag, Flag("cure", "cure", "Cure or guarantee", "…", "It cures.", "cures")}) == 1


def test_the_article_as_written_is_flagged_where_the_reviewer_found_problems(rules):
    flags = check_text(read_source("article"), rules=rules)
    matched = {flag.matched_text.lower() for flag in flags}
    sentences = {flag.sentence for flag in flags}

    assert "does not suppress breathing or cause addiction" in matched
    assert "non-addictive" in matched
    assert "minimal" in matched
    assert any("a safer option for long-term pain management" in s for s in sentences)
    assert "within hours or days" in matched
    assert {"groundbreaking", "revolutionary", "cutting-edge"} <= matched
    assert not any(sentence.startswith("Each session lasts about 45") for sentence in sentences)


def test_testimonials_need_a_quotation_in_the_first_person(rules):
    assert _categories("'I've never felt better,' says Tom.", rules) == {"testimonial"}
    assert _categories("“After physio I was back on the court.”", rules) == {"testimonial"}
    assert _categories("Our patients' feedback is positive and I agree.", rules) == set()
    assert _categories("The doctor said “rest the knee for a week”.", rules) == set()

"""The language layer under the rules: lemmas, the term language, negation, hedges, citations,
counterweights and the subject of a claim."""

import pytest

from claims.analysis import analyse
from claims.balance import counterweight_in
from claims.citations import citation_in
from claims.lemmas import forms
from claims.modality import ANY, STRONG
from claims.subjects import Subject
from claims.terms import TermError, compile_family, find_all, parse_term


def _spans(term: str, sentence: str, families=None) -> list[str]:
    analysis = analyse(sentence)
    return [
        analysis.text_of(start, end)
        for start, end in find_all(parse_term(term), analysis.words, families or {})
    ]


@pytest.mark.parametrize(
    ("word", "key"),
    [("cures", "cure"), ("proven", "prove"), ("permanently", "permanent"), ("safer", "safe")],
)
def test_word_forms_reach_the_lemma(word, key):
    assert key in forms(word)


def test_terms_match_on_lemmas_exact_words_alternatives_numbers_and_gaps():
    assert _spans("cure", "It cured her.") == ["cured"]
    assert _spans("=better than", "It is good than.") == []
    assert _spans("safe|harmless", "It is harmless.") == ["harmless"]
    assert _spans("@number % of", "95% of patients") == ["95% of"]
    assert _spans("not ~ addictive", "It is not at all addictive.") == ["not at all addictive"]
    # A gap does not reach across a clause-joining word.
    assert _spans("not ~ addictive", "It is not for you and addictive.") == []
    # Hyphens read as spaces, in the text and in the term.
    assert _spans("risk-free", "It is risk-free.") == ["risk-free"]


def test_a_family_reference_matches_any_entry_and_the_longest_match_wins():
    families = {"harm": compile_family("addiction\nside effect\ncause")}
    assert _spans("not ~ @harm", "It does not cause addiction.", families) == [
        "not cause addiction"
    ]
    assert _spans("no @harm", "There are no side effects.", families) == ["no side effects"]


@pytest.mark.parametrize(
    ("term", "message"),
    [("~ safe", "must stand between"), ("safe ~", "must stand between"), ("sa$fe", "not a word")],
)
def test_a_malformed_term_is_an_error(term, message):
    with pytest.raises(TermError, match=message):
        parse_term(term)


def test_a_family_entry_is_plain_words():
    with pytest.raises(TermError):
        compile_family("@harm")


def test_negation_reaches_to_the_end_of_its_scope_only():
    analysis = analyse("It does not cause addiction, making it a safer option.")
    safer = next(i for i, t in enumerate(analysis.words.tokens) if t.text == "safer")
    cause = next(i for i, t in enumerate(analysis.words.tokens) if t.text == "cause")
    assert analysis.negation(cause, cause + 1, own=set()).text == "not"
    assert analysis.negation(safer, safer + 1, own=set()) is None


def test_hedges_qualify_their_clause_but_not_from_inside_a_relative_clause():
    analysis = analyse("Unlike pills that may take weeks, it works within hours.")
    within = next(i for i, t in enumerate(analysis.words.tokens) if t.text == "within")
    assert analysis.hedge(within, STRONG) is None
    analysis = analyse("Some people notice less pain within a week, but not everyone does.")
    within = next(i for i, t in enumerate(analysis.words.tokens) if t.text == "within")
    assert analysis.hedge(within, STRONG).text == "some"
    analysis = analyse("It can help with back pain.")
    assert analysis.hedge(2, STRONG) is None
    assert analysis.hedge(2, ANY).text == "can"
    assert analyse("Does it work?").hedge(0, STRONG).text == "?"


@pytest.mark.parametrize(
    "sentence",
    [
        "It helps (NICE, 2021).",
        "It helps [3].",
        "It helps (Smith et al., 2020).",
        "NICE guideline NG193 lists it.",
        "According to the British Dental Association, it helps.",
        "A Cochrane review found a small benefit.",
    ],
)
def test_citations_are_found(sentence):
    assert citation_in(sentence)


@pytest.mark.parametrize("sentence", ["It helps (IV).", "It helps (about 1 in 10).", "It helps."])
def test_brackets_without_a_source_are_not_citations(sentence):
    assert citation_in(sentence) is None


def test_a_counterweight_is_a_serious_or_quantified_risk_or_safety_netting():
    assert counterweight_in("Rarely, it causes a seizure.")
    assert counterweight_in("About 1 in 10 people get an infection.")
    assert counterweight_in("If the pain gets worse, call us.")
    assert counterweight_in("It can cause nausea, but this is temporary.") is None
    assert counterweight_in("If you are interested, contact us today!") is None


@pytest.mark.parametrize(
    ("sentence", "word", "subject"),
    [
        ("PRP reduces knee pain.", "reduces", Subject.TREATMENT),
        ("Some people notice less pain.", "notice", Subject.PEOPLE),
        ("Chiropractors mainly treat back problems.", "treat", Subject.PRACTITIONER),
        ("Studies show it works.", "show", Subject.EVIDENCE),
        ("Your liver clears waste.", "clears", Subject.BODY),
        ("The dose rises slowly to reduce side effects.", "reduce", Subject.PURPOSE),
        ("Its ability to reset pathways is new.", "reset", Subject.TREATMENT),
        ("Effective for back pain.", "effective", Subject.TREATMENT),
    ],
)
def test_the_subject_of_a_claim(sentence, word, subject):
    analysis = analyse(sentence)
    index = next(i for i, t in enumerate(analysis.words.tokens) if t.text == word)
    assert analysis.subject(index) == subject

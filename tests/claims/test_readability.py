"""Readability scores: Flesch reading ease, Flesch–Kincaid grade, reading age, a target."""

import pytest
from wagtail.rich_text import RichText

from claims.readability import (
    LONG_TEXT_WORDS,
    count_syllables,
    score_object,
    score_text,
    score_whole,
    target_grade,
)
from tests.factories import TreatmentPageFactory

EASY = (
    "You lie on a bed. A nurse puts a thin tube in your arm. It takes about an hour. "
    "You can go home after."
)
HARD = (
    "Ketamine, an N-methyl-D-aspartate receptor antagonist, is administered intravenously under "
    "continuous haemodynamic monitoring, notwithstanding considerable interindividual "
    "variability in pharmacokinetic parameters and contraindications encompassing "
    "uncontrolled cardiovascular disease and intracranial hypertension."
)


def test_easy_text_scores_a_lower_grade_and_higher_reading_ease_than_hard_text():
    easy, hard = score_text(EASY), score_text(HARD)

    assert easy.grade < 4 < 16 < hard.grade
    assert easy.flesch_reading_ease > 80 > 20 > hard.flesch_reading_ease
    assert easy.reading_age == pytest.approx(easy.grade + 5)
    assert easy.words == 24


def test_too_hard_honours_the_configured_target(settings):
    grade = score_text(HARD).grade

    settings.READABILITY_TARGET_GRADE = grade + 1
    assert target_grade() == grade + 1
    assert not score_text(HARD).too_hard

    settings.READABILITY_TARGET_GRADE = grade - 1
    assert score_text(HARD).too_hard
    assert f"harder than the target of grade {grade - 1:g}" in score_text(HARD).message

    settings.READABILITY_TARGET_GRADE = score_text(EASY).grade
    assert not score_text(EASY).too_hard  # at the target is within it


def test_the_default_target_is_grade_6(settings):
    if hasattr(settings, "READABILITY_TARGET_GRADE"):
        del settings.READABILITY_TARGET_GRADE
    assert target_grade() == 6
    assert score_text(HARD).too_hard and not score_text(EASY).too_hard
    assert "within the target of grade 6" in score_text(EASY).message


def test_empty_text_is_never_too_hard():
    score = score_text("   ")
    assert (score.words, score.grade, score.too_hard) == (0, 0.0, False)


def test_headings_count_as_sentences_rather_than_running_into_the_next():
    with_heading = score_text("What to expect\nYou lie on a bed. It takes an hour.")
    run_together = score_text("What to expect you lie on a bed. It takes an hour.")
    assert with_heading.grade < run_together.grade


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("cat", 1), ("the", 1), ("ketamine", 3), ("infusion", 3), ("administration", 5)],
)
def test_syllables_are_counted_without_a_dictionary_download(word, syllables, monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("readability must not download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    assert count_syllables(word) == syllables
    assert score_text(HARD).grade > 0


@pytest.mark.django_db
def test_a_page_is_scored_as_a_whole_and_each_long_text_on_its_own(treatment_index, settings):
    settings.READABILITY_TARGET_GRADE = 8
    page = TreatmentPageFactory(
        parent=treatment_index,
        summary="A short summary.",
        what_it_is=f"<p>{HARD}</p><p>{HARD}</p>",
        how_it_works=f"<p>{EASY} {EASY} {EASY}</p>",
        benefits__0__benefit__headline="Less pain",
        benefits__0__benefit__explanation=RichText(f"<p>{HARD}</p>"),
    )

    result = score_object(page)

    assert result.whole.words > 2 * LONG_TEXT_WORDS
    assert result.whole.target_grade == 8
    by_path = {score.path: score for score in result.long_texts}
    assert set(by_path) == {"what_it_is", "how_it_works"}  # the benefit has < 40 words
    assert by_path["what_it_is"].location == "What it is"
    assert by_path["what_it_is"].too_hard and not by_path["how_it_works"].too_hard
    assert by_path["what_it_is"] in result.too_hard
    assert by_path["how_it_works"] not in result.too_hard
    # What the API serves: the whole alone, the same score.
    assert score_whole(page) == result.whole

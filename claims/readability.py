"""Readability of patient information: Flesch reading ease, Flesch–Kincaid grade, reading age.

Words are counted with textstat. Syllables are not: textstat 0.7.13 counts English syllables
with NLTK's CMU dictionary, which it downloads on first use (that fails without network access,
and in production would write to the home directory at request time). They are counted here
with Pyphen's English hyphenation dictionary (textstat's own dependency, and the fallback it
uses itself), raised to the number of vowel groups where hyphenation undercounts ("ketamine"
hyphenates as two parts). The two Flesch formulas are the standard ones textstat implements.

Patient information should be readable at a reading age of about 9 to 11 (US grade 4 to 6).
The target grade is ``settings.READABILITY_TARGET_GRADE`` (default 6). Scores only warn: a
text above the target is marked ``too_hard``; nothing is blocked.

A page is scored as a whole (all its text) and each long text (a field or block of at least
``LONG_TEXT_WORDS`` words) on its own, so an editor can see which part to simplify.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import pyphen
import textstat
from django.conf import settings
from django.db import models

from .sentences import split_sentences
from .walker import SEARCH_FIELDS, iter_text

DEFAULT_TARGET_GRADE = 6
LONG_TEXT_WORDS = 40
# A US school grade is roughly the reading age minus five (grade 6 ≈ 11 years old).
READING_AGE_OFFSET = 5

_HYPHENATOR = pyphen.Pyphen(lang="en_US")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_WORDS = re.compile(r"[a-z]+(?:'[a-z]+)?")


@functools.lru_cache(maxsize=50_000)
def count_syllables(word: str) -> int:
    """Syllables in one English word: the larger of the hyphenation parts and the vowel groups
    (less a silent final "e"), at least one. Memoised: pages share most of their words, and the
    API scores each page it serves."""
    word = word.lower()
    vowel_groups = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and vowel_groups > 1:
        vowel_groups -= 1
    return max(1, vowel_groups, len(_HYPHENATOR.positions(word)) + 1)


def flesch_scores(text: str, sentences: int) -> tuple[float, float]:
    """(Flesch reading ease, Flesch–Kincaid grade) for text with the given sentence count."""
    words = _WORDS.findall(text.lower().replace("\u2019", "'"))
    if not words or not sentences:
        return 100.0, 0.0
    words_per_sentence = len(words) / sentences
    syllables_per_word = sum(count_syllables(word) for word in words) / len(words)
    ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    return ease, grade


def target_grade() -> float:
    return float(getattr(settings, "READABILITY_TARGET_GRADE", DEFAULT_TARGET_GRADE))


@dataclass(frozen=True)
class ReadabilityScore:
    words: int
    flesch_reading_ease: float
    """0–100; higher is easier. 60–70 is plain English; 80+ is easy."""
    grade: float
    """Flesch–Kincaid grade level (US school grade)."""
    reading_age: float
    """Approximate reading age in years: grade + 5."""
    target_grade: float
    too_hard: bool
    location: str = ""
    path: str = ""

    @property
    def message(self) -> str:
        level = f"Reading age about {self.reading_age:.0f} (grade {self.grade:.1f})"
        if not self.too_hard:
            return f"{level}: within the target of grade {self.target_grade:g}."
        return (
            f"{level}: harder than the target of grade {self.target_grade:g} "
            f"(reading age {self.target_grade + READING_AGE_OFFSET:g}). Use shorter sentences "
            "and everyday words."
        )


@dataclass(frozen=True)
class ObjectReadability:
    whole: ReadabilityScore
    """All the object's text together."""
    long_texts: list[ReadabilityScore] = field(default_factory=list)
    """Each field or block of at least LONG_TEXT_WORDS words, in document order."""

    @property
    def too_hard(self) -> list[ReadabilityScore]:
        """The whole and the long texts that are above the target, for warnings."""
        return [score for score in (self.whole, *self.long_texts) if score.too_hard]


def _sentences(text: str) -> list[str]:
    """Sentences as the checker splits them: headings and list items count as sentences
    (run together with the next sentence, they would overstate sentence length)."""
    return split_sentences(text)


def score_text(
    text: str, *, location: str = "", path: str = "", target: float | None = None
) -> ReadabilityScore:
    """Score plain text. An empty text scores as easy (grade 0) and is never too hard."""
    target = target_grade() if target is None else float(target)
    sentences = _sentences(text)
    joined = "\n".join(sentences)
    words = textstat.lexicon_count(joined) if joined else 0
    if not words:
        return ReadabilityScore(
            0, 100.0, 0.0, float(READING_AGE_OFFSET), target, False, location, path
        )
    ease, grade = flesch_scores(joined, len(sentences))
    grade = round(grade, 1)
    return ReadabilityScore(
        words=words,
        flesch_reading_ease=round(ease, 1),
        grade=grade,
        reading_age=round(grade + READING_AGE_OFFSET, 1),
        target_grade=target,
        too_hard=grade > target,
        location=location,
        path=path,
    )


def _prose(obj: models.Model):
    """The object's text that patients read as prose: not the references' titles and
    findings, which are citations, nor what search engines show (it repeats the page)."""
    return (unit for unit in iter_text(obj) if not unit.citation and unit.path not in SEARCH_FIELDS)


def score_whole(obj: models.Model) -> ReadabilityScore:
    """All of a page's or snippet's text scored as one: what the API serves, without scoring
    each long text again on its own as :func:`score_object` does for the editor's warnings."""
    return score_text("\n".join(unit.text for unit in _prose(obj)))


RECORD_FIELDS = ("words", "flesch_reading_ease", "grade", "reading_age")


def record_of(obj: models.Model) -> dict[str, float]:
    """The whole-text score of ``obj`` as a sign-off keeps it: the signed content cannot
    change, so neither can its score, and serving it costs no scoring per request."""
    whole = score_whole(obj)
    return {name: getattr(whole, name) for name in RECORD_FIELDS}


def score_object(obj: models.Model, *, target: float | None = None) -> ObjectReadability:
    """Score a page or snippet as a whole and each of its long texts on its own."""
    target = target_grade() if target is None else float(target)
    units = list(_prose(obj))
    whole = score_text("\n".join(unit.text for unit in units), target=target)
    long_texts = [
        score_text(unit.text, location=unit.location, path=unit.path, target=target)
        for unit in units
        if len(unit.text.split()) >= LONG_TEXT_WORDS
    ]
    return ObjectReadability(whole=whole, long_texts=long_texts)

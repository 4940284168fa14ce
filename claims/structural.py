"""Structural checks: wording or shape the rules cannot express as a pattern, kept in code.

- A testimonial: a quotation in the first person ("“I felt the pain melt away,” says …"), a
  patient's experience offered as evidence.
- A patient's story: a sentence that starts with a person's name and tells, in the past tense
  and the third person, what happened to them ("Sarah lost 20 kg and says she …").
- A benefit without a reference: a BenefitBlock whose ``references`` list is empty.
"""

from __future__ import annotations

import re

from content_models.blocks import BenefitBlock

from .flags import Flag
from .models import ClaimCategory
from .tokens import tokenise
from .walker import BlockUnit

TESTIMONIAL_RULE = "testimonial"
TESTIMONIAL_EXPLANATION = (
    "A quoted first-person experience is a testimonial: one person's experience is not "
    "evidence that a treatment works or is safe. Remove it, or make sure it claims nothing the "
    "evidence does not support and that it is clearly one person's experience."
)
PATIENT_STORY_RULE = "patient-story"
PATIENT_STORY_EXPLANATION = (
    "A named patient's story is a testimonial: one person's experience is not evidence that a "
    "treatment works or is safe. Remove it, or make clear it is one person's experience and "
    "that it claims nothing the evidence does not support."
)
BENEFIT_WITHOUT_REFERENCE_RULE = "benefit-without-reference"
BENEFIT_WITHOUT_REFERENCE_EXPLANATION = (
    "Benefit without a reference: every benefit needs the evidence that supports it. Add a "
    "reference, or remove or reword the benefit."
)

_OPENING_QUOTES = "\u201c\u201e\u00ab"
_CLOSING_QUOTES = "\u201d\u00bb"
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")
_CURLY_APOSTROPHE = str.maketrans({"\u2019": "'"})
_MIN_QUOTED_WORDS = 3


def _is_single_quote_opening(sentence: str, index: int) -> bool:
    before = sentence[index - 1] if index else " "
    after = sentence[index + 1] if index + 1 < len(sentence) else " "
    return (before.isspace() or before in "([") and not after.isspace()


def _is_single_quote_closing(sentence: str, index: int) -> bool:
    before = sentence[index - 1] if index else " "
    after = sentence[index + 1] if index + 1 < len(sentence) else " "
    return not before.isspace() and not after.isalnum()


def quoted_segments(sentence: str) -> list[str]:
    """The quoted parts of a sentence.

    Double quotes (curly or straight): a quotation that opens and does not close (the sentence
    splitter may have split it) runs to the end; one that closes without opening (its start is
    in the previous sentence) runs from the start. Single quotes (curly or straight) count only
    in pairs, since the same mark is an apostrophe ("I've", "patients'").
    """
    segments: list[str] = []
    start: int | None = None
    straight_open = False
    single_start: int | None = None
    for index, character in enumerate(sentence):
        if character in _OPENING_QUOTES or (character == '"' and not straight_open):
            straight_open = character == '"'
            start = index + 1
        elif character in _CLOSING_QUOTES or (character == '"' and straight_open):
            straight_open = False
            segments.append(sentence[0 if start is None else start : index])
            start = None
        elif character in "'\u2018\u2019":
            if single_start is None:
                if character != "\u2019" and _is_single_quote_opening(sentence, index):
                    single_start = index + 1
            elif character != "\u2018" and _is_single_quote_closing(sentence, index):
                segments.append(sentence[single_start:index])
                single_start = None
    if start is not None:
        segments.append(sentence[start:])
    return segments


def find_testimonial(sentence: str) -> str | None:
    """The quoted first-person words in the sentence, if any ("scare quotes" around a word or
    two, and quotations in the second or third person, are not testimonials)."""
    for segment in quoted_segments(sentence):
        words = segment.translate(_CURLY_APOSTROPHE)
        if len(words.split()) >= _MIN_QUOTED_WORDS and _FIRST_PERSON.search(words):
            return segment.strip()
    return None


def testimonial_flag(sentence: str, location: str, path: str) -> Flag | None:
    quoted = find_testimonial(sentence)
    if quoted is None:
        return None
    return Flag(
        rule=TESTIMONIAL_RULE,
        category=ClaimCategory.TESTIMONIAL.value,
        category_label=ClaimCategory.TESTIMONIAL.label,
        explanation=TESTIMONIAL_EXPLANATION,
        sentence=sentence,
        matched_text=quoted,
        location=location,
        path=path,
        reason="Structural check: a quotation of three or more words in the first person.",
    )


_THIRD_PERSON = frozenset({"he", "she", "his", "her", "him", "hers", "himself", "herself"})


def _is_past_tense(word: str, lemma: str) -> bool:
    if word == lemma or word in (lemma + "s", lemma + "es"):
        return False
    return word.endswith("ed") or lemma in {
        "be",
        "have",
        "lose",
        "feel",
        "find",
        "get",
        "go",
        "come",
        "give",
        "say",
        "begin",
        "take",
        "make",
    }


def find_patient_story(sentence: str) -> str | None:
    """The name and verb that open a third-person story about a named person, if any."""
    words = [token for token in tokenise(sentence) if token.is_word]
    if len(words) < 4 or not any(token.text in _THIRD_PERSON for token in words[2:]):
        return None
    name, verb = words[0], words[1]
    if not name.capitalised or name.acronym or not name.text.isalpha():
        return None
    if name.lemma != name.text or not _is_past_tense(verb.text, verb.lemma):
        return None
    return sentence[name.start : verb.end]


def patient_story_flag(sentence: str, location: str, path: str) -> Flag | None:
    opening = find_patient_story(sentence)
    if opening is None:
        return None
    return Flag(
        rule=PATIENT_STORY_RULE,
        category=ClaimCategory.TESTIMONIAL.value,
        category_label=ClaimCategory.TESTIMONIAL.label,
        explanation=PATIENT_STORY_EXPLANATION,
        sentence=sentence,
        matched_text=opening,
        location=location,
        path=path,
        reason="Structural check: a sentence that opens with a name and a past-tense verb and "
        "goes on in the third person.",
    )


def benefit_flag(unit: BlockUnit) -> Flag | None:
    """A flag if the block is a benefit that cites no reference."""
    if not isinstance(unit.block, BenefitBlock) or list(unit.value.get("references") or []):
        return None
    headline = str(unit.value.get("headline") or "").strip() or "(a benefit with no headline)"
    return Flag(
        rule=BENEFIT_WITHOUT_REFERENCE_RULE,
        category=ClaimCategory.EVIDENCE.value,
        category_label=ClaimCategory.EVIDENCE.label,
        explanation=BENEFIT_WITHOUT_REFERENCE_EXPLANATION,
        sentence=headline,
        matched_text=headline,
        location=unit.location,
        path=unit.path,
        reason="Structural check: a benefit block whose references list is empty.",
    )

"""Who or what a claim is about: the treatment, the reader, other people, a practitioner, a
source of evidence or a part of the body.

"PRP **reduces** pain" is a claim about the treatment; "some **people** notice less pain",
"**chiropractors** mainly treat back problems", "**studies** of it are small" and "your
**liver** clears waste" are not. Without a parser, the subject is the nearest word before the
claim in its chunk that is not an auxiliary, modal, adverb or linking word; a word that is in
none of the lists below is taken to name the treatment, which is what a patient page is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from .tokens import Token


class Subject(StrEnum):
    TREATMENT = "treatment"
    READER = "reader"
    PEOPLE = "people"
    PRACTITIONER = "practitioner"
    EVIDENCE = "evidence"
    BODY = "body"
    PURPOSE = "a purpose"
    """"… increased slowly to reduce side effects": an infinitive of purpose, not a claim."""


_LEXICON: dict[Subject, frozenset[str]] = {
    Subject.READER: frozenset({"you", "yourself", "i", "me"}),
    Subject.PEOPLE: frozenset(
        {
            "people",
            "patient",
            "person",
            "woman",
            "man",
            "men",
            "women",
            "adult",
            "client",
            "customer",
            "individual",
            "participant",
            "user",
            "mother",
            "parent",
            "child",
            "teenager",
            "other",
            "others",
            "group",
            "she",
            "he",
            "family",
            "partner",
        }
    ),
    Subject.PRACTITIONER: frozenset(
        {
            "we",
            "us",
            "doctor",
            "team",
            "surgeon",
            "chiropractor",
            "physiotherapist",
            "clinic",
            "nurse",
            "specialist",
            "dentist",
            "practitioner",
            "prescriber",
            "gp",
            "consultant",
            "midwife",
            "optometrist",
            "pharmacist",
            "staff",
            "clinician",
            "therapist",
            "osteopath",
            "acupuncturist",
            "hospital",
            "nhs",
            "service",
        }
    ),
    Subject.EVIDENCE: frozenset(
        {
            "study",
            "research",
            "researcher",
            "trial",
            "review",
            "evidence",
            "guideline",
            "guidance",
            "nice",
            "data",
            "science",
            "scientist",
            "expert",
            "literature",
            "analysis",
            "label",
            "leaflet",
            "claim",
            "result",
            "finding",
            "report",
        }
    ),
    Subject.BODY: frozenset(
        {
            "body",
            "liver",
            "kidney",
            "brain",
            "skin",
            "heart",
            "bone",
            "blood",
            "gut",
            "bowel",
            "muscle",
            "nerve",
            "eye",
            "ear",
            "tooth",
            "teeth",
            "gum",
            "hair",
            "symptom",
            "pain",
            "condition",
            "illness",
            "disease",
            "problem",
        }
    ),
}
# Words passed over on the way back to the subject.
_PASS_OVER = frozenset(
    {"is", "be", "are", "was", "were", "been", "being", "am", "will", "would", "can", "could",
     "shall", "should", "must", "may", "might", "do", "does", "did", "have", "has", "had",
     "to", "that", "also", "all", "really", "truly", "particularly", "highly", "successfully",
     "quickly", "just", "only", "even", "still", "then", "now", "often", "always", "usually",
     "both", "actually", "clearly", "simply", "not", "never", "further", "already", "directly"}
)  # fmt: skip
_IMPERATIVES = frozenset(
    {"seek", "tell", "call", "ask", "take", "come", "book", "contact", "report", "see", "keep",
     "avoid", "stop", "start", "make", "let", "feel", "lose", "experience", "say", "regain",
     "get", "enjoy", "discover", "try", "read", "find", "secure", "reserve", "don't",
     "act", "join", "give", "choose", "speak", "talk", "visit", "check", "wait", "rest"}
)  # fmt: skip


def _kind(token: Token) -> Subject | None:
    for kind, words in _LEXICON.items():
        if token.text in words or token.lemma in words:
            return kind
    return None


# "helps to reduce", "its ability to reset": an infinitive after these is still a claim.
_ENABLING = frozenset(
    {"help", "helps", "helped", "able", "ability", "allow", "allows", "capable", "proven",
     "shown", "guaranteed", "going", "designed", "known", "said", "claimed"}
)  # fmt: skip


def _passed_over(token: Token) -> bool:
    return not token.is_word or token.text in _PASS_OVER or token.text.endswith("ly")


def subject_anchors(tokens: Sequence[Token], chunks: Sequence[int]) -> list[int | None]:
    """For each word, the nearest word before it in its chunk that is not passed over (None if
    there is none): where :func:`subject_of` finds the subject, for every word in one pass."""
    anchors: list[int | None] = []
    last: int | None = None
    for position, token in enumerate(tokens):
        if position and chunks[position] != chunks[position - 1]:
            last = None
        anchors.append(last)
        if not _passed_over(token):
            last = position
    return anchors


def subject_of(
    tokens: Sequence[Token],
    chunks: Sequence[int],
    index: int,
    *,
    anchors: Sequence[int | None] | None = None,
) -> Subject:
    """What the claim at word ``index`` is said of (``anchors``: :func:`subject_anchors` of the
    same words, so that many claims in one long sentence cost one pass)."""
    if index >= 2 and tokens[index - 1].text == "to" and tokens[index - 2].text not in _ENABLING:
        return Subject.PURPOSE
    position = (anchors if anchors is not None else subject_anchors(tokens, chunks))[index]
    if position is not None:
        token = tokens[position]
        if position == 0 and token.text in _IMPERATIVES:
            return Subject.READER
        return _kind(token) or Subject.TREATMENT
    first = tokens[0] if tokens else None
    if first is not None and first.text in _IMPERATIVES and index == 0:
        return Subject.READER
    return Subject.TREATMENT

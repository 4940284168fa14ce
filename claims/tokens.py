"""A sentence as a list of tokens: words (with their lemmas) and the punctuation between them.

Offsets point into the original sentence, so a flag can quote the wording exactly as written.
Contractions are expanded ("don't" → "do" "not", "won't" → "will" "not") and "non" is split
off a word ("nonaddictive" → "non" "addictive"), so negation and modality are found the same
way however they are spelt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lemmas import forms, lemma
from .sentences import normalise_for_matching

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?|%|[,;:()\[\]!?\"]")
_CONTRACTIONS = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}
# "isn't" → "is" "not"; "it's" → "it" "is"; "you're" → "you" "are"; "you'll" → "you" "will".
_SUFFIXES = {"n't": "not", "'s": "is", "'re": "are", "'ll": "will", "'ve": "have", "'m": "am"}
_SUFFIXES_KEPT_AS_POSSESSIVE = {"'s"}
_PRONOUNS_WITH_IS = frozenset({"it", "that", "there", "what", "he", "she", "who", "here"})


@dataclass(frozen=True)
class Token:
    text: str
    """The word in lower case (for punctuation, the mark itself)."""
    lemma: str
    keys: frozenset[str]
    """Everything a rule word may match: the word, its lemma, an adverb's adjective."""
    start: int
    end: int
    """Offsets into the original sentence."""
    is_word: bool
    capitalised: bool = False
    acronym: bool = False


_NON_PREFIX_MIN_REST = 6


def _split_contraction(word: str) -> tuple[str, ...]:
    lower = word.lower()
    if lower.startswith("non") and len(lower) - 3 >= _NON_PREFIX_MIN_REST:
        return ("non", lower[3:])  # "nonaddictive" reads as "non addictive"
    if lower in _CONTRACTIONS:
        return _CONTRACTIONS[lower]
    for suffix, expansion in _SUFFIXES.items():
        if lower.endswith(suffix) and len(lower) > len(suffix):
            head = lower[: -len(suffix)]
            if suffix in _SUFFIXES_KEPT_AS_POSSESSIVE and head not in _PRONOUNS_WITH_IS:
                return (head,)  # a possessive: "the brain's" → "brain"
            if suffix == "n't" and head == "ca":
                head = "can"
            return (head, expansion)
    return (lower,)


def tokenise(sentence: str) -> list[Token]:
    """The sentence's words and punctuation marks, in order, with lemmas and offsets."""
    normalised, origins = normalise_for_matching(sentence)
    tokens: list[Token] = []
    for match in _TOKEN.finditer(normalised):
        start, end = origins[match.start()], origins[match.end() - 1] + 1
        surface = match.group()
        if surface == "%":
            tokens.append(Token("%", "%", frozenset({"%"}), start, end, True))
            continue
        if not (surface[0].isalnum()):
            tokens.append(Token(surface, surface, frozenset({surface}), start, end, False))
            continue
        for part in _split_contraction(surface):
            tokens.append(
                Token(
                    text=part,
                    lemma=lemma(part),
                    keys=forms(part),
                    start=start,
                    end=end,
                    is_word=True,
                    capitalised=surface[0].isupper(),
                    acronym=len(surface) > 1 and surface.isupper() and surface.isalpha(),
                )
            )
    return tokens

"""Words to lemmas, so that a rule written as "cure" also finds "cures", "cured" and "curing".

simplemma ships its English lexicon inside the package (nothing is downloaded at run time). A
few irregular forms it gets wrong are corrected here, and adverbs are also reduced to their
adjective ("permanently" → "permanent"), so a rule needs only the base word.
"""

from __future__ import annotations

from functools import lru_cache

import simplemma

# Forms simplemma leaves alone or gets wrong that matter for claims.
_OVERRIDES = {
    "gone": "go",
    "felt": "feel",
    "cannot": "can",
    "lasting": "lasting",
    "proven": "prove",
    "kids": "kid",
    "healing": "heal",
    "detox": "detox",
    "data": "data",
    "news": "news",
    "ones": "one",
    "worse": "bad",
    "worst": "bad",
}


@lru_cache(maxsize=20_000)
def lemma(word: str) -> str:
    """The dictionary form of one lower-case word."""
    if word in _OVERRIDES:
        return _OVERRIDES[word]
    if not word.isalpha():
        return word
    return simplemma.lemmatize(word, lang="en").lower()


@lru_cache(maxsize=20_000)
def adverb_bases(word: str) -> frozenset[str]:
    """The adjectives an adverb may come from ("permanently" → "permanent", "gently" →
    "gentle", "scientifically" → "scientific"); empty for a word that is not one."""
    if len(word) < 6 or not word.endswith("ly"):
        return frozenset()
    stem = word[:-2]
    bases = {stem, stem + "le"}
    if word.endswith("ically"):
        bases.add(word[: -len("ally")])
    if word.endswith("ily"):
        bases.add(word[: -len("ily")] + "y")
    return frozenset(bases)


@lru_cache(maxsize=20_000)
def forms(word: str) -> frozenset[str]:
    """Every key a word can be matched under: itself, its lemma, and an adverb's adjective."""
    keys = {word, lemma(word)}
    for base in adverb_bases(word):
        keys.update({base, lemma(base)})
    return frozenset(keys)

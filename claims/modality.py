"""Negation and hedging: whether a claim is denied, questioned or qualified where it stands.

A negation before a claim in the same scope ("is **not** a cure", "there is **no** guarantee",
"**no** treatment is completely safe", "there is **no** evidence that it works") turns a
benefit claim into hedging. A denial of a *risk* is different: there the negation is part of
the rule's own terms ("not ~ @harm"), so it is the claim, not a hedge on it.

Hedges come in two strengths. Strong ones ("may", "might", "some people", "whether", a
question) qualify any claim; weak ones ("can", "usually", "often", "most") qualify a plain
statement that a treatment works, but not a promise of speed, a cure or a guarantee ("it can
provide relief within hours" is still a promise).
"""

from __future__ import annotations

from collections.abc import Sequence

from .tokens import Token

NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "without", "non",
     "cannot", "lack", "lacks"}
)  # fmt: skip
# "not only safe but …", "no more pain", "no longer in pain" do not negate what follows.
_NOT_NEGATING_BEFORE = frozenset({"only", "just", "merely", "more", "longer", "less"})
_NEGATION_WINDOW = 8

STRONG_HEDGES = frozenset(
    {"may", "might", "could", "possibly", "perhaps", "probably", "suggest", "think",
     "believe", "seem", "whether", "some", "uncertain", "unclear", "unknown",
     "limited", "mixed", "weak", "moderate", "modest", "early", "few", "sometimes",
     "occasionally", "potentially", "vary", "varies", "depend", "depends",
     "consider", "considered"}
)  # fmt: skip
WEAK_HEDGES = frozenset(
    {"can", "usually", "often", "generally", "typically", "most", "many", "tend", "normally",
     "likely", "aim", "ordinarily", "frequently", "commonly"}
)  # fmt: skip
_UNDER_STUDY = frozenset(
    {"studied", "tested", "investigated", "researched", "trialled", "explored"}
)
STRONG = "strong"
ANY = "any"


def negation_before(
    tokens: Sequence[Token], scopes: Sequence[int], start: int, *, skip: range = range(0)
) -> Token | None:
    """The negation that governs the word at ``start``, if any: one of the few words before
    it in the same scope (words in ``skip``, the claim's own words, do not count)."""
    scope = scopes[start]
    first = max(0, start - _NEGATION_WINDOW)
    for index in range(start - 1, first - 1, -1):
        if scopes[index] != scope:
            break
        token = tokens[index]
        if index in skip or not token.is_word:
            continue
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if token.text in NEGATIONS and following not in _NOT_NEGATING_BEFORE:
            return token
    return None


def hedge_in(tokens: Sequence[Token], strength: str) -> Token | None:
    """The first hedge among the tokens, of the given strength ("strong", or "any")."""
    for index, token in enumerate(tokens):
        if not token.is_word:
            if token.text == "?":
                return token
            continue
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if token.lemma == "appear" and following == "to":
            return token  # "it appears to help"; but "results appear overnight" is no hedge
        if token.text == "being" and following in _UNDER_STUDY:
            return token  # "it is being studied", "being tested in trials"
        if token.text in STRONG_HEDGES or token.lemma in STRONG_HEDGES:
            return token
        if strength == ANY and (token.text in WEAK_HEDGES or token.lemma in WEAK_HEDGES):
            return token
    return None

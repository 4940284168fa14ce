"""Where a sentence's clauses begin and end, at two grains.

- A *chunk* ends at any mark but a comma and before a clause-joining word ("and", "but", "if",
  "because", "which" …): a rule's gap does not cross one.
- A *scope* is a chunk that also ends at a comma: a negation reaches only to the end of its
  scope ("it is not addictive and it is completely safe", "it does not cause addiction, making
  it a safer option": the second claim stands).
- A *clause* ends at a semicolon, colon or dash and before a contrasting word ("but",
  "although", "however" …): a hedge such as "may" or "some people" qualifies its clause
  ("some people notice less pain within a week, but …"); a bracket belongs to its clause.
- A *relative clause* runs from "that", "which" or "who" to the next comma: a "may" inside one
  does not hedge the main claim ("unlike medicines that **may** take weeks, it relieves pain
  within hours").
"""

from __future__ import annotations

from .tokens import Token

CHUNK_JOINERS = frozenset(
    {"and", "but", "although", "though", "while", "whereas", "however", "so", "because",
     "unless", "until", "if", "when", "which", "since", "once", "whilst", "yet", "then"}
)  # fmt: skip
CLAUSE_CONTRASTS = frozenset(
    {"but", "although", "though", "however", "whereas", "while", "whilst", "yet", "unless"}
)
_CHUNK_MARKS = frozenset(';:()[]!?"')
_CLAUSE_MARKS = frozenset(";:!?")
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose", "where"})


def chunk_ids(tokens: list[Token]) -> list[int]:
    """For each token, the number of the chunk it stands in."""
    ids, current = [], 0
    for token in tokens:
        if (not token.is_word and token.text in _CHUNK_MARKS) or (
            token.is_word and token.text in CHUNK_JOINERS
        ):
            current += 1
        ids.append(current)
    return ids


def scope_ids(tokens: list[Token]) -> list[int]:
    """For each token, the number of the negation scope it stands in."""
    ids, current = [], 0
    for token in tokens:
        if (not token.is_word and token.text in _CHUNK_MARKS | {","}) or (
            token.is_word and token.text in CHUNK_JOINERS
        ):
            current += 1
        ids.append(current)
    return ids


def clause_ids(tokens: list[Token]) -> list[int]:
    """For each token, the number of the clause it stands in."""
    ids, current = [], 0
    for token in tokens:
        if (not token.is_word and token.text in _CLAUSE_MARKS) or (
            token.is_word and token.text in CLAUSE_CONTRASTS
        ):
            current += 1
        ids.append(current)
    return ids


def relative_clause_ids(tokens: list[Token]) -> list[int | None]:
    """For each token, the number of the relative clause it stands in, or None."""
    ids: list[int | None] = []
    current: int | None = None
    count = 0
    for token in tokens:
        if not token.is_word and token.text in ",;:()[]!?":
            current = None
        elif token.is_word and token.text in RELATIVE_PRONOUNS:
            count += 1
            current = count
        ids.append(current)
    return ids

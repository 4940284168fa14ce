"""The small language of rule terms: word sequences matched on lemmas, with word families.

One term per line. Inside a term, words are separated by spaces and each is one of:

- ``cure``: the word in any of its forms ("cures", "cured", "curing"): it matches on lemmas;
- ``=better``: exactly this word, no other form;
- ``safe|harmless``: any of the alternatives;
- ``@harm``: any word or phrase of the word family "harm" (Snippets → Word families);
- ``@number``: a number ("95", "2,000", "nine", "thousands"), built in;
- ``~``: up to four words of the same clause in between ("not ~ addictive" finds "not at all
  addictive", "not in any way addictive").

Hyphens in the text read as spaces, so write "risk free" for "risk-free".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .lemmas import lemma
from .tokens import Token

GAP = "~"
NUMBER = "@number"
NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "twenty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million",
     "millions", "dozen", "dozens"}
)  # fmt: skip
MAX_GAP = 4
_WORD = re.compile(r"^=?[a-z0-9%']+$")
_FAMILY = re.compile(r"^@[a-z0-9-]+$")


class TermError(ValueError):
    pass


@dataclass(frozen=True)
class Word:
    keys: frozenset[str]
    exact: bool = False

    def matches(self, token: Token) -> bool:
        if self.exact:
            return token.text in self.keys
        return not self.keys.isdisjoint(token.keys)


@dataclass(frozen=True)
class FamilyRef:
    name: str


@dataclass(frozen=True)
class Gap:
    pass


@dataclass(frozen=True)
class Number:
    def matches(self, token: Token) -> bool:
        return token.text.isdigit() or token.text in NUMBER_WORDS


Element = Word | FamilyRef | Gap | Number
Term = tuple[Element, ...]


def _word(text: str) -> Word:
    exact = text.startswith("=")
    keys: set[str] = set()
    for alternative in text.lstrip("=").split("|"):
        if not _WORD.match(alternative):
            raise TermError(f'"{alternative}" is not a word: use letters, digits, % or \'.')
        keys |= {alternative} if exact else {alternative, lemma(alternative)}
    return Word(frozenset(keys), exact)


def parse_term(text: str) -> Term:
    """One line of a rule's terms, compiled; TermError says what is wrong with it."""
    elements: list[Element] = []
    parts = [
        piece
        for part in text.lower().split()
        for piece in ([part] if part.startswith("@") else part.replace("-", " ").split())
    ]
    for part in parts:
        if part == GAP:
            if not elements or isinstance(elements[-1], Gap):
                raise TermError(f'"{GAP}" must stand between two words.')
            elements.append(Gap())
        elif part == NUMBER:
            elements.append(Number())
        elif _FAMILY.match(part):
            elements.append(FamilyRef(part[1:]))
        else:
            elements.append(_word(part))
    if not elements:
        raise TermError("A term needs at least one word.")
    if isinstance(elements[-1], Gap):
        raise TermError(f'"{GAP}" must stand between two words.')
    return tuple(elements)


def parse_terms(text: str) -> list[tuple[str, Term]]:
    """Every non-blank line of a terms field, with the line it came from."""
    terms = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append((line, parse_term(line)))
    return terms


def family_references(term: Term) -> set[str]:
    return {element.name for element in term if isinstance(element, FamilyRef)}


def compile_family(words: str) -> tuple[Term, ...]:
    """A word family's entries (one word or phrase a line) as terms without references."""
    entries = []
    for line, term in parse_terms(words):
        if any(isinstance(element, FamilyRef | Gap) for element in term):
            raise TermError(f'"{line}": a family entry is plain words (no "@" or "{GAP}").')
        entries.append(term)
    return tuple(entries)


Families = Mapping[str, Sequence[Term]]


@dataclass(frozen=True)
class Words:
    """The word tokens of a sentence, and for each the chunk it stands in: a gap may not
    reach across a clause-joining word ("and", "but", "if" …) or a mark other than a comma."""

    tokens: tuple[Token, ...]
    chunks: tuple[int, ...]


def _ends(elements: Term, index: int, words: Words, families: Families) -> set[int]:
    """Every end (exclusive) of a match of ``elements`` starting at word ``index``."""
    if not elements:
        return {index}
    head, rest = elements[0], elements[1:]
    tokens = words.tokens
    ends: set[int] = set()
    if isinstance(head, Gap):
        chunk = words.chunks[index - 1]
        for skip in range(MAX_GAP + 1):
            position = index + skip
            if position >= len(tokens) or words.chunks[position] != chunk:
                break
            ends |= _ends(rest, position, words, families)
        return ends
    if index >= len(tokens):
        return ends
    if isinstance(head, Word | Number):
        return _ends(rest, index + 1, words, families) if head.matches(tokens[index]) else ends
    for entry in families.get(head.name, ()):
        for after in _ends(entry, index, words, families):
            ends |= _ends(rest, after, words, families)
    return ends


def find_all(term: Term, words: Words, families: Families) -> list[tuple[int, int]]:
    """Every (start, end) word span where the term matches, left to right, not overlapping;
    the longest match at each start, so the reviewer sees the whole phrase."""
    spans = []
    index = 0
    while index < len(words.tokens):
        end = max(_ends(term, index, words, families), default=None)
        if end is not None and end > index:
            spans.append((index, end))
            index = end
        else:
            index += 1
    return spans


def matches_anywhere(terms: Sequence[Term], words: Words, families: Families) -> bool:
    return any(find_all(term, words, families) for term in terms)


__all__ = [
    "Families",
    "Term",
    "TermError",
    "Words",
    "compile_family",
    "family_references",
    "find_all",
    "matches_anywhere",
    "parse_term",
    "parse_terms",
]

"""One sentence analysed once for every rule: tokens and lemmas, chunks and clauses, whether it
cites a source, states a risk or gives safety-netting advice, and whether it is a question."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from .balance import counterweight_in
from .citations import citation_in
from .clauses import chunk_ids, clause_ids, relative_clause_ids, scope_ids
from .modality import NEGATIONS, hedge_in, negation_before
from .sentences import normalise_for_matching
from .subjects import Subject, subject_anchors, subject_of
from .terms import Words
from .tokens import Token, tokenise


@dataclass(frozen=True)
class Analysis:
    sentence: str
    normalised: str
    origins: tuple[int, ...]
    """For each character of ``normalised``, its index in ``sentence``."""
    words: Words
    clauses: tuple[int, ...]
    """For each word, the number of its clause (see ``claims.clauses``)."""
    relatives: tuple[int | None, ...]
    """For each word, the number of the relative clause it stands in, if any."""
    scopes: tuple[int, ...]
    """For each word, the number of the negation scope it stands in."""

    @cached_property
    def citation(self) -> str | None:
        return citation_in(self.sentence)

    @cached_property
    def counterweight(self) -> str | None:
        return counterweight_in(self.normalised)

    def text_of(self, start: int, end: int) -> str:
        """The original wording of words ``start`` to ``end`` (exclusive)."""
        tokens = self.words.tokens
        return self.sentence[tokens[start].start : tokens[end - 1].end]

    def negation(self, start: int, end: int, *, own: set[str]) -> Token | None:
        """A negation governing words ``start`` to ``end``: before them in the same chunk, or
        among them, unless it is one of the term's ``own`` words ("not ~ @harm")."""
        for token in self.words.tokens[start:end]:
            if token.text in NEGATIONS and token.text not in own:
                return token
        return negation_before(self.words.tokens, self.scopes, start, skip=range(start, end))

    def hedge(self, index: int, strength: str) -> Token | None:
        """A hedge in the clause of word ``index`` (not one inside a relative clause that the
        word is not in), or the question mark of a question."""
        clause, relative = self.clauses[index], self.relatives[index]
        in_clause = [
            token
            for token, number, within in zip(
                self.words.tokens, self.clauses, self.relatives, strict=True
            )
            if number == clause and (within is None or within == relative)
        ]
        question = self.sentence.rstrip().endswith("?")
        if question:
            end = len(self.sentence)
            return Token("?", "?", frozenset({"?"}), end - 1, end, False)
        return hedge_in(in_clause, strength)

    def subject(self, index: int) -> Subject:
        return subject_of(self.words.tokens, self.words.chunks, index, anchors=self._anchors)

    @cached_property
    def _anchors(self) -> list[int | None]:
        return subject_anchors(self.words.tokens, self.words.chunks)

    def word_at(self, offset: int) -> int | None:
        """The word that covers or follows character ``offset`` of the original sentence."""
        index = bisect_right(self._ends, offset)  # words' ends never decrease
        return index if index < len(self._ends) else None

    @cached_property
    def _ends(self) -> list[int]:
        return [token.end for token in self.words.tokens]


def analyse(sentence: str) -> Analysis:
    normalised, origins = normalise_for_matching(sentence)
    tokens = tokenise(sentence)
    chunks, clauses, scopes = chunk_ids(tokens), clause_ids(tokens), scope_ids(tokens)
    relatives = relative_clause_ids(tokens)
    keep = [index for index, token in enumerate(tokens) if token.is_word]
    return Analysis(
        sentence=sentence,
        normalised=normalised,
        origins=tuple(origins),
        words=Words(
            tokens=tuple(tokens[index] for index in keep),
            chunks=tuple(chunks[index] for index in keep),
        ),
        clauses=tuple(clauses[index] for index in keep),
        relatives=tuple(relatives[index] for index in keep),
        scopes=tuple(scopes[index] for index in keep),
    )

"""Claim rules ready to match: compiled once, loaded from the database in two queries.

A language rule matches its terms on lemmas (``claims.terms``), then checks its conditions on
the analysed sentence (``claims.analysis``): context, exceptions, negation, hedging, a citation,
a counterweight, the subject. A pattern rule matches a regular expression, as rules did before
language rules existed, with the same conditions. Each match says why it counts
(:attr:`RuleMatch.reason`), so a flag can tell the reviewer which rule fired and on what.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .analysis import Analysis
from .modality import NEGATIONS
from .models import ClaimCategory, ClaimRule, Hedging, SubjectRequirement, WordFamily
from .subjects import Subject
from .terms import (
    Families,
    FamilyRef,
    Term,
    TermError,
    Word,
    compile_family,
    family_references,
    find_all,
    matches_anywhere,
    parse_terms,
)
from .validators import whole_words

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RuleMatch:
    start: int
    end: int
    """Offsets of the matched wording in the original sentence."""
    text: str
    reason: str


@dataclass(frozen=True)
class CompiledRule:
    name: str
    category: str
    category_label: str
    explanation: str
    terms: tuple[tuple[str, Term], ...] = ()
    regex: re.Pattern[str] | None = None
    context: tuple[Term, ...] = ()
    exceptions: tuple[Term, ...] = ()
    unless_negated: bool = False
    unless_hedged: str = Hedging.NEVER
    unless_cited: bool = False
    unless_balanced: bool = False
    subject: str = SubjectRequirement.ANY
    families: Mapping[str, tuple[Term, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_rule(cls, rule: ClaimRule, families: Families) -> CompiledRule:
        """Compile a rule; raises re.error or TermError if it cannot be read."""
        terms = tuple(parse_terms(rule.terms))
        context = tuple(term for _, term in parse_terms(rule.context))
        exceptions = tuple(term for _, term in parse_terms(rule.exceptions))
        missing = set().union(
            *(family_references(term) for _, term in terms),
            *(family_references(term) for term in context + exceptions),
        ) - set(families)
        if missing:
            raise TermError(f"unknown word famil{'y' if len(missing) == 1 else 'ies'}: "
                            + ", ".join(sorted(f"@{name}" for name in missing)))  # fmt: skip
        regex = None
        if not terms:
            regex = whole_words(rule.pattern)
        return cls(
            name=rule.name,
            category=rule.category,
            category_label=ClaimCategory(rule.category).label
            if rule.category in ClaimCategory.values
            else rule.category,
            explanation=rule.explanation,
            terms=terms,
            regex=regex,
            context=context,
            exceptions=exceptions,
            unless_negated=rule.unless_negated,
            unless_hedged=rule.unless_hedged,
            unless_cited=rule.unless_cited,
            unless_balanced=rule.unless_balanced,
            subject=rule.subject,
            families=families,
        )


def load_families() -> dict[str, tuple[Term, ...]]:
    """Every word family, compiled (a family that cannot be read is logged and left out)."""
    families = {}
    for family in WordFamily.objects.all():
        try:
            families[family.name] = compile_family(family.words)
        except TermError as error:
            logger.warning("Word family %r cannot be read and was skipped: %s", family, error)
    return families


def compile_rules(
    rules: Iterable[ClaimRule | CompiledRule], families: Families | None = None
) -> list[CompiledRule]:
    """Compile rules, skipping (and logging) any that cannot be read: the form prevents that,
    but a rule written outside it must not stop every check. Word families are loaded from
    the database when needed and not given."""
    compiled = []
    for rule in rules:
        if isinstance(rule, CompiledRule):
            compiled.append(rule)
            continue
        if families is None:
            families = load_families()
        try:
            compiled.append(CompiledRule.from_rule(rule, families))
        except (re.error, TermError, OverflowError, RecursionError) as error:
            logger.warning("Claim rule %r cannot be read and was skipped: %s", rule, error)
    return compiled


def load_rules() -> list[CompiledRule]:
    """The active rules and the word families they use, in two queries."""
    rules = ClaimRule.objects.filter(active=True).order_by("category", "name")
    return compile_rules(rules, load_families())


def _spans(rule: CompiledRule, analysis: Analysis) -> Iterable[tuple[int, int, str, Term | None]]:
    """Candidate matches as word spans (start, end), with the term or pattern that found them."""
    if rule.regex is None:
        for line, term in rule.terms:
            for start, end in find_all(term, analysis.words, rule.families):
                yield start, end, line, term
        return
    for match in rule.regex.finditer(analysis.normalised):
        if match.end() == match.start():
            continue
        first = analysis.word_at(analysis.origins[match.start()])
        last = analysis.word_at(analysis.origins[match.end() - 1])
        if first is not None and last is not None:
            yield first, last + 1, "pattern", None


def _negations_in(term: Term, families: Families) -> set[str]:
    """The negation words a term spells itself ("not ~ @harm", "no one who can not"): a
    negation the term spells is the claim, not a hedge on it; one that falls in a gap is."""
    words: set[str] = set()
    for element in term:
        if isinstance(element, Word):
            words |= element.keys
        elif isinstance(element, FamilyRef):
            for entry in families.get(element.name, ()):
                for part in entry:
                    if isinstance(part, Word):
                        words |= part.keys
    return words & NEGATIONS


def _blocked(
    rule: CompiledRule, analysis: Analysis, start: int, end: int, term: Term | None
) -> str | None:
    """Why a candidate match does not count, or None if it does."""
    own = _negations_in(term, rule.families) if term is not None else set(NEGATIONS)
    if rule.unless_negated and (negation := analysis.negation(start, end, own=own)):
        return f'negated by "{negation.text}"'
    if rule.unless_hedged and (hedge := analysis.hedge(start, rule.unless_hedged)):
        return f'hedged by "{hedge.text}"'
    if (
        rule.subject == SubjectRequirement.TREATMENT
        and (subject := analysis.subject(start)) != Subject.TREATMENT
    ):
        return f"said of {subject.value}"
    return None


def _sentence_blocked(rule: CompiledRule, analysis: Analysis) -> bool:
    if rule.context and not matches_anywhere(rule.context, analysis.words, rule.families):
        return True
    if rule.exceptions and matches_anywhere(rule.exceptions, analysis.words, rule.families):
        return True
    if rule.unless_cited and analysis.citation:
        return True
    return bool(rule.unless_balanced and analysis.counterweight)


def _reason(rule: CompiledRule, source: str) -> str:
    found = "its pattern" if source == "pattern" else f'the term "{source}"'
    checks = [
        label
        for label, applies in (
            ("not negated", rule.unless_negated),
            ("not hedged", bool(rule.unless_hedged)),
            ("said of the treatment", rule.subject == SubjectRequirement.TREATMENT),
            ("no citation", rule.unless_cited),
            ("no risk or safety advice beside it", rule.unless_balanced),
        )
        if applies
    ]
    if rule.context:
        checks.insert(0, "with a context word")
    conditions = f" ({', '.join(checks)})" if checks else ""
    return f'Rule "{rule.name}": {found} matched{conditions}.'


_AUXILIARIES = frozenset(
    {"do", "does", "did", "will", "would", "can", "could", "is", "are", "was", "were", "has",
     "have", "had", "should", "may", "might", "must"}
)  # fmt: skip


def _with_auxiliary(analysis: Analysis, start: int) -> int:
    """Start a quoted denial at its auxiliary: "does not cause addiction", not "not cause …"."""
    tokens = analysis.words.tokens
    if (
        start > 0
        and tokens[start].text in {"not", "never"}
        and tokens[start - 1].text in _AUXILIARIES
        and analysis.scopes[start - 1] == analysis.scopes[start]
    ):
        return start - 1
    return start


def find_match(rule: CompiledRule, analysis: Analysis) -> RuleMatch | None:
    """The first match of the rule that counts in the analysed sentence, or None."""
    candidates = list(_spans(rule, analysis))
    if not candidates or _sentence_blocked(rule, analysis):
        return None
    for start, end, source, term in candidates:
        if _blocked(rule, analysis, start, end, term) is None:
            start = _with_auxiliary(analysis, start)
            tokens = analysis.words.tokens
            return RuleMatch(
                start=tokens[start].start,
                end=tokens[end - 1].end,
                text=analysis.text_of(start, end),
                reason=_reason(rule, source),
            )
    return None

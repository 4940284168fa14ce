"""Claim rules ready to match: compiled once, loaded from the database in one query."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .models import ClaimCategory, ClaimRule
from .validators import PATTERN_FLAGS

logger = logging.getLogger(__name__)

# Words that negate what follows them in the same clause ("is not a cure", "no guarantee").
NEGATIONS = frozenset(
    {"not", "no", "never", "cannot", "can't", "isn't", "aren't", "wasn't", "weren't", "doesn't",
     "don't", "didn't", "won't", "wouldn't", "shouldn't", "couldn't", "without", "nor",
     "neither", "none", "nothing", "unlikely", "nobody", "hardly", "rarely"}
)  # fmt: skip
# "not only safe but …" does not negate.
_NOT_NEGATING_AFTER = frozenset({"only", "just", "merely"})
# How many words before a match a negation may stand and still apply to it.
NEGATION_WINDOW = 4
# A negation does not reach past punctuation or a conjunction: in "it is not addictive and it
# is completely safe" the second claim stands on its own (when unsure, flag rather than miss).
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]]|\b(?:and|but|however|although|though|while|whereas|so|because)\b", re.I
)
_WORD = re.compile(r"[a-z0-9']+", re.IGNORECASE)


@dataclass(frozen=True)
class CompiledRule:
    name: str
    category: str
    category_label: str
    explanation: str
    regex: re.Pattern[str]
    suppress_if_negated: bool = False

    @classmethod
    def from_rule(cls, rule: ClaimRule) -> CompiledRule:
        # Whole words only: a rule for "cure" must not match "secure" or "curettage".
        regex = re.compile(rf"(?<!\w)(?:{rule.pattern})(?!\w)", PATTERN_FLAGS)
        return cls(
            name=rule.name,
            category=rule.category,
            category_label=ClaimCategory(rule.category).label
            if rule.category in ClaimCategory.values
            else rule.category,
            explanation=rule.explanation,
            regex=regex,
            suppress_if_negated=rule.suppress_if_negated,
        )


def compile_rules(rules: Iterable[ClaimRule | CompiledRule]) -> list[CompiledRule]:
    """Compile rules, skipping (and logging) any whose pattern is invalid: the form prevents
    that, but a rule written outside it must not stop every check."""
    compiled = []
    for rule in rules:
        if isinstance(rule, CompiledRule):
            compiled.append(rule)
            continue
        try:
            compiled.append(CompiledRule.from_rule(rule))
        except re.error as error:
            logger.warning("Claim rule %r has an invalid pattern and was skipped: %s", rule, error)
    return compiled


def load_rules() -> list[CompiledRule]:
    """The active rules, in one query."""
    return compile_rules(ClaimRule.objects.filter(active=True).order_by("category", "name"))


def is_negated(normalised: str, start: int) -> bool:
    """Whether a negation stands within the few words before ``start`` in the same clause."""
    before = normalised[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = [word.lower() for word in _WORD.findall(before)][-NEGATION_WINDOW:]
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if (word in NEGATIONS or word.endswith("n't")) and following not in _NOT_NEGATING_AFTER:
            return True
    return False


def find_match(rule: CompiledRule, normalised: str) -> re.Match[str] | None:
    """The first match of the rule that counts: negated benefit wording does not."""
    for match in rule.regex.finditer(normalised):
        if rule.suppress_if_negated and is_negated(normalised, match.start()):
            continue
        return match
    return None

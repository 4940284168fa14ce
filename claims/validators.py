"""Validation of a claim rule's pattern, so a mistake is a form error, not a broken checker."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# Matched case-insensitively; the checker adds whole-word boundaries around the pattern.
PATTERN_FLAGS = re.IGNORECASE

# A hyphen between two letters outside a character class: "risk-free" would never match,
# because hyphens in the text are read as spaces.
_CHARACTER_CLASS = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]")
_HYPHEN_BETWEEN_LETTERS = re.compile(r"[A-Za-z]-[A-Za-z]")


def validate_rule_pattern(pattern: str) -> None:
    """Raise ValidationError if the pattern cannot be compiled, matches empty text (it would
    flag every sentence) or spells a hyphen that normalisation removes from the text."""
    try:
        compiled = re.compile(pattern, PATTERN_FLAGS)
    except re.error as error:
        position = f" (at character {error.pos + 1})" if error.pos is not None else ""
        raise ValidationError(
            "This is not a valid regular expression: %(reason)s%(position)s.",
            code="invalid_regex",
            params={"reason": error.msg, "position": position},
        ) from error
    if compiled.fullmatch("") is not None:
        raise ValidationError(
            "This pattern matches empty text, so it would flag every sentence.",
            code="matches_empty",
        )
    outside_classes = _CHARACTER_CLASS.sub("", pattern)
    if _HYPHEN_BETWEEN_LETTERS.search(outside_classes):
        raise ValidationError(
            'Hyphens in the text are read as spaces before matching: write "risk ?free" '
            'rather than "risk-free" (it matches "risk-free", "risk free" and "riskfree").',
            code="hyphen",
        )

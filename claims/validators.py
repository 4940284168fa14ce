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


def whole_words(pattern: str) -> re.Pattern[str]:
    """The pattern as the checker matches it: without regard to case, on whole words only (a
    rule for "cure" must not match "secure" or "curettage")."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", PATTERN_FLAGS)


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
    except (OverflowError, RecursionError) as error:  # "a{4294967296}", deep nesting
        raise ValidationError(
            "This pattern is too large to read: %(reason)s.",
            code="invalid_regex",
            params={"reason": error},
        ) from error
    try:
        whole_words(pattern)
    except re.error as error:  # a global flag such as "(?i)", which must open the whole regex
        raise ValidationError(
            "The checker matches this pattern on whole words only, inside a group, where it "
            "cannot be read: %(reason)s. Patterns are matched without regard to case already: "
            "leave out inline flags such as (?i).",
            code="invalid_regex",
            params={"reason": error.msg},
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


def validate_terms(text: str) -> None:
    """Raise ValidationError naming the first line of a rule's terms that cannot be read."""
    from .terms import TermError, parse_term

    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            parse_term(line)
        except TermError as error:
            raise ValidationError(
                "Line %(number)s (%(line)s): %(reason)s",
                code="invalid_term",
                params={"number": number, "line": line, "reason": error},
            ) from error


def validate_family_words(text: str) -> None:
    """Raise ValidationError if a family entry is not plain words."""
    from .terms import TermError, compile_family

    try:
        compile_family(text)
    except TermError as error:
        raise ValidationError(str(error), code="invalid_family_word") from error
    if not any(line.strip() and not line.strip().startswith("#") for line in text.splitlines()):
        raise ValidationError("A family needs at least one word.", code="empty_family")

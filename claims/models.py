"""Claim rules: the wording the checker flags, kept as data that admins edit."""

from __future__ import annotations

import re

from django.db import models

from .validators import PATTERN_FLAGS, validate_rule_pattern


class ClaimCategory(models.TextChoices):
    SAFETY = "safety", "Absolute safety or tolerability"
    RISK_DENIAL = "risk_denial", "Denial of a risk"
    CURE = "cure", "Cure or guarantee"
    SPEED = "speed", "Promise of speed"
    COMPARISON = "comparison", "Comparison with other treatments"
    PROVEN = "proven", "Claim of proof"
    REGULATORY = "regulatory", "Regulatory claim"
    HYPE = "hype", "Miracle or breakthrough"
    TESTIMONIAL = "testimonial", "Testimonial"
    EVIDENCE = "evidence", "Missing evidence"


class ClaimRule(models.Model):
    """A pattern of risky wording, its category and what the reviewer should check."""

    name = models.SlugField(
        max_length=80,
        unique=True,
        help_text='A short identifier, for example "no-side-effects". Recorded with each flag.',
    )
    pattern = models.TextField(
        validators=[validate_rule_pattern],
        help_text=(
            "A regular expression, matched without regard to case and on whole words only. "
            "Before matching, hyphens and dashes in the text become spaces, curly quotes "
            'straight ones and runs of spaces one space: write "non ?addictive" to match '
            '"non-addictive", "non addictive" and "nonaddictive", and "cur(e|es|ed|ing)" for '
            "the forms of a word."
        ),
    )
    category = models.CharField(max_length=20, choices=ClaimCategory.choices)
    explanation = models.TextField(
        help_text="Shown to the reviewer with each flag: why this wording needs checking."
    )
    suppress_if_negated = models.BooleanField(
        default=False,
        help_text=(
            "Do not flag the wording when a negation stands in the few words before it, in "
            'the same clause: "is not a cure", "there is no guarantee", "no procedure is '
            'risk-free" are hedging. A denial inside the match ("does not cause addiction") is '
            "still flagged: it is the claim itself."
        ),
    )
    active = models.BooleanField(default=True, help_text="Only active rules are checked.")

    class Meta:
        ordering = ["category", "name"]
        verbose_name = "claim rule"

    def __str__(self) -> str:
        return self.name

    def compile(self) -> re.Pattern[str]:
        return re.compile(self.pattern, PATTERN_FLAGS)

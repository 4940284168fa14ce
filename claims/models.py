"""Claim rules and word families: the wording the checker flags, kept as data admins edit."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models

from .validators import PATTERN_FLAGS, validate_family_words, validate_rule_pattern, validate_terms


class ClaimCategory(models.TextChoices):
    SAFETY = "safety", "Absolute safety"
    RISK_DENIAL = "risk_denial", "Denial of a risk"
    MINIMISATION = "minimisation", "Minimising side effects or risks"
    EFFICACY = "efficacy", "Unqualified efficacy"
    CURE = "cure", "Cure, permanence or guarantee"
    SPEED = "speed", "Promise of speed"
    COMPARISON = "comparison", "Comparison with other treatments"
    PROVEN = "proven", "Evidence inflation"
    MECHANISM = "mechanism", "Mechanism overclaim"
    HYPE = "hype", "Hope and hype"
    REGULATORY = "regulatory", "Regulatory or licensing claim"
    TESTIMONIAL = "testimonial", "Testimonial or outcome statistic"
    URGENCY = "urgency", "Urgency or pressure"
    UNIVERSAL = "universal", "Universal suitability"
    VULNERABLE = "vulnerable", "Aimed at vulnerable groups"
    EVIDENCE = "evidence", "Missing evidence"


class Hedging(models.TextChoices):
    NEVER = "", "Flag even when hedged"
    STRONG = "strong", 'Not when hedged ("may", "might", "some people", a question)'
    ANY = "any", 'Not when hedged at all (also "can", "usually", "often", "most")'


class SubjectRequirement(models.TextChoices):
    ANY = "", "Whoever or whatever it is said of"
    TREATMENT = "treatment", "Only when said of the treatment (not of people, staff or studies)"


TERMS_HELP = (
    'One term a line, matched on word forms: "cure" also finds cures, cured, curing. '
    '"=better" is that exact word; "safe|harmless" either word; "@harm" any entry of the word '
    'family "harm"; "@number" a number; "~" up to four words in between, in the same clause '
    '("not ~ @harm" finds "does not cause addiction"). Hyphens read as spaces: write "risk free".'
)


class WordFamily(models.Model):
    """A named list of words and phrases that rules refer to as ``@name``."""

    name = models.SlugField(
        max_length=60,
        unique=True,
        help_text='Rules refer to the family as "@name", for example "@harm".',
    )
    words = models.TextField(
        validators=[validate_family_words],
        help_text=(
            "One word or phrase a line, in any form: each is matched on its word forms "
            '("addiction" also finds "addictions"). Lines starting with # are notes.'
        ),
    )
    description = models.TextField(blank=True, help_text="What belongs in this family, and why.")

    class Meta:
        ordering = ["name"]
        verbose_name = "word family"
        verbose_name_plural = "word families"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.name != self.name.lower():
            raise ValidationError(
                {"name": f"Write it in lower case: rules refer to it as @{self.name.lower()}."}
            )
        if self.pk is None:
            return
        before = WordFamily.objects.filter(pk=self.pk).values_list("name", flat=True).first()
        if before and before != self.name and (users := rules_using(before)):
            raise ValidationError(
                {
                    "name": f"The rules {', '.join(users)} refer to @{before}: change them "
                    "first, or they would stop flagging anything."
                }
            )


def rules_using(family: str) -> list[str]:
    """The names of the rules whose terms, context or exceptions refer to ``@family``."""
    return [
        rule.name
        for rule in ClaimRule.objects.all()
        if any(family in families_in(getattr(rule, name)) for name in FAMILY_FIELDS)
    ]


# The fields of a rule whose terms may refer to word families.
FAMILY_FIELDS = ("terms", "context", "exceptions")


def families_in(text: str) -> set[str]:
    """The ``@family`` names a terms field refers to (none when it cannot be read: its
    validator says why)."""
    from .terms import TermError, family_references, parse_terms

    try:
        return set().union(*(family_references(term) for _, term in parse_terms(text)))
    except TermError:
        return set()


class ClaimRule(models.Model):
    """Risky wording, its category and what the reviewer should check.

    A rule is either a list of *terms* matched on lemmas with the conditions below (the
    default rules), or a regular *pattern* (rules written before language rules existed).
    """

    name = models.SlugField(
        max_length=80,
        unique=True,
        help_text='A short identifier, for example "no-side-effects". Recorded with each flag.',
    )
    category = models.CharField(max_length=20, choices=ClaimCategory.choices)
    explanation = models.TextField(
        help_text="Shown to the reviewer with each flag: why this wording needs checking."
    )
    terms = models.TextField(
        blank=True, validators=[validate_terms], help_text="The wording to flag. " + TERMS_HELP
    )
    context = models.TextField(
        blank=True,
        validators=[validate_terms],
        help_text=(
            "Optional: flag only when one of these terms is also in the sentence (for example "
            "a word for a result, with a promise of speed). Same form as the terms."
        ),
    )
    exceptions = models.TextField(
        blank=True,
        validators=[validate_terms],
        help_text=(
            'Optional: do not flag a sentence that has one of these terms (for example "off '
            'label" for a licensing rule). Same form as the terms.'
        ),
    )
    unless_negated = models.BooleanField(
        default=False,
        help_text=(
            "Do not flag the wording when a negation stands in the few words before it, in "
            'the same clause: "is not a cure", "there is no guarantee", "no procedure is '
            'risk-free" are hedging. A denial inside the terms ("not ~ @harm") is still '
            "flagged: it is the claim itself."
        ),
    )
    unless_hedged = models.CharField(
        max_length=10, choices=Hedging.choices, blank=True, default=Hedging.NEVER
    )
    unless_cited = models.BooleanField(
        default=False,
        help_text='Do not flag a sentence that cites its source: "(NICE, 2021)", "[3]", '
        '"NICE guideline NG193", "according to …".',
    )
    unless_balanced = models.BooleanField(
        default=False,
        help_text="Do not flag a sentence that also names a serious risk or how likely it is "
        '("rarely", "serious", "1 in 10") or says what to do if things go wrong ("if it gets '
        'worse, call us").',
    )
    subject = models.CharField(
        max_length=20, choices=SubjectRequirement.choices, blank=True, default=""
    )
    pattern = models.TextField(
        blank=True,
        validators=[validate_rule_pattern],
        help_text=(
            "Instead of terms, a regular expression, matched without regard to case and on "
            "whole words only. Before matching, hyphens and dashes in the text become spaces, "
            'curly quotes straight ones and runs of spaces one space: write "non ?addictive" to '
            'match "non-addictive", "non addictive" and "nonaddictive".'
        ),
    )
    active = models.BooleanField(default=True, help_text="Only active rules are checked.")

    class Meta:
        ordering = ["category", "name"]
        verbose_name = "claim rule"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if bool(self.terms.strip()) == bool(self.pattern.strip()):
            raise ValidationError("Give either terms or a pattern, not both and not neither.")
        self._check_families()

    def _check_families(self) -> None:
        """Every ``@family`` the rule names exists: the checker skips a rule naming one that
        does not, so it would never flag anything."""
        known = set(WordFamily.objects.values_list("name", flat=True))
        errors = {}
        for name in FAMILY_FIELDS:
            if missing := families_in(getattr(self, name)) - known:
                errors[name] = (
                    "No word family is named "
                    + ", ".join(f"@{family}" for family in sorted(missing))
                    + ": add it under Word families, or correct the name."
                )
        if errors:
            raise ValidationError(errors)

    def compile(self) -> re.Pattern[str]:
        return re.compile(self.pattern, PATTERN_FLAGS)

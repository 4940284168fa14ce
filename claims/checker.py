"""The claims checker: flags wording in patient information that a medical reviewer must look at.

Text rules are data (``ClaimRule`` and ``WordFamily``, edited in the admin) matched on the
language of each sentence (``claims.analysis``); structural checks are code
(``claims.structural``). Use :func:`check_text` for a piece of plain text and
:func:`check_object` for a page, snippet or a revision's object::

    flags = check_object(revision.as_object())
    for flag in flags:
        print(flag.location, flag.category_label, flag.sentence, flag.reason)
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from wagtail.models import Revision

from .analysis import analyse
from .flags import Flag
from .models import ClaimRule
from .rules import CompiledRule, compile_rules, find_match, load_rules
from .sentences import split_sentences
from .structural import benefit_flag, patient_story_flag, testimonial_flag
from .walker import TextUnit, walk

Rules = Iterable[ClaimRule | CompiledRule]


def _resolve(rules: Rules | None) -> list[CompiledRule]:
    return load_rules() if rules is None else compile_rules(rules)


def check_sentence(
    sentence: str, rules: list[CompiledRule], *, location: str = "", path: str = ""
) -> list[Flag]:
    """Flags for one sentence: at most one per rule, plus the structural sentence checks."""
    analysis = analyse(sentence)
    flags = []
    for rule in rules:
        match = find_match(rule, analysis)
        if match is None:
            continue
        flags.append(
            Flag(
                rule=rule.name,
                category=rule.category,
                category_label=rule.category_label,
                explanation=rule.explanation,
                sentence=sentence,
                matched_text=match.text,
                location=location,
                path=path,
                reason=match.reason,
            )
        )
    for structural in (testimonial_flag, patient_story_flag):
        if flag := structural(sentence, location, path):
            flags.append(flag)
    return flags


def check_text(
    text: str, *, location: str = "", rules: Rules | None = None, path: str = ""
) -> list[Flag]:
    """Flag risky wording in plain text, sentence by sentence.

    ``rules`` defaults to the active ClaimRules (two queries: rules and word families); pass a
    list of ClaimRule or CompiledRule to check against others (or to check many texts with
    one load). ``location`` and ``path`` say where the text stands and are copied into each flag.
    """
    compiled = _resolve(rules)
    flags = []
    for sentence in split_sentences(text):
        flags.extend(check_sentence(sentence, compiled, location=location, path=path))
    return flags


def check_object(obj: models.Model, *, rules: Rules | None = None) -> list[Flag]:
    """Flag risky wording in every text field and block of a page or snippet instance (or a
    revision's object), and run the structural checks (a benefit without a reference).

    The rules are loaded once for the whole object. Child relations (inline panels) are read
    through their managers, so a revision's object is checked as it was saved in the revision.
    """
    compiled = _resolve(rules)
    flags: list[Flag] = []
    for unit in walk(obj):
        if isinstance(unit, TextUnit):
            flags.extend(
                check_text(unit.text, location=unit.location, path=unit.path, rules=compiled)
            )
        elif benefit := benefit_flag(unit):
            flags.append(benefit)
    return flags


def check_revision(revision: Revision, *, rules: Rules | None = None) -> list[Flag]:
    """Flag the content of a revision, as it was saved (not the live object)."""
    return check_object(revision.as_object(), rules=rules)

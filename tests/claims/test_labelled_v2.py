"""The checker measured on the v2 labelled set (see ``tests/claims/data/README.md``).

The frozen file was meant as the test set and its SHA-256 is asserted here, so that it cannot
drift. An audit found rule wording taken from it (``tests/claims/data/README.md``): its floors
are a regression guard now, and ``test_independent_holdout.py`` holds the test set. The figures
for both files, overall and per category, are printed at the end of every run
(``conftest.FIGURES``). Before the language rules (issue #17) the checker measured recall 0.37
and precision 0.97 on the frozen part.

The first labelled set (``tests/claims/labelled_sentences.py``, 239 sentences) is retired: it
labelled unqualified efficacy claims ("particularly effective for …", "provide effective pain
relief") and side effects said to "subside shortly after" as acceptable, which issue #17 says
must be flagged, and the old rules had been tuned on most of it, so it measured neither the
categories now checked nor generalisation.
"""

import pytest

from claims.checker import check_text

from .conftest import FIGURES
from .labelled_v2 import FROZEN_FILE, TUNE_FILE, load, measure, sha256

RECALL_FLOOR = 0.8
PRECISION_FLOOR = 0.9
FROZEN_SHA256 = "a29158ab3d67b4a2ef0aa4e4d2bf24b679e3f6f633b366fbfdb41f9add9d6b5c"

CATEGORIES = {
    "absolute_safety",
    "risk_denial",
    "minimisation",
    "efficacy",
    "cure_guarantee",
    "speed",
    "comparison",
    "evidence",
    "mechanism",
    "hype",
    "regulatory",
    "testimonial",
    "urgency",
    "universal",
    "vulnerable",
}


def test_the_frozen_set_has_not_drifted():
    assert sha256(FROZEN_FILE) == FROZEN_SHA256


def test_the_set_is_large_varied_and_half_hard_negatives():
    tune, frozen = load(TUNE_FILE), load(FROZEN_FILE)
    everything = tune + frozen
    assert len(everything) >= 300
    assert len({s.text for s in everything}) == len(everything)
    assert sum(not s.risky for s in everything) >= len(everything) / 2
    assert 0.35 <= len(frozen) / len(everything) <= 0.45
    assert len({s.treatment for s in everything}) >= 20
    for part in (tune, frozen):
        assert {s.category for s in part if s.risky} == CATEGORIES
        assert {s.category for s in part if not s.risky} == CATEGORIES
    for category in CATEGORIES:
        assert sum(s.risky and s.category == category for s in everything) >= 10


@pytest.mark.django_db
def test_figures_on_the_tune_and_frozen_sets(rules, request):
    def is_flagged(text: str) -> bool:
        return bool(check_text(text, rules=rules))

    lines = request.config.stash.setdefault(FIGURES, [])
    results = {}
    for name, path in (("v2 tune", TUNE_FILE), ("v2 frozen (test set)", FROZEN_FILE)):
        results[name] = figures = measure(load(path), is_flagged)
        for line in figures.lines(name):
            lines.append(line)
            print(line)  # noqa: T201 - shown with -s; the summary shows it in every run

    frozen = results["v2 frozen (test set)"].overall
    assert frozen.recall >= RECALL_FLOOR
    assert frozen.precision >= PRECISION_FLOOR

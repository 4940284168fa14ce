"""The checker measured on the v2 labelled set (see ``tests/claims/data/README.md``).

The frozen file is the test set and its SHA-256 is asserted here, so that it cannot drift once
rules are tuned (on the tune file only). The figures for both files are printed at the end of
every run (``conftest.FIGURES``).
"""

import pytest

from claims.checker import check_text

from .conftest import FIGURES
from .labelled_v2 import FROZEN_FILE, TUNE_FILE, load, measure, sha256

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
    for name, path in (("v2 tune", TUNE_FILE), ("v2 frozen", FROZEN_FILE)):
        figures = measure(load(path), is_flagged)
        for line in figures.lines(name):
            lines.append(line)
            print(line)  # noqa: T201 - shown with -s; the summary shows it in every run

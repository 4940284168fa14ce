"""The checker on sentences its rules' author never saw (``data/README.md``): the honest figure
for how it generalises. Printed with the v2 figures in every run; nothing is tuned on it.

The floors guard against a regression only: they sit below the first measurement (recall 0.79,
precision 0.88) and must never be met by tuning rules on this file.
"""

import pytest

from claims.checker import check_text

from .conftest import FIGURES
from .labelled_v2 import DATA, load, measure, sha256

HOLDOUT = DATA / "independent_holdout.jsonl"
HOLDOUT_SHA256 = "44b9270e04b21ed9fe0df0d6899ab9b62bb50b8ec05b7b899b601a8cbdf2ebad"
RECALL_GUARD = 0.7
PRECISION_GUARD = 0.8


def test_the_holdout_has_not_drifted():
    assert sha256(HOLDOUT) == HOLDOUT_SHA256
    sentences = load(HOLDOUT)
    assert len(sentences) >= 200
    assert sum(not s.risky for s in sentences) >= len(sentences) / 2


@pytest.mark.django_db
def test_figures_on_the_independent_holdout(rules, request):
    figures = measure(load(HOLDOUT), lambda text: bool(check_text(text, rules=rules)))
    lines = request.config.stash.setdefault(FIGURES, [])
    for line in figures.lines("independent holdout (never tuned on)"):
        lines.append(line)
        print(line)  # noqa: T201 - shown with -s; the summary shows it in every run

    assert figures.overall.recall >= RECALL_GUARD
    assert figures.overall.precision >= PRECISION_GUARD

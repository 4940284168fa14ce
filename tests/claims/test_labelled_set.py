"""Recall and precision of check_text over the labelled sentences (see labelled_sentences.py).

A sentence counts as flagged when check_text returns any flag for it.
"""

import pytest

from claims.checker import check_text

from .conftest import FIGURES
from .labelled_sentences import ALL, ARTICLE, OWN

RECALL_FLOOR = 0.9
PRECISION_FLOOR = 0.85

pytestmark = pytest.mark.django_db


def _measure(sentences, rules) -> dict[str, float]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "category_agrees": 0}
    for sentence in sentences:
        flags = check_text(sentence.text, rules=rules)
        if flags and sentence.risky:
            counts["tp"] += 1
            counts["category_agrees"] += sentence.category in {f.category for f in flags}
        elif flags:
            counts["fp"] += 1
        elif sentence.risky:
            counts["fn"] += 1
        else:
            counts["tn"] += 1
    flagged = counts["tp"] + counts["fp"]
    risky = counts["tp"] + counts["fn"]
    return {
        **counts,
        "recall": counts["tp"] / risky if risky else 1.0,
        "precision": counts["tp"] / flagged if flagged else 1.0,
    }


def test_the_labelled_set_is_large_enough_and_mostly_not_from_the_article():
    assert len(ALL) >= 60
    assert len(OWN) >= len(ALL) / 2
    assert {sentence.source for sentence in OWN} == {"own"}
    assert {sentence.source for sentence in ARTICLE} == {"article"}
    assert len({sentence.text for sentence in ALL}) == len(ALL)
    assert any(s.risky for s in ALL) and any(not s.risky for s in ALL)


def test_recall_and_precision_over_the_labelled_set(rules, request):
    sets = {"all": ALL, "own": OWN, "article": ARTICLE}
    results = {name: _measure(sentences, rules) for name, sentences in sets.items()}
    lines = request.config.stash.setdefault(FIGURES, [])
    for name, r in results.items():
        line = (
            f"claims checker, {name} ({len(sets[name])} sentences): "
            f"recall {r['recall']:.3f} ({r['tp']}/{r['tp'] + r['fn']}), "
            f"precision {r['precision']:.3f} ({r['tp']}/{r['tp'] + r['fp']}), "
            f"category agrees on {r['category_agrees']}/{r['tp']}"
        )
        lines.append(line)
        print(line)  # noqa: T201 - shown with -s; the summary shows it in every run
    assert results["all"]["recall"] >= RECALL_FLOOR
    assert results["all"]["precision"] >= PRECISION_FLOOR

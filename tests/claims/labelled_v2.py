"""The v2 labelled set (``tests/claims/data/``) and how the checker is measured on it.

A sentence counts as flagged when :func:`claims.checker.check_text` returns any flag for it.
Per category, *recall* is the share of that category's risky sentences that are flagged, and
*precision* is the share of that category's flagged sentences (risky ones and the hard negatives
that share the category's wording) that are risky.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"
TUNE_FILE = DATA / "labelled_v2_tune.jsonl"
FROZEN_FILE = DATA / "labelled_v2_frozen.jsonl"


@dataclass(frozen=True)
class Labelled:
    text: str
    risky: bool
    category: str
    treatment: str


def load(path: Path) -> list[Labelled]:
    with path.open(encoding="utf-8") as lines:
        return [Labelled(**json.loads(line)) for line in lines if line.strip()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def recall(self) -> float:
        risky = self.tp + self.fn
        return self.tp / risky if risky else 1.0

    @property
    def precision(self) -> float:
        flagged = self.tp + self.fp
        return self.tp / flagged if flagged else 1.0

    def add(self, risky: bool, flagged: bool) -> None:
        if risky and flagged:
            self.tp += 1
        elif flagged:
            self.fp += 1
        elif risky:
            self.fn += 1
        else:
            self.tn += 1

    def describe(self) -> str:
        return (
            f"recall {self.recall:.2f} ({self.tp}/{self.tp + self.fn})  "
            f"precision {self.precision:.2f} ({self.tp}/{self.tp + self.fp})"
        )


@dataclass
class Figures:
    overall: Counts = field(default_factory=Counts)
    by_category: dict[str, Counts] = field(default_factory=dict)

    def lines(self, name: str) -> list[str]:
        total = self.overall.tp + self.overall.fp + self.overall.fn + self.overall.tn
        out = [f"{name} ({total} sentences): {self.overall.describe()}"]
        for category in sorted(self.by_category):
            out.append(f"  {category:<16} {self.by_category[category].describe()}")
        return out


def measure(sentences: Iterable[Labelled], is_flagged: Callable[[str], bool]) -> Figures:
    figures = Figures()
    for sentence in sentences:
        flagged = is_flagged(sentence.text)
        figures.overall.add(sentence.risky, flagged)
        figures.by_category.setdefault(sentence.category, Counts()).add(sentence.risky, flagged)
    return figures

"""A flag: one piece of wording in one place that a medical reviewer must look at."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from .sentences import normalise_sentence


def flag_key(rule: str, path: str, sentence: str) -> str:
    """A stable identifier for a flag: the same rule on the same sentence in the same place
    gives the same key whenever the content is checked again, so a reviewer's resolution can
    be matched to it later. Changes of case, spacing, hyphens or quote marks do not change it."""
    material = "\x1f".join((rule, path, normalise_sentence(sentence)))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Flag:
    rule: str
    """The ClaimRule's name, or a code name for a structural check ("benefit-without-reference",
    "testimonial")."""
    category: str
    category_label: str
    explanation: str
    sentence: str
    matched_text: str
    location: str = ""
    """Where it stands, for people: "Benefits › 3 › Explanation"."""
    path: str = ""
    """Where it stands, for code: "benefits.2.explanation" (indexes from 0)."""
    reason: str = ""
    """Which rule or check fired and why, for the reviewer and for anyone tuning the rules."""
    key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", flag_key(self.rule, self.path, self.sentence))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

"""Text for the benchmark's synthetic pages, reused from the signed demo content.

Nothing is written here: every sentence is one of the demo treatment's reviewed wording (the
version the demo's reviewer signed off, see ``demo/ketamine.json``), copied or
recombined under plainly synthetic titles ("Condition 0042", "Treatment 0007").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.utils.html import escape

from claims.plain_text import html_to_text
from demo.loader import load_demo_data

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@cache
def demo() -> dict[str, Any]:
    return load_demo_data()


def reviewed_treatment() -> dict[str, Any]:
    """The demo treatment's wording after clinical review (what its sign-off covers)."""
    return demo()["treatment"]["reviewed"]


@cache
def sentences() -> tuple[str, ...]:
    """Every sentence of the reviewed treatment's prose, in order of appearance."""
    content = reviewed_treatment()
    html = [content["what_it_is"], content["how_it_works"]]
    html += [benefit["explanation"] for benefit in content["benefits"]]
    html += [step.get("description", "") for step in content["steps"]]
    html += [faq.get("answer", "") for faq in content["faqs"]]
    found: list[str] = []
    for fragment in html:
        for line in html_to_text(fragment).splitlines():
            found += [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
    return tuple(found)


def paragraphs(seed: int, count: int = 2, length: int = 3) -> str:
    """``count`` paragraphs of ``length`` consecutive sentences, starting at a place in the
    sentence list that ``seed`` picks: the same seed gives the same text."""
    pool = sentences()
    out = []
    for paragraph in range(count):
        start = (seed * 7 + paragraph * length) % len(pool)
        chosen = [pool[(start + offset) % len(pool)] for offset in range(length)]
        out.append("<p>" + escape(" ".join(chosen)) + "</p>")
    return "".join(out)

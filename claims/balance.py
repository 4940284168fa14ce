"""Whether a sentence balances reassurance with the risk or with what to do if things go wrong.

"Side effects are usually mild but can include headache and, **rarely**, a seizure" and
"bruising usually fades within two weeks; **if it gets worse or you develop a fever, call
us**" are honest; "any discomfort is minimal and passes within minutes" is not, and neither is
"it can cause nausea, but these effects are temporary": naming only mild effects is not a
counterweight. Rules about minimising risks and about urgency are not flagged on a sentence
that names a serious risk or how likely a risk is, or gives safety-netting advice.
"""

from __future__ import annotations

import re

_RISK_STATED = re.compile(
    r"\b(?:rarely|in rare cases|less often|uncommon|serious|severe|emergency)\b"
    r"|\b\d+ in \d+\b|\b(?:is|are) possible\b"
)
# Safety-netting: "if <a symptom or worsening>, <call / contact / tell / seek help>".
_WARNING_SIGN = (
    r"(?:worse|chest pain|severe pain|fever|bleed\w*|swell\w*|swollen|unwell|symptoms?"
    r"|breath\w*|red|hot|rash|numb\w*|vomit\w*|dizzy|faint\w*|reaction|eyesight|vision|chest)"
)
_SAFETY_NET = re.compile(
    rf"\bif\b[^.;]{{0,80}}\b{_WARNING_SIGN}\b[^.;]{{0,60}}\b(?:call|contact|tell|see|seek|ring"
    r"|phone|speak|go to|stop)\b"
    rf"|\b(?:call|contact|tell|seek help|ring|phone|speak to)\b[^.;]{{0,60}}\bif\b[^.;]{{0,60}}"
    rf"\b{_WARNING_SIGN}\b"
)


def counterweight_in(normalised: str) -> str | None:
    """The words that state a risk or give safety-netting advice, if the sentence has any."""
    for pattern in (_RISK_STATED, _SAFETY_NET):
        if match := pattern.search(normalised.lower()):
            return match.group()
    return None

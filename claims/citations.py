"""Whether a sentence carries its source: a citation, a reference number or a named guideline.

Sourced wording is what the checker asks for, so rules marked "unless cited" do not flag it:
"(NICE, 2021)", "(Smith et al., 2020)", "[3]", "(NICE NG193)", "NICE guideline NG193 lists …",
"according to the British Dental Association …", a DOI, PMID or web address. Whether the
source says what the sentence says is the reviewer's check, not the checker's.
"""

from __future__ import annotations

import re

_PATTERNS = (
    # A bracket with a capitalised name and a number: "(NICE, 2021)", "(Green Book, chapter 19)".
    re.compile(r"\((?=[^()]*[A-Z])(?=[^()]*\d)[^()]{3,}\)"),
    # Reference numbers: "[3]", "[1, 4]", "[2-5]".
    re.compile(r"\[\s*\d{1,3}(?:\s*[,\u2013\-]\s*\d{1,3})*\s*\]"),
    re.compile(r"\bet al\b\.?"),
    re.compile(r"\b(?:doi|pmid)\b|https?://|\bwww\.", re.IGNORECASE),
    # A guideline or appraisal by its code: NICE NG193, CG150, TA260, IPG542, QS15.
    re.compile(r"\b(?:NG|CG|TA|IPG|QS|PH|DG|MTG|HTG)\s?\d{1,4}\b"),
    re.compile(r"\b(?i:according to) (?:the |a |an )?[A-Z]"),
    # A named review or guideline body reporting: "A Cochrane review found", "NICE recommends".
    re.compile(
        r"\b(?:Cochrane|NICE|SIGN|WHO|UKHSA|MHRA|HFEA|EMA|BNF)\b[^.;]{0,40}?"
        r"\b(?:found|finds|recommends?|advises?|says|states?|lists|concluded|reports?)\b"
    ),
)


def citation_in(sentence: str) -> str | None:
    """The wording that cites a source, if the sentence has one."""
    for pattern in _PATTERNS:
        if match := pattern.search(sentence):
            return match.group().strip()
    return None

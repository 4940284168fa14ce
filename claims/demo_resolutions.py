"""Justifications for the demo's flags, taken in substance from the clinical reviewer's notes
(demo/sources/ketamine-clinical-review-notes.md); nothing here is new.

With the default rules, the reviewed wording (the live revision) raises no flags, so its
sign-off has nothing to resolve. Every flag comes from the article as written (the first
revision). Each justification is what the reviewer found and how the reviewed wording deals
with it, for a demo that shows that revision being reviewed.

References are numbered as in the notes: 1 Cohen 2018 consensus guidelines; 2 Orhurhu 2019
meta-analysis; 3 NICE NG193; 4 Ketalar US prescribing information.
"""

from __future__ import annotations

from .flags import Flag
from .sentences import normalise_sentence

BREATHING_AND_ADDICTION = (
    "False as written (ref 4, the prescribing information): ketamine can slow breathing at "
    "high doses or if it is given too fast, which is why patients are monitored, and it is a "
    "Schedule III controlled substance with potential for abuse and misuse. The reviewed text "
    "lists slowed breathing and misuse as serious risks."
)
OPIOID_COMPARISON = (
    "Unsupported comparison (ref 4): ketamine is a controlled medicine that can be misused and "
    "can slow breathing, so it is not shown to be a safer long-term option than opioids. The "
    "reviewed text drops the comparison and says why it is given only under supervision."
)
NOT_NON_ADDICTIVE = (
    "False (ref 4): ketamine is a Schedule III controlled substance with potential for abuse "
    "and misuse. The reviewed text drops the heading and states the misuse potential and why "
    "ketamine is given only under supervision."
)
SIDE_EFFECTS_UNDERSTATED = (
    "Understated (refs 2 and 4): more psychotomimetic effects and nausea than placebo; "
    "emergence reactions in about 12% of patients in anaesthesia; raised blood pressure and "
    "heart rate; nausea and vomiting; breathing problems with overdose or too-rapid injection; "
    "bladder problems with long-term use; liver injury reported. The reviewed text lists these "
    "common and serious effects instead."
)
SPEED_OVERSTATED = (
    "Overstated (ref 2): the meta-analysis found a small reduction in pain scores for up to "
    "about two weeks after an infusion. The reviewed text says some people notice less pain "
    "soon after a course, but the effect is often small and may last weeks, not permanently, "
    "and cites ref 2."
)
TREATMENT_RESISTANT_PAIN = (
    "Partly supported (refs 1 and 2): the evidence is strongest for complex regional pain "
    "syndrome (moderate, short-term) and weaker for other conditions, varying by condition and "
    "dose. The reviewed benefit says so and cites refs 1 and 2."
)
NEUROPLASTICITY = (
    "Not a proven patient benefit: the mechanism has been shown in laboratory studies, and the "
    "pain relief measured in trials lasted up to about two weeks (ref 2). The reviewed text "
    "describes neuroplasticity under how it works, as how researchers think it may work, not as "
    "a benefit."
)
MARKETING_WORDING = (
    "The article is marketing copy. The evidence supports ketamine infusions for complex "
    "regional pain syndrome (moderate, short-term; ref 1) and is weaker for other conditions; "
    "NICE advises against starting ketamine for chronic primary pain (ref 3); use for chronic "
    "pain is off-label (ref 4). The reviewed text describes the treatment plainly."
)

_SUMMARY = (
    "Ketamine therapy offers a revolutionary approach to pain management, particularly for "
    "those who have not found relief through conventional methods."
)
_GROUNDBREAKING = (
    "However, ketamine therapy has emerged as a groundbreaking alternative, offering hope to "
    "individuals who have not responded well to conventional pain treatments."
)
_UNLIKE_OPIOIDS = (
    "Unlike opioids, ketamine does not suppress breathing or cause addiction, making it a safer "
    "option for long-term pain management."
)
_TRANSFORMING = (
    "With its rapid effects, ability to treat treatment-resistant pain, and minimal risk of "
    "addiction, ketamine is transforming the way chronic pain is managed."
)
_WITHIN_HOURS = (
    "Unlike traditional pain medications that may take weeks or months to show results, "
    "ketamine can provide pain relief within hours or days of treatment."
)
_NO_ADDICTIVE_PROPERTIES = (
    "Unlike opioids, ketamine does not have addictive properties, making it a safer long-term "
    "option for managing chronic pain."
)
_NEURAL_PATHWAYS = (
    "Ketamine promotes the growth of new neural pathways, which can help patients experience "
    "lasting pain relief even after the treatment period."
)

# (rule, sentence as written) → justification.
DEMO_RESOLUTIONS: dict[tuple[str, str], str] = {
    ("breakthrough", _SUMMARY): MARKETING_WORDING,
    ("breakthrough", _GROUNDBREAKING): MARKETING_WORDING,
    ("denies-addiction", _UNLIKE_OPIOIDS): BREATHING_AND_ADDICTION,
    ("denies-breathing-effects", _UNLIKE_OPIOIDS): BREATHING_AND_ADDICTION,
    ("unlike-other-treatments", _UNLIKE_OPIOIDS): OPIOID_COMPARISON,
    ("safer-or-better-than", _UNLIKE_OPIOIDS): OPIOID_COMPARISON,
    ("breakthrough", _TRANSFORMING): MARKETING_WORDING,
    ("minimal-side-effects", _TRANSFORMING): NOT_NON_ADDICTIVE,
    ("rapid-relief", _TRANSFORMING): SPEED_OVERSTATED,
    ("benefit-without-reference", "Rapid Pain Relief"): SPEED_OVERSTATED,
    ("rapid-relief", "Rapid Pain Relief"): SPEED_OVERSTATED,
    ("unlike-other-treatments", _WITHIN_HOURS): SPEED_OVERSTATED,
    ("within-minutes-or-hours", _WITHIN_HOURS): SPEED_OVERSTATED,
    ("benefit-without-reference", "Effective for Treatment-Resistant Pain"): (
        TREATMENT_RESISTANT_PAIN
    ),
    ("benefit-without-reference", "Non-Addictive"): NOT_NON_ADDICTIVE,
    ("non-addictive", "Non-Addictive"): NOT_NON_ADDICTIVE,
    ("non-addictive", _NO_ADDICTIVE_PROPERTIES): NOT_NON_ADDICTIVE,
    ("unlike-other-treatments", _NO_ADDICTIVE_PROPERTIES): OPIOID_COMPARISON,
    ("safer-or-better-than", _NO_ADDICTIVE_PROPERTIES): OPIOID_COMPARISON,
    ("benefit-without-reference", "Neuroplasticity"): NEUROPLASTICITY,
    ("permanent-results", _NEURAL_PATHWAYS): NEUROPLASTICITY,
    ("benefit-without-reference", "Minimal Side Effects"): SIDE_EFFECTS_UNDERSTATED,
    ("minimal-side-effects", "Minimal Side Effects"): SIDE_EFFECTS_UNDERSTATED,
}

_BY_NORMALISED = {
    (rule, normalise_sentence(sentence)): justification
    for (rule, sentence), justification in DEMO_RESOLUTIONS.items()
}


def justification_for(rule: str, sentence: str) -> str | None:
    """The reviewer's justification for a flag of this rule on this sentence, if the demo has
    one (case, spacing, hyphens and quote marks do not matter)."""
    return _BY_NORMALISED.get((rule, normalise_sentence(sentence)))


def justification_for_flag(flag: Flag) -> str | None:
    return justification_for(flag.rule, flag.sentence)

"""Justifications for the demo's flags, taken in substance from the clinical reviewer's notes
(demo/sources/ketamine-clinical-review-notes.md); nothing here is new.

Most flags come from the article as written (the first revision); each justification is what
the reviewer found and how the reviewed wording deals with it, for a demo that shows that
revision being reviewed. The reviewed wording (the live revision) keeps one fact from the
article that the notes let stand, that the light-headed or detached feeling during an infusion
is temporary; the checker flags that wording as possibly minimising, and its sign-off resolves
those flags with the notes' finding.

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
ANTI_INFLAMMATORY = (
    "Not established for chronic pain outcomes: none of the references (refs 1 to 4) shows an "
    "anti-inflammatory effect that makes ketamine more effective for pain. The reviewed text "
    "removes it as a benefit."
)
TEMPORARY_SENSATIONS = (
    "A fact from the article that stands (reviewer's notes): temporary light-headedness or "
    "feeling detached during the infusion, with monitoring throughout. The reviewed text lists "
    "it beside the other common and serious effects and their sources (refs 2 and 4)."
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
_EFFECTIVE_RELIEF = (
    "This unique mechanism allows ketamine to provide effective pain relief, particularly for "
    "neuropathic and treatment-resistant pain conditions."
)
_RESET = (
    "Its ability to \u201creset\u201d pain pathways makes it an innovative tool for managing "
    "chronic pain."
)
_INTERRUPTING = (
    "By interrupting these pain pathways, ketamine helps reduce the intensity of chronic pain "
    "signals."
)
_NEUROPLASTICITY = (
    "It also promotes neuroplasticity, encouraging the brain to create new, healthier pathways "
    "and reduce the body\u2019s reliance on pain signals."
)
_ANTI_INFLAMMATORY = (
    "Additionally, ketamine\u2019s anti-inflammatory properties make it particularly effective "
    "for conditions where inflammation plays a role in pain."
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
_AVENUE_OF_HOPE = (
    "For individuals who have not found relief through conventional treatments, ketamine offers "
    "a new avenue of hope, particularly for neuropathic and chronic pain."
)
_NO_ADDICTIVE_PROPERTIES = (
    "Unlike opioids, ketamine does not have addictive properties, making it a safer long-term "
    "option for managing chronic pain."
)
_NEURAL_PATHWAYS = (
    "Ketamine promotes the growth of new neural pathways, which can help patients experience "
    "lasting pain relief even after the treatment period."
)
_SUBSIDE = (
    "While ketamine can cause short-term side effects like nausea, dizziness, or mild "
    "dissociation, these effects are temporary and typically subside shortly after the "
    "treatment."
)
_SENSATIONS_FADE = (
    "Patients may feel lightheaded or dissociated during the infusion, but these sensations are "
    "temporary and tend to fade soon after the treatment concludes."
)
_COMMON_EFFECTS_SUBSIDE = (
    "These effects are temporary and typically subside shortly after the treatment."
)
_BENEFICIAL = (
    "It is particularly beneficial for those with neuropathic pain or other treatment-resistant "
    "conditions."
)
_CONTACT_TODAY = (
    "If you\u2019re interested in learning more about ketamine therapy for pain management or "
    "scheduling a consultation, contact us today!"
)
# The reviewed wording.
_REVIEWED_FEELINGS_FADE = (
    "You may feel light-headed or detached during the infusion; these feelings are temporary "
    "and tend to fade soon after the session ends."
)
_REVIEWED_FAQ_FEELINGS = (
    "These feelings are temporary and tend to fade soon after the session ends."
)

# (rule, sentence as written) → justification.
DEMO_RESOLUTIONS: dict[tuple[str, str], str] = {
    # The article as written.
    ("hope-and-hype", _SUMMARY): MARKETING_WORDING,
    ("hope-and-hype", _GROUNDBREAKING): MARKETING_WORDING,
    ("unqualified-efficacy", _EFFECTIVE_RELIEF): TREATMENT_RESISTANT_PAIN,
    ("hope-and-hype", _RESET): MARKETING_WORDING,
    ("mechanism-overclaim", _RESET): NEUROPLASTICITY,
    ("unqualified-efficacy", _INTERRUPTING): TREATMENT_RESISTANT_PAIN,
    ("unqualified-efficacy", _NEUROPLASTICITY): NEUROPLASTICITY,
    ("mechanism-overclaim", _NEUROPLASTICITY): NEUROPLASTICITY,
    ("unqualified-efficacy", _ANTI_INFLAMMATORY): ANTI_INFLAMMATORY,
    ("denies-a-risk", _UNLIKE_OPIOIDS): BREATHING_AND_ADDICTION,
    ("unlike-other-treatments", _UNLIKE_OPIOIDS): OPIOID_COMPARISON,
    ("better-than-others", _UNLIKE_OPIOIDS): OPIOID_COMPARISON,
    ("hope-and-hype", _TRANSFORMING): MARKETING_WORDING,
    ("unqualified-efficacy", _TRANSFORMING): TREATMENT_RESISTANT_PAIN,
    ("downplays-side-effects", _TRANSFORMING): NOT_NON_ADDICTIVE,
    ("fast-results", _TRANSFORMING): SPEED_OVERSTATED,
    ("benefit-without-reference", "Rapid Pain Relief"): SPEED_OVERSTATED,
    ("fast-results", "Rapid Pain Relief"): SPEED_OVERSTATED,
    ("unlike-other-treatments", _WITHIN_HOURS): SPEED_OVERSTATED,
    ("results-within-a-time", _WITHIN_HOURS): SPEED_OVERSTATED,
    ("benefit-without-reference", "Effective for Treatment-Resistant Pain"): (
        TREATMENT_RESISTANT_PAIN
    ),
    ("unqualified-efficacy", "Effective for Treatment-Resistant Pain"): TREATMENT_RESISTANT_PAIN,
    ("hope-and-hype", _AVENUE_OF_HOPE): TREATMENT_RESISTANT_PAIN,
    ("benefit-without-reference", "Non-Addictive"): NOT_NON_ADDICTIVE,
    ("denies-a-risk", "Non-Addictive"): NOT_NON_ADDICTIVE,
    ("denies-a-risk", _NO_ADDICTIVE_PROPERTIES): NOT_NON_ADDICTIVE,
    ("unlike-other-treatments", _NO_ADDICTIVE_PROPERTIES): OPIOID_COMPARISON,
    ("better-than-others", _NO_ADDICTIVE_PROPERTIES): OPIOID_COMPARISON,
    ("benefit-without-reference", "Neuroplasticity"): NEUROPLASTICITY,
    ("mechanism-overclaim", "Neuroplasticity"): NEUROPLASTICITY,
    ("unqualified-efficacy", _NEURAL_PATHWAYS): NEUROPLASTICITY,
    ("permanent-results", _NEURAL_PATHWAYS): NEUROPLASTICITY,
    ("mechanism-overclaim", _NEURAL_PATHWAYS): NEUROPLASTICITY,
    ("benefit-without-reference", "Minimal Side Effects"): SIDE_EFFECTS_UNDERSTATED,
    ("downplays-side-effects", "Minimal Side Effects"): SIDE_EFFECTS_UNDERSTATED,
    ("downplays-side-effects", _SUBSIDE): SIDE_EFFECTS_UNDERSTATED,
    ("side-effects-soon-pass", _SUBSIDE): SIDE_EFFECTS_UNDERSTATED,
    ("side-effects-soon-pass", _SENSATIONS_FADE): TEMPORARY_SENSATIONS,
    ("side-effects-soon-pass", _COMMON_EFFECTS_SUBSIDE): SIDE_EFFECTS_UNDERSTATED,
    ("unqualified-efficacy", _BENEFICIAL): TREATMENT_RESISTANT_PAIN,
    ("urgency-pressure", _CONTACT_TODAY): MARKETING_WORDING,
    # The reviewed wording.
    ("side-effects-soon-pass", _REVIEWED_FEELINGS_FADE): TEMPORARY_SENSATIONS,
    ("side-effects-soon-pass", _REVIEWED_FAQ_FEELINGS): TEMPORARY_SENSATIONS,
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

"""Structured facts said in words: a risk's frequency and a step's timing.

Editors enter the facts as fields; patients read sentences. The sentences are built here once,
so the web page, the kiosk, the API and the JSON-LD say exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import capfirst


@dataclass(frozen=True)
class FrequencyBand:
    """A band of the convention used in medicines' product information (EU SmPC, UK PIL)."""

    value: str
    label: str
    meaning: str
    # The band's range as "1 in N": N from (exclusive) and up to (inclusive); None is open.
    above: int | None
    up_to: int | None

    def holds(self, one_in: int) -> bool:
        return (self.above is None or one_in > self.above) and (
            self.up_to is None or one_in <= self.up_to
        )


FREQUENCY_BANDS = (
    FrequencyBand("very_common", "Very common", "may affect more than 1 in 10 people", None, 10),
    FrequencyBand("common", "Common", "may affect up to 1 in 10 people", 10, 100),
    FrequencyBand("uncommon", "Uncommon", "may affect up to 1 in 100 people", 100, 1_000),
    FrequencyBand("rare", "Rare", "may affect up to 1 in 1,000 people", 1_000, 10_000),
    FrequencyBand("very_rare", "Very rare", "may affect up to 1 in 10,000 people", 10_000, None),
    FrequencyBand(
        "not_known", "Not known", "how often cannot be estimated from the data", None, None
    ),
)
BANDS = {band.value: band for band in FREQUENCY_BANDS}
FREQUENCY_CHOICES = [(band.value, band.label) for band in FREQUENCY_BANDS]

# The bands are defined on people. A figure counted per session, dose or course is not a rate
# per person, so only such a count is exempt from falling in its band; any other count (people,
# patients, women, children…) must.
NOT_PEOPLE_WORDS = frozenset(
    {"session", "sessions", "course", "courses", "dose", "doses", "infusion", "infusions",
     "injection", "injections", "treatment", "treatments", "procedure", "procedures",
     "cycle", "cycles", "visit", "visits", "operation", "operations", "prescription",
     "prescriptions"}
)  # fmt: skip
DEFAULT_PER = "people"
_END_PUNCTUATION = ".…!?;:, "


def counts_people(per: str) -> bool:
    words = clause(per or DEFAULT_PER).lower().split()
    return not words or words[0] not in NOT_PEOPLE_WORDS


def band_for(one_in: int) -> FrequencyBand:
    """The band a rate of 1 in ``one_in`` people falls in."""
    return next(band for band in FREQUENCY_BANDS[:-1] if band.holds(one_in))


def frequency_text(band: str | None, one_in: int | None, per: str = "") -> str:
    """``"Rare: about 1 in 30,000 sessions"``, ``"Common: may affect up to 1 in 10 people"``,
    or ``""`` when no band is given."""
    found = BANDS.get(band or "")
    if found is None:
        return ""
    if found.value == "not_known":
        return "Frequency not known: how often cannot be estimated from the data"
    if one_in:
        return f"{found.label}: about 1 in {one_in:,} {clause(per) or DEFAULT_PER}"
    return f"{found.label}: {found.meaning}"


def clause(text: str) -> str:
    """An editor's phrase ready to stand inside a sentence: trimmed, without closing
    punctuation, and its first letter lower-cased unless it starts an acronym ("MRI")."""
    text = (text or "").strip().rstrip(_END_PUNCTUATION).strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def timing_text(
    duration: str = "", how_often: str = "", for_how_long: str = "", when: str = ""
) -> str:
    """A step's timing as sentences a patient reads:
    ``"At week 3. Each session takes about 40 minutes, 5 days a week for 4 to 6 weeks."``"""
    duration, how_often, for_how_long, when = map(clause, (duration, how_often, for_how_long, when))
    repeat = " for ".join(filter(None, (how_often, for_how_long)))
    if for_how_long and not how_often:
        repeat = f"{'over' if duration else 'for'} {for_how_long}"
    takes = ""
    if duration:
        repeated = how_often or for_how_long
        takes = f"{'each session takes' if repeated else 'takes'} {duration}"
    sentences = [when, ", ".join(filter(None, (takes, repeat)))]
    return " ".join(f"{capfirst(sentence)}." for sentence in sentences if sentence)
